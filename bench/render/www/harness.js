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
  withdrawn: "已撤销",
};
const KIND_LABEL = {
  not_as_described: "商品描述不符",
  logistics: "物流问题",
  service: "服务态度差",
  quality: "质量问题",
  other: "其他",
};

// --- the plain-JS renderer ------------------------------------------------------------------
// What a hand-written list would do: the same rule (ported), the same strings, the same
// elements and attributes as the app's `ComplaintRow` (src/components/complaint_list.rs:
// `ProductThumb`, `StatusBadge`, `WithdrawalLine`, `StateActionLink`; texts of src/i18n/zh.rs),
// built with createElement; keyed updates like Leptos' <For>. The app is served at the root
// here (no `<base>` path) and the deployment sets no external verify / appeal pages.

// The app's icons (src/components/icons.rs): constant subtrees, built once and cloned.
const SVG = "http://www.w3.org/2000/svg";
const ICONS = {};
for (const [name, d] of Object.entries({
  bag: "M5 8h14l-1 12H6zM9 8V6a3 3 0 0 1 6 0v2",
  clock: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2",
  hourglass: "M7 3h10M7 21h10M8 3c0 5 8 5 8 9s-8 4-8 9M16 3c0 5-8 5-8 9s8 4 8 9",
  alert: "M12 3 2 20h20zM12 10v4M12 17h.01",
  lock: "M6 11h12v9H6zM8 11V8a4 4 0 0 1 8 0v3",
  shield: "M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4",
  headset: "M4 14v-2a8 8 0 0 1 16 0v2M4 14h3v5H4zM17 14h3v5h-3zM20 19c0 1.5-2 2-5 2",
  "check-circle": "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8 12l3 3 5-6",
  flag: "M5 21V4M5 4h11l-2 4 2 4H5",
})) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("class", "icon");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", d);
  svg.append(path);
  ICONS[name] = svg;
}
const icon = (name) => ICONS[name].cloneNode(true);

// `WithdrawalState` (src/withdrawal.rs) as the row shows it. Refusals and a pending
// assistance request are one shared object each; an open window or a verify-first state
// carries its deadline. `timed`: time alone can change it (`changes_with_time`).
// (All of one shape, so the code reading them stays monomorphic.)
const refusal = (code, words, action, timed) => ({ state: "closed", code, icon: "lock", words, urgency: null, deadline: null, action, timed });
const REFUSED = {
  not_owner: refusal("not_owner", "非本人投诉", null, false),
  in_arbitration: refusal("in_arbitration", "平台仲裁中，不能撤销", "contact_service", false),
  window_expired: refusal("window_expired", "已超过自助撤销时限", "request_assistance", true),
};
// `WithdrawalState::Ended`: how it ended in its own words (zh.rs `state_ended`), with when
// (`row.ended`, absent from the generated rows) and, withdrawn, the receipt as the action.
const ENDED = {
  withdrawn: { code: "already_withdrawn", icon: "check-circle", word: "已撤销", action: "receipt" },
  resolved: { code: "finished", icon: "flag", word: "投诉已完结", action: "file_again" },
  closed: { code: "finished", icon: "flag", word: "已关闭", action: "file_again" },
};
function ended(row) {
  const end = ENDED[row.status];
  const by = row.ended?.withdrawn_by === "agent_on_behalf" ? "客服代您撤销" : end.word;
  const words = row.ended ? `${by} · ${deadlineText(row.ended.at)}` : by;
  return { state: "ended", code: end.code, icon: end.icon, words, urgency: null, deadline: null, action: end.action, timed: false };
}
// Customer service has the request: the row itself is the way to it (no action beside it).
// Refused: the conversation, where the reason is and the next step can be asked.
const ASSISTANCE = {
  pending: { state: "assistance_pending", code: null, icon: "headset", words: "客服处理中", urgency: null, deadline: null, action: null, timed: true },
  rejected: { state: "assistance_rejected", code: null, icon: "headset", words: "客服未通过", urgency: null, deadline: null, action: "contact_service", timed: true },
};

const OPEN = {
  normal: { icon: "clock", words: (d) => `可自助撤销 · ${d}\u00a0前` },
  warning: { icon: "hourglass", words: (d) => `即将截止 · ${d}\u00a0前` },
  critical: { icon: "alert", words: (d) => `马上截止 · ${d}\u00a0前` },
};
const WARNING_BEFORE_MS = 60 * 60 * 1000;
const CRITICAL_BEFORE_MS = 5 * 60 * 1000;

// `check_withdrawal` (owner, real name, status, then the window) and `WithdrawalState::decide`:
// an unverified owner whose window runs is told to verify first; a refusal that would lead to
// an assistance request shows the latest request (pending or refused) instead.
function decide(row, actor, now, windowMs) {
  if (row.owner !== actor.id) return REFUSED.not_owner;
  if (ENDED[row.status]) return ended(row);
  const byStatus = row.status === "arbitration" ? REFUSED.in_arbitration : null;
  const deadline = row.filed_at + windowMs;
  const refused = byStatus || (now < deadline ? null : REFUSED.window_expired);
  if (refused) return (refused === REFUSED.window_expired && ASSISTANCE[row.assistance]) || refused;
  if (actor.real_name !== "verified") {
    return { state: "verify_first", code: "not_verified", icon: "shield", words: null, urgency: null, deadline, action: "verify", timed: true };
  }
  const left = deadline - now;
  const urgency = left < CRITICAL_BEFORE_MS ? "critical" : left < WARNING_BEFORE_MS ? "warning" : "normal";
  return { state: "open", code: null, icon: OPEN[urgency].icon, words: null, urgency, deadline, action: "withdraw", timed: true };
}

const sameState = (a, b) =>
  a === b || (a.state === b.state && a.code === b.code && a.urgency === b.urgency && a.deadline === b.deadline);

// `StateActionLink` with `quiet`, for the actions a row offers.
const ACTIONS = {
  withdraw: { className: "button button--quiet", testid: "withdraw-link", label: "撤销", href: (row) => `/complaints/${row.id}/withdraw` },
  receipt: { className: "button button--quiet", testid: "receipt-link", label: "查看凭证", href: (row) => `/complaints/${row.id}/receipt` },
  verify: { className: "button button--quiet", testid: "verify-link", label: "去实名认证", href: () => "/help#verify" },
  request_assistance: { className: "button button--quiet", testid: "assistance-link", label: "申请客服协助", href: (row) => `/complaints/${row.id}/assistance` },
  contact_service: { className: "button button--quiet", testid: "contact-service-link", label: "联系客服", href: (row) => `/complaints/${row.id}/conversation` },
  file_again: { className: "button button--quiet", testid: "file-again-link", label: "重新投诉", href: (row) => `/orders/${row.order.id}/complain` },
};

// zh.rs `window_remaining`, rounding up to the second (`split_duration`).
function remainingText(ms) {
  const seconds = Math.floor((Math.max(ms, 0) + 999) / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (h === 0) return m === 0 ? `仅剩${seconds % 60}秒` : `剩余${m}分${seconds % 60}秒`;
  return m === 0 ? `剩余${h}小时` : `剩余${h}小时${m}分`;
}

// zh.rs `date_short` (`DateStyle::Short`), with no-break spaces (`unbroken`).
const SHORT_DATE = new Intl.DateTimeFormat("zh-CN", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const deadlineText = (at) => SHORT_DATE.format(at).replaceAll(" ", "\u00a0");

// `format_yuan`: ¥749.00 from 74900 fen.
function yuan(fen) {
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${fen < 0 ? "-" : ""}¥${(abs - cents) / 100}.${cents < 10 ? "0" : ""}${cents}`;
}


// An element with its class first (as `view!` sets it) and, if given, its text.
function el(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// `ProductThumb`: the picture, or the placeholder when there is none or it fails to load.
function thumb(image) {
  const span = el("span", "thumb");
  span.setAttribute("data-testid", "product-thumb");
  if (image == null) {
    span.setAttribute("data-placeholder", "true");
    span.append(icon("bag"));
    return span;
  }
  span.setAttribute("data-placeholder", "false");
  const img = document.createElement("img");
  img.setAttribute("src", image);
  img.setAttribute("alt", "");
  img.setAttribute("loading", "lazy");
  img.setAttribute("decoding", "async");
  img.setAttribute("width", "64");
  img.setAttribute("height", "64");
  img.addEventListener("error", () => {
    span.setAttribute("data-placeholder", "true");
    img.replaceWith(icon("bag"));
  });
  span.append(img);
  return span;
}

// The row's kind and its whole number (with its name for screen readers).
function meta(row) {
  const p = el("p", "complaint-row__meta", `${KIND_LABEL[row.kind]} · `);
  p.append(el("span", "visually-hidden", "投诉编号 "), el("span", "complaint-row__number", row.number));
  return p;
}

class PlainList {
  constructor(container, data) {
    this.data = data;
    this.now = data.now;
    this.status = null;
    // key → { row, li, box, state, line, timer, left, action, link }
    this.items = new Map();
    this.ul = document.createElement("ul");
    this.ul.className = "complaint-list";
    this.ul.setAttribute("data-testid", "complaint-rows");
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

  decide(row) {
    return decide(row, this.data.actor, this.now, this.data.window_ms);
  }

  createItem(row) {
    const li = el("li", "complaint-row");
    li.setAttribute("data-testid", "complaint-row");
    li.setAttribute("data-number", row.number);
    li.setAttribute("data-hit-area", "");

    const link = el("a", "complaint-row__link", row.order.title);
    link.setAttribute("href", `/complaints/${row.id}`);
    const badge = el("span", `status-badge status-badge--${row.status}`, STATUS_LABEL[row.status]);
    badge.setAttribute("data-testid", "status-badge");
    const head = el("p", "complaint-row__head");
    head.append(link, badge);
    const body = el("div", "complaint-row__body");
    body.append(
      head,
      el("p", "complaint-row__shop", `${row.order.shop} · ${yuan(row.order.amount_fen)}`),
      meta(row),
    );

    const box = el("div", "complaint-row__state");
    const item = { key: `${row.id}:${row.version}`, row, li, box, state: null, line: null, timer: null, left: "", action: null, link: null };
    this.showState(item, this.decide(row));
    li.append(thumb(row.order.image), body, box);
    return item;
  }

  // `WithdrawalLine` (built again as a whole when the state changes) and the action beside
  // it (replaced only when the action changes).
  showState(item, state) {
    const line = el("p", "wstate");
    line.setAttribute("data-testid", "withdrawal-state");
    line.setAttribute("data-state", state.state);
    if (state.code) line.setAttribute("data-code", state.code);
    let words = state.words;
    if (state.state === "open") {
      line.setAttribute("data-urgency", state.urgency);
      line.setAttribute("data-deadline", state.deadline);
      words = OPEN[state.urgency].words(deadlineText(state.deadline));
    } else if (state.state === "verify_first") {
      words = `先实名认证 · ${deadlineText(state.deadline)}\u00a0前可撤销`;
    }
    line.append(icon(state.icon), el("span", "wstate__words", words));
    item.timer = null;
    if (state.state === "open") {
      item.left = remainingText(state.deadline - this.now);
      item.timer = el("span", "wstate__left", item.left);
      item.timer.setAttribute("role", "timer");
      line.append(item.timer);
    }
    if (item.line) item.line.replaceWith(line);
    else item.box.append(line);
    item.line = line;
    item.state = state;

    if (state.action === item.action) return;
    item.link?.remove();
    item.link = null;
    item.action = state.action;
    const action = ACTIONS[state.action];
    if (action) {
      item.link = el("a", action.className, action.label);
      item.link.setAttribute("href", action.href(item.row));
      item.link.setAttribute("data-testid", action.testid);
      item.box.append(item.link);
    }
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

  // A clock tick: rows whose state time can change are decided again; the line is rebuilt
  // when the state changed, else an open window's countdown text is rewritten if it changed.
  advance(ms) {
    this.now += ms;
    for (const item of this.items.values()) {
      if (!item.state.timed) continue;
      const state = this.decide(item.row);
      if (!sameState(state, item.state)) {
        this.showState(item, state);
      } else if (item.timer) {
        const text = remainingText(item.state.deadline - this.now);
        if (text !== item.left) {
          item.left = text;
          item.timer.firstChild.data = text;
        }
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
    // The row it is in (its complaint number), and both sides around it.
    const mark = 'data-number="';
    const at = a.html.lastIndexOf(mark, i);
    const row = at < 0 ? null : a.html.slice(at + mark.length, a.html.indexOf('"', at + mark.length));
    firstDifference = { at: i, row, leptos: a.html.slice(Math.max(0, i - 120), i + 120), js: b.html.slice(Math.max(0, i - 120), i + 120) };
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
    ["check_withdrawal", wasm.check_withdrawal_batch],
    ["validate_withdrawal", wasm.validate_withdrawal_batch],
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
