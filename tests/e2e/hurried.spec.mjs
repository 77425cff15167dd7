// What a hurried shopper trips on (issue 25): failures shown where the action was taken,
// the words for a complaint that ended, filing that does not lead with undoing it, search by
// what a shopper remembers, sheets that are dismissible and close with Back, one order row,
// a session that ends elsewhere, and drafts that survive live updates.
import { test, expect } from "@playwright/test";
import { closeAsAgent, signedInApi } from "./api.mjs";
import {
  AssistanceForm,
  ComplaintDetail,
  ComplaintList,
  FileComplaint,
  Orders,
  PressureForm,
  Receipt,
  WithdrawForm,
} from "./pages.mjs";

const SHOPPER = "demo-shopper";

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

/** Waits for the page to load a complaint again (after a live update). */
function reloadOf(page, id) {
  return page.waitForResponse((response) => new URL(response.url()).pathname === `/api/complaints/${id}`);
}

test("offline, a failed confirmation stays in the sheet with 重试; back online says so, and the retry keeps its key", async ({ page, context, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  const sent = watchWithdrawals(page);
  const form = new WithdrawForm(page);
  await form.signInAs(SHOPPER);
  await form.open(complaint.id);
  await form.chooseReason("mistaken");
  await form.submit.click();
  await expect(form.dialog).toBeVisible();

  await context.setOffline(true);
  await form.confirm.click();
  // The sheet stays, with the failure above its buttons, in view, and the button says 重试.
  await expect(form.outcome).toBeVisible();
  await expect(form.outcome).toBeInViewport();
  await expect(form.dialog).toBeVisible();
  await expect(form.outcome).toContainText("网络连接失败");
  await expect(form.outcome.getByTestId("connection")).toHaveAttribute("data-connection", "offline");
  await expect(form.confirm).toHaveText("重试");

  await context.setOffline(false);
  await expect(form.outcome.getByTestId("connection")).toHaveAttribute("data-connection", "back");
  await expect(form.outcome).toContainText("网络已恢复");
  await form.confirm.click();
  await expect(new Receipt(page).root).toBeVisible();
  // Every attempt, offline or not, carried the same key: the server applied it once.
  expect(sent.length).toBeGreaterThanOrEqual(1);
  expect(new Set(sent.map((request) => request.key)).size).toBe(1);
  const after = await api.complaint(complaint.id);
  expect(after.timeline.filter((event) => event.event.type === "withdrawn")).toHaveLength(1);
  await api.dispose();
});

test("a failed request on a form (the bar the assistance, pressure and filing forms share) is said in its bar, in view, with 重试", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  await page.route(/\/api\/complaints\/\d+\/messages$/, (route) => route.abort("connectionreset"));
  const pressure = new PressureForm(page);
  await pressure.signInAs(SHOPPER);
  await page.goto(`/complaints/${complaint.id}/pressure`);
  await pressure.root.waitFor();
  await pressure.choose("demanded_withdrawal");
  await pressure.note.fill("卖家说撤销才给退款");
  await pressure.submit.click();
  const failure = page.getByTestId("submit-failure");
  await expect(failure).toBeInViewport();
  await expect(failure).toContainText("网络连接失败");
  await expect(pressure.submit).toHaveText("重试");
  await expect(pressure.note).toHaveValue("卖家说撤销才给退款");
  await page.unroute(/\/api\/complaints\/\d+\/messages$/);
  await pressure.submit.click();
  await expect(page.getByTestId("flash")).toContainText("投诉已保留");
  await closeAsAgent(baseURL, complaint.id);
  await api.dispose();
});

test("a withdrawn complaint says when, in a success's words; ended ones say how they ended", async ({ page, baseURL }, testInfo) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const { items: withdrawn } = await api.complaints("?status=withdrawn");
  const seeded = withdrawn[withdrawn.length - 1];
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await list.open("?status=withdrawn");
  const row = list.row(seeded.number);
  await expect(list.state(row)).toHaveAttribute("data-state", "ended");
  await expect(list.state(row)).toHaveText(/^已撤销 · \d+月\d+日\s\d\d:\d\d$/);
  await expect(row).not.toContainText("无需撤销");
  // The receipt first, on the row too.
  await expect(row.getByTestId("receipt-link")).toHaveText("查看凭证");
  await list.open("?status=resolved");
  await expect(list.state(list.rows.first())).toHaveText(/^投诉已完结 · /);
  await list.open("?status=closed");
  await expect(list.state(list.rows.first())).toHaveText(/^已关闭 · /);

  const detail = new ComplaintDetail(page);
  await detail.open(seeded.id);
  await expect(detail.eligibility.locator("h2")).toHaveText("投诉结果");
  await expect(detail.eligibility.getByTestId("withdrawal-state")).toContainText("已撤销 · ");
  await expect(detail.state).not.toContainText("不能撤销");
  // 查看凭证 is the first action, filing again the second.
  const actions = detail.eligibility.locator(".panel__actions a");
  await expect(actions.first()).toHaveAttribute("data-testid", "receipt-link");
  await expect(actions.nth(1)).toHaveAttribute("data-testid", "file-again-link");

  await list.switchLanguage("en");
  await list.open("?status=withdrawn");
  await expect(list.state(list.row(seeded.number))).toHaveText(/^Withdrawn · /);
  await list.switchLanguage("zh");
  await api.dispose();
});

test("filing says 投诉已提交 and what happens next; withdrawing stays a quiet second choice", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const orders = await api.orders();
  const free = orders.find((order) => order.complaints.every((c) => ["resolved", "closed", "withdrawn"].includes(c.status)));
  const filing = new FileComplaint(page);
  await filing.signInAs(SHOPPER);
  await page.goto(`/orders/${free.id}/complain`);
  await filing.root.waitFor();
  await page.getByTestId("kind-quality").check();
  await filing.description.fill("收到的商品有明显划痕，和描述不一致。");
  await filing.submit.click();

  const detail = new ComplaintDetail(page);
  await expect(detail.root).toHaveAttribute("data-status", "pending");
  await expect(detail.flash).toContainText("投诉已提交");
  await expect(detail.flash).toContainText("卖家会先处理");
  await expect(detail.flash).toBeInViewport();
  // Where it stands and what happens next come before the withdrawal.
  await expect(page.getByTestId("what-next")).toContainText("等待卖家处理");
  const order = await page.evaluate(() => {
    const progress = document.querySelector("[data-testid=progress]");
    const eligibility = document.querySelector("[data-testid=eligibility]");
    return progress.compareDocumentPosition(eligibility) & Node.DOCUMENT_POSITION_FOLLOWING;
  });
  expect(order).toBeTruthy();
  const withdraw = detail.eligibility.getByTestId("withdraw-link");
  await expect(withdraw).toHaveClass(/button--quiet/);
  await expect(withdraw).not.toHaveClass(/button--accent|button--primary|button--danger/);

  // On the list the row's 撤销 is as quiet.
  const filed = Number(new URL(page.url()).pathname.split("/").pop());
  const list = new ComplaintList(page);
  await list.open();
  const row = list.rowsIn("open").first();
  await expect(row.getByTestId("withdraw-link")).toHaveClass(/button--quiet/);
  await closeAsAgent(baseURL, filed);
  await api.dispose();
});

test("search finds a product's or shop's words, literally, and marks what matched; numbers are whole", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const { items } = await api.complaints();
  // What the server finds for a word of a product's title: only complaints about it.
  const { items: withMilk } = await api.complaints(`?q=${encodeURIComponent("牛奶")}`);
  expect(withMilk.length).toBeGreaterThan(0);
  for (const complaint of withMilk) expect(complaint.order.title).toContain("牛奶");
  const list = new ComplaintList(page);
  await list.signInAs(SHOPPER);
  await list.open();
  // Whole numbers, never "TS2026…0009".
  await expect(list.rows.first().locator(".complaint-row__meta")).not.toContainText("…");

  await list.search("牛奶");
  await expect(list.rows).toHaveCount(withMilk.length);
  await expect(list.rows.first().locator("mark")).toHaveText("牛奶");

  const shop = items[0].order.shop;
  const { items: atShop } = await api.complaints(`?q=${encodeURIComponent(shop)}`);
  for (const complaint of atShop) expect(complaint.order.shop).toContain(shop);
  await list.search(shop);
  await expect(list.rows).toHaveCount(atShop.length);
  await expect(list.rows.first().locator(".complaint-row__shop mark")).toHaveText(shop);

  // The order number the shopper has: the row shows that number, marked.
  const order = items[1].order.number;
  await list.search(order);
  await expect(list.rows.first().locator(".complaint-row__number mark")).toHaveText(order);

  // Literal: a wildcard finds nothing.
  await list.search("%");
  await expect(page.getByTestId("empty-state")).toBeVisible();
  await api.dispose();
});

test("the not-verified sheet on a deep link: dismissible, only true words, the same actions as the complaint", async ({ page, baseURL }) => {
  const unverified = await signedInApi(baseURL, "demo-unverified");
  const { items } = await unverified.complaints();
  const open = items.find((c) => ["pending", "processing"].includes(c.status));
  const form = new WithdrawForm(page);
  await form.signInAs("demo-unverified");
  await form.open(open.id);
  await expect(form.lockNotice).toBeVisible();
  await expect(form.lockNotice).toHaveAttribute("data-code", "not_verified");
  // Nothing was typed: nothing is said to be kept.
  await expect(form.lockNotice.getByTestId("lock-kept")).toHaveCount(0);
  await expect(form.lockNotice).not.toContainText("已保留");
  // The complaint's own actions: verify, or customer service.
  await expect(form.lockNotice.getByTestId("verify-link")).toBeVisible();
  await expect(form.lockNotice.getByTestId("assistance-link")).toBeVisible();
  await form.lockNotice.getByTestId("lock-dismiss").click();
  await expect(form.lockNotice).toHaveCount(0);
  await expect(page.getByTestId("lock-reminder")).toBeVisible();
  await page.getByTestId("lock-reopen").click();
  await expect(form.lockNotice).toBeVisible();
  // Back closes it too, and stays on the form.
  await page.goBack();
  await expect(form.lockNotice).toHaveCount(0);
  await expect(form.root).toBeVisible();
  await unverified.dispose();
});

test("Back with the confirmation open closes it, keeps the form, and says so; Back again leaves", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  const sent = watchWithdrawals(page);
  const detail = new ComplaintDetail(page);
  await detail.signInAs(SHOPPER);
  await detail.open(complaint.id);
  await detail.startWithdrawal();
  const form = new WithdrawForm(page);
  await form.fillValid("卖家已经退款，问题解决了");
  await form.submit.click();
  await expect(form.dialog).toBeVisible();
  const url = page.url();

  await page.goBack();
  await expect(form.dialog).not.toBeVisible();
  expect(page.url()).toBe(url);
  await expect(form.root).toBeVisible();
  await expect(page.getByTestId("draft-kept")).toBeVisible();
  await expect(form.note).toHaveValue("卖家已经退款，问题解决了");
  await expect(page.getByTestId("reason-other")).toBeChecked();

  // Closed by its own button, the sheet leaves no entry behind: one Back leaves the form.
  await form.submit.click();
  await expect(form.dialog).toBeVisible();
  await form.cancel.click();
  await expect(form.dialog).not.toBeVisible();
  await page.goBack();
  await expect(detail.root).toBeVisible();
  expect(sent).toHaveLength(0);

  // After a withdrawal through the sheet, Back from the receipt returns to the complaint.
  await detail.startWithdrawal();
  await form.chooseReason("mistaken");
  await form.submit.click();
  await form.confirm.click();
  await expect(new Receipt(page).root).toBeVisible();
  await page.goBack();
  await expect(detail.root).toBeVisible();
  await api.dispose();
});

test("已买到的宝贝: 投诉卖家 in view on every free order, nothing overlapping, the kinds lined up", async ({ page }, testInfo) => {
  const orders = new Orders(page);
  await orders.signInAs(SHOPPER);
  for (const language of ["zh", "en"]) {
    await orders.switchLanguage(language);
    await orders.open();
    await expect(orders.rows.first()).toBeVisible();
    const rows = await orders.rows.evaluateAll((rows) =>
      rows.map((row) => {
        const title = row.querySelector(".order__title");
        const range = document.createRange();
        range.selectNodeContents(title);
        const right = Math.max(...[...range.getClientRects()].map((rect) => rect.right), title.getBoundingClientRect().right);
        const amount = row.querySelector(".order__amount").getBoundingClientRect();
        return {
          number: row.dataset.number,
          overlap: right > amount.left + 0.5,
          viewing: !!row.querySelector("[data-testid=view-complaint]"),
          filing: !!row.querySelector("[data-testid=file-complaint]"),
          more: !!row.querySelector("details.more"),
        };
      }),
    );
    for (const row of rows) {
      expect(row.overlap, `${language}: the title of ${row.number} runs under its price`).toBe(false);
      expect(row.more, `${language}: ${row.number} hides 投诉卖家 under 更多`).toBe(false);
      expect(row.viewing || row.filing, `${language}: ${row.number} offers nothing`).toBe(true);
    }
    const free = orders.rows.filter({ has: page.getByTestId("file-complaint") }).first();
    await expect(free.getByTestId("file-complaint")).toBeVisible();
    await orders.fileOn(free);
    await new FileComplaint(page).root.waitFor();
    const tiles = await page.locator("[data-testid^=kind-]").evaluateAll((inputs) =>
      inputs.map((input) => input.closest("label").getBoundingClientRect()).map((box) => ({ left: Math.round(box.left), width: Math.round(box.width) })),
    );
    expect(new Set(tiles.map((tile) => tile.width)).size, `${language} ${testInfo.project.name}: kind tiles of one width`).toBe(1);
    const columns = new Set(tiles.map((tile) => tile.left)).size;
    expect(tiles.filter((tile) => tile.left === tiles[0].left).length).toBe(Math.ceil(tiles.length / columns));
  }
  await orders.switchLanguage("zh");
});

test("signed out in another tab: every open tab shows sign-in within seconds, keeps the draft; a 401 is never sent again", async ({ page, context, baseURL }) => {
  const api = await signedInApi(baseURL, SHOPPER);
  const complaint = await api.freshComplaint();
  const sent = watchWithdrawals(page);
  const form = new WithdrawForm(page);
  await form.signInAs(SHOPPER);
  await form.open(complaint.id);
  await form.fillValid("卖家已经退款，问题解决了");
  const other = await context.newPage();
  const list = new ComplaintList(other);
  await list.open();

  // The second tab signs out; the first, untouched, follows within seconds.
  await list.signOut();
  await expect(page.getByTestId("sign-in-page")).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId("session-ended")).toBeVisible();
  await expect(page.getByTestId("session-ended")).toContainText("已保留");
  await page.getByTestId("sign-in-demo-shopper").click();
  await expect(form.root).toBeVisible();
  await expect(form.note).toHaveValue("卖家已经退款，问题解决了");

  // A session that ends between the question and the answer: the withdrawal is sent once.
  await form.submit.click();
  await expect(form.dialog).toBeVisible();
  await context.request.delete("/api/session", { headers: { "x-complaint-desk": "1" } });
  await form.confirm.click();
  await expect(page.getByTestId("sign-in-page")).toBeVisible();
  await page.waitForTimeout(1500);
  expect(sent).toHaveLength(1);
  await other.close();
  await closeAsAgent(baseURL, complaint.id);
  await api.dispose();
});

test("what was typed survives a live update on the assistance, pressure and filing forms", async ({ page, baseURL }) => {
  const shopper = await signedInApi(baseURL, SHOPPER);
  const agent = await signedInApi(baseURL, "demo-agent");
  const { items: pending } = await shopper.complaints("?status=pending");
  const expired = pending.find((c) => c.filed_at < Date.now() - 24 * 3600 * 1000 && c.assistance !== "pending");

  const assistance = new AssistanceForm(page);
  await assistance.signInAs(SHOPPER);
  await assistance.open(expired.id);
  await page.getByTestId("reason-other").check();
  await assistance.note.fill("卖家已经补发，请帮我撤销");
  // A change on the server (a pressure report, from another device), then handled: the
  // page loads the complaint again. (The seeded complaint keeps its status for the others.)
  let reloaded = reloadOf(page, expired.id);
  const reported = await shopper.reportPressure(expired.id, "卖家催我撤销");
  await reloaded;
  await agent.handlePressure(reported.pressure_reports[0].id);
  await expect(page.getByTestId("reason-other")).toBeChecked();
  await expect(assistance.note).toHaveValue("卖家已经补发，请帮我撤销");

  const complaint = await shopper.freshComplaint();
  const pressure = new PressureForm(page);
  await page.goto(`/complaints/${complaint.id}/pressure`);
  await pressure.root.waitFor();
  await pressure.note.fill("卖家多次打电话催我撤销");
  reloaded = reloadOf(page, complaint.id);
  await agent.transition(complaint.id, "start_processing", complaint.version);
  await reloaded;
  await expect(pressure.note).toHaveValue("卖家多次打电话催我撤销");

  // Filing: a reload (the page rebuilt from scratch) keeps the kind and the words.
  const orders = await shopper.orders();
  const free = orders.find((order) => order.complaints.every((c) => ["resolved", "closed", "withdrawn"].includes(c.status)));
  const filing = new FileComplaint(page);
  await page.goto(`/orders/${free.id}/complain`);
  await filing.root.waitFor();
  await page.getByTestId("kind-logistics").check();
  await filing.description.fill("快递一直没有更新物流信息。");
  await page.reload();
  await filing.root.waitFor();
  await expect(page.getByTestId("kind-logistics")).toBeChecked();
  await expect(filing.description).toHaveValue("快递一直没有更新物流信息。");

  await closeAsAgent(baseURL, complaint.id);
  await shopper.dispose();
  await agent.dispose();
});
