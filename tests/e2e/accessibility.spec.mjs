// axe-core and the layout rules of PRODUCT.md on every page and state, at every viewport,
// light and dark; and the screenshots the README shows.
import { test, expect } from "@playwright/test";
import { Audit, screenshots } from "./audit.mjs";
import { signedInApi } from "./api.mjs";
import { AppPage, ComplaintDetail, ComplaintList, Receipt, WithdrawForm, withdrawFromList } from "./pages.mjs";

test("screenshots of the main screens", async ({ page, baseURL }, testInfo) => {
  // First in its file, so the list shows the demo data as a new shopper finds it.
  test.setTimeout(120_000);
  const project = testInfo.project.name;
  const app = new AppPage(page);
  const shopper = await signedInApi(baseURL, "demo-shopper");
  const complaint = await shopper.freshComplaint();
  const { items: pending } = await shopper.complaints("?status=pending");
  const expired = pending.find((c) => c.filed_at < Date.now() - 24 * 3600 * 1000);
  const { items: arbitration } = await shopper.complaints("?status=arbitration");
  const { items: processing } = await shopper.complaints("?status=processing");
  const waiting = processing.find((c) => c.assistance === "pending");
  await app.signInAs("demo-shopper");

  const shoot = async (name) => {
    await page.waitForTimeout(200);
    await page.screenshot({ path: `${screenshots}/${project}-${name}.png` });
  };
  const open = async (path, ready) => {
    await page.goto(path);
    await page.getByTestId(ready).first().waitFor();
  };
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const suffix = scheme === "dark" ? "-dark" : "";
    await open("/", "complaint-rows");
    await shoot(`list${suffix}`);
    await open(`/complaints/${complaint.id}`, "eligibility");
    await shoot(`detail${suffix}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
  // In English, with the same data as the Chinese ones above (before anything is withdrawn).
  await app.switchLanguage("en");
  await open("/", "complaint-rows");
  await shoot("list-en");
  await open(`/complaints/${complaint.id}`, "eligibility");
  await shoot("detail-en");
  await app.switchLanguage("zh");
  await open(`/complaints/${expired.id}`, "eligibility");
  await shoot("detail-expired");
  // Scrolled to its history: on a phone the next step stays in the bar at the bottom.
  await page.evaluate(() => window.scrollTo({ top: document.documentElement.scrollHeight, behavior: "instant" }));
  // Also when the panel's last pixels are still in the viewport, behind the sticky header.
  if (project !== "desktop") await expect(page.getByTestId("sticky-bar")).toBeVisible();
  await shoot("detail-expired-scrolled");
  await open(`/complaints/${waiting.id}`, "eligibility");
  await shoot("detail-assistance-pending");
  await open(`/complaints/${arbitration[0].id}`, "eligibility");
  await shoot("detail-arbitration");
  const form = new WithdrawForm(page);
  await form.open(complaint.id);
  await form.chooseReason("resolved");
  await form.answerRemedy("arrived");
  await shoot("withdraw");
  await form.submit.click();
  await expect(form.dialog).toBeVisible();
  await shoot("confirm");
  await page.emulateMedia({ colorScheme: "dark" });
  await shoot("confirm-dark");
  await page.emulateMedia({ colorScheme: "light" });
  await form.confirm.click();
  await page.getByTestId("receipt").waitFor();
  await shoot("receipt");
  await open("/orders", "order-row");
  await shoot("orders");
  await open("/help", "help-page");
  await shoot("help");
  await open("/?q=0000000", "empty-state");
  await shoot("list-empty");
  // A shopper without a verified real name: the window runs, verifying comes first.
  await page.context().clearCookies();
  await page.evaluate(() => localStorage.clear());
  await app.signInAs("demo-unverified");
  await page.getByTestId("complaint-rows").waitFor();
  await page.locator("[data-testid=complaint-row]:has([data-state=verify_first]) .complaint-row__link").first().click();
  await page.getByTestId("eligibility").waitFor();
  await shoot("detail-verify-first");
  await shopper.dispose();
});

test("every page and state passes axe-core and the layout rules, light and dark", async ({ page, baseURL }, testInfo) => {
  test.setTimeout(420_000);
  const audit = new Audit(page, { touch: testInfo.project.use.hasTouch ?? false });
  const app = new AppPage(page);
  const shopper = await signedInApi(baseURL, "demo-shopper");
  const complaint = await shopper.freshComplaint();
  const { items: withdrawn } = await shopper.complaints("?status=withdrawn");
  const orders = await shopper.orders();
  const free = orders.find((order) => order.complaints.every((c) => !["pending", "processing", "arbitration"].includes(c.status)));
  const { items: pending } = await shopper.complaints("?status=pending");
  const expiredOne = pending.find((c) => c.filed_at < Date.now() - 24 * 3600 * 1000);

  const check = (name) => audit.check(name);
  const visit = (name, path, ready) => audit.visit(name, path, ready);

  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    const named = (name) => `${name} (${scheme})`;
    await visit(named("help"), "/help", "help-page");
    if (scheme === "light") {
      await visit(named("sign-in"), "/", "sign-in-page");
      await app.signInAs("demo-shopper");
    }
    await visit(named("complaint list"), "/", "complaint-rows");
    await visit(named("complaint list, withdrawable"), "/?group=withdrawable", "complaint-rows");
    await visit(named("complaint list, a status"), "/?status=arbitration", "complaint-rows");
    await visit(named("complaint list, nothing found"), "/?q=zzzz", "empty-state");
    await visit(named("complaint list, found by a product's word"), `/?q=${encodeURIComponent("牛奶")}`, "complaint-rows");
    await app.openAccountMenu();
    await check(named("account menu"));
    await page.keyboard.press("Escape");
    await visit(named("complaint detail"), `/complaints/${complaint.id}`, "eligibility");
    await visit(named("complaint detail, expired"), `/complaints/${expiredOne.id}`, "eligibility");
    await visit(named("withdrawal form"), `/complaints/${complaint.id}/withdraw`, "withdraw-form");
    const form = new WithdrawForm(page);
    await form.submit.click(); // the first problem said
    await check(named("withdrawal form with errors"));
    await form.chooseReason("resolved");
    await form.answerRemedy("not_yet");
    await form.submit.click();
    await check(named("withdrawal form, remedy not yet"));
    await form.answerRemedy("arrived");
    await form.submit.click();
    await expect(form.dialog).toBeVisible();
    await check(named("confirmation"));
    // Failed: said in the sheet, which stays open with 重试.
    await page.route("**/withdrawal", (route) => route.abort("connectionreset"));
    await form.confirm.click();
    await expect(form.outcome).toBeVisible();
    await check(named("confirmation, failed"));
    await page.unroute("**/withdrawal");
    await page.keyboard.press("Escape");
    // Locked (the window expired): the sheet with the ways on, then dismissed.
    await visit(named("withdrawal form, locked"), `/complaints/${expiredOne.id}/withdraw`, "lock-notice");
    await page.getByTestId("lock-dismiss").click();
    await check(named("withdrawal form, lock dismissed"));
    await visit(named("pressure report"), `/complaints/${complaint.id}/pressure`, "pressure-form");
    await visit(named("receipt"), `/complaints/${withdrawn[0].id}/receipt`, "receipt");
    await visit(named("assistance request"), `/complaints/${expiredOne.id}/assistance`, "assistance-form");
    await visit(named("orders"), "/orders", "order-row");
    await visit(named("file a complaint"), `/orders/${free.id}/complain`, "file-form");
    await visit(named("not found"), "/complaints/999999", "not-found-page");
    // The session ends elsewhere: sign-in says so; then back in.
    await page.context().request.delete("/api/session", { headers: { "x-complaint-desk": "1" } });
    await page.getByTestId("session-ended").waitFor({ timeout: 15_000 });
    await check(named("sign-in, the session ended"));
    await page.getByTestId("sign-in-demo-shopper").click();
    await page.getByTestId("sign-in-page").waitFor({ state: "detached" });
  }
  await page.emulateMedia({ colorScheme: "light" });

  // In English, whose words run longer: the same rules on the shopper's screens.
  await app.switchLanguage("en");
  const english = (name) => `${name} (en)`;
  await visit(english("complaint list"), "/", "complaint-rows");
  await visit(english("complaint detail"), `/complaints/${complaint.id}`, "eligibility");
  await visit(english("complaint detail, expired"), `/complaints/${expiredOne.id}`, "eligibility");
  await visit(english("withdrawal form"), `/complaints/${complaint.id}/withdraw`, "withdraw-form");
  await visit(english("assistance request"), `/complaints/${expiredOne.id}/assistance`, "assistance-form");
  await visit(english("receipt"), `/complaints/${withdrawn[0].id}/receipt`, "receipt");
  await visit(english("help"), "/help", "help-page");
  // Signing out from the public help page would stay there: end on a signed-in page.
  await visit(english("orders"), "/orders", "order-row");
  await app.switchLanguage("zh");

  await app.signOut();
  await app.signInAs("demo-agent");
  await visit("agent console", "/agent", "agent-page");
  await page.emulateMedia({ colorScheme: "dark" });
  await visit("agent console (dark)", "/agent", "agent-page");

  expect(audit.problems, "accessibility and layout problems").toEqual([]);
  testInfo.annotations.push({ type: "axe", description: `${audit.checked.length} pages and states, no problems` });
  const agent = await signedInApi(baseURL, "demo-agent");
  await agent.transition(complaint.id, "close", complaint.version);
  await agent.dispose();
  await shopper.dispose();
});

test("the frame: on a phone the bar is at most 64 px tall and says a top-level page's title once", async ({ page }, testInfo) => {
  test.skip(!testInfo.project.use.isMobile, "a phone's limit");
  const list = new ComplaintList(page);
  await list.signInAs("demo-shopper");
  await list.open();
  const bar = page.getByTestId("app-header");
  for (const [language, title] of [["zh", "我的投诉"], ["en", "My complaints"]]) {
    await list.switchLanguage(language);
    const header = await bar.boundingBox();
    expect(header.height, `header in ${language}`).toBeLessThanOrEqual(64);
    // The bar carries the title; the page's heading stays for screen readers only.
    await expect(bar.getByTestId("header-title")).toHaveText(title);
    await expect(list.root.locator("h1")).toHaveText(title);
    await expect(list.root.locator("h1")).toHaveClass(/visually-hidden/);
  }
  await list.switchLanguage("zh");
  await page.getByTestId("bottom-nav").getByRole("link", { name: "已买到的宝贝" }).click();
  await expect(bar.getByTestId("header-title")).toHaveText("已买到的宝贝");
  await expect(page.getByTestId("orders-page").locator("h1")).toHaveClass(/visually-hidden/);
});

test("orders are recognised by picture, title and shop wherever a complaint is shown", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, "demo-shopper");
  const complaint = await api.freshComplaint();
  const { title, shop } = complaint.order;
  const list = new ComplaintList(page);
  await list.signInAs("demo-shopper");
  await list.open();
  const row = list.row(complaint.number);
  await expect(row).toContainText(title);
  await expect(row).toContainText(shop);
  await expect(row.getByTestId("product-thumb").locator("img")).toBeVisible();

  const detail = new ComplaintDetail(page);
  await detail.open(complaint.id);
  const header = detail.root.getByTestId("product-header");
  await expect(header).toContainText(title);
  await expect(header.getByTestId("product-shop")).toHaveText(shop);
  await expect(header.locator("img")).toBeVisible();

  const form = new WithdrawForm(page);
  await form.open(complaint.id);
  await expect(form.root.getByTestId("product-header")).toContainText(title);
  await expect(form.root.getByTestId("product-header").locator("img")).toBeVisible();

  await list.open();
  await withdrawFromList(page, complaint.number);
  const receipt = new Receipt(page);
  await expect(receipt.product).toHaveText(title);
  await expect(receipt.root).toContainText(shop);
  await expect(receipt.root.getByTestId("product-thumb").locator("img")).toBeVisible();
  await api.dispose();
});

test("a picture that fails to load shows the neutral placeholder, never a broken image", async ({ page }) => {
  await page.route("**/products/**", (route) => route.fulfill({ status: 404, body: "" }));
  const list = new ComplaintList(page);
  await list.signInAs("demo-shopper");
  await list.open();
  const thumb = list.rows.first().getByTestId("product-thumb");
  await expect(thumb).toHaveAttribute("data-placeholder", "true");
  await expect(thumb.locator("img")).toHaveCount(0);
  await expect(thumb.locator("svg")).toBeVisible();
  await page.unrouteAll({ behavior: "ignoreErrors" });
});

test("the stepper marks the right step for every status, with the window while it may matter", async ({ page, baseURL }) => {
  const api = await signedInApi(baseURL, "demo-shopper");
  const detail = new ComplaintDetail(page);
  await detail.signInAs("demo-shopper");
  const expected = {
    pending: ["pending", "processing", "resolved"],
    processing: ["pending", "processing", "resolved"],
    arbitration: ["pending", "processing", "arbitration", "resolved"],
    resolved: ["pending", "processing", "resolved"],
    closed: ["pending", "closed"],
    withdrawn: ["pending", "withdrawn"],
  };
  for (const [status, steps] of Object.entries(expected)) {
    const { items } = await api.complaints(`?status=${status}`);
    // The seeded one of that status (its history is known), not one a test made.
    const seeded = items[items.length - 1];
    await detail.open(seeded.id);
    await expect(detail.currentStep(), status).toHaveAttribute("data-status", status);
    const drawn = await detail.stepper.locator(".stepper__step").evaluateAll((nodes) => nodes.map((node) => node.dataset.status));
    expect(drawn, status).toEqual(steps);
    await expect(detail.stepper.getByTestId("window-bar")).toHaveCount(["pending", "processing"].includes(status) ? 1 : 0);
  }
  await api.dispose();
});
