// First paint of the complaint list: headless Chromium, a fresh browser context (cold
// cache) per run, against the real server serving the release dist/. Time from navigation
// start to the first frame showing 20 complaint rows, for the app and for a static HTML page
// with the same 20 rows (the app's own DOM, captured, scripts removed; same stylesheet),
// alternating app / static, median of RUNS each. Then the same two pages
//   - on a repeat visit: a second load in the same browser context (HTTP cache and V8's wasm
//     code cache warm), with the list of requests that went to the network on it, checked
//     (only the document, config.json and the API may);
//   - on a mid-range phone: cold, under CDP CPU throttling (4×) and network emulation
//     (9 Mbps down, 1.5 Mbps up, 60 ms latency).
//
//   node bench/browser/first-paint.mjs BASE_URL DIST_DIR [RUNS]
// Signs in as demo-shopper through the API (the context's cookie) before each navigation.
// Environment: REPEAT_RUNS (9), REPEAT_DWELL_MS (1000: how long the first visit stays open
// at least; the app's stays until V8 has written the wasm to its code cache, at most
// REPEAT_WAIT_CACHE_MS, 15000), PHONE_RUNS (9), PHONE_CPU (4), PHONE_DOWN_KBPS (9000),
// PHONE_UP_KBPS (1500), PHONE_LATENCY_MS (60); FIRST_PAINT_TRACE=1|cold,repeat,phone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch, launchProfile, result, fmt, median, log } from "./chromium.mjs";

const base = process.argv[2] || "http://127.0.0.1:18300/";
const dist = process.argv[3];
const runs = Number(process.argv[4] || 15);
const ROWS = 20;
const STATIC_PAGE = "bench-static.html";
const env = (name, fallback) => Number(process.env[name] || fallback);
const REPEAT_RUNS = env("REPEAT_RUNS", 9);
const REPEAT_DWELL_MS = env("REPEAT_DWELL_MS", 1000);
const REPEAT_WAIT_CACHE_MS = env("REPEAT_WAIT_CACHE_MS", 15000);
const PHONE_RUNS = env("PHONE_RUNS", 9);
const PHONE = {
  cpu: env("PHONE_CPU", 4),
  downKbps: env("PHONE_DOWN_KBPS", 9000),
  upKbps: env("PHONE_UP_KBPS", 1500),
  latencyMs: env("PHONE_LATENCY_MS", 60),
};
const PHONE_LABEL = `${PHONE.cpu}× CPU, ${PHONE.downKbps / 1000}/${PHONE.upKbps / 1000} Mbps, ${PHONE.latencyMs} ms`;

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

// Signs CONTEXT in (the cookie lands in its jar) and adds the probe.
async function signIn(context) {
  const response = await context.request.post(new URL("api/session", base).href, {
    headers: { "x-complaint-desk": "1" },
    data: { method: "demo", username: "demo-shopper" },
  });
  if (!response.ok()) throw new Error(`sign-in failed: ${response.status()}`);
  // A shopper's browser that signed in before keeps the app's hint (src/session.rs), which is
  // what lets index.html ask for the list while the wasm downloads.
  await context.addInitScript(() => localStorage.setItem("complaint-desk.signed-in", "1"));
  await context.addInitScript(probe);
  return context;
}

const VIEWPORT = { width: 390, height: 844 };

// A fresh off-the-record context: an empty (in-memory) HTTP cache.
async function signedInContext(browser) {
  return signIn(await browser.newContext({ viewport: VIEWPORT }));
}

// A fresh browser profile (a new user data directory): empty disk cache and code cache that
// fill as in a shopper's browser. Off-the-record contexts have no V8 code cache, so a repeat
// visit needs this. Returns the context and a function that closes it and removes the profile.
async function profileContext() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "complaint-desk-bench-profile-"));
  const context = await launchProfile(dir, { viewport: VIEWPORT });
  const close = async () => {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    return { context: await signIn(context), close, dir };
  } catch (e) {
    await close();
    throw e;
  }
}

const painted = (page, timeout = 30000) =>
  page.waitForFunction(() => window.__firstRows && window.__firstRows.painted !== undefined, null, { timeout });

// The probe's marks and the page's own timeline (navigation, FCP, resources).
const readMarks = (page) =>
  page.evaluate(() => {
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

// One navigation of a fresh page of CONTEXT to URL, until the rows are painted. SETUP(page)
// runs before the navigation (CDP emulation, a network log).
async function load(context, url, { setup, timeout } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const extra = setup ? await setup(page) : undefined;
  await page.goto(url, { waitUntil: "commit", timeout: timeout ?? 30000 });
  await painted(page, timeout);
  const marks = await readMarks(page);
  if (errors.length) throw new Error(`page errors at ${url}: ${errors.join("; ")}`);
  return { page, marks, extra };
}

// A cold load: a fresh context, so an empty HTTP cache.
async function measure(browser, url) {
  const context = await signedInContext(browser);
  try {
    return (await load(context, url)).marks;
  } finally {
    await context.close();
  }
}

// Every request PAGE makes from now on, through CDP, with where its answer came from:
// "cache" (memory or disk cache, nothing sent), "304" (revalidated), or the status of a
// response that came over the network.
async function networkLog(context, page) {
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  const get = (id) => requests.get(id) ?? {};
  cdp.on("Network.requestWillBeSent", (e) => {
    if (!requests.has(e.requestId)) requests.set(e.requestId, { url: e.request.url, type: e.type, memory: false });
  });
  cdp.on("Network.requestServedFromCache", (e) => (get(e.requestId).memory = true));
  cdp.on("Network.responseReceived", (e) =>
    Object.assign(get(e.requestId), {
      status: e.response.status,
      disk: e.response.fromDiskCache,
      prefetch: e.response.fromPrefetchCache,
      worker: e.response.fromServiceWorker,
    }),
  );
  // Sent only for requests that went to the network, with the status on the wire (304).
  cdp.on("Network.responseReceivedExtraInfo", (e) => (get(e.requestId).wire = e.statusCode));
  cdp.on("Network.loadingFailed", (e) => (get(e.requestId).failed = e.errorText));
  await cdp.send("Network.enable");
  return () =>
    [...requests.values()].map((r) => {
      const cached = r.memory || r.disk || r.prefetch || r.worker;
      const from = r.failed ? `failed (${r.failed})` : cached && r.wire === undefined ? "cache" : String(r.wire ?? r.status ?? "pending");
      return { path: new URL(r.url).pathname, type: r.type, from };
    });
}

// A repeat visit, in a fresh browser profile: a cold load; the page kept open at least
// REPEAT_DWELL_MS and, if it runs wasm, until V8 has written the compiled module to the
// profile's code cache (V8 does so only once the module has run a while: ~2 s without new
// optimised code), at most REPEAT_WAIT_CACHE_MS; closed. Then a new page (HTTP disk cache and
// code cache warm, no memory cache of the first page's renderer) loads the same URL: its
// marks, and every request of that second load until 500 ms after the rows were painted
// (late images, the event stream).
async function measureRepeat(url) {
  const { context, close, dir } = await profileContext();
  try {
    return await repeatVisit(context, dir, url, (page) => networkLog(context, page));
  } finally {
    await close();
  }
}

// The wasm entries of a profile's code cache (Chromium's simple cache: a file per entry),
// over 1 kB (a module's code, not a bookkeeping entry): their total size in bytes.
function codeCacheBytes(dir) {
  const wasm = path.join(dir, "Default", "Code Cache", "wasm");
  if (!fs.existsSync(wasm)) return 0;
  return fs
    .readdirSync(wasm)
    .filter((name) => /_0$/.test(name))
    .map((name) => fs.statSync(path.join(wasm, name)).size)
    .filter((size) => size > 1000)
    .reduce((a, b) => a + b, 0);
}

async function repeatVisit(context, dir, url, setup) {
  const first = await load(context, url);
  const usesWasm = first.marks.resources.some((r) => /\.wasm$/.test(r.name));
  const since = Date.now();
  await first.page.waitForTimeout(REPEAT_DWELL_MS);
  while (usesWasm && codeCacheBytes(dir) === 0 && Date.now() - since < REPEAT_WAIT_CACHE_MS) await first.page.waitForTimeout(100);
  const cached = codeCacheBytes(dir);
  const dwell = Date.now() - since;
  // What the first visit had fetched when it closed: a late picture it never asked for can
  // only come from the network on the second, whatever its caching headers say.
  const firstFetched = await first.page.evaluate(() => performance.getEntriesByType("resource").map((entry) => new URL(entry.name).pathname));
  await first.page.close();
  const second = await load(context, url, { setup });
  await second.page.waitForTimeout(500);
  const network = second.extra?.().map((r) => ({ ...r, new: r.type !== "Document" && !firstFetched.includes(r.path) }));
  return { ...second.marks, network, codeCache: usesWasm ? { bytes: cached, afterMs: dwell } : undefined };
}

// Whether V8's wasm code cache works for the app: one more repeat visit, traced (only the
// category that holds Blink's v8.wasm.* events) from the first load to the end of the second.
// "written": the first visit stored the compiled module (v8.wasm.cachedModule); "used": the
// second load found it (v8.wasm.moduleCacheHit) instead of compiling the module again.
async function wasmCodeCache(url) {
  const { context, close, dir } = await profileContext();
  try {
    const events = [];
    // The profile's first tab (about:blank) holds the tracing session; the visit uses others.
    const blank = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(blank);
    cdp.on("Tracing.dataCollected", (e) => events.push(...e.value.filter((x) => /^v8\.wasm\./.test(x.name))));
    await cdp.send("Tracing.start", { transferMode: "ReportEvents", traceConfig: { includedCategories: ["disabled-by-default-devtools.timeline"] } });
    await repeatVisit(context, dir, url);
    const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.end");
    await done;
    const find = (name) => events.find((e) => e.name === name);
    return {
      written: find("v8.wasm.cachedModule")?.args?.producedCacheSize,
      used: find("v8.wasm.moduleCacheHit")?.args?.consumedCacheSize,
      invalid: Boolean(find("v8.wasm.moduleCacheInvalid")),
    };
  } finally {
    await close();
  }
}

// A mid-range phone: the renderer's CPU slowed down PHONE.cpu times and the network shaped
// (CDP network emulation: bandwidth each way, and latency added to every request).
async function emulatePhone(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: PHONE.latencyMs,
    downloadThroughput: (PHONE.downKbps * 1000) / 8,
    uploadThroughput: (PHONE.upKbps * 1000) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: PHONE.cpu });
  return cdp;
}

// A cold load on the emulated phone.
async function measurePhone(browser, url) {
  const context = await signedInContext(browser);
  try {
    return (await load(context, url, { setup: (page) => emulatePhone(context, page), timeout: 120000 })).marks;
  } finally {
    await context.close();
  }
}

// Chromium's tracing through PAGE's CDP session; returns a function that stops it and
// resolves to the trace (JSON, as Playwright's browser.stopTracing gives it).
async function cdpTracing(context, page, categories) {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Tracing.start", { transferMode: "ReturnAsStream", traceConfig: { includedCategories: categories } });
  return async () => {
    const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.end");
    const { stream } = await done;
    const chunks = [];
    for (;;) {
      const { data, eof, base64Encoded } = await cdp.send("IO.read", { handle: stream });
      chunks.push(Buffer.from(data, base64Encoded ? "base64" : "utf8"));
      if (eof) break;
    }
    await cdp.send("IO.close", { handle: stream });
    const text = Buffer.concat(chunks).toString();
    // The stream holds either {"traceEvents": […]} or a bare array.
    return Buffer.from(text.trimStart().startsWith("[") ? `{"traceEvents":${text}}` : text);
  };
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

// FIRST_PAINT_TRACE=1 (or a list of cold,repeat,phone): one more load of the app under
// Chromium's tracing — cold, the second load of a repeat visit, or cold on the emulated
// phone — from navigation to the painted rows: the renderer main thread's busy time by kind
// of work, its longest tasks on the time line (ms from navigation start), to see what is on
// the critical path between the responses, and V8's wasm events (compilation, code cache).
async function traceApp(browser, mode) {
  const label = { cold: "one cold app load", repeat: "the second load of a repeat visit", phone: `one cold app load on the emulated phone (${PHONE_LABEL})` }[mode];
  // disabled-by-default-devtools.timeline holds Blink's v8.wasm.* events: the module
  // compiled, written to the code cache (cachedModule), found there (moduleCacheHit).
  const categories = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8", "v8.wasm", "blink", "blink.user_timing", "loading"];
  // A repeat visit needs a profile (the code cache), whose context has no Browser object:
  // traced through the page's CDP session instead.
  const { context, close, dir } = mode === "repeat" ? await profileContext() : { context: await signedInContext(browser), close: null };
  try {
    if (mode === "repeat") {
      const first = await load(context, base);
      const since = Date.now();
      await first.page.waitForTimeout(REPEAT_DWELL_MS);
      while (codeCacheBytes(dir) === 0 && Date.now() - since < REPEAT_WAIT_CACHE_MS) await first.page.waitForTimeout(100);
      await first.page.close();
    }
    let stop;
    const setup = async (page) => {
      if (mode === "phone") await emulatePhone(context, page);
      if (mode === "repeat") stop = await cdpTracing(context, page, categories);
      else {
        await browser.startTracing(page, { categories });
        stop = () => browser.stopTracing();
      }
    };
    const { marks } = await load(context, base, { setup, timeout: 120000 });
    const trace = await stop();
    const file = mode === "cold" ? "first-paint-trace.json" : `first-paint-trace-${mode}.json`;
    fs.writeFileSync(path.join(process.env.BENCH_OUT || path.join(dist, ".."), file), trace);
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
    const before = tasks.filter((t) => at(t) <= end);
    const busy = before.reduce((sum, t) => sum + t.dur / 1000, 0);
    log(`trace of ${label}, ms from the browser's navigation (the page's own clock starts later; rows painted at ${fmt(end)} here, ${fmt(marks.painted)} by the page): main thread busy ${fmt(busy)} ms until then (${file})`);
    // Busy time by kind of work (each event's own time, nested kinds subtracted).
    const kinds = new Map();
    for (const task of before) {
      const inside = onMain.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && work.includes(e.name));
      let covered = 0;
      for (const e of inside) {
        const nested = inside.filter((o) => o !== e && o.ts >= e.ts && o.ts + o.dur <= e.ts + e.dur && !(o.ts === e.ts && o.dur === e.dur));
        const outerOnly = nested.filter((o) => !nested.some((p) => p !== o && o.ts >= p.ts && o.ts + o.dur <= p.ts + p.dur));
        const self = e.dur - outerOnly.reduce((x, o) => x + o.dur, 0);
        kinds.set(e.name, (kinds.get(e.name) || 0) + self / 1000);
        if (!inside.some((p) => p !== e && e.ts >= p.ts && e.ts + e.dur <= p.ts + p.dur)) covered += e.dur;
      }
      kinds.set("(other)", (kinds.get("(other)") || 0) + (task.dur - covered) / 1000);
    }
    log(`  main thread by kind until the rows: ${[...kinds].sort((x, y) => y[1] - x[1]).map(([n, ms]) => `${n} ${fmt(ms)}`).join(", ")}`);
    const requests = traceEvents.filter((e) => e.name === "ResourceSendRequest" && e.pid === navigation.pid);
    for (const e of requests) log(`  ${fmt(at(e)).padStart(7)}  request ${new URL(e.args.data.url).pathname.replace(/-[0-9a-f]{16}/, "-<hash>")}`);
    for (const e of traceEvents.filter((e) => e.pid === navigation.pid && (e.name === "firstContentfulPaint" || e.name === "ResourceFinish" && /\.wasm$/.test(requests.find((r) => r.args.data.requestId === e.args.data.requestId)?.args.data.url ?? "")))) {
      log(`  ${fmt(at(e)).padStart(7)}  ${e.name === "firstContentfulPaint" ? "first contentful paint" : ".wasm received"}`);
    }
    // V8's wasm events in the renderer (any thread): compilation and the code cache.
    const wasm = new Map();
    for (const e of traceEvents.filter((e) => e.pid === navigation.pid && (/wasm/i.test(e.cat || "") || /^v8\.wasm\./.test(e.name)) && e.ts >= navigation.ts)) {
      const w = wasm.get(e.name) || { count: 0, ms: 0, first: at(e) };
      w.count++;
      w.ms += (e.dur || 0) / 1000;
      wasm.set(e.name, w);
    }
    log(`  wasm events (count, total ms, first at): ${[...wasm].sort((x, y) => x[1].first - y[1].first).map(([n, w]) => `${n} ×${w.count} ${fmt(w.ms)} ms @${fmt(w.first)}`).join("; ")}`);
    const minMs = mode === "phone" ? 8 : 2;
    log(`tasks of ${minMs} ms or more (start + duration: what they did, ms):`);
    for (const task of before.filter((t) => t.dur >= minMs * 1000)) {
      const parts = new Map();
      for (const e of onMain) {
        if (e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && work.includes(e.name)) parts.set(e.name, (parts.get(e.name) || 0) + e.dur / 1000);
      }
      const what = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, ms]) => `${n} ${fmt(ms)}`).join(", ");
      log(`  ${fmt(at(task)).padStart(7)} +${fmt(task.dur / 1000).padStart(5)}  ${task.name}${what ? `: ${what}` : ""}`);
    }
  } finally {
    await (close ? close() : context.close());
  }
}

fs.mkdirSync(process.env.BENCH_OUT || path.join(dist, ".."), { recursive: true });
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

  // Repeat visits: the second load of the same page in the same context, alternately.
  const repeatApp = [];
  const repeatStat = [];
  for (let i = 0; i < REPEAT_RUNS; i++) {
    const order = i % 2 ? ["static", "app"] : ["app", "static"];
    for (const which of order) {
      if (which === "app") repeatApp.push(await measureRepeat(base));
      else repeatStat.push(await measureRepeat(new URL(STATIC_PAGE, base).href));
    }
  }
  const repeatAppMs = m(repeatApp, (x) => x.painted);
  const repeatStaticMs = m(repeatStat, (x) => x.painted);
  const repeatRatio = repeatAppMs / repeatStaticMs;
  result("first paint", `repeat visit, app: second load → ${ROWS} rows painted (median of ${REPEAT_RUNS})`, fmt(repeatAppMs), "ms");
  result("first paint", `repeat visit, static page: second load (median of ${REPEAT_RUNS})`, fmt(repeatStaticMs), "ms");
  result("first paint", "repeat visit: app / static", fmt(repeatRatio, 2), "×", "<= 1.2", repeatRatio <= 1.2 ? "met" : "NOT met");
  result("first paint", "repeat visit, app: first contentful paint", fmt(m(repeatApp, (x) => x.fcp)), "ms");
  // What the second load asked the network for. Only the document (index.html), config.json
  // (fetched with cache: "no-cache") and the API (no-store) may go there: the hashed assets
  // are immutable and the product pictures cached for a day.
  const allowed = (r, page) => (r.type === "Document" && r.path === page) || /\/config\.json$/.test(r.path) || /^\/api\//.test(r.path);
  const summary = (list, page) => {
    const seen = new Map();
    for (const x of list)
      for (const r of x.network) {
        const label = short("http://h" + r.path) + (r.new ? " (not fetched by the first visit)" : "");
        const key = `${label} ${r.from}`;
        const entry = seen.get(key) || { path: label, from: r.from, count: 0, ok: r.from === "cache" || allowed(r, page) || r.new };
        entry.count++;
        seen.set(key, entry);
      }
    return [...seen.values()];
  };
  const describe = (entries, n) => entries.map((e) => `${e.path} ${e.from}${e.count === n ? "" : ` (${e.count} of ${n})`}`).join(", ") || "none";
  const appNet = summary(repeatApp, "/");
  const statNet = summary(repeatStat, `/${STATIC_PAGE}`);
  const went = (entries) => entries.filter((e) => e.from !== "cache");
  log(`repeat visit, app, second load: to the network: ${describe(went(appNet), REPEAT_RUNS)}; from the cache: ${describe(appNet.filter((e) => e.from === "cache"), REPEAT_RUNS)}`);
  log(`repeat visit, static page, second load: to the network: ${describe(went(statNet), REPEAT_RUNS)}; from the cache: ${describe(statNet.filter((e) => e.from === "cache"), REPEAT_RUNS)}`);
  result("first paint", "repeat visit, app: requests to the network on the second load", describe(went(appNet), REPEAT_RUNS), "-");
  result("first paint", "repeat visit, app: requests answered by the HTTP cache", String(Math.round(median(repeatApp.map((x) => x.network.filter((r) => r.from === "cache").length)))), "count");
  const written = repeatApp.filter((x) => x.codeCache?.bytes > 0);
  result("first paint", "repeat visit, app: first visits that wrote the wasm code cache (within REPEAT_WAIT_CACHE_MS)", `${written.length} of ${repeatApp.length}`, "count");
  if (written.length) result("first paint", "repeat visit, app: wasm code cache entry on disk / first visit open for (median)", `${fmt(median(written.map((x) => x.codeCache.bytes)) / 1000)} kB / ${fmt(median(written.map((x) => x.codeCache.afterMs)), 0)} ms`, "-");
  const cache = await wasmCodeCache(base);
  const kB = (bytes) => (bytes === undefined ? "no" : `yes (${fmt(bytes / 1000)} kB)`);
  result("first paint", "repeat visit, app: wasm code cache written on the first visit / used on the second", `${kB(cache.written)} / ${kB(cache.used)}${cache.invalid ? " (invalid entry)" : ""}`, "-", "yes / yes", cache.written !== undefined && cache.used !== undefined ? "met" : "NOT met");
  const wrong = [...went(appNet).filter((e) => !e.ok).map((e) => ({ ...e, path: `app ${e.path}` })), ...went(statNet).filter((e) => !e.ok).map((e) => ({ ...e, path: `static page ${e.path}` }))];
  result("first paint", "repeat visit: only the document, config.json and the API went to the network", wrong.length ? "no" : "yes", "-", "yes", wrong.length ? "NOT met" : "met");
  if (wrong.length) {
    console.error(`\x1b[31mbench: REPEAT VISIT: the second load sent requests that the HTTP cache should have answered: ${describe(wrong, REPEAT_RUNS)}. Only the document, config.json and /api/ may go to the network; check the Cache-Control of these paths (the server's static_cache_control).\x1b[0m`);
    process.exitCode = 3;
  }

  // A mid-range phone, cold: alternately, PHONE_RUNS each.
  const phoneApp = [];
  const phoneStat = [];
  for (let i = 0; i < PHONE_RUNS; i++) {
    const order = i % 2 ? ["static", "app"] : ["app", "static"];
    for (const which of order) {
      if (which === "app") phoneApp.push(await measurePhone(browser, base));
      else phoneStat.push(await measurePhone(browser, new URL(STATIC_PAGE, base).href));
    }
  }
  const phoneAppMs = m(phoneApp, (x) => x.painted);
  const phoneStaticMs = m(phoneStat, (x) => x.painted);
  result("first paint", `phone (${PHONE_LABEL}), app: cold → ${ROWS} rows painted (median of ${PHONE_RUNS})`, fmt(phoneAppMs), "ms");
  result("first paint", `phone (${PHONE_LABEL}), static page, cold (median of ${PHONE_RUNS})`, fmt(phoneStaticMs), "ms");
  result("first paint", "phone: app / static", fmt(phoneAppMs / phoneStaticMs, 2), "×");
  result("first paint", "phone, app: first contentful paint (skeleton)", fmt(m(phoneApp, (x) => x.fcp)), "ms");
  result("first paint", "phone, app: .wasm response end", fmt(m(phoneApp, (x) => at(x, /\.wasm$/, "end"))), "ms");
  result("first paint", "phone, app: GET /api/complaints start / end", `${fmt(m(phoneApp, (x) => at(x, /\/api\/complaints/, "start")))} / ${fmt(m(phoneApp, (x) => at(x, /\/api\/complaints/, "end")))}`, "ms");
  log("phone, app waterfall (median ms from navigation start: start → end, bytes on the wire):");
  log(`  document → ${fmt(m(phoneApp, (x) => x.html))}; DOMContentLoaded ${fmt(m(phoneApp, (x) => x.dcl))}; FCP ${fmt(m(phoneApp, (x) => x.fcp))}`);
  for (const name of [...new Set(phoneApp.flatMap((x) => x.resources.map((r) => r.name)))]) {
    const rs = phoneApp.map((x) => x.resources.find((r) => r.name === name)).filter(Boolean);
    log(`  ${short(name).padEnd(40)} ${fmt(median(rs.map((r) => r.start))).padStart(7)} → ${fmt(median(rs.map((r) => r.end))).padStart(7)}  ${median(rs.map((r) => r.size))} B`);
  }
  log(`  ${ROWS} rows in the DOM ${fmt(m(phoneApp, (x) => x.dom))}, frame ${fmt(m(phoneApp, (x) => x.frame))}, after the frame ${fmt(phoneAppMs)}`);
  log(`phone, static: document → ${fmt(m(phoneStat, (x) => x.html))}; FCP ${fmt(m(phoneStat, (x) => x.fcp))}; rows in the DOM ${fmt(m(phoneStat, (x) => x.dom))}; after the frame ${fmt(phoneStaticMs)}`);

  if (process.env.FIRST_PAINT_PROFILE === "1") await profileApp(browser);
  const traces = process.env.FIRST_PAINT_TRACE === "1" ? ["cold"] : (process.env.FIRST_PAINT_TRACE || "").split(",").filter(Boolean);
  for (const mode of traces) {
    if (!["cold", "repeat", "phone"].includes(mode)) throw new Error(`FIRST_PAINT_TRACE: unknown mode ${mode} (cold, repeat, phone)`);
    await traceApp(browser, mode);
  }
  fs.writeFileSync(
    path.join(process.env.BENCH_OUT || path.join(dist, ".."), "first-paint.json"),
    JSON.stringify({ app, static: stat, repeat: { app: repeatApp, static: repeatStat }, phone: { app: phoneApp, static: phoneStat } }, null, 1),
  );
} finally {
  await browser.close();
}
