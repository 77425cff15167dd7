// First paint of the complaint list: headless Chromium, a fresh browser context (cold
// cache) per run, against the real server serving the release dist/. Time from navigation
// start to the first frame showing 20 complaint rows, for the app and for a static HTML page
// with the same 20 rows (the app's own DOM, captured, scripts removed; same stylesheet),
// alternating app / static, median of RUNS each.
//
//   node bench/browser/first-paint.mjs BASE_URL DIST_DIR [RUNS]
// Signs in as demo-shopper through the API (the context's cookie) before each navigation.
import fs from "node:fs";
import path from "node:path";
import { launch, result, fmt, median, log } from "./chromium.mjs";

const base = process.argv[2] || "http://127.0.0.1:18300/";
const dist = process.argv[3];
const runs = Number(process.argv[4] || 15);
const ROWS = 20;
const STATIC_PAGE = "bench-static.html";

// Runs before any page script: records when the ROWS-th row is in the DOM with a box, and
// the frame that shows it (the rAF callback of that frame, and just after it).
const probe = `(() => {
  const want = ${ROWS};
  const marks = (window.__firstRows = {});
  const ready = () => {
    const rows = document.querySelectorAll("[data-testid=complaint-row]");
    return rows.length >= want && rows[want - 1].getBoundingClientRect().height > 0;
  };
  const observer = new MutationObserver(() => {
    if (marks.dom === undefined && ready()) {
      marks.dom = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => {
        marks.frame = performance.now();
        setTimeout(() => {
          marks.painted = performance.now();
          console.timeStamp("rows painted"); // a mark in a trace (FIRST_PAINT_TRACE=1)
        }, 0);
      });
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

async function signedInContext(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const response = await context.request.post(new URL("api/session", base).href, {
    headers: { "x-complaint-desk": "1" },
    data: { method: "demo", username: "demo-shopper" },
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()}`);
  await context.addInitScript(probe);
  return context;
}

async function measure(browser, url) {
  const context = await signedInContext(browser);
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__firstRows && window.__firstRows.painted !== undefined, null, { timeout: 30000 });
    const marks = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const fcp = performance.getEntriesByName("first-contentful-paint")[0];
      const resources = performance.getEntriesByType("resource").map((r) => ({
        name: r.name,
        start: r.startTime,
        end: r.responseEnd,
        size: r.encodedBodySize,
      }));
      return { ...window.__firstRows, html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, fcp: fcp ? fcp.startTime : NaN, resources };
    });
    if (errors.length) throw new Error(`page errors at ${url}: ${errors.join("; ")}`);
    return marks;
  } finally {
    await context.close();
  }
}

// The static twin: the DOM the app rendered, without scripts, served by the same server.
async function writeStaticPage(browser) {
  const context = await signedInContext(browser);
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=complaint-row]").length >= n, ROWS);
  const html = await page.evaluate(() => {
    const doc = document.documentElement.cloneNode(true);
    doc.querySelectorAll("script, link[rel=modulepreload], link[rel=preload]").forEach((e) => e.remove());
    return "<!DOCTYPE html>\n" + doc.outerHTML;
  });
  await context.close();
  fs.writeFileSync(path.join(dist, STATIC_PAGE), html);
  return html.length;
}

// FIRST_PAINT_PROFILE=1: one more cold load of the app under the V8 sampling profiler (from
// before navigation to the painted rows), self time grouped by kind. The shipped wasm has no
// function names, so wasm time is one line.
async function profileApp(browser) {
  const context = await signedInContext(browser);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    await page.goto(base, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__firstRows && window.__firstRows.painted !== undefined, null, { timeout: 30000 });
    const { profile } = await cdp.send("Profiler.stop");
    const painted = await page.evaluate(() => window.__firstRows.painted);
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const kinds = new Map();
    let t = profile.startTime;
    profile.samples.forEach((id, i) => {
      t += profile.timeDeltas[i] || 0;
      const frame = byId.get(id).callFrame;
      const name = frame.functionName;
      const url = frame.url || "";
      let kind;
      if (/^\((program|garbage collector|idle|root)\)$/.test(name)) kind = name;
      else if (/\.wasm$/.test(url) || /^\$?func|^wasm-function|^\$/.test(name)) kind = "wasm (the app's code)";
      else if (/complaint-desk-[0-9a-f]+\.js$/.test(url)) kind = `wasm-bindgen JS glue (${/^__wbg_/.test(name) ? "imports" : name || "anonymous"})`;
      else if (!url) kind = `native: ${name}`;
      else kind = `JS: ${name || "(anonymous)"} ${url.split("/").pop()}`;
      kinds.set(kind, (kinds.get(kind) || 0) + (profile.timeDeltas[i] || 0));
    });
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    log(`CPU profile of one cold app load (painted at ${fmt(painted)} ms; ${fmt(total / 1000)} ms sampled): self time by kind`);
    for (const [k, us] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 18)) {
      log(`  ${fmt(us / 1000).padStart(7)} ms  ${(100 * us / total).toFixed(1).padStart(5)}%  ${k}`);
    }
  } finally {
    await context.close();
  }
}

// FIRST_PAINT_TRACE=1: one more cold load of the app under Chromium's tracing, from
// navigation to the painted rows: the renderer main thread's busy time by kind of work, and
// its longest tasks on the time line (ms from navigation start), to see what is on the
// critical path between the responses.
async function traceApp(browser) {
  const context = await signedInContext(browser);
  try {
    const page = await context.newPage();
    await browser.startTracing(page, { categories: ["devtools.timeline", "v8", "v8.wasm", "blink", "blink.user_timing", "loading"] });
    await page.goto(base, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__firstRows && window.__firstRows.painted !== undefined, null, { timeout: 30000 });
    const painted = await page.evaluate(() => window.__firstRows.painted);
    const trace = await browser.stopTracing();
    fs.writeFileSync(path.join(process.env.BENCH_OUT || path.join(dist, ".."), "first-paint-trace.json"), trace);
    const { traceEvents } = JSON.parse(trace.toString());
    // Times from the navigation of the main frame; the renderer main thread is the thread
    // that recorded it.
    const navigation = traceEvents.find((e) => e.name === "navigationStart" && e.args.data?.documentLoaderURL);
    const at = (e) => (e.ts - navigation.ts) / 1000;
    const onMain = traceEvents
      .filter((e) => e.pid === navigation.pid && e.tid === navigation.tid && e.ph === "X" && e.dur !== undefined && e.ts >= navigation.ts)
      .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    // Top-level tasks: events not nested in another one.
    const tasks = [];
    for (const e of onMain) if (!tasks.length || e.ts >= tasks[tasks.length - 1].ts + tasks[tasks.length - 1].dur) tasks.push(e);
    const rowsPainted = traceEvents.find((e) => e.name === "TimeStamp" && e.args.data?.message === "rows painted");
    const end = rowsPainted ? at(rowsPainted) : Infinity;
    const work = ["FunctionCall", "wasm.CompileLazy", "ParseHTML", "UpdateLayoutTree", "Layout", "InlineNode::ShapeTextIncludingFirstLine", "PrePaint", "Paint", "MajorGC", "MinorGC"];
    const busy = tasks.filter((t) => at(t) <= end).reduce((sum, t) => sum + t.dur / 1000, 0);
    log(`trace of one cold app load, ms from the browser's navigation (the page's own clock starts later; rows painted at ${fmt(end)} here, ${fmt(painted)} by the page): main thread busy ${fmt(busy)} ms until then`);
    const requests = traceEvents.filter((e) => e.name === "ResourceSendRequest" && e.pid === navigation.pid);
    for (const e of requests) log(`  ${fmt(at(e)).padStart(7)}  request ${new URL(e.args.data.url).pathname.replace(/-[0-9a-f]{16}/, "-<hash>")}`);
    for (const e of traceEvents.filter((e) => e.pid === navigation.pid && (e.name === "firstContentfulPaint" || e.name === "ResourceFinish" && /\.wasm$/.test(requests.find((r) => r.args.data.requestId === e.args.data.requestId)?.args.data.url ?? "")))) {
      log(`  ${fmt(at(e)).padStart(7)}  ${e.name === "firstContentfulPaint" ? "first contentful paint" : ".wasm received"}`);
    }
    log("tasks of 2 ms or more (start + duration: what they did, ms):");
    for (const task of tasks.filter((t) => t.dur >= 2000 && at(t) <= end)) {
      const parts = new Map();
      for (const e of onMain) {
        if (e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && work.includes(e.name)) parts.set(e.name, (parts.get(e.name) || 0) + e.dur / 1000);
      }
      const what = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, ms]) => `${n} ${fmt(ms)}`).join(", ");
      log(`  ${fmt(at(task)).padStart(7)} +${fmt(task.dur / 1000).padStart(5)}  ${task.name}${what ? `: ${what}` : ""}`);
    }
  } finally {
    await context.close();
  }
}

const browser = await launch();
try {
  const bytes = await writeStaticPage(browser);
  log(`static twin ${STATIC_PAGE}: ${bytes} bytes of HTML`);
  const app = [];
  const stat = [];
  // One warm-up pair (server, OS caches, the browser's processes), not counted.
  await measure(browser, base);
  await measure(browser, new URL(STATIC_PAGE, base).href);
  for (let i = 0; i < runs; i++) {
    const order = i % 2 ? ["static", "app"] : ["app", "static"];
    for (const which of order) {
      if (which === "app") app.push(await measure(browser, base));
      else stat.push(await measure(browser, new URL(STATIC_PAGE, base).href));
    }
  }
  const m = (list, f) => median(list.map(f));
  const appMs = m(app, (x) => x.painted);
  const staticMs = m(stat, (x) => x.painted);
  const ratio = appMs / staticMs;
  result("first paint", `app: navigation → ${ROWS} rows painted (median of ${runs})`, fmt(appMs), "ms");
  result("first paint", `static page, same ${ROWS} rows (median of ${runs})`, fmt(staticMs), "ms");
  result("first paint", "app / static", fmt(ratio, 2), "×", "<= 1.5", ratio <= 1.5 ? "met" : "NOT met");
  // Where the app's time goes (medians).
  const at = (x, pattern, key) => {
    const r = x.resources.find((r) => pattern.test(r.name));
    return r ? r[key] : NaN;
  };
  result("first paint", "app: first contentful paint (skeleton)", fmt(m(app, (x) => x.fcp)), "ms");
  result("first paint", "app: .wasm response end", fmt(m(app, (x) => at(x, /\.wasm$/, "end"))), "ms");
  result("first paint", "app: GET /api/complaints start", fmt(m(app, (x) => at(x, /\/api\/complaints/, "start"))), "ms");
  result("first paint", "app: GET /api/complaints end", fmt(m(app, (x) => at(x, /\/api\/complaints/, "end"))), "ms");
  result("first paint", `app: ${ROWS} rows in the DOM`, fmt(m(app, (x) => x.dom)), "ms");
  result("first paint", "app: requests before the rows", String(m(app, (x) => x.resources.filter((r) => r.start < x.dom).length)), "count");
  // The app's waterfall (medians over the runs), for BENCHMARKS.md's analysis.
  const names = [...new Set(app.flatMap((x) => x.resources.map((r) => r.name)))];
  const short = (name) => new URL(name).pathname.replace(/-[0-9a-f]{16}/, "-<hash>");
  log("app waterfall (median ms from navigation start: start → end, bytes on the wire):");
  log(`  document → ${fmt(m(app, (x) => x.html))}; DOMContentLoaded ${fmt(m(app, (x) => x.dcl))}; FCP ${fmt(m(app, (x) => x.fcp))}`);
  for (const name of names) {
    const rs = app.map((x) => x.resources.find((r) => r.name === name)).filter(Boolean);
    log(`  ${short(name).padEnd(40)} ${fmt(median(rs.map((r) => r.start))).padStart(7)} → ${fmt(median(rs.map((r) => r.end))).padStart(7)}  ${median(rs.map((r) => r.size))} B`);
  }
  log(`  ${ROWS} rows in the DOM ${fmt(m(app, (x) => x.dom))}, frame ${fmt(m(app, (x) => x.frame))}, after the frame ${fmt(appMs)}`);
  log(`static: document → ${fmt(m(stat, (x) => x.html))}; FCP ${fmt(m(stat, (x) => x.fcp))}; rows in the DOM ${fmt(m(stat, (x) => x.dom))}; after the frame ${fmt(staticMs)}`);
  if (process.env.FIRST_PAINT_PROFILE === "1") await profileApp(browser);
  if (process.env.FIRST_PAINT_TRACE === "1") await traceApp(browser);
  fs.writeFileSync(path.join(process.env.BENCH_OUT || path.join(dist, ".."), "first-paint.json"), JSON.stringify({ app, static: stat }, null, 1));
} finally {
  await browser.close();
}
