// The main withdrawal journey as deployed on a plain static host under a sub-path (/desk/),
// with the API on another origin allowing it by CORS.
import { test, expect } from "@playwright/test";
import { signedInApi } from "./api.mjs";
import { AppPage, ComplaintDetail, ComplaintList, withdrawFromList } from "./pages.mjs";
import { deploy } from "./settings.mjs";

test("withdrawal journey, deep links and reloads", async ({ page }) => {
  const api = await signedInApi(deploy.staticApi, "demo-shopper");
  const complaint = await api.freshComplaint();
  const apiRequests = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/")) apiRequests.push(new URL(request.url()).origin);
  });

  const app = new AppPage(page);
  await page.goto("/desk/");
  await page.getByTestId("sign-in-demo-shopper").click();
  const list = new ComplaintList(page);
  await expect(list.rows.first()).toBeVisible();
  expect(new Set(apiRequests)).toEqual(new Set([deploy.staticApi]));

  // A deep link, reloaded: the host's fallback serves index.html, which finds /desk/.
  await page.goto(`/desk/complaints/${complaint.id}`);
  await expect(new ComplaintDetail(page).root).toBeVisible();
  await page.reload();
  await expect(new ComplaintDetail(page).root).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/desk/complaints/${complaint.id}$`));

  await page.goto("/desk/");
  await withdrawFromList(page, complaint.number);
  await expect(page).toHaveURL(new RegExp(`/desk/complaints/${complaint.id}/receipt$`));
  // The product pictures resolve from the sub-path too.
  await expect(page.getByTestId("receipt").getByTestId("product-thumb").locator("img")).toBeVisible();
  // Back: to the list the withdrawal began from, not to the sent form.
  await page.goBack();
  await expect(page).toHaveURL(/\/desk\/$/);
  await expect(list.root).toBeVisible();
  expect(app.unexpectedConsoleErrors()).toEqual([]);
  await api.dispose();
});

test("the deployment's links out: where to verify a real name and to reach customer service", async ({ page }) => {
  await page.goto("/desk/");
  await page.getByTestId("sign-in-demo-unverified").click();
  const list = new ComplaintList(page);
  const row = list.rowsIn("verify_first").first();
  await expect(row.getByTestId("verify-link")).toHaveAttribute("href", deploy.verifyRealNameUrl);
  await page.goto("/desk/help");
  await expect(page.getByTestId("help-page")).toBeVisible();
});
