// Page objects: tests speak of what a user sees and does; selectors live here (data-testid).
import { expect } from "@playwright/test";

export class AppPage {
  constructor(page) {
    this.page = page;
    this.consoleErrors = [];
    page.on("console", (message) => {
      if (message.type() === "error") this.consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => this.consoleErrors.push(error.message));
    this.accountMenu = page.getByTestId("account-menu");
  }

  async openAccountMenu() {
    if ((await this.accountMenu.getAttribute("aria-expanded")) !== "true") await this.accountMenu.click();
    await this.page.getByTestId("account-panel").waitFor();
  }

  async switchLanguage(tag) {
    await this.openAccountMenu();
    await this.page.getByTestId(`language-${tag === "en" ? "en" : "zh-CN"}`).click();
    await this.page.keyboard.press("Escape");
  }

  async signOut() {
    await this.openAccountMenu();
    await this.page.getByTestId("sign-out").click();
    await this.page.getByTestId("sign-in-page").waitFor();
  }

  /** Every console error: "who am I?" is answered without a refusal, so there are none. */
  unexpectedConsoleErrors() {
    return this.consoleErrors;
  }

  async signInAs(username) {
    await this.page.goto("/");
    await this.page.getByTestId(`sign-in-${username}`).click();
    await expect(this.page.getByTestId("sign-in-page")).toHaveCount(0);
    await expect(this.accountMenu.first()).toBeVisible();
  }
}

export class HelpPage extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("help-page");
    this.heading = this.root.locator("h1");
    this.windowRule = page.getByTestId("help-window");
  }

  async open(hash = "") {
    await this.page.goto(`/help${hash}`);
    await this.root.waitFor();
  }
}

export class ComplaintList extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("complaint-list-page");
    this.rows = page.getByTestId("complaint-row");
    this.tabs = page.getByTestId("status-tabs");
    this.chips = page.getByTestId("status-chips");
  }

  async open(query = "") {
    await this.page.goto(`/${query}`);
    await this.root.waitFor();
  }

  /** Loads the next pages (加载更多) until all `total` rows are shown. */
  async loadAll(total) {
    const more = this.page.getByTestId("load-more");
    while ((await this.rows.count()) < total) {
      const shown = await this.rows.count();
      await more.click();
      await expect.poll(() => this.rows.count()).toBeGreaterThan(shown);
    }
  }

  row(number) {
    return this.page.locator(`[data-testid=complaint-row][data-number="${number}"]`);
  }

  /** The rows whose withdrawal state is `state` (open, closed, verify_first, …). */
  rowsIn(state) {
    return this.rows.filter({ has: this.page.locator(`[data-testid=withdrawal-state][data-state="${state}"]`) });
  }

  /** The rows refused for `code` (window_expired, in_arbitration, …). */
  rowsRefused(code) {
    return this.rows.filter({ has: this.page.locator(`[data-testid=withdrawal-state][data-code="${code}"]`) });
  }

  /** Opens the first complaint refused for `code`. */
  async openFirstRefused(code) {
    await this.rowsRefused(code).first().locator(".complaint-row__link").click();
  }

  /** `all`, `withdrawable`, `open`, `ended`. */
  tab(group) {
    return this.page.getByTestId(`tab-${group}`);
  }

  async count(group) {
    return Number(await this.tab(group).locator(".tab__count").innerText());
  }

  chip(status) {
    return this.page.getByTestId(`chip-${status}`);
  }

  state(row) {
    return row.getByTestId("withdrawal-state");
  }

  async search(text) {
    await this.page.getByTestId("search-input").fill(text);
    await this.page.getByTestId("search-submit").click();
  }
}

export class ComplaintDetail extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("complaint-page");
    this.eligibility = page.getByTestId("eligibility");
    this.state = page.getByTestId("eligibility-state");
    this.timeline = page.getByTestId("timeline");
    this.stepper = page.getByTestId("status-stepper");
    this.flash = page.getByTestId("flash");
  }

  async open(id) {
    await this.page.goto(`/complaints/${id}`);
    await this.root.waitFor();
  }

  currentStep() {
    return this.stepper.locator("[aria-current=step]");
  }

  async startWithdrawal() {
    await this.eligibility.getByTestId("withdraw-link").click();
    await this.page.getByTestId("withdraw-page").waitFor();
  }
}

export class WithdrawForm extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("withdraw-page");
    this.note = page.getByTestId("note-input");
    this.noteCounter = page.getByTestId("note-counter");
    this.noteError = page.getByTestId("note-error");
    this.submit = page.getByTestId("withdraw-submit");
    this.dialog = page.getByTestId("confirm-dialog");
    this.confirm = page.getByTestId("dialog-confirm");
    this.cancel = page.getByTestId("dialog-cancel");
    this.lockNotice = page.getByTestId("lock-notice");
    /** A failed confirmation: in the dialog, above its buttons. */
    this.outcome = this.dialog.getByTestId("submit-failure");
    this.remedy = page.getByTestId("safeguards");
  }

  async open(id) {
    await this.page.goto(`/complaints/${id}/withdraw`);
    await this.root.waitFor();
  }

  async chooseReason(code) {
    await this.page.getByTestId(`reason-${code}`).check();
  }

  async answerRemedy(remedy = "arrived") {
    await this.page.getByTestId(`remedy-${remedy.replaceAll("_", "-")}`).check();
  }

  async fillValid(note = "卖家已经退款，问题解决了") {
    await this.chooseReason("other");
    await this.note.fill(note);
  }

  /** Waits until the page reports it is locked (or not). */
  async expectLocked(locked) {
    await expect(this.root).toHaveAttribute("data-locked", String(locked));
  }
}

export class Receipt extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("receipt");
    this.title = page.getByTestId("receipt-title");
    this.reference = page.getByTestId("receipt-reference");
    this.reason = page.getByTestId("receipt-reason");
    this.note = page.getByTestId("receipt-note");
    this.product = page.getByTestId("receipt-product");
  }
}

export class AssistanceForm extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("assistance-page");
    this.orderNumber = page.getByTestId("assistance-order-number");
    this.note = page.getByTestId("assistance-note-input");
    this.submit = page.getByTestId("assistance-submit");
  }

  async open(id) {
    await this.page.goto(`/complaints/${id}/assistance`);
    await this.root.waitFor();
  }
}

export class PressureForm extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("pressure-page");
    this.note = page.getByTestId("pressure-note-input");
    this.pictures = page.getByTestId("evidence-input");
    this.submit = page.getByTestId("pressure-submit");
  }

  /** What the seller did: demanded_withdrawal, conditional_refund, harassment, threat, other. */
  async choose(kind) {
    await this.page.getByTestId(`pressure-kind-${kind}`).check();
  }
}

/** 联系客服: a complaint's conversation, as the shopper sees it. */
export class Conversation extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("conversation-page");
    this.thread = page.getByTestId("thread");
    this.messages = page.getByTestId("message");
    this.text = page.getByTestId("composer-text");
    this.send = page.getByTestId("composer-send");
    this.pictures = page.getByTestId("evidence-input");
    this.tray = page.getByTestId("evidence-picture");
    this.requests = page.getByTestId("requests");
  }

  async open(id) {
    await this.page.goto(`/complaints/${id}/conversation`);
    await this.root.waitFor();
  }

  /** The cards of one kind (assistance_requested, assistance_decided, arbitration_note, …). */
  cards(kind) {
    return this.page.locator(`[data-testid=card][data-card="${kind}"]`);
  }

  async write(text) {
    await this.text.fill(text);
    await this.send.click();
  }
}

/** A complaint's conversation, as an agent works on it. */
export class AgentConversation extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("agent-conversation");
    this.text = page.getByTestId("composer-text");
    this.send = page.getByTestId("composer-send");
  }

  async open(id) {
    await this.page.goto(`/agent/complaints/${id}`);
    await this.root.waitFor();
  }

  cards(kind) {
    return this.page.locator(`[data-testid=card][data-card="${kind}"]`);
  }
}

/** A picture made here (a solid-colour PNG, or JPEG bytes given), for the file input. */
export function picture(name, bytes, mimeType = "image/png") {
  return { name, mimeType, buffer: bytes };
}

export class Orders extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("orders-page");
    this.rows = page.getByTestId("order-row");
  }

  async open() {
    await this.page.goto("/orders");
    await this.root.waitFor();
  }

  row(number) {
    return this.page.locator(`[data-testid=order-row][data-number="${number}"]`);
  }

  /** 投诉卖家: the same button on every order that may get a complaint. */
  async fileOn(row) {
    await row.getByTestId("file-complaint").click();
  }
}

export class FileComplaint extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("file-complaint-page");
    this.description = page.getByTestId("description-input");
    this.submit = page.getByTestId("file-submit");
  }
}

export class AgentConsole extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("agent-page");
  }

  async open() {
    await this.page.goto("/agent");
    await this.root.waitFor();
  }

  conversationItem(number) {
    return this.page.locator(`[data-testid=conversation-item][data-number="${number}"]`);
  }

  shop(name) {
    return this.page.locator(`[data-testid=shop][data-shop="${name}"]`);
  }

  moveRow(number) {
    return this.page.locator(`[data-testid=move-row][data-number="${number}"]`);
  }

  /** An irreversible action asks first; this confirms it. */
  async confirm() {
    await this.page.getByTestId("dialog-confirm").click();
  }
}

/**
 * Counts the user's activations (clicks, taps, checks) from here on: the length of a journey
 * as the user lives it.
 */
export async function countActivations(page) {
  await page.evaluate(() => {
    window.__activations = 0;
    document.addEventListener("click", () => window.__activations++, { capture: true });
  });
  return {
    async count() {
      return page.evaluate(() => window.__activations);
    },
  };
}

/** From the list: the row's own 撤销, the common case (问题已解决, refund arrived), the receipt. */
export async function withdrawFromList(page, number) {
  const list = new ComplaintList(page);
  await list.row(number).getByTestId("withdraw-link").click();
  const form = new WithdrawForm(page);
  await form.root.waitFor();
  await form.chooseReason("resolved");
  await form.answerRemedy("arrived");
  await form.submit.click();
  await form.confirm.click();
  const receipt = new Receipt(page);
  await expect(receipt.root).toBeVisible();
  await expect(receipt.reference).not.toBeEmpty();
}
