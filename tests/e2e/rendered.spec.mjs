// Pages the server renders (`complaint-server --render`), which the wasm then takes over:
// the first paint needs no wasm and no request, the takeover asks nothing again and changes
// nothing on screen, and the journeys go on in the app (issue 28).
import { test, expect } from "@playwright/test";
import { signedInApi } from "./api.mjs";
import { ComplaintList, withdrawFromList } from "./pages.mjs";

const SHOPPER = "demo-shopper";

/** The session cookie of a demo account, put in the browser context. */
async function signIn(context, baseURL, username) {
  const api = await signedInApi(baseURL, username);
  const { cookies } = await api.context.storageState();
  await api.dispose();
  await context.addCookies(cookies);
}

/** Waits until the wasm has taken the page over. */
async function ready(page) {
  await page.locator("html[data-app=ready]").waitFor({ state: "attached" });
}

test("the list arrives rendered: rows, tabs and deadlines without the wasm", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  await signIn(context, baseURL, SHOPPER);
  const page = await context.newPage();
  const response = await page.goto("/");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("private, no-store");
  const list = new ComplaintList(page);
  await expect(list.rows.first()).toBeVisible();
  expect(await list.rows.count()).toBeGreaterThanOrEqual(8);
  // The most urgent first, with its deadline in the shopper's words (as Intl writes it).
  const state = page.getByTestId("withdrawal-state").first();
  await expect(state).toHaveAttribute("data-state", "open");
  await expect(state).toContainText(/\d{1,2}月\d{1,2}日\s\d\d:\d\d\s*前/);
  await expect(page.locator("html")).not.toHaveAttribute("data-app", "ready");
  await context.close();
});

test("the wasm takes the list over without asking again, without an error, and the journey goes on", async ({ page, context, baseURL }) => {
  await signIn(context, baseURL, SHOPPER);
  const asked = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/") && url.pathname !== "/api/events") asked.push(url.pathname);
  });
  const problems = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));

  await page.goto("/");
  await ready(page);
  const list = new ComplaintList(page);
  const rendered = await list.rows.count();
  // The takeover: the same rows, and no second request for what the page already carries.
  await page.waitForTimeout(500);
  expect(await list.rows.count()).toBe(rendered);
  expect(asked.filter((path) => path === "/api/complaints")).toEqual([]);
  expect(problems).toEqual([]);

  // The app now runs: a withdrawal from the list to the receipt.
  const withdrawable = list.rowsIn("open").first();
  const number = await withdrawable.getAttribute("data-number");
  await withdrawFromList(page, number);
  expect(problems).toEqual([]);
});

test("a deep link to a complaint is rendered, and another shopper's is the not-found page with 404", async ({ page, context, baseURL }) => {
  await signIn(context, baseURL, SHOPPER);
  const shopper = await signedInApi(baseURL, SHOPPER);
  const { items } = await shopper.complaints("");
  await shopper.dispose();
  const response = await page.goto(`/complaints/${items[0].id}`);
  expect(response.status()).toBe(200);
  await expect(page.getByText(items[0].number).first()).toBeVisible();
  await ready(page);

  const other = await signedInApi(baseURL, "demo-unverified");
  const { items: theirs } = await other.complaints("");
  await other.dispose();
  const foreign = await page.goto(`/complaints/${theirs[0].id}`);
  expect(foreign.status()).toBe(404);
  await expect(page.getByTestId("not-found-page")).toBeVisible();
});

test("signed out, a page renders sign-in, and signing in leads to the list", async ({ page }) => {
  const response = await page.goto("/");
  expect(response.status()).toBe(200);
  await expect(page.getByTestId("sign-in-page")).toBeVisible();
  await ready(page);
  await page.getByTestId(`sign-in-${SHOPPER}`).click();
  await expect(new ComplaintList(page).rows.first()).toBeVisible();
});
