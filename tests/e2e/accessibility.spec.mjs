// axe-core on every page, at both viewports; and the screenshots the README shows.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";
import { signedInApi } from "./api.mjs";
import { AppPage, WithdrawForm } from "./pages.mjs";

const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), "../../docs/screenshots");

/** Every violation found, across pages, so one run shows them all. */
const violations = [];

async function expectNoViolations(page, name) {
  const results = await new AxeBuilder({ page }).analyze();
  violations.push(
    ...results.violations.map((violation) => ({
      page: name,
      rule: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
    })),
  );
}

test("every page passes axe-core with no violations", async ({ page, baseURL }, testInfo) => {
  violations.length = 0;
  const app = new AppPage(page);
  const shopper = await signedInApi(baseURL, "demo-shopper");
  const complaint = await shopper.freshComplaint();
  const { items } = await shopper.complaints("?status=revoked");
  const revoked = items[0];
  const orders = await shopper.orders();
  const free = orders.find((order) => order.complaints.every((c) => !["pending", "processing", "arbitration"].includes(c.status)));
  const { items: expired } = await shopper.complaints("?status=pending");
  const expiredOne = expired.find((c) => c.filed_at < Date.now() - 24 * 3600 * 1000);

  const checked = [];
  const visit = async (name, path, ready) => {
    await page.goto(path);
    await page.getByTestId(ready).first().waitFor();
    await expectNoViolations(page, name);
    checked.push(name);
  };

  await visit("help", "/help", "help-page");
  await visit("sign-in", "/", "sign-in-page");
  await app.signInAs("demo-shopper");
  await visit("complaint list", "/", "complaint-rows");
  await visit("complaint list, filtered", "/?status=arbitration", "complaint-rows");
  await visit("complaint detail", `/complaints/${complaint.id}`, "eligibility");
  await visit("withdrawal form", `/complaints/${complaint.id}/withdraw`, "withdraw-form");

  const form = new WithdrawForm(page);
  await form.submit.click(); // validation messages shown
  await expectNoViolations(page, "withdrawal form with errors");
  await form.fillValid();
  await form.submit.click();
  await expect(form.dialog).toBeVisible();
  await expectNoViolations(page, "confirmation dialog");
  await page.keyboard.press("Escape");

  await visit("receipt", `/complaints/${revoked.id}/receipt`, "receipt");
  await visit("assistance request", `/complaints/${expiredOne.id}/assistance`, "assistance-form");
  await visit("orders", "/orders", "order-row");
  await visit("file a complaint", `/orders/${free.id}/complain`, "file-form");
  await visit("not found", "/complaints/999999", "not-found-page");

  // Dark mode has its own colours: check their contrast too.
  await page.emulateMedia({ colorScheme: "dark" });
  await visit("complaint list, dark", "/", "complaint-rows");
  await visit("withdrawal form, dark", `/complaints/${complaint.id}/withdraw`, "withdraw-form");
  await visit("help, dark", "/help", "help-page");
  await page.emulateMedia({ colorScheme: "light" });

  await page.getByTestId("sign-out").click();
  await app.signInAs("demo-agent");
  await visit("agent console", "/agent", "agent-page");

  expect(violations, "axe violations").toEqual([]);
  testInfo.annotations.push({ type: "axe", description: `${checked.length} pages, 0 violations` });
  await shopper.dispose();
});

test("screenshots of the main screens", async ({ page, baseURL }, testInfo) => {
  const project = testInfo.project.name;
  const app = new AppPage(page);
  const shopper = await signedInApi(baseURL, "demo-shopper");
  const complaint = await shopper.freshComplaint();
  await app.signInAs("demo-shopper");

  const shoot = async (name) => {
    await page.screenshot({ path: `${screenshots}/${project}-${name}.png` });
  };
  await page.goto("/");
  await page.getByTestId("complaint-rows").waitFor();
  await shoot("list");
  await page.goto(`/complaints/${complaint.id}`);
  await page.getByTestId("eligibility").waitFor();
  await shoot("detail");
  const form = new WithdrawForm(page);
  await form.open(complaint.id);
  await form.fillValid();
  await shoot("withdraw");
  await form.submit.click();
  await expect(form.dialog).toBeVisible();
  await shoot("confirm");
  await form.confirm.click();
  await page.getByTestId("receipt").waitFor();
  await shoot("receipt");

  // The receipt as printed: no navigation, no buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".app-header")).toBeHidden();
  await expect(page.getByTestId("print-receipt")).toBeHidden();
  await expect(page.getByTestId("receipt-reference")).toBeVisible();
  await shoot("receipt-print");
  await page.emulateMedia({ media: "screen", colorScheme: "dark" });
  await page.goto("/");
  await page.getByTestId("complaint-rows").waitFor();
  await shoot("list-dark");
  await shopper.dispose();
});
