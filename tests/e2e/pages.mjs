// Page objects: tests speak of what a user sees, selectors live here (data-testid).

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
