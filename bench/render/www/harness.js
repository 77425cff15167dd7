// The page side of bench/render.sh: the app's components (Leptos, in ../src/lib.rs) and a
// plain-JS renderer of the same DOM, timed alternately in the same page, plus the rules'
// 100,000 checks. bench/browser/render.mjs calls window.runBench() and prints the figures.
import init, * as wasm from "/pkg/complaint_desk_bench.js";

const STATUS_LABEL = {
  pending: "待处理",
  processing: "处理中",
  arbitration: "平台仲裁中",
  resolved: "已完结",
  closed: "已关闭",
  revoked: "已撤销",
};
const KIND_LABEL = {
  not_as_described: "商品描述不符",
  logistics: "物流问题",
  service: "服务态度差",
  quality: "质量问题",
  other: "其他",
};
const BLOCKED_LABEL = {
  not_owner: "非本人投诉",
  not_verified: "需先完成实名认证",
  already_revoked: "已撤销",
  in_arbitration: "平台仲裁中，不可撤销",
  finished: "已完结，不可撤销",
  finished_closed: "已关闭，不可撤销",
  window_expired: "已超过自助撤销时限",
};

// --- the plain-JS renderer ------------------------------------------------------------------
// What a hand-written list would do: the same rule (ported), the same strings, the same
// elements and attributes, built with createElement; keyed updates like Leptos' <For>.

function checkRevoke(row, actor, now, windowMs) {
  if (row.owner !== actor.id) return { code: "not_owner" };
  if (actor.real_name !== "verified") return { code: "not_verified" };
  switch (row.status) {
    case "revoked":
      return { code: "already_revoked" };
    case "arbitration":
      return { code: "in_arbitration" };
    case "resolved":
      return { code: "finished", label: "finished" };
    case "closed":
      return { code: "finished", label: "finished_closed" };
  }
  const deadline = row.filed_at + windowMs;
  return now < deadline ? { open: true, deadline } : { code: "window_expired" };
}

function remainingText(ms) {
  const seconds = Math.floor((Math.max(ms, 0) + 999) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h === 0 && m === 0) return `剩余 ${s}秒`;
  if (h === 0) return `剩余 ${m}分${s}秒`;
  return `剩余 ${h}小时${m}分`;
}

function dateTime(at) {
  const d = new Date(at);
  const two = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const name in attrs) node.setAttribute(name, attrs[name]);
  for (const child of children) {
    node.append(child);
  }
  return node;
}

class PlainList {
  constructor(container, data) {
    this.data = data;
    this.now = data.now;
    this.status = null;
    this.items = new Map(); // key → { row, li, badge, timer, open }
    this.ul = el("ul", { class: "complaint-list", "data-testid": "complaint-rows" });
    for (const row of this.visible()) {
      const item = this.createItem(row);
      this.items.set(item.key, item);
      this.ul.append(item.li);
    }
    container.append(this.ul);
  }

  visible() {
    const status = this.status;
    return status ? this.data.rows.filter((row) => row.status === status) : this.data.rows;
  }

  badge(row) {
    const decision = checkRevoke(row, this.data.actor, this.now, this.data.window_ms);
    if (decision.open) {
      const timer = el("span", { role: "timer" }, remainingText(decision.deadline - this.now));
      const badge = el(
        "span",
        { class: "window-badge window-badge--open", "data-testid": "window-badge", "data-state": "open" },
        el("span", { class: "window-badge__dot", "aria-hidden": "true" }),
        timer,
      );
      return { badge, timer, open: true, deadline: decision.deadline };
    }
    const badge = el(
      "span",
      {
        class: "window-badge window-badge--closed",
        "data-testid": "window-badge",
        "data-state": "closed",
        "data-code": decision.code,
      },
      BLOCKED_LABEL[decision.label || decision.code],
    );
    return { badge, timer: null, open: false };
  }

  createItem(row) {
    const b = this.badge(row);
    const link = el(
      "a",
      // `class` first, as `view!` sets it on the row's plain `<a>` (it was after `href` with `<A>`).
      { class: "complaint-row__link", href: `/complaints/${row.id}` },
      el(
        "span",
        { class: "complaint-row__head" },
        el("span", { class: "complaint-row__title" }, row.order.title),
        el(
          "span",
          { class: `status-badge status-badge--${row.status}`, "data-testid": "status-badge" },
          STATUS_LABEL[row.status],
        ),
      ),
      el("span", { class: "complaint-row__meta" }, `投诉编号 ${row.number} · 订单号 ${row.order.number}`),
      el(
        "span",
        { class: "complaint-row__meta" },
        `${KIND_LABEL[row.kind]} · `,
        el("time", {}, dateTime(row.filed_at)),
      ),
      b.badge,
    );
    const li = el(
      "li",
      { class: "complaint-row", "data-testid": "complaint-row", "data-number": row.number },
      link,
    );
    return { key: `${row.id}:${row.version}`, row, li, link, ...b };
  }

  setStatus(status) {
    this.status = status;
    const next = new Map();
    const order = [];
    for (const row of this.visible()) {
      const key = `${row.id}:${row.version}`;
      const item = this.items.get(key) || this.createItem(row);
      next.set(key, item);
      order.push(item.li);
    }
    for (const [key, item] of this.items) {
      if (!next.has(key)) item.li.remove();
    }
    this.items = next;
    const children = this.ul.children;
    for (let i = 0; i < order.length; i++) {
      if (children[i] !== order[i]) this.ul.insertBefore(order[i], children[i] || null);
    }
  }

  advance(ms) {
    this.now += ms;
    for (const item of this.items.values()) {
      if (!item.open) continue;
      if (this.now < item.deadline) {
        const text = remainingText(item.deadline - this.now);
        if (item.timer.firstChild.data !== text) item.timer.firstChild.data = text;
      } else {
        const b = this.badge(item.row);
        item.badge.replaceWith(b.badge);
        Object.assign(item, b);
      }
    }
  }
}

// --- the two renderers behind one interface -------------------------------------------------

const leptos = {
  name: "leptos",
  mount(container) {
    wasm.mount_rows(container);
  },
  switchTo: (status) => wasm.switch_status(status || ""),
  advance: (ms) => wasm.advance_clock(BigInt(ms)),
  unmount() {
    wasm.unmount_rows();
  },
};

function plainRenderer(data) {
  let list = null;
  return {
    name: "js",
    mount(container) {
      list = new PlainList(container, data);
    },
    async switchTo(status) {
      list.setStatus(status);
      await Promise.resolve();
    },
    async advance(ms) {
      list.advance(ms);
      await Promise.resolve();
    },
    unmount() {
      list.ul.remove();
      list = null;
    },
  };
}

// --- timing ---------------------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

function freshContainer() {
  const stage = document.getElementById("stage");
  stage.replaceChildren();
  const container = document.createElement("div");
  stage.append(container);
  return container;
}

// Forces style and layout, so the times include what the browser does with the DOM.
const layout = (container) => container.getBoundingClientRect().height;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function normalised(container) {
  // Compare what is rendered, not how: no comments (Leptos' markers), no empty text nodes.
  const copy = container.cloneNode(true);
  const walker = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT | NodeFilter.SHOW_TEXT);
  const drop = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.nodeType === Node.COMMENT_NODE || node.data === "") drop.push(node);
  }
  drop.forEach((node) => node.remove());
  copy.normalize();
  return copy.innerHTML;
}

// Every node under the container, and how many of them are comments (Leptos' markers):
// each one is a DOM call to create, insert and remove.
function nodeCounts(container) {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_ALL);
  let all = 0;
  let comments = 0;
  while (walker.nextNode()) {
    all++;
    if (walker.currentNode.nodeType === Node.COMMENT_NODE) comments++;
  }
  return { all, comments };
}

async function one(renderer, timings, filter) {
  const container = freshContainer();
  await nextFrame();
  let t0 = performance.now();
  renderer.mount(container);
  const t1 = performance.now();
  layout(container);
  timings.render.push(performance.now() - t0);
  timings.renderScript.push(t1 - t0);
  const rows = container.querySelectorAll("[data-testid=complaint-row]").length;

  await nextFrame();
  t0 = performance.now();
  await renderer.switchTo(filter);
  layout(container);
  timings.switchTo.push(performance.now() - t0);
  const filtered = container.querySelectorAll("[data-testid=complaint-row]").length;

  await nextFrame();
  t0 = performance.now();
  await renderer.switchTo(null);
  layout(container);
  timings.switchBack.push(performance.now() - t0);

  await nextFrame();
  t0 = performance.now();
  await renderer.advance(1000);
  layout(container);
  timings.tick.push(performance.now() - t0);

  const html = normalised(container);
  const nodes = nodeCounts(container);
  renderer.unmount();
  return { rows, filtered, html, nodes };
}

window.runBench = async function runBench({ rows = 1000, repeats = 15, filter = "pending" } = {}) {
  await init();
  const data = JSON.parse(wasm.rows_json(rows));
  wasm.prepare_rows(rows);
  const js = plainRenderer(data);
  const timings = {};
  for (const r of [leptos, js]) timings[r.name] = { render: [], renderScript: [], switchTo: [], switchBack: [], tick: [] };

  // Same DOM? Rendered once each, compared after a tick (both at now + 1 s).
  const a = await one(leptos, { render: [], renderScript: [], switchTo: [], switchBack: [], tick: [] }, filter);
  const b = await one(js, { render: [], renderScript: [], switchTo: [], switchBack: [], tick: [] }, filter);
  const sameDom = a.html === b.html;
  let firstDifference = null;
  if (!sameDom) {
    let i = 0;
    while (i < a.html.length && a.html[i] === b.html[i]) i++;
    firstDifference = { at: i, leptos: a.html.slice(Math.max(0, i - 120), i + 120), js: b.html.slice(Math.max(0, i - 120), i + 120) };
  }

  // Alternate which goes first (ABBA), so drift of a shared machine hits both alike.
  for (let i = 0; i < repeats; i++) {
    const order = i % 2 ? [js, leptos] : [leptos, js];
    for (const r of order) await one(r, timings[r.name], filter);
  }
  const result = { rows: a.rows, filtered: a.filtered, jsRows: b.rows, jsFiltered: b.filtered, sameDom, firstDifference, nodes: { leptos: a.nodes, js: b.nodes } };
  for (const name of ["leptos", "js"]) {
    result[name] = {};
    for (const [k, v] of Object.entries(timings[name])) result[name][k] = median(v);
  }
  // The cost of letting Leptos' scheduled effects run (part of its switch and tick times).
  const ticks = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    await wasm.any_tick();
    ticks.push(performance.now() - t0);
  }
  result.leptosTickOverhead = median(ticks);

  // The rules: 100,000 checks per call, median of several calls (after one warm-up).
  wasm.prepare_rules();
  const checks = wasm.rules_checks();
  const rules = {};
  for (const [name, fn] of [
    ["check_revoke", wasm.check_revoke_batch],
    ["validate_revocation", wasm.validate_revocation_batch],
  ]) {
    fn();
    const times = [];
    let answer = 0;
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      answer = fn();
      times.push(performance.now() - t0);
    }
    rules[name] = { ms: median(times), nsPerCheck: (median(times) * 1e6) / checks, answer };
  }
  result.rules = { checks, ...rules };

  // Decoding a 100-row list answer: serde_json in the wasm against JSON.parse +
  // serde-wasm-bindgen, alternately, each the median of 15 calls of 20 decodes.
  const text = wasm.list_page_json(100);
  const decoders = { serdeJson: wasm.decode_with_serde_json, jsonParse: wasm.decode_with_json_parse };
  const decodeTimes = { serdeJson: [], jsonParse: [] };
  for (const decode of Object.values(decoders)) decode(text);
  for (let i = 0; i < 15; i++) {
    for (const [name, decode] of Object.entries(decoders)) {
      const t0 = performance.now();
      for (let j = 0; j < 20; j++) if (decode(text) !== 100) throw new Error(`${name} lost rows`);
      decodeTimes[name].push((performance.now() - t0) / 20);
    }
  }
  result.decode = {
    bytes: text.length,
    serdeJson: median(decodeTimes.serdeJson),
    jsonParse: median(decodeTimes.jsonParse),
  };
  result.crossOriginIsolated = self.crossOriginIsolated;
  return result;
};

// For profiling (bench/render.sh with RENDER_PROFILE=1): one mount of `rows` rows by one
// renderer, with style and layout, then unmounted.
window.mountOnce = async function mountOnce(name, rows = 1000) {
  await init();
  wasm.prepare_rows(rows);
  const renderer = name === "leptos" ? leptos : plainRenderer(JSON.parse(wasm.rows_json(rows)));
  const container = freshContainer();
  await nextFrame();
  const t0 = performance.now();
  renderer.mount(container);
  layout(container);
  const ms = performance.now() - t0;
  renderer.unmount();
  return ms;
};

window.benchReady = true;
