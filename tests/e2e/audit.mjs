// axe-core and the layout rules of PRODUCT.md, checked on what is on screen: every problem
// found is kept, so one run shows them all, and the test fails once at its end.
import AxeBuilder from "@axe-core/playwright";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

/** Where the screenshots the README shows are written. */
export const screenshots = resolve(dirname(fileURLToPath(import.meta.url)), "../../docs/screenshots");

export class Audit {
  constructor(page, { touch }) {
    this.page = page;
    this.touch = touch;
    this.problems = [];
    this.checked = [];
  }

  /** axe-core and the layout rules on the page as it is now. */
  async check(name) {
    await expectNoViolations(this.page, name, this.problems);
    await expectLayoutRules(this.page, name, this.touch, this.problems);
    this.checked.push(name);
  }

  /** Opens `path`, waits for `ready` (a test id), and checks it. */
  async visit(name, path, ready) {
    await this.page.goto(path);
    await this.page.getByTestId(ready).first().waitFor();
    await this.check(name);
  }
}

async function expectNoViolations(page, name, problems) {
  const results = await new AxeBuilder({ page }).analyze();
  problems.push(
    ...results.violations.map((violation) => ({
      page: name,
      rule: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => node.target.join(" ")).slice(0, 5),
    })),
  );
}

/** PRODUCT.md's layout rules, checked on what is on screen. */
async function expectLayoutRules(page, name, touch, problems) {
  const found = await page.evaluate((touch) => {
    const out = [];
    const width = document.documentElement.clientWidth;
    for (const element of document.querySelectorAll("body *")) {
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (box.width === 0 || style.visibility === "hidden" || element.closest("[hidden], .visually-hidden")) continue;
      if (box.right > width + 1 && style.position !== "fixed" && !element.closest(".chips")) {
        out.push(`wider than the viewport: ${element.tagName.toLowerCase()}.${element.className} (${Math.round(box.right)} > ${width})`);
      }
    }
    // No block's text runs into the block after it (however its links are boxed).
    for (const block of document.querySelectorAll("main p, main h1, main h2, main h3")) {
      const next = block.nextElementSibling;
      if (!next || !/^(P|H2|H3|UL|OL|DL)$/.test(next.tagName) || block.closest("[hidden], .visually-hidden")) continue;
      // Its own box, and those of what is inside it (a link may be taller than the line).
      const boxes = [block, ...block.querySelectorAll("*")].map((e) => e.getBoundingClientRect()).filter((b) => b.height > 0);
      const bottom = Math.max(...boxes.map((b) => b.bottom));
      const below = next.getBoundingClientRect();
      if (boxes.length && below.height > 0 && bottom > below.top + 1) {
        out.push(`text runs into the next block: ${block.tagName.toLowerCase()} "${block.textContent.trim().slice(0, 30)}" (${Math.round(bottom)} > ${Math.round(below.top)})`);
      }
    }
    // Scrolled to the end, nothing is left under what floats at the bottom (a page's sticky
    // bar, the bottom navigation): the page keeps room for it, however tall it is.
    const scrolled = window.scrollY;
    window.scrollTo({ top: document.documentElement.scrollHeight, behavior: "instant" });
    const floors = [...document.querySelectorAll(".sticky-bar, .bottom-nav")]
      .filter((floor) => getComputedStyle(floor).position === "fixed" && floor.getBoundingClientRect().height > 0)
      .map((floor) => floor.getBoundingClientRect().top);
    if (floors.length) {
      const floor = Math.min(...floors);
      const fixed = (element) => {
        for (let e = element; e; e = e.parentElement) if (getComputedStyle(e).position === "fixed") return true;
        return false;
      };
      for (const element of document.querySelectorAll("main p, main li, main a, main button, main dd, main h2")) {
        const box = element.getBoundingClientRect();
        if (box.height === 0 || element.closest("[hidden], .visually-hidden, dialog") || fixed(element)) continue;
        if (box.bottom > floor + 1 && box.top < window.innerHeight) {
          out.push(`under the bar at the bottom when scrolled to the end: ${element.tagName.toLowerCase()} "${element.textContent.trim().slice(0, 30)}" (${Math.round(box.bottom)} > ${Math.round(floor)})`);
        }
      }
    }
    window.scrollTo({ top: scrolled, behavior: "instant" });
    if (touch) {
      // What a finger hits: links, buttons, summaries, and form controls by their label.
      const targets = document.querySelectorAll("a[href], button, summary, textarea, input, select");
      for (const target of targets) {
        // A control inside its label is hit through the label; a link that covers its row
        // (a list row) through the row.
        const hit = target.closest("label") ?? target.closest("[data-hit-area]") ?? target;
        const box = hit.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || target.closest("[hidden], .visually-hidden, .skip-link")) continue;
        if (box.width < 43.5 || box.height < 43.5) {
          out.push(`touch target ${Math.round(box.width)}×${Math.round(box.height)}: ${target.tagName.toLowerCase()} "${(target.textContent || target.getAttribute("aria-label") || target.id).trim().slice(0, 30)}"`);
        }
      }
    }
    return out;
  }, touch);
  problems.push(...found.map((problem) => ({ page: name, rule: "layout", problem })));
}
