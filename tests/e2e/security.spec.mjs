// Injection: script and HTML payloads in a description, a withdrawal note and the search text
// are stored as given and shown as text. No dialog opens, no script or handler reaches the
// DOM, and the strict Content-Security-Policy reports no violation (an injected inline
// handler would be blocked *and* reported, so "no report" means "not in the DOM at all").
// Runs in the "desktop" project, after the journeys (it files one complaint and withdraws it,
// so the shopper's free orders are unchanged).
import { test, expect } from "@playwright/test";
import { signedInApi } from "./api.mjs";
import { ComplaintDetail, ComplaintList, Receipt } from "./pages.mjs";

const SHOPPER = "demo-shopper";
const PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>";
const DESCRIPTION = `${PAYLOAD} "><svg onload=alert(2)><iframe src=javascript:alert(3)></iframe> 商品与描述不符`;
const NOTE = `${PAYLOAD}<b>bold?</b>`;

/** Records dialogs, CSP violations and the payloads' side effects. */
async function watch(page) {
  const dialogs = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) =>
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`),
    );
  });
  return dialogs;
}

/** Nothing from the payloads is an element, and nothing ran or was blocked. */
async function expectInert(page, dialogs) {
  const dom = await page.evaluate(() => ({
    scripts: [...document.querySelectorAll("body script")].length,
    handlers: [...document.querySelectorAll("[onerror], [onload], [onclick]")].length,
    images: [...document.querySelectorAll("img[src=x], svg[onload], iframe")].length
      + [...document.querySelectorAll("b")].filter((b) => b.textContent === "bold?").length,
    violations: window.__violations,
  }));
  expect(dom).toEqual({ scripts: 0, handlers: 0, images: 0, violations: [] });
  expect(dialogs).toEqual([]);
}

test("script payloads in a description, a note and a search are shown as text, never run", async ({ page, baseURL }) => {
  const dialogs = await watch(page);
  const api = await signedInApi(baseURL, SHOPPER);
  const orders = await api.orders();
  const free = orders.find((order) =>
    order.complaints.every((complaint) => ["resolved", "closed", "withdrawn"].includes(complaint.status)),
  );
  const filed = await api.fileComplaint(free.id, "other", DESCRIPTION);
  expect(filed.description).toBe(DESCRIPTION);

  const detail = new ComplaintDetail(page);
  await detail.signInAs(SHOPPER);
  const response = await page.goto(`/complaints/${filed.id}`);
  const csp = response.headers()["content-security-policy"];
  expect(csp).toContain("script-src 'self' 'sha256-");
  expect(csp).not.toContain("unsafe-inline");
  await detail.root.waitFor();
  await expect(page.locator("dd.facts__text", { hasText: "商品与描述不符" })).toHaveText(DESCRIPTION);
  await expectInert(page, dialogs);

  // Withdrawn with the payload as its note: the timeline and the receipt show it as text.
  const withdrawn = await api.context.post(`/api/complaints/${filed.id}/withdrawal`, {
    headers: { "idempotency-key": `e2e-injection-${filed.id}` },
    data: { reason: "other", note: NOTE, expected_version: filed.version },
  });
  expect(withdrawn.status()).toBe(200);
  await page.goto(`/complaints/${filed.id}`);
  await detail.root.waitFor();
  await expect(detail.timeline).toContainText(NOTE);
  await expectInert(page, dialogs);
  const receipt = new Receipt(page);
  await page.goto(`/complaints/${filed.id}/receipt`);
  await expect(receipt.note).toHaveText(NOTE);
  await expectInert(page, dialogs);

  // The search text goes to the URL and the input, and finds nothing.
  const list = new ComplaintList(page);
  await list.open();
  await list.search(PAYLOAD);
  await expect(page).toHaveURL(/q=/);
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expect(page.getByTestId("search-input")).toHaveValue(PAYLOAD);
  await expectInert(page, dialogs);
  // Loaded straight from such a URL, too.
  await page.goto(`/?q=${encodeURIComponent(PAYLOAD)}`);
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await expectInert(page, dialogs);

  expect(detail.unexpectedConsoleErrors()).toEqual([]);
  await api.dispose();
});
