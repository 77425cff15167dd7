// Every journey of the complaint desk, in the real app against the real server.
import { test, expect } from "@playwright/test";
import { closeAsAgent, signedInApi } from "./api.mjs";
import {
  AgentConsole,
  AgentConversation,
  AssistanceForm,
  Conversation,
  ComplaintDetail,
  ComplaintList,
  FileComplaint,
  Orders,
  PressureForm,
  Receipt,
  WithdrawForm,
  countActivations,
  withdrawFromList,
} from "./pages.mjs";

const SHOPPER = "demo-shopper";
const WINDOW_MS = 24 * 3600 * 1000;

/** Records the withdrawal requests the browser sends. */
function watchWithdrawals(page) {
  const sent = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/withdrawal")) {
      sent.push({ key: request.headers()["idempotency-key"], body: request.postDataJSON() });
    }
  });
  return sent;
}

test("list: four tabs with counts, chips by status, each row says whether and until when", async ({ page, baseURL }) => {
  // What customer service has now (the conversation's journeys decide the seeded requests).
  const shopper = await signedInApi(baseURL, SHOPPER);
  const { items: ongoing } = await shopper.complaints("?group=open");
  const withCustomerService = ongoing.filter((c) => c.assistance === "pending").length;
  expect(withCustomerService, "a complaint customer service has, to show").toBeGreaterThan(0);
  await shopper.dispose();
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await list.open();
  await expect(list.rows.first()).toBeVisible();
  const all = await list.count("all");
  expect(all).toBeGreaterThanOrEqual(8);
  // The journeys before this one filed complaints of their own: more than one page.
  await list.loadAll(all);
  await expect(list.rows).toHaveCount(all);
  expect((await list.count("open")) + (await list.count("ended"))).toBe(all);

  // The most urgent first: the rows that can still be withdrawn open the list, the soonest
  // deadline first, then the others.
  const states = await list.rows.evaluateAll((rows) =>
    rows.map((row) => row.querySelector("[data-testid=withdrawal-state]").dataset),
  );
  const first = states.findIndex((state) => state.state !== "open");
  expect(first).toBe(await list.count("withdrawable"));
  expect(states.slice(first).filter((state) => state.state === "open")).toEqual([]);
  const deadlines = states.slice(0, first).map((state) => Number(state.deadline));
  expect(deadlines.length).toBeGreaterThanOrEqual(2);
  expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));

  // Withdrawable at a glance, in words: "可自助撤销 · 12月3日 04:32 前" and the time left.
  const open = list.rows.filter({ has: page.locator("[data-testid=withdrawal-state][data-urgency=normal]") }).first();
  await expect(list.state(open)).toContainText("可自助撤销 · ");
  await expect(list.state(open)).toContainText(/\d\s前/);
  await expect(list.state(open).locator("[role=timer]")).toContainText("剩余");
  await expect(open.getByTestId("withdraw-link")).toHaveText("撤销");
  // A refusal says why and offers the way on.
  const expired = list.rowsRefused("window_expired").first();
  await expect(expired.getByTestId("assistance-link")).toBeVisible();
  const arbitration = list.rowsRefused("in_arbitration");
  await expect(arbitration).toHaveCount(1);
  await expect(arbitration.getByTestId("contact-service-link")).toBeVisible();
  // Customer service already has a request: said so, instead of the expired window.
  await expect(list.rowsIn("assistance_pending")).toHaveCount(withCustomerService);
  for (const row of await list.rowsIn("assistance_pending").all()) {
    await expect(list.state(row)).toHaveText("客服处理中");
  }

  // 可撤销: pending and processing complaints inside their window; the count says how many.
  const withdrawable = await list.count("withdrawable");
  await list.tab("withdrawable").click();
  await expect(page).toHaveURL(/group=withdrawable/);
  await expect(list.rows).toHaveCount(withdrawable);
  await expect(list.rowsIn("open")).toHaveCount(withdrawable);

  // 已结束, then one status under it; deep links and the back button keep the view.
  await list.tab("ended").click();
  await expect(list.chips).toBeVisible();
  await list.chip("withdrawn").click();
  await expect(page).toHaveURL(/status=withdrawn/);
  await expect(list.tab("ended")).toHaveAttribute("aria-current", "page");
  await expect(list.chip("withdrawn")).toHaveAttribute("aria-current", "page");
  await page.goBack();
  await expect(page).toHaveURL(/group=ended/);
  await list.open("?status=arbitration");
  await expect(list.rows).toHaveCount(1);
  await expect(list.tab("open")).toHaveAttribute("aria-current", "page");

  // Search lands in the URL, with nothing else; an empty result offers to clear it.
  await list.open();
  const number = await list.rows.nth(2).getAttribute("data-number");
  await list.search(number);
  await expect(page).toHaveURL(new RegExp(`\\?q=${number}$`));
  await expect(list.rows).toHaveCount(1);
  await list.search("no-such-number");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await page.getByTestId("empty-state-action").click();
  await list.loadAll(all);
  await expect(list.rows).toHaveCount(all);
  expect(list.unexpectedConsoleErrors()).toEqual([]);
});

test("the common withdrawal takes five taps from the list to the receipt", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  const sent = watchWithdrawals(page);
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await list.open();
  await expect(list.row(complaint.number)).toBeVisible();

  const taps = await countActivations(page);
  await withdrawFromList(page, complaint.number);
  expect(await taps.count()).toBeLessThanOrEqual(5);

  const receipt = new Receipt(page);
  await expect(receipt.title).toBeFocused();
  await expect(receipt.title).toHaveText("撤销成功");
  await expect(receipt.root).toContainText("不影响您的信用");
  await expect(receipt.product).toHaveText(complaint.order.title);
  await expect(receipt.reason).toHaveText("问题已解决");
  // The refund answer is sent and kept: the receipt shows it, as the server stored it.
  await expect(receipt.root.getByTestId("receipt-remedy")).toHaveText("已收到");
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toMatchObject({ reason: "resolved", note: "", expected_version: complaint.version, remedy: "arrived" });
  // Filing again stays available, but is not the first thing offered.
  await expect(page.getByTestId("back-to-orders")).toBeVisible();
  await expect(page.getByTestId("file-again-link")).toBeVisible();
  await api.dispose();
});

test("withdraw form: only the questions that apply, the first problem focused, then the dialog", async ({ page, baseURL }, testInfo) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  const sent = watchWithdrawals(page);
  const detail = new ComplaintDetail(page);
  await detail.signInAs(SHOPPER);
  await detail.open(complaint.id);
  await expect(detail.eligibility).toHaveAttribute("data-state", "open");
  await detail.startWithdrawal();

  const form = new WithdrawForm(page);
  // Nothing chosen: the first question gets the focus, in words that fit it.
  await form.submit.click();
  await expect(page.getByTestId("reason-picker")).toContainText("请选择撤销原因");
  await expect(page.getByTestId("reason-resolved")).toBeFocused();
  await expect(form.dialog).not.toBeVisible();

  // The refund question belongs to "resolved" only.
  await form.chooseReason("mistaken");
  await expect(form.remedy).toHaveCount(0);
  await form.chooseReason("resolved");
  await expect(form.remedy).toBeVisible();
  await form.submit.click();
  await expect(page.getByTestId("remedy-arrived")).toBeFocused();
  await expect(form.remedy).toContainText("请选择一项");
  // Not yet arrived: keeping the complaint comes first; withdrawing needs an explicit tick.
  await form.answerRemedy("not_yet");
  await expect(page.getByTestId("remedy-warning")).toBeVisible();
  await expect(page.getByTestId("keep-complaint")).toBeVisible();
  await form.submit.click();
  await expect(page.getByTestId("accept-risk")).toBeFocused();
  await expect(page.getByTestId("remedy-warning")).toContainText("请勾选确认");
  await form.answerRemedy("arrived");

  // "Other" needs a note of at least 5 characters; the counter counts what the rules count.
  await form.chooseReason("other");
  await form.note.fill("  太短了  ");
  await expect(form.noteCounter).toHaveText("3/200");
  await form.submit.click();
  await expect(form.noteError).toContainText("至少需要5个字");
  await expect(form.note).toBeFocused();
  await form.note.fill("退".repeat(201));
  await expect(form.noteCounter).toHaveText("201/200");
  await expect(form.noteError).toContainText("最多200个字");
  await form.note.fill("卖家已经退款，问题解决了");

  // The dialog: focus starts on cancel, Esc cancels and focus returns to the button. It is
  // where the choice is affirmed as one's own, with the way to report pressure instead.
  await form.submit.click();
  await expect(form.dialog).toBeVisible();
  await expect(form.cancel).toBeFocused();
  await expect(form.dialog).toContainText(complaint.order.title);
  await expect(page.getByTestId("confirm-voluntary")).toContainText("自愿");
  await expect(page.getByTestId("dialog-pressure-link")).toBeVisible();
  // Right before the tap, what the receipt says it does not change.
  await expect(page.getByTestId("confirm-no-effect")).toHaveText("不影响您的信用，也不影响卖家评分。");
  if (testInfo.project.use.hasTouch) {
    // A bottom sheet: both buttons full width, the confirmation on top, cancel under it.
    const [sheet, confirm, cancel] = await Promise.all(
      [form.dialog, form.confirm, form.cancel].map((element) => element.boundingBox()),
    );
    expect(confirm.width).toBeGreaterThan(sheet.width * 0.8);
    expect(cancel.width).toBeCloseTo(confirm.width, 0);
    expect(confirm.y + confirm.height).toBeLessThanOrEqual(cancel.y);
  }
  await page.keyboard.press("Escape");
  await expect(form.dialog).not.toBeVisible();
  await expect(form.submit).toBeFocused();
  expect(sent).toHaveLength(0);

  await form.submit.click();
  await form.confirm.click();
  const receipt = new Receipt(page);
  await expect(receipt.root).toBeVisible();
  await expect(receipt.reason).toHaveText("其他");
  await expect(receipt.note).toHaveText("卖家已经退款，问题解决了");
  expect(sent).toHaveLength(1);
  expect(sent[0].body).toMatchObject({ reason: "other", note: "卖家已经退款，问题解决了", expected_version: complaint.version });

  // The order is free again: file a new complaint on it from the receipt.
  await page.getByTestId("file-again-link").click();
  const filing = new FileComplaint(page);
  await filing.root.waitFor();
  await page.getByTestId("kind-logistics").check();
  await filing.description.fill("短");
  await filing.submit.click();
  await expect(page.getByTestId("description-error")).toContainText("至少需要10个字");
  await expect(filing.description).toBeFocused();
  await filing.description.fill("快递一直没有更新物流信息，已经超过一周。");
  await filing.submit.click();
  await expect(detail.root).toBeVisible();
  await expect(detail.root).toHaveAttribute("data-status", "pending");
  expect(detail.unexpectedConsoleErrors()).toEqual([]);
  await closeAsAgent(baseURL, Number(page.url().split("/").pop()));
  await api.dispose();
});

test("the open form warns at 5 and 1 minutes, then locks with the words carried to customer service", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  const deadline = complaint.filed_at + WINDOW_MS;
  await page.clock.install();
  const sent = watchWithdrawals(page);
  const form = new WithdrawForm(page);
  await form.signInAs(SHOPPER);
  await form.open(complaint.id);
  await form.expectLocked(false);
  await form.fillValid("卖家同意退款，我先撤销");

  const polite = page.getByTestId("deadline-warning-polite");
  const assertive = page.getByTestId("deadline-warning-assertive");
  await expect(polite).toBeEmpty();
  await page.clock.fastForward(deadline - 4.5 * 60_000 - (await page.evaluate(() => Date.now())));
  await expect(polite).toContainText("不到5分钟");
  await expect(polite).toHaveAttribute("aria-live", "polite");
  await page.clock.fastForward(deadline - 50_000 - (await page.evaluate(() => Date.now())));
  await expect(assertive).toContainText("不到1分钟");
  await expect(assertive).toHaveAttribute("aria-live", "assertive");

  // The deadline: the reason where the eye is (the bottom of the screen), the words kept.
  await page.clock.fastForward(deadline + 1_000 - (await page.evaluate(() => Date.now())));
  await form.expectLocked(true);
  await expect(form.lockNotice).toBeInViewport();
  await expect(form.lockNotice).toContainText("自助撤销已于");
  await expect(form.lockNotice).toContainText("已保留");
  await expect(form.submit).toBeDisabled();
  // Both ways on: customer service withdraws it, or a word with them first.
  await expect(form.lockNotice.getByTestId("contact-service-link")).toHaveAttribute("href", `/complaints/${complaint.id}/conversation`);
  await form.lockNotice.getByTestId("assistance-link").click();
  const assistance = new AssistanceForm(page);
  await assistance.root.waitFor();
  await expect(page.getByTestId("draft-carried")).toBeVisible();
  await expect(page.getByTestId("reason-other")).toBeChecked();
  await expect(assistance.note).toHaveValue("卖家同意退款，我先撤销");
  expect(sent).toHaveLength(0);
  await closeAsAgent(baseURL, complaint.id);
  await api.dispose();
});

test("confirming in the last second, after the deadline, says nothing was sent", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  const deadline = complaint.filed_at + WINDOW_MS;
  await page.clock.install();
  const sent = watchWithdrawals(page);
  const form = new WithdrawForm(page);
  await form.signInAs(SHOPPER);
  await form.open(complaint.id);
  await form.chooseReason("mistaken");
  // Two seconds before the deadline the clock stops; the dialog opens; then time passes
  // the deadline without a tick of the form's own clock.
  await page.clock.pauseAt(deadline - 2_000);
  await form.submit.click();
  await expect(form.dialog).toBeVisible();
  await page.clock.setSystemTime(deadline + 200);
  await form.confirm.click();
  await expect(page.getByTestId("too-late")).toBeVisible();
  await expect(form.lockNotice).toBeInViewport();
  await expect(form.dialog).not.toBeVisible();
  expect(sent).toHaveLength(0);
  await closeAsAgent(baseURL, complaint.id);
  await api.dispose();
});

test("on a phone the complaint's next step stays one tap away after the panel scrolled off", async ({ page }, testInfo) => {
  test.skip(!testInfo.project.use.isMobile, "the bar is a phone's");
  // A small phone, so the history below the panel is long enough to scroll it away.
  await page.setViewportSize({ width: 360, height: 640 });
  const list = new ComplaintList(page);
  const detail = new ComplaintDetail(page);
  await list.signInAs(SHOPPER);
  await list.open("?status=pending");
  await list.openFirstRefused("window_expired");
  await expect(detail.state).toHaveAttribute("data-code", "window_expired");
  const bar = page.getByTestId("sticky-bar");
  await expect(bar).toHaveCount(0);
  await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: "instant" }));
  await expect(bar).toBeVisible();
  await expect(bar).toContainText("已超过自助撤销时限");
  await bar.getByTestId("assistance-link").click();
  await expect(new AssistanceForm(page).root).toBeVisible();
});

test("every refusal leads somewhere: assistance, appeal, verification, filing again, the receipt", async ({ page, browser, baseURL }) => {
  const sent = watchWithdrawals(page);
  const list = new ComplaintList(page);
  const detail = new ComplaintDetail(page);
  await list.signInAs(SHOPPER);

  // The window expired: customer service.
  await list.open("?status=pending");
  await list.openFirstRefused("window_expired");
  await expect(detail.state).toHaveAttribute("data-code", "window_expired");
  // It says when customer service answers, before the shopper asks.
  await expect(detail.state).toContainText("小时内回复");
  await expect(detail.eligibility.getByTestId("withdraw-link")).toHaveCount(0);
  await detail.eligibility.getByTestId("assistance-link").click();
  await expect(new AssistanceForm(page).root).toBeVisible();

  // Arbitration: an appeal to customer service (the deployment's page, by default the help).
  await list.open("?status=arbitration");
  await list.rows.first().locator(".complaint-row__link").click();
  await expect(detail.state).toHaveAttribute("data-code", "in_arbitration");
  // The state line says it cannot be withdrawn; the explanation under it does not repeat it.
  const words = await detail.eligibility.locator(".eligibility__words").innerText();
  expect(words.split("不能撤销").length, words).toBe(2);
  // The conversation with customer service, the complaint attached: no instructions to go
  // elsewhere.
  await detail.eligibility.getByTestId("contact-service-link").click();
  await expect(page.getByTestId("conversation-page")).toBeVisible();
  await expect(page.getByTestId("request-settled")).toBeVisible();
  await expect(page.getByTestId("request-appeal")).toBeVisible();

  // Resolved: file again on the order.
  await list.open("?status=resolved");
  await list.rows.first().locator(".complaint-row__link").click();
  await detail.eligibility.getByTestId("file-again-link").click();
  await expect(new FileComplaint(page).root).toBeVisible();

  // Withdrawn: the receipt first, filing again second.
  await list.open("?status=withdrawn");
  await list.rows.first().locator(".complaint-row__link").click();
  await expect(detail.eligibility.getByTestId("file-again-link")).toBeVisible();
  await detail.eligibility.getByTestId("receipt-link").click();
  await expect(new Receipt(page).root).toBeVisible();

  // Not verified: told the window still runs, and where to verify; customer service too.
  const context = await browser.newContext({ baseURL });
  const other = await context.newPage();
  const unverified = new ComplaintList(other);
  await unverified.signInAs("demo-unverified");
  await unverified.open();
  const row = unverified.rowsIn("verify_first").first();
  await expect(unverified.state(row)).toContainText("先实名认证 · ");
  await row.locator(".complaint-row__link").click();
  const unverifiedDetail = new ComplaintDetail(other);
  await expect(unverifiedDetail.state).toHaveAttribute("data-code", "not_verified");
  await expect(unverifiedDetail.eligibility.getByTestId("assistance-link")).toBeVisible();
  await unverifiedDetail.eligibility.getByTestId("verify-link").click();
  await expect(other).toHaveURL(/\/help#verify$/);
  await context.close();
  expect(sent).toHaveLength(0);
});

test("pressure from the seller is reported, the complaint kept, and the agent's handling comes back live", async ({ page, browser, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  const sent = watchWithdrawals(page);
  const form = new WithdrawForm(page);
  await form.signInAs(SHOPPER);
  await form.open(complaint.id);
  await form.chooseReason("mistaken");
  await form.submit.click();
  // The confirmation is where the choice is affirmed as one's own: report instead.
  await page.getByTestId("dialog-pressure-link").click();
  const pressure = new PressureForm(page);
  await pressure.root.waitFor();
  await expect(pressure.root).toContainText("任何卖家都无权要求您撤销投诉");
  await expect(page.getByTestId("still-withdraw")).toBeVisible();
  // What the seller did is asked first.
  await pressure.submit.click();
  await expect(page.getByTestId("pressure-kind-demanded_withdrawal")).toBeFocused();
  await pressure.choose("conditional_refund");
  await pressure.note.fill("卖家说撤销投诉才给退款");
  await pressure.submit.click();

  // Reported in the conversation with customer service; the complaint is kept.
  const conversation = new Conversation(page);
  await expect(conversation.root).toBeVisible();
  await expect(page.getByTestId("flash")).toContainText("投诉已保留");
  await expect(conversation.cards("pressure_reported")).toContainText("卖家说撤销投诉才给退款");
  const detail = new ComplaintDetail(page);
  await detail.open(complaint.id);
  await expect(detail.root).toHaveAttribute("data-status", "pending");
  await expect(page.getByTestId("pressure-reported")).toBeVisible();
  await expect(detail.timeline).toContainText("举报卖家施压");
  expect(sent).toHaveLength(0);

  const agentContext = await browser.newContext({ baseURL });
  const agentPage = await agentContext.newPage();
  const agentView = new AgentConversation(agentPage);
  await new AgentConsole(agentPage).signInAs("demo-agent");
  await agentView.open(complaint.id);
  await agentView.cards("pressure_reported").getByTestId("handle-pressure").click();
  await expect(agentView.cards("pressure_reported")).toHaveAttribute("data-status", "handled");
  await agentContext.close();
  // The shopper's page follows, live.
  await expect(page.getByTestId("pressure-reports")).toContainText("客服已核实处理");
  await closeAsAgent(baseURL, complaint.id);
  await api.dispose();
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
  await expect(form.lockNotice.getByTestId("contact-service-link")).toBeVisible();
  await expect(form.submit).toBeDisabled();
  // What the user typed is still there.
  await expect(form.note).toHaveValue("卖家已经退款，问题解决了");
  expect(sent).toHaveLength(0);
  await closeAsAgent(baseURL, complaint.id);
  await shopper.dispose();
  await agent.dispose();
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
  // Said in the dialog, where the shopper is looking; it stays open.
  await expect(form.outcome).toHaveAttribute("data-code", "conflict");
  await expect(form.dialog.getByTestId("conflict-status")).toContainText("处理中");
  // Still withdrawable (processing, within the window): trying again with the new version works.
  await form.expectLocked(false);
  await expect(form.confirm).toHaveText("重试");
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
  await page.route("**/withdrawal", async (route) => {
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
  expect(after.status).toBe("withdrawn");
  expect(after.timeline.filter((event) => event.event.type === "withdrawn")).toHaveLength(1);
  await api.dispose();
});

test("orders look like orders: picture, shop, amount; the open complaint to view, else 投诉卖家 on every order", async ({ page }) => {
  const orders = new Orders(page);
  await orders.signInAs(SHOPPER);
  await orders.open();
  await expect(orders.rows.first()).toBeVisible();
  await expect(orders.rows.first().getByTestId("product-thumb").locator("img")).toBeVisible();
  const open = orders.rows.filter({ has: page.getByTestId("view-complaint") }).first();
  await expect(open.getByTestId("file-complaint")).toHaveCount(0);
  // Never complained about: 投诉卖家 in view, as on an order whose complaint ended.
  const free = orders.rows.filter({ hasNot: page.getByTestId("view-complaint") }).filter({ hasNot: page.getByTestId("order-history") }).first();
  await expect(free.getByTestId("file-complaint")).toBeVisible();
  // An order whose only complaint ended (the seeded withdrawn one): 投诉卖家 by name, and
  // 以往投诉 1条 is a link to that complaint.
  const again = orders.rows
    .filter({ has: page.locator("a[data-testid=order-history]") })
    .filter({ hasNot: page.getByTestId("view-complaint") })
    .first();
  await expect(again.getByTestId("file-complaint")).toBeVisible();
  await expect(again.getByTestId("file-complaint")).toHaveText("投诉卖家");
  await expect(again.getByTestId("order-history")).toHaveText("以往投诉 1条");
  await expect(again.getByTestId("order-history")).toHaveAttribute("href", /\/complaints\/\d+$/);
  await orders.fileOn(free);
  await expect(new FileComplaint(page).root).toBeVisible();
});

test("English is switchable and remembered", async ({ page }) => {
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await list.open();
  await list.switchLanguage("en");
  await expect(list.root.locator("h1")).toHaveText("My complaints");
  await expect(list.tab("withdrawable")).toContainText("Withdrawable");
  await expect(list.state(list.rowsIn("open").first())).toContainText("Withdraw by ");
  await page.reload();
  await expect(list.root.locator("h1")).toHaveText("My complaints");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page).toHaveTitle(/^My complaints - Complaint Desk$/);
  await list.switchLanguage("zh");
  await expect(page).toHaveTitle(/^我的投诉 - 投诉管理$/);
});

test("load more: the next page comes from the server's cursor", async ({ page }) => {
  // The real server, asked for pages of 4 instead of 20, so the seeded data spans pages.
  // (The first page too, which index.html asks for before the app runs.)
  await page.route("**/api/complaints**", (route) => {
    const url = new URL(route.request().url());
    if (url.pathname !== "/api/complaints") return route.continue();
    url.searchParams.set("limit", "4");
    return route.continue({ url: url.toString() });
  });
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await list.open();
  await expect(list.rows).toHaveCount(4);
  const total = await list.count("all");
  await page.getByTestId("load-more").click();
  await expect(list.rows).toHaveCount(8);
  await list.loadAll(total);
  await expect(list.rows).toHaveCount(total);
  await expect(page.getByTestId("load-more")).toHaveCount(0);
  const numbers = await list.rows.evaluateAll((rows) => rows.map((row) => row.dataset.number));
  expect(new Set(numbers).size).toBe(total);
});

test("outdated rules decide nothing and send nothing, even when an old server answers again", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  const sent = watchWithdrawals(page);
  // A rolling deployment behind a load balancer: the first answer comes from a server that
  // enforces newer rules, every later one from a server that still enforces ours.
  let newerAnswers = 1;
  await page.route("**/api/**", async (route) => {
    // The event stream never ends, so it cannot be fetched and rewritten: pass it through.
    if (route.request().url().endsWith("/api/events")) return route.continue();
    const response = await route.fetch();
    const headers = { ...response.headers() };
    if (newerAnswers-- > 0) headers["x-policy-version"] = "999";
    await route.fulfill({ response, headers });
  });
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await expect(page.getByTestId("update-banner")).toBeVisible();
  await expect(page.getByTestId("update-banner")).toContainText("平台规则已更新");

  // Every place a rule would decide says "reload" instead, and stays so. (Moving within the
  // app: a reload would load the rules afresh, which is the point of the banner.)
  await expect(list.state(list.row(complaint.number))).toHaveAttribute("data-state", "rules_outdated");
  await expect(list.row(complaint.number).getByTestId("reload")).toBeVisible();
  await list.row(complaint.number).locator(".complaint-row__link").click();
  const detail = new ComplaintDetail(page);
  await expect(detail.eligibility).toHaveAttribute("data-state", "rules_outdated");
  await expect(detail.eligibility.getByTestId("withdraw-link")).toHaveCount(0);
  await expect(detail.eligibility.getByTestId("reload")).toBeVisible();

  // The form, reached by its address within the app, is locked and sends nothing.
  const form = new WithdrawForm(page);
  await page.evaluate((path) => {
    history.pushState(null, "", path);
    dispatchEvent(new PopStateEvent("popstate"));
  }, `/complaints/${complaint.id}/withdraw`);
  await form.root.waitFor();
  await form.expectLocked(true);
  await expect(form.lockNotice).toContainText("平台规则已更新");
  await expect(form.submit).toBeDisabled();
  // Even a submit that bypasses the disabled button opens nothing and sends nothing.
  await page.getByTestId("withdraw-form").evaluate((element) => element.requestSubmit());
  await expect(form.dialog).not.toBeVisible();
  await expect(page.getByTestId("update-banner")).toBeVisible();
  expect(sent).toHaveLength(0);
  // Requests still in flight must not outlive the test.
  await page.unrouteAll({ behavior: "ignoreErrors" });
  await closeAsAgent(baseURL, complaint.id);
  await api.dispose();
});

test("agent console: the platform's moves, the irreversible ones confirmed first", async ({ page, baseURL }) => {
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
  await expect(page.getByTestId("confirm-dialog")).toBeVisible();
  await page.getByTestId("dialog-cancel").click();
  await expect(row.getByTestId("status-badge")).toHaveText("处理中");
  await row.getByTestId("move-close").click();
  await console_.confirm();
  await expect(row.getByTestId("status-badge")).toHaveText("已关闭");
  await expect(row.locator("button")).toHaveCount(0);
});

test("a complaint that is not this account's says so, and leads back to the list", async ({ page }) => {
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await page.goto("/complaints/999999/withdraw");
  const missing = page.getByTestId("not-found-page");
  await expect(missing).toContainText("找不到这条投诉");
  await expect(page).toHaveTitle(/找不到这条投诉/);
  await missing.getByRole("link", { name: "返回我的投诉" }).click();
  await expect(list.rows.first()).toBeVisible();
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
    await page.locator("main h1").first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
  }
});
