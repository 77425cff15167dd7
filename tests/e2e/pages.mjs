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
  }

  async switchLanguage(tag) {
    await this.page.getByTestId(`language-${tag === "en" ? "en" : "zh-CN"}`).click();
  }

  /** Console errors other than the expected 401 of "who am I?" before signing in. */
  unexpectedConsoleErrors() {
    return this.consoleErrors.filter((text) => !text.includes("401"));
  }

  async signInAs(username) {
    await this.page.goto("/");
    await this.page.getByTestId(`sign-in-${username}`).click();
    await expect(this.page.getByTestId("signed-in-user")).toBeVisible();
  }
}

export class HelpPage extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("help-page");
    this.heading = this.root.locator("h1");
    this.windowRule = page.getByTestId("help-window");
  }

  async open() {
    await this.page.goto("/help");
    await this.root.waitFor();
  }
}

export class ComplaintList extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("complaint-list-page");
    this.rows = page.getByTestId("complaint-row");
    this.tabs = page.getByTestId("status-tabs");
  }

  async open(query = "") {
    await this.page.goto(`/${query}`);
    await this.root.waitFor();
  }

  row(number) {
    return this.page.locator(`[data-testid=complaint-row][data-number="${number}"]`);
  }

  tab(status) {
    return this.page.getByTestId(`tab-${status}`);
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
  }

  async open(id) {
    await this.page.goto(`/complaints/${id}`);
    await this.root.waitFor();
  }

  async startWithdrawal() {
    await this.page.getByTestId("withdraw-link").click();
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
    this.outcome = page.getByTestId("withdraw-outcome");
  }

  async open(id) {
    await this.page.goto(`/complaints/${id}/withdraw`);
    await this.root.waitFor();
  }

  async chooseReason(code) {
    await this.page.getByTestId(`reason-${code}`).check();
  }

  async answerSafeguards({ remedy = "arrived", pressure = "none" } = {}) {
    await this.page.getByTestId(`remedy-${remedy.replaceAll("_", "-")}`).check();
    await this.page.getByTestId(`pressure-${pressure}`).check();
  }

  async fillValid(note = "卖家已经退款，问题解决了") {
    await this.chooseReason("other");
    await this.note.fill(note);
    await this.answerSafeguards();
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
    this.reference = page.getByTestId("receipt-reference");
    this.reason = page.getByTestId("receipt-reason");
    this.note = page.getByTestId("receipt-note");
  }
}

export class AssistanceForm extends AppPage {
  constructor(page) {
    super(page);
    this.root = page.getByTestId("assistance-page");
    this.orderNumber = page.getByTestId("assistance-order-number");
    this.submit = page.getByTestId("assistance-submit");
  }

  async open(id) {
    await this.page.goto(`/complaints/${id}/assistance`);
    await this.root.waitFor();
  }
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

  queueItem(number) {
    return this.page.locator(`[data-testid=queue-item][data-number="${number}"]`);
  }

  moveRow(number) {
    return this.page.locator(`[data-testid=move-row][data-number="${number}"]`);
  }
}

/** From the list: open a complaint, withdraw it with a valid form, and land on the receipt. */
export async function withdrawFromList(page, number) {
  const list = new ComplaintList(page);
  await list.row(number).click();
  const detail = new ComplaintDetail(page);
  await expect(detail.eligibility).toHaveAttribute("data-state", "open");
  await detail.startWithdrawal();
  const form = new WithdrawForm(page);
  await form.fillValid();
  await form.submit.click();
  await form.confirm.click();
  const receipt = new Receipt(page);
  await expect(receipt.root).toBeVisible();
  await expect(receipt.reference).not.toBeEmpty();
}
