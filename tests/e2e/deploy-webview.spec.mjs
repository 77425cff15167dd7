// The main withdrawal journey inside a mobile app's web view (390×844, touch, device scale
// factor 3), signed in with the identity the host app hands over.
import { test, expect } from "@playwright/test";
import { createHmac } from "node:crypto";
import { signedInApi } from "./api.mjs";
import { AppPage, ComplaintDetail, ComplaintList, withdrawFromList } from "./pages.mjs";
import { deploy } from "./settings.mjs";

test("signed in by the host, withdrawal journey, back button", async ({ page }) => {
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

  // The system back button is the browser's history: in-app navigation.
  await list.row(complaint.number).click();
  const detail = new ComplaintDetail(page);
  await expect(detail.root).toBeVisible();
  await detail.startWithdrawal();
  await page.goBack();
  await expect(detail.root).toBeVisible();
  await page.goBack();
  await expect(list.root).toBeVisible();

  await withdrawFromList(page, complaint.number);
  // After the receipt, back returns to the complaint, not to the submitted form.
  await page.goBack();
  await expect(detail.root).toBeVisible();
  await expect(detail.root).toHaveAttribute("data-status", "revoked");
  await api.dispose();
});
