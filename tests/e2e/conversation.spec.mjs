// 联系客服 (issue 27): one conversation per complaint for everything self-service cannot do —
// the assisted withdrawal with every safeguard, a decision read where the shopper looks, an
// arbitration note, a pressure report with its evidence, and answers not yet read.
import { test, expect } from "@playwright/test";
import { closeAsAgent, signedInApi } from "./api.mjs";
import {
  AgentConsole,
  AgentConversation,
  AssistanceForm,
  ComplaintDetail,
  ComplaintList,
  Conversation,
  PressureForm,
  Receipt,
  picture,
} from "./pages.mjs";
import { noisyPng, solidPng } from "./pictures.mjs";
import { Audit, screenshots } from "./audit.mjs";

const SHOPPER = "demo-shopper";
const WINDOW_MS = 24 * 3600 * 1000;

/**
 * The shopper's language: English on the 390 px phone, Chinese on the others, so every
 * journey runs in both (the agent's console stays in Chinese). The words each step reads.
 */
const languageOf = (testInfo) => (testInfo.project.name === "mobile" ? "en" : "zh");
const WORDS = {
  zh: {
    sent: "申请已提交",
    notYet: "还没有",
    voluntary: "自愿",
    approved: "客服已代您撤销",
    settled: "和解",
    tooShort: "至少需要10个字",
    conditionalRefund: "以退款或补偿为条件",
    oneUnread: "1条新回复",
  },
  en: {
    sent: "Request sent",
    notYet: "Not yet",
    voluntary: "entirely your choice",
    approved: "Customer service withdrew it for you",
    settled: "settled",
    tooShort: "At least 10 characters",
    conditionalRefund: "Refund or compensation only if withdrawn",
    oneUnread: "1 new answer",
  },
};

/** Signs the shopper in on `app` and switches to the project's language. */
async function signInShopper(app, testInfo) {
  await app.signInAs(SHOPPER);
  const language = languageOf(testInfo);
  if (language !== "zh") await app.switchLanguage(language);
  return WORDS[language];
}

/** A seeded complaint whose window has expired and that customer service does not have yet. */
async function expiredComplaint(api) {
  const { items } = await api.complaints("?group=open");
  const expired = items.find(
    (c) => c.status === "processing" && c.filed_at < Date.now() - WINDOW_MS && c.assistance === null,
  );
  if (!expired) throw new Error("no expired complaint without a request is left in the seed");
  return expired;
}

/** The agent, signed in in a browser context of their own. */
async function agentPage(browser, baseURL) {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const console_ = new AgentConsole(page);
  await console_.signInAs("demo-agent");
  return { context, page, console_ };
}

test("an expired complaint is withdrawn through customer service with every safeguard, and the approval arrives live", async ({ page, browser, baseURL }, testInfo) => {
  const shopper = await signedInApi(baseURL, SHOPPER);
  const complaint = await expiredComplaint(shopper);
  const list = new ComplaintList(page);
  const words = await signInShopper(list, testInfo);
  await list.open(`?status=${complaint.status}`);
  await list.row(complaint.number).getByTestId("assistance-link").click();

  // The same questions as self-service: the refund question belongs to a settlement.
  const assistance = new AssistanceForm(page);
  await assistance.root.waitFor();
  await assistance.root.getByTestId("reason-resolved").check();
  await assistance.submit.click();
  await expect(page.getByTestId("remedy-arrived")).toBeFocused();
  await page.getByTestId("remedy-not-yet").check();
  await expect(page.getByTestId("remedy-warning")).toBeVisible();
  await assistance.submit.click();
  await expect(page.getByTestId("accept-risk")).toBeFocused();
  await page.getByTestId("accept-risk").check();
  await assistance.submit.click();

  // The confirmation: the answers, the voluntary statement with the way to report instead.
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("confirm-remedy")).toHaveText(words.notYet);
  await expect(dialog.getByTestId("confirm-voluntary")).toContainText(words.voluntary);
  await expect(dialog.getByTestId("dialog-pressure-link")).toBeVisible();
  await page.getByTestId("dialog-confirm").click();

  // Sent: the conversation shows the request, pending, with when to expect an answer.
  const conversation = new Conversation(page);
  await expect(conversation.root).toBeVisible();
  await expect(page.getByTestId("flash")).toContainText(words.sent);
  const request = conversation.cards("assistance_requested");
  await expect(request).toHaveAttribute("data-status", "pending");
  await expect(request.getByTestId("card-remedy")).toHaveText(words.notYet);
  expect((await shopper.complaint(complaint.id)).assistance_requests[0].remedy).toBe("not_yet");

  // The agent finds it waiting, and approves it in its conversation.
  const agent = await agentPage(browser, baseURL);
  await agent.console_.open();
  const item = agent.console_.conversationItem(complaint.number);
  await expect(item).toHaveAttribute("data-waiting", "true");
  await expect(item.getByTestId("open-request")).toContainText("协助撤销");
  await item.getByTestId("open-conversation").click();
  const agentView = new AgentConversation(agent.page);
  await agentView.root.waitFor();
  await agentView.cards("assistance_requested").getByTestId("approve").click();
  await agent.page.getByTestId("dialog-confirm").click();
  await expect(agentView.cards("assistance_decided")).toHaveAttribute("data-status", "approved");
  await agent.context.close();

  // Live on the shopper's open page: the decision, and the receipt one tap away.
  const decided = conversation.cards("assistance_decided");
  await expect(decided).toHaveAttribute("data-status", "approved");
  await expect(decided).toContainText(words.approved);
  await decided.getByTestId("card-receipt").click();
  await expect(new Receipt(page).root).toBeVisible();
  await shopper.dispose();
});

test("a rejection is read at the top of the complaint with its reason, and answered in the thread", async ({ page, browser, baseURL }, testInfo) => {
  const shopper = await signedInApi(baseURL, SHOPPER);
  const { items } = await shopper.complaints("?group=open");
  const waiting = items.find((c) => c.assistance === "pending");
  const detail = new ComplaintDetail(page);
  await signInShopper(detail, testInfo);
  await detail.open(waiting.id);
  await expect(detail.eligibility).toHaveAttribute("data-state", "assistance_pending");

  const agent = await agentPage(browser, baseURL);
  const agentView = new AgentConversation(agent.page);
  await agentView.open(waiting.id);
  const card = agentView.cards("assistance_requested");
  await card.getByTestId("reject-open").click();
  await card.getByTestId("rejection-input").fill("短");
  await card.getByTestId("reject-submit").click();
  await expect(card).toContainText("至少需要5个字");
  await card.getByTestId("rejection-input").fill("订单仍有售后纠纷，需继续处理");
  await card.getByTestId("reject-submit").click();
  await expect(agentView.cards("assistance_decided")).toHaveAttribute("data-status", "rejected");

  // Live, at the top of the complaint: not approved, why, and the ways on.
  await expect(detail.eligibility).toHaveAttribute("data-state", "assistance_rejected");
  await expect(detail.state).toContainText("订单仍有售后纠纷，需继续处理");
  await expect(detail.eligibility).toBeInViewport();
  await expect(detail.eligibility.getByTestId("assistance-link")).toBeVisible();
  await detail.eligibility.getByTestId("contact-service-link").click();

  // Answered in the thread; the agent sees the answer.
  const conversation = new Conversation(page);
  await conversation.root.waitFor();
  await expect(conversation.cards("assistance_decided")).toContainText("订单仍有售后纠纷，需继续处理");
  await conversation.write("售后已经处理完了，卖家也同意，麻烦再看一下");
  await expect(conversation.messages.last()).toContainText("售后已经处理完了");
  await expect(agent.page.getByTestId("message").last()).toContainText("售后已经处理完了");
  await agent.context.close();
  await shopper.dispose();
});

test("an arbitration note reaches the agent and its handling comes back", async ({ page, browser, baseURL }, testInfo) => {
  const shopper = await signedInApi(baseURL, SHOPPER);
  const { items } = await shopper.complaints("?status=arbitration");
  const arbitrated = items[0];
  const detail = new ComplaintDetail(page);
  const words = await signInShopper(detail, testInfo);
  await detail.open(arbitrated.id);
  // Why they came: to say it is settled, or to appeal — the panel says both.
  await expect(detail.state).toContainText(words.settled);
  await detail.eligibility.getByTestId("contact-service-link").click();
  const conversation = new Conversation(page);
  await conversation.root.waitFor();
  await expect(page.getByTestId("conversation-attached")).toContainText(arbitrated.number);
  await conversation.requests.getByTestId("request-appeal").click();

  const form = page.getByTestId("arbitration-form");
  await expect(page.getByTestId("arbitration-appeal")).toBeChecked();
  await page.getByTestId("arbitration-note-input").fill("不同意");
  await page.getByTestId("arbitration-submit").click();
  await expect(form).toContainText(words.tooShort);
  await page.getByTestId("arbitration-note-input").fill("卖家提供的物流单号是假的，请重新核实");
  await page.getByTestId("arbitration-submit").click();
  await expect(conversation.root).toBeVisible();
  await expect(conversation.cards("arbitration_note")).toHaveAttribute("data-status", "open");

  const agent = await agentPage(browser, baseURL);
  await agent.console_.open();
  const item = agent.console_.conversationItem(arbitrated.number);
  await expect(item.getByTestId("open-request")).toContainText("仲裁说明");
  await item.getByTestId("open-conversation").click();
  const agentView = new AgentConversation(agent.page);
  await agentView.cards("arbitration_note").getByTestId("handle-note").click();
  await expect(agentView.cards("arbitration_note")).toHaveAttribute("data-status", "handled");
  await expect(agentView.cards("arbitration_note_handled")).toBeVisible();
  await agent.context.close();

  // Live on the shopper's page: the note marked handled, and the decision under it.
  await expect(conversation.cards("arbitration_note")).toHaveAttribute("data-status", "handled");
  await expect(conversation.cards("arbitration_note_handled")).toHaveAttribute("data-status", "handled");
  await shopper.dispose();
});

test("a pressure report carries its category and two pictures; pictures upload with progress and can be removed", async ({ page, browser, baseURL }, testInfo) => {
  const shopper = await signedInApi(baseURL, SHOPPER);
  const complaint = await shopper.freshComplaint();
  const form = new PressureForm(page);
  const words = await signInShopper(form, testInfo);
  await page.goto(`/complaints/${complaint.id}/pressure`);
  await form.root.waitFor();
  await form.choose("conditional_refund");
  await form.note.fill("卖家说撤销投诉才给退款");

  // Three pictures picked, one removed before sending: two go.
  await form.pictures.setInputFiles([
    picture("chat-1.png", solidPng(320, 640, [30, 120, 200])),
    picture("chat-2.png", solidPng(320, 640, [200, 80, 40])),
    picture("wrong.png", solidPng(64, 64, [0, 0, 0])),
  ]);
  const tiles = page.getByTestId("evidence-picture");
  await expect(tiles).toHaveCount(3);
  await expect(page.locator("[data-testid=evidence-picture][data-state=stored]")).toHaveCount(3);
  await tiles.nth(2).getByTestId("picture-remove").click();
  await expect(tiles).toHaveCount(2);
  await form.submit.click();

  const conversation = new Conversation(page);
  await expect(conversation.root).toBeVisible();
  const report = conversation.cards("pressure_reported");
  await expect(report).toContainText(words.conditionalRefund);
  const pictures = conversation.messages.last().getByTestId("message-pictures").locator("img");
  await expect(pictures).toHaveCount(2);
  await expect.poll(() => pictures.first().evaluate((img) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

  // The agents see the shop among those whose shoppers report pressure.
  const agent = await agentPage(browser, baseURL);
  await agent.console_.open();
  await expect(agent.console_.shop(complaint.order.shop)).toBeVisible();
  await agent.context.close();

  // On a slow connection a picture says how much is sent.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 100,
    downloadThroughput: 1_000_000,
    uploadThroughput: 60_000,
  });
  await conversation.pictures.setInputFiles([picture("photo.png", noisyPng(400, 400))]);
  const progress = page.locator("[data-testid=evidence-picture][data-state=uploading] [role=progressbar]");
  await expect(progress).toBeVisible();
  await expect(page.locator("[data-testid=evidence-picture][data-state=stored]")).toHaveCount(1, { timeout: 30_000 });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await closeAsAgent(baseURL, complaint.id);
  await shopper.dispose();
});

test("an answer not yet read shows on the row and in the navigation, and reading clears it", async ({ page, baseURL }, testInfo) => {
  const shopper = await signedInApi(baseURL, SHOPPER);
  const agent = await signedInApi(baseURL, "demo-agent");
  const complaint = await shopper.freshComplaint();
  const list = new ComplaintList(page);
  const words = await signInShopper(list, testInfo);
  await list.open();
  await agent.sendMessage(complaint.id, "您好，请问卖家是否已经联系您？");

  await expect(list.row(complaint.number).getByTestId("row-unread")).toHaveText(words.oneUnread);
  await expect(page.getByTestId("nav-unread").first()).toContainText("1");
  await list.row(complaint.number).locator(".complaint-row__link").click();
  const detail = new ComplaintDetail(page);
  await expect(detail.root.getByTestId("contact-unread")).toHaveText("1");
  await detail.root.getByTestId("contact-service").click();
  const conversation = new Conversation(page);
  await expect(conversation.messages.last()).toContainText("请问卖家是否已经联系您");
  await list.open();
  await expect(list.row(complaint.number).getByTestId("row-unread")).toHaveCount(0);
  await expect(page.getByTestId("nav-unread")).toHaveCount(0);

  // In the other language too.
  const other = languageOf(testInfo) === "zh" ? "en" : "zh";
  await agent.sendMessage(complaint.id, "Has the seller contacted you?");
  await list.switchLanguage(other);
  await expect(list.row(complaint.number).getByTestId("row-unread")).toHaveText(WORDS[other].oneUnread);
  await list.switchLanguage("zh");
  await closeAsAgent(baseURL, complaint.id);
  await shopper.dispose();
  await agent.dispose();
});

test("every conversation state passes axe-core and the layout rules, light and dark, zh and en", async ({ page, baseURL }, testInfo) => {
  // Last in its file: it reads the states the journeys above left (an approval, a rejection,
  // a handled arbitration note) and makes the rest on a fresh complaint.
  test.setTimeout(300_000);
  const project = testInfo.project.name;
  const audit = new Audit(page, { touch: testInfo.project.use.hasTouch ?? false });
  const shopper = await signedInApi(baseURL, SHOPPER);
  const agent = await signedInApi(baseURL, "demo-agent");
  const { items: processing } = await shopper.complaints("?status=processing");
  const rejected = processing.find((c) => c.assistance === "rejected");
  const { items: withdrawn } = await shopper.complaints("?status=withdrawn");
  const approved = withdrawn.find((c) => c.assistance === "approved");
  const { items: arbitration } = await shopper.complaints("?status=arbitration");
  const fresh = await shopper.freshComplaint();
  await shopper.reportPressure(fresh.id, "卖家打电话说撤销投诉就退款", "conditional_refund");
  await agent.sendMessage(fresh.id, "收到，请上传和卖家的聊天截图。", { asks_for_evidence: true });

  const conversation = new Conversation(page);
  const shoot = async (name) => {
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${screenshots}/${project}-${name}.png` });
  };
  await conversation.signInAs(SHOPPER);
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const named = (name) => `${name} (${scheme})`;
    const suffix = scheme === "dark" ? "-dark" : "";
    await audit.visit(named("complaint detail, assistance rejected"), `/complaints/${rejected.id}`, "eligibility");
    if (scheme === "light") await shoot("detail-assistance-rejected");
    await audit.visit(named("conversation, rejected"), `/complaints/${rejected.id}/conversation`, "message");
    await shoot(`conversation-rejected${suffix}`);
    await audit.visit(named("conversation, approved"), `/complaints/${approved.id}/conversation`, "message");
    await audit.visit(named("conversation, arbitration note handled"), `/complaints/${arbitration[0].id}/conversation`, "message");
    await audit.visit(named("arbitration note"), `/complaints/${arbitration[0].id}/arbitration`, "arbitration-form");
    await page.getByTestId("arbitration-submit").click();
    await expect(page.getByTestId("arbitration-form")).toContainText("请选择一项");
    await audit.check(named("arbitration note with an error"));
    await audit.visit(named("conversation, pressure report and evidence asked"), `/complaints/${fresh.id}/conversation`, "message");
    if (scheme === "light") await shoot("conversation-evidence");
  }
  await page.emulateMedia({ colorScheme: "light" });

  // A picture ready in the tray, then sent.
  await conversation.pictures.setInputFiles([picture("chat.png", solidPng(320, 640, [30, 120, 200]))]);
  await expect(page.locator("[data-testid=evidence-picture][data-state=stored]")).toHaveCount(1);
  await audit.check("conversation, a picture ready to send");
  await conversation.send.click();
  await expect(conversation.messages.last().getByTestId("message-pictures").locator("img")).toHaveCount(1);
  await audit.check("conversation, a picture sent");

  // In English, whose words run longer; the decisions say themselves in its words.
  await conversation.switchLanguage("en");
  const english = (name) => `${name} (en)`;
  await audit.visit(english("complaint detail, assistance rejected"), `/complaints/${rejected.id}`, "eligibility");
  await expect(page.getByTestId("eligibility")).toContainText("Not approved by customer service");
  await audit.visit(english("conversation, rejected"), `/complaints/${rejected.id}/conversation`, "message");
  await expect(conversation.cards("assistance_decided")).toContainText("did not approve");
  await audit.visit(english("conversation, approved"), `/complaints/${approved.id}/conversation`, "message");
  await expect(conversation.cards("assistance_decided")).toContainText("withdrew it for you");
  await audit.visit(english("conversation, pressure report and evidence asked"), `/complaints/${fresh.id}/conversation`, "message");
  await expect(conversation.cards("evidence_requested")).toContainText("asks for evidence");
  await audit.visit(english("arbitration note"), `/complaints/${arbitration[0].id}/arbitration`, "arbitration-form");
  await conversation.switchLanguage("zh");

  // Asking again after the rejection: the confirmation, light and dark.
  const assistance = new AssistanceForm(page);
  await assistance.open(rejected.id);
  await assistance.root.getByTestId("reason-resolved").check();
  await page.getByTestId("remedy-arrived").check();
  await assistance.submit.click();
  await expect(page.getByTestId("confirm-dialog")).toBeVisible();
  await audit.check("assistance confirmation (light)");
  await shoot("assistance-confirm");
  await page.emulateMedia({ colorScheme: "dark" });
  await audit.check("assistance confirmation (dark)");
  await page.emulateMedia({ colorScheme: "light" });
  await page.getByTestId("dialog-confirm").click();
  await expect(conversation.cards("assistance_requested").last()).toHaveAttribute("data-status", "pending");

  // The agent's side: the queue with the shops beside it, and a request being declined.
  await conversation.signOut();
  const console_ = new AgentConsole(page);
  await console_.signInAs("demo-agent");
  const agentView = new AgentConversation(page);
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    await audit.visit(`agent console, conversations and shops (${scheme})`, "/agent", "conversation-item");
    if (scheme === "light") await shoot("agent-console");
    await agentView.open(rejected.id);
    await agentView.cards("assistance_requested").last().getByTestId("reject-open").click();
    await audit.check(`agent conversation, declining (${scheme})`);
    if (scheme === "light") await shoot("agent-conversation");
  }
  await page.emulateMedia({ colorScheme: "light" });

  expect(audit.problems, "accessibility and layout problems").toEqual([]);
  testInfo.annotations.push({ type: "axe", description: `${audit.checked.length} conversation states, no problems` });
  await closeAsAgent(baseURL, fresh.id);
  await shopper.dispose();
  await agent.dispose();
});

