import { test, expect } from "@playwright/test";
import { HelpPage } from "./pages.mjs";

test("the release build renders the help page in Chinese with no console errors", async ({ page }) => {
  const help = new HelpPage(page);
  await help.open();
  await expect(help.heading).toHaveText("撤销投诉规则");
  await expect(help.windowRule).toContainText("24小时内");
  await expect(help.root.getByTestId("withdrawable-statuses")).toContainText("待处理");
  expect(help.consoleErrors).toEqual([]);
});

test("English is switchable and remembered across a reload", async ({ page }) => {
  const help = new HelpPage(page);
  await help.open();
  await help.switchLanguage("en");
  await expect(help.heading).toHaveText("Withdrawing a complaint: the rules");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(help.heading).toHaveText("Withdrawing a complaint: the rules");
  expect(help.consoleErrors).toEqual([]);
});

test("unknown deep links show the not-found page", async ({ page }) => {
  await page.goto("/nosuchpage");
  await expect(page.getByTestId("not-found-page")).toBeVisible();
  await page.goto("/help/no/such/section");
  await expect(page.getByTestId("not-found-page")).toBeVisible();
});
