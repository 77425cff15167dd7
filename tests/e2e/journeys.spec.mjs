// Every journey of the complaint desk, in the real app against the real server.
import { test, expect } from "@playwright/test";
import { signedInApi } from "./api.mjs";
import {
  AgentConsole,
  AssistanceForm,
  ComplaintDetail,
  ComplaintList,
  FileComplaint,
  Orders,
  Receipt,
  WithdrawForm,
} from "./pages.mjs";

const SHOPPER = "demo-shopper";

/** Records the withdrawal requests the browser sends. */
function watchWithdrawals(page) {
  const sent = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/revocation")) {
      sent.push({ key: request.headers()["idempotency-key"], body: request.postDataJSON() });
    }
  });
  return sent;
}


test("complaint list: tabs with counts, live countdowns, search, filters in the URL", async ({ page }) => {
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await list.open();
  await expect(list.rows.first()).toBeVisible();
  const allCount = Number(await list.tab("all").locator(".tab__count").innerText());
  expect(allCount).toBeGreaterThanOrEqual(8);
  await expect(list.rows).toHaveCount(allCount);

  // An open complaint counts down; an expired one says why it cannot be withdrawn.
  await expect(page.locator("[data-testid=window-badge][data-state=open]").first()).toContainText("剩余");
  await expect(page.locator("[data-testid=window-badge][data-code=window_expired]").first()).toBeVisible();
  await expect(page.locator("[data-testid=window-badge][data-code=in_arbitration]")).toHaveCount(1);

  await list.tab("arbitration").click();
  await expect(page).toHaveURL(/status=arbitration/);
  await expect(list.rows).toHaveCount(1);
  await expect(list.rows.first()).toContainText("平台仲裁中");

  await page.goBack();
  await expect(list.rows).toHaveCount(allCount);

  const number = await list.rows.nth(2).getAttribute("data-number");
  await list.search(number);
  await expect(page).toHaveURL(/q=/);
  await expect(list.rows).toHaveCount(1);
  await expect(list.rows.first()).toHaveAttribute("data-number", number);

  await list.search("no-such-number");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  expect(list.unexpectedConsoleErrors()).toEqual([]);
});

test("withdraw: validation, safeguards, confirmation dialog, receipt, file again", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  const sent = watchWithdrawals(page);

  const detail = new ComplaintDetail(page);
  await detail.signInAs(SHOPPER);
  await detail.open(complaint.id);
  await expect(detail.eligibility).toHaveAttribute("data-state", "open");
  await expect(page.getByTestId("eligibility-countdown")).toContainText("小时");
  await detail.startWithdrawal();

  const form = new WithdrawForm(page);
  // Nothing chosen: the form says what is missing and sends nothing.
  await form.submit.click();
  await expect(page.getByTestId("reason-picker")).toContainText("请选择撤销原因");
  await expect(form.dialog).not.toBeVisible();

  // "Other" needs a note of at least 5 characters; the counter counts what the rules count.
  await form.chooseReason("other");
  await form.note.fill("  太短了  ");
  await expect(form.noteCounter).toHaveText("3/200");
  await form.submit.click();
  await expect(form.noteError).toContainText("至少需要5个字");
  await form.note.fill("退".repeat(201));
  await expect(form.noteCounter).toHaveText("201/200");
  await expect(form.noteError).toContainText("最多200个字");

  await form.note.fill("卖家已经退款，问题解决了");
  await form.answerSafeguards({ remedy: "not_yet", pressure: "none" });
  await expect(page.getByTestId("remedy-warning")).toBeVisible();
  await form.submit.click();
  await expect(page.getByTestId("safeguards")).toContainText("仍然自愿撤销");
  await expect(form.dialog).not.toBeVisible();
  await page.getByTestId("remedy-arrived").check();

  // The dialog: focus starts on cancel, Esc cancels and focus returns to the button.
  await form.submit.click();
  await expect(form.dialog).toBeVisible();
  await expect(form.cancel).toBeFocused();
  await expect(form.dialog).toContainText(complaint.number);
  await page.keyboard.press("Escape");
  await expect(form.dialog).not.toBeVisible();
  await expect(form.submit).toBeFocused();
  expect(sent).toHaveLength(0);

  await form.submit.click();
  await form.confirm.click();

  const receipt = new Receipt(page);
  await expect(receipt.root).toBeVisible();
  await expect(receipt.reference).not.toBeEmpty();
  await expect(receipt.reason).toHaveText("其他");
  await expect(receipt.note).toHaveText("卖家已经退款，问题解决了");
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toMatchObject({ reason: "other", note: "卖家已经退款，问题解决了", expected_version: complaint.version });

  // The back button does not return to the submitted form.
  await detail.open(complaint.id);
  await expect(detail.root).toHaveAttribute("data-status", "revoked");
  await expect(detail.state).toHaveAttribute("data-code", "already_revoked");
  await expect(detail.timeline).toContainText("投诉人撤销了投诉");

  // The order is free again: file a new complaint on it.
  await page.getByTestId("file-again-link").click();
  const filing = new FileComplaint(page);
  await filing.root.waitFor();
  await page.getByTestId("kind-logistics").check();
  await filing.description.fill("短");
  await filing.submit.click();
  await expect(page.getByTestId("description-error")).toContainText("至少需要10个字");
  await filing.description.fill("快递一直没有更新物流信息，已经超过一周。");
  await filing.submit.click();
  await expect(detail.root).toBeVisible();
  await expect(detail.root).toHaveAttribute("data-status", "pending");
  await expect(detail.eligibility).toHaveAttribute("data-state", "open");
  expect(detail.unexpectedConsoleErrors()).toEqual([]);

  // Leave the order free for the next test.
  const filed = Number(page.url().split("/").pop());
  await api.context.post(`/api/complaints/${filed}/revocation`, {
    headers: { "idempotency-key": `cleanup-${filed}` },
    data: { reason: "mistaken", note: "", expected_version: (await api.complaint(filed)).version },
  });
  await api.dispose();
});

test("no request is sent when the rules say no", async ({ page }) => {
  const sent = watchWithdrawals(page);
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await list.open("?status=processing");

  // The 3-day-old processing complaint: window expired.
  const expired = list.rows.filter({ has: page.locator("[data-code=window_expired]") }).first();
  await expired.click();
  const detail = new ComplaintDetail(page);
  await expect(detail.state).toHaveAttribute("data-code", "window_expired");
  await expect(page.getByTestId("withdraw-link")).toHaveCount(0);

  // Even at the form's URL the form is locked and cannot send.
  const id = page.url().split("/").pop();
  const form = new WithdrawForm(page);
  await form.open(id);
  await form.expectLocked(true);
  await expect(form.lockNotice).toContainText("自助撤销时限");
  await expect(form.submit).toBeDisabled();
  await form.submit.click({ force: true });
  await expect(form.dialog).not.toBeVisible();

  // Arbitration: the same.
  await list.open("?status=arbitration");
  await list.rows.first().click();
  await expect(detail.state).toHaveAttribute("data-code", "in_arbitration");
  await form.open(page.url().split("/").pop());
  await form.expectLocked(true);
  await expect(form.submit).toBeDisabled();

  expect(sent).toHaveLength(0);
});

test("unverified shopper cannot withdraw but can ask customer service", async ({ page }) => {
  const sent = watchWithdrawals(page);
  const list = new ComplaintList(page);
  await list.signInAs("demo-unverified");
  await list.open();
  await expect(page.locator("[data-testid=window-badge][data-code=not_verified]")).toHaveCount(1);
  await list.rows.first().click();
  const detail = new ComplaintDetail(page);
  await expect(detail.state).toHaveAttribute("data-code", "not_verified");
  await expect(page.getByTestId("assistance-link")).toBeVisible();
  expect(sent).toHaveLength(0);
});

test("the open form locks itself when the complaint enters arbitration (live)", async ({ page, baseURL }) => {
  const shopper = await signedInApi(baseURL, SHOPPER);
  const agent = await signedInApi(baseURL, "demo-agent");
  const complaint = await shopper.freshComplaint();
  const sent = watchWithdrawals(page);

  const form = new WithdrawForm(page);
  await form.signInAs(SHOPPER);
  await form.open(complaint.id);
  await form.expectLocked(false);
  await form.fillValid();

  await agent.transition(complaint.id, "escalate_to_arbitration", complaint.version);

  await form.expectLocked(true);
  await expect(form.lockNotice).toContainText("平台仲裁");
  await expect(form.submit).toBeDisabled();
  // What the user typed is still there.
  await expect(form.note).toHaveValue("卖家已经退款，问题解决了");
  expect(sent).toHaveLength(0);

  const current = await shopper.complaint(complaint.id);
  await agent.transition(complaint.id, "close", current.version);
  await shopper.dispose();
  await agent.dispose();
});

test("the open form disables itself at the deadline", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  await page.clock.install();
  const sent = watchWithdrawals(page);

  const form = new WithdrawForm(page);
  await form.signInAs(SHOPPER);
  await form.open(complaint.id);
  await form.expectLocked(false);
  await form.fillValid();

  // Jump the browser's clock to a second past the 24-hour window.
  await page.clock.fastForward("24:00:01");
  await form.expectLocked(true);
  await expect(form.lockNotice).toContainText("自助撤销时限");
  await expect(form.submit).toBeDisabled();
  expect(sent).toHaveLength(0);

  const agent = await signedInApi(baseURL, "demo-agent");
  await agent.transition(complaint.id, "close", complaint.version);
  await agent.dispose();
  await api.dispose();
});

test("a conflict (the complaint changed meanwhile) shows what changed", async ({ page, baseURL }) => {
  const shopper = await signedInApi(baseURL, SHOPPER);
  const agent = await signedInApi(baseURL, "demo-agent");
  const complaint = await shopper.freshComplaint();
  // No live updates in this test, so the form still holds the old version when it sends.
  await page.route("**/api/events", (route) => route.abort());

  const form = new WithdrawForm(page);
  await form.signInAs(SHOPPER);
  await form.open(complaint.id);
  await form.fillValid();
  await agent.transition(complaint.id, "start_processing", complaint.version);

  await form.submit.click();
  await form.confirm.click();
  await expect(form.outcome).toHaveAttribute("data-code", "conflict");
  await expect(page.getByTestId("conflict-status")).toContainText("处理中");
  // Still withdrawable (processing, within the window): trying again with the new version works.
  await form.expectLocked(false);
  await form.submit.click();
  await form.confirm.click();
  await expect(new Receipt(page).root).toBeVisible();
  await shopper.dispose();
  await agent.dispose();
});

test("a network failure is retried with the same idempotency key; a double tap sends once", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  const sent = watchWithdrawals(page);
  let failures = 1;
  await page.route("**/revocation", async (route) => {
    if (failures-- > 0) await route.abort("connectionreset");
    else await route.continue();
  });

  const form = new WithdrawForm(page);
  await form.signInAs(SHOPPER);
  await form.open(complaint.id);
  await form.fillValid();
  await form.submit.click();
  await form.confirm.dblclick();

  await expect(new Receipt(page).root).toBeVisible();
  expect(sent).toHaveLength(2);
  expect(sent[0].key).toBeTruthy();
  expect(sent[1].key).toBe(sent[0].key);
  const after = await api.complaint(complaint.id);
  expect(after.status).toBe("revoked");
  expect(after.timeline.filter((event) => event.event.type === "revoked")).toHaveLength(1);
  await api.dispose();
});

test("assistance after the window: requested by the shopper, approved by the agent", async ({ page, browser, baseURL }) => {
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await list.open("?status=pending");
  const expired = list.rows.filter({ has: page.locator("[data-code=window_expired]") }).first();
  const number = await expired.getAttribute("data-number");
  await expired.click();
  await page.getByTestId("assistance-link").click();

  const assistance = new AssistanceForm(page);
  await assistance.root.waitFor();
  await expect(assistance.orderNumber).not.toBeEmpty();
  await assistance.root.getByTestId("reason-resolved").check();
  await assistance.submit.click();

  // Sent: back on the complaint, which shows the request and the usual response time.
  const detail = new ComplaintDetail(page);
  await expect(detail.root).toBeVisible();
  await expect(page.getByTestId("assistance-pending")).toContainText("1–2小时");
  await expect(page.getByTestId("assistance-requests")).toContainText("处理中");

  // The agent, in another browser context, approves it.
  const agentContext = await browser.newContext({ baseURL });
  const agentPage = await agentContext.newPage();
  const console_ = new AgentConsole(agentPage);
  await console_.signInAs("demo-agent");
  await console_.open();
  await console_.queueItem(number).getByTestId("approve").click();
  await expect(console_.queueItem(number)).toHaveCount(0);
  await agentContext.close();

  // The shopper's page updates live.
  await expect(detail.root).toHaveAttribute("data-status", "revoked");
  await expect(detail.timeline).toContainText("客服代投诉人撤销了投诉");
});

test("agent rejects an assistance request with a reason", async ({ page, baseURL }) => {
  // The seeded 3-day-old complaint whose assistance request is waiting.
  const shopper = await signedInApi(baseURL, SHOPPER);
  const { items } = await shopper.complaints("?status=processing");
  const { number } = items.find((complaint) => complaint.assistance_pending);
  await shopper.dispose();

  const console_ = new AgentConsole(page);
  await console_.signInAs("demo-agent");
  await console_.open();
  const item = console_.queueItem(number);
  await item.getByTestId("reject-open").click();
  await item.getByTestId("rejection-input").fill("短");
  await item.getByTestId("reject-submit").click();
  await expect(item).toContainText("至少需要5个字");
  await item.getByTestId("rejection-input").fill("订单仍有售后纠纷，需继续处理");
  await item.getByTestId("reject-submit").click();
  await expect(item).toHaveCount(0);
});

test("orders: each order offers to view its open complaint or to file one", async ({ page }) => {
  const orders = new Orders(page);
  await orders.signInAs(SHOPPER);
  await orders.open();
  await expect(orders.rows.first()).toBeVisible();
  await expect(page.getByTestId("view-complaint").first()).toBeVisible();
  await expect(page.getByTestId("file-complaint").first()).toBeVisible();
  // An order with an open complaint does not offer filing another.
  const open = orders.rows.filter({ has: page.getByTestId("view-complaint") }).first();
  await expect(open.getByTestId("file-complaint")).toHaveCount(0);
});

test("English is switchable and remembered", async ({ page }) => {
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await list.open();
  await list.switchLanguage("en");
  await expect(list.root.locator("h1")).toHaveText("My complaints");
  await page.reload();
  await expect(list.root.locator("h1")).toHaveText("My complaints");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await list.switchLanguage("zh");
});

test("load more: the next page comes from the server's cursor", async ({ page }) => {
  // The real server, asked for pages of 4 instead of 20, so the seeded data spans pages.
  await page.route("**/api/complaints?*", (route) => {
    const url = new URL(route.request().url());
    url.searchParams.set("limit", "4");
    return route.continue({ url: url.toString() });
  });
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await list.open();
  await expect(list.rows).toHaveCount(4);
  const total = Number(await list.tab("all").locator(".tab__count").innerText());
  await page.getByTestId("load-more").click();
  await expect(list.rows).toHaveCount(8);
  while (await page.getByTestId("load-more").count()) {
    await page.getByTestId("load-more").click();
    await page.waitForTimeout(100);
  }
  await expect(list.rows).toHaveCount(total);
  const numbers = await list.rows.evaluateAll((rows) => rows.map((row) => row.dataset.number));
  expect(new Set(numbers).size).toBe(total);
});

test("a server enforcing another rules version asks to reload", async ({ page }) => {
  await page.route("**/api/**", async (route) => {
    // The event stream never ends, so it cannot be fetched and rewritten: pass it through.
    if (route.request().url().endsWith("/api/events")) return route.continue();
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), "x-policy-version": "999" } });
  });
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await expect(page.getByTestId("update-banner")).toBeVisible();
  await expect(page.getByTestId("update-banner")).toContainText("有新版本可用");
  // Requests still in flight (the list loads beside the session check) must not outlive the test.
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

test("agent console: the platform's status moves", async ({ page, baseURL }) => {
  const shopper = await signedInApi(baseURL, SHOPPER);
  const complaint = await shopper.freshComplaint();
  await shopper.dispose();

  const console_ = new AgentConsole(page);
  await console_.signInAs("demo-agent");
  await console_.open();
  const row = console_.moveRow(complaint.number);
  await row.getByTestId("move-start_processing").click();
  await expect(row.getByTestId("status-badge")).toHaveText("处理中");
  // From processing there is no "start processing" any more: the transition table decides.
  await expect(row.getByTestId("move-start_processing")).toHaveCount(0);
  await row.getByTestId("move-close").click();
  await expect(row.getByTestId("status-badge")).toHaveText("已关闭");
  await expect(row.locator("button")).toHaveCount(0);
});

test("text survives 200 % zoom: no horizontal scrolling", async ({ page }, testInfo) => {
  // 200 % zoom of the desktop viewport lays out at half its width (640 px); on a phone the
  // floor is WCAG's reflow width, 320 px (a 390 px phone at 200 % would be 195 px).
  const { width, height } = testInfo.project.use.viewport;
  await page.setViewportSize({ width: Math.max(320, Math.round(width / 2)), height: Math.round(height / 2) });
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  for (const path of ["/", "/orders", "/help"]) {
    await page.goto(path);
    await page.locator("main h1").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  }
});
