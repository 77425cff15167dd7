// The main withdrawal journey inside a mobile app's web view (390×844, touch, device scale
// factor 3), signed in with the identity the host app hands over: the host draws the top
// bar, so the app has none and names each page in document.title.
import { test, expect } from "@playwright/test";
import { createHmac } from "node:crypto";
import { signedInApi } from "./api.mjs";
import { ComplaintDetail, ComplaintList, Receipt, withdrawFromList } from "./pages.mjs";
import { deploy } from "./settings.mjs";

test("signed in by the host: no brand bar of ours, the journey, the receipt kept as a picture, back", async ({ page }) => {
  const api = await signedInApi(deploy.webviewOrigin, "demo-shopper");
  const complaint = await api.freshComplaint();
  const expiry = Date.now() + 10 * 60 * 1000;
  const payload = `demo-shopper.${expiry}`;
  const token = `${payload}.${createHmac("sha256", deploy.hostSecret).update(payload).digest("hex")}`;

  await page.goto(`/#host_token=${token}`);
  const list = new ComplaintList(page);
  await expect(list.rows.first()).toBeVisible();
  await expect(page.getByTestId("sign-in-page")).toHaveCount(0);
  // The token does not stay in the address bar.
  expect(page.url()).not.toContain("host_token");
  // The host's bar shows the title; ours is gone; language and sign-out are in the tab bar.
  await expect(page.getByTestId("app-header")).toHaveCount(0);
  await expect(page).toHaveTitle("我的投诉");
  await expect(page.getByTestId("bottom-nav").getByTestId("account-menu")).toBeVisible();
  // A reload inside the host stays embedded.
  await page.reload();
  await expect(list.rows.first()).toBeVisible();
  await expect(page.getByTestId("app-header")).toHaveCount(0);

  // The system back button is the browser's history: in-app navigation.
  await list.row(complaint.number).locator(".complaint-row__link").click();
  const detail = new ComplaintDetail(page);
  await expect(detail.root).toBeVisible();
  await expect(page).toHaveTitle("投诉详情");
  await detail.startWithdrawal();
  await page.goBack();
  await expect(detail.root).toBeVisible();
  await page.goBack();
  await expect(list.root).toBeVisible();

  await withdrawFromList(page, complaint.number);
  const receipt = new Receipt(page);
  await expect(page).toHaveTitle("撤销凭证");
  await expect(receipt.title).toBeFocused();
  // A web view cannot print: the receipt is kept as a picture (press and hold to save).
  await page.getByTestId("save-receipt").click();
  const picture = page.getByTestId("receipt-picture").locator("img");
  await expect(picture).toBeVisible();
  expect(await picture.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
  expect(await picture.evaluate((image) => image.naturalWidth)).toBeGreaterThan(300);

  // After the receipt, back returns to where the withdrawal began, not to the sent form.
  await page.goBack();
  await expect(list.root).toBeVisible();
  await expect(list.state(list.row(complaint.number))).toHaveAttribute("data-code", "already_withdrawn");
  await api.dispose();
});
