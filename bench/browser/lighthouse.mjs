// Lighthouse 12 (npm `lighthouse`, pinned in package.json) on pages of the app, signed in:
// its default config (the mobile preset: a Moto G Power's screen, simulated 4× CPU slowdown
// and slow 4G), RUNS times per page, the pages alternating, a fresh headless Chromium for every
// run. Prints the medians of the four category scores and of LCP, TBT and max potential FID as
// RESULT lines, every run's figures and the audits that failed on stderr, and keeps each
// report in OUT_DIR/lighthouse-<page>-<run>.json.
//
//   node bench/browser/lighthouse.mjs BASE_URL COOKIE OUT_DIR RUNS PATH…
// COOKIE ("cd_session=…") is sent on every request (Lighthouse's extraHeaders, what the CLI's
// --extra-headers does). The same as running, per page and run,
//   CHROME_PATH=/usr/bin/chromium npx lighthouse URL --form-factor=mobile --output=json \
//     --chrome-flags="--headless=new --no-sandbox --disable-gpu" --extra-headers=headers.json
// but in one Node process: loading Lighthouse and its config takes 7–30 s per CLI run here.
import fs from "node:fs";
import path from "node:path";
import lighthouse from "lighthouse";
// Lighthouse's own dependency (what its CLI launches Chrome with).
import * as chromeLauncher from "chrome-launcher";
import { result, fmt, median, log } from "./chromium.mjs";

const [base, cookie, outDir, runsArg, ...pages] = process.argv.slice(2);
const runs = Number(runsArg || 5);
if (!base || !cookie || !outDir || pages.length === 0) {
  console.error("usage: node bench/browser/lighthouse.mjs BASE_URL COOKIE OUT_DIR RUNS PATH…");
  process.exit(2);
}
const chromePath = process.env.CHROME_PATH || "/usr/bin/chromium";
const label = (page) => (page === "/" ? "list (/)" : page);
const slug = (page) => (page === "/" ? "list" : page.replace(/^\//, "").replace(/[^a-z0-9]+/gi, "-"));

const CATEGORIES = [
  ["performance", "performance", 95],
  ["accessibility", "accessibility", 100],
  ["best-practices", "best practices", 100],
  ["seo", "SEO", 100],
];
const METRICS = [
  ["largest-contentful-paint", "largest contentful paint", "LCP"],
  ["total-blocking-time", "total blocking time", "TBT"],
  ["max-potential-fid", "max potential FID", "max FID"],
];
const EXTRA = [
  ["first-contentful-paint", "first contentful paint", "FCP"],
  ["speed-index", "speed index", "SI"],
  ["cumulative-layout-shift", "cumulative layout shift", "CLS"],
];

async function run(url) {
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"],
    logLevel: "silent",
  });
  try {
    const answer = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      formFactor: "mobile",
      extraHeaders: { Cookie: cookie },
    });
    if (!answer) throw new Error(`Lighthouse returned nothing for ${url}`);
    return answer;
  } finally {
    await chrome.kill();
  }
}

const reports = new Map(pages.map((p) => [p, []]));
const started = Date.now();
for (let i = 1; i <= runs; i++) {
  for (const page of i % 2 ? pages : [...pages].reverse()) {
    const url = new URL(page.replace(/^\//, ""), base).href;
    const { lhr, report } = await run(url);
    fs.writeFileSync(path.join(outDir, `lighthouse-${slug(page)}-${i}.json`), report);
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    reports.get(page).push(lhr);
    const scores = CATEGORIES.map(([id]) => Math.round(lhr.categories[id].score * 100)).join("/");
    const metrics = [...METRICS, ...EXTRA].map(([id, , short]) => `${short} ${lhr.audits[id].displayValue}`).join(", ");
    log(`lighthouse ${label(page)} run ${i}: perf/a11y/bp/seo ${scores}; ${metrics}; benchmark index ${lhr.environment.benchmarkIndex}${lhr.runWarnings.length ? `; warnings: ${lhr.runWarnings.join(" | ")}` : ""}`);
  }
}
log(`lighthouse: ${runs * pages.length} runs in ${fmt((Date.now() - started) / 1000, 0)} s`);

for (const page of pages) {
  const lhrs = reports.get(page);
  const n = lhrs.length;
  for (const [id, name, goal] of CATEGORIES) {
    const score = median(lhrs.map((r) => Math.round(r.categories[id].score * 100)));
    result("lighthouse", `${label(page)}: ${name} (median of ${n})`, fmt(score, 0), "score", `>= ${goal}`, score >= goal ? "met" : "NOT met");
  }
  for (const [id, name] of METRICS) {
    result("lighthouse", `${label(page)}: ${name} (median)`, fmt(median(lhrs.map((r) => r.audits[id].numericValue)), 0), "ms");
  }
  result("lighthouse", `${label(page)}: FCP / speed index (median)`, `${fmt(median(lhrs.map((r) => r.audits["first-contentful-paint"].numericValue)), 0)} / ${fmt(median(lhrs.map((r) => r.audits["speed-index"].numericValue)), 0)}`, "ms");
  // Audits that counted against a score (weight > 0, score below 1) in any run, with how often.
  const failed = new Map();
  for (const r of lhrs) {
    for (const [id] of CATEGORIES) {
      for (const ref of r.categories[id].auditRefs) {
        const audit = r.audits[ref.id];
        if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
          const key = `${id}: ${ref.id}`;
          const entry = failed.get(key) || { count: 0, shown: audit.displayValue || "" };
          entry.count++;
          failed.set(key, entry);
        }
      }
    }
  }
  const outside = [...failed].filter(([k]) => !k.startsWith("performance:"));
  result("lighthouse", `${label(page)}: failed audits outside performance`, outside.map(([k, e]) => `${k}${e.count === n ? "" : ` (${e.count} of ${n})`}`).join(", ") || "none", "-");
  log(`lighthouse ${label(page)}: audits below 1 (in how many of ${n} runs): ${[...failed].map(([k, e]) => `${k} ${e.shown ? `[${e.shown}] ` : ""}×${e.count}`).join("; ") || "none"}`);
  // Where TBT and max potential FID come from: the longest main-thread tasks Lighthouse saw
  // (unthrottled, as observed, before its simulation multiplies them).
  const mid = lhrs[Math.floor(n / 2)];
  const breakdown = mid.audits["mainthread-work-breakdown"]?.details?.items ?? [];
  if (breakdown.length) log(`lighthouse ${label(page)}: main-thread work of one run (ms, with Lighthouse's CPU slowdown): ${breakdown.map((i) => `${i.groupLabel} ${fmt(i.duration, 0)}`).join(", ")}`);
  const bootup = mid.audits["bootup-time"]?.details?.items ?? [];
  if (bootup.length) log(`lighthouse ${label(page)}: script time by URL (ms, total / scripting): ${bootup.map((i) => `${String(i.url).replace(/^https?:\/\/[^/]+/, "").replace(/-[0-9a-f]{16}/, "-<hash>")} ${fmt(i.total, 0)} / ${fmt(i.scripting, 0)}`).join(", ")}`);
  const tasks = mid.audits["long-tasks"]?.details?.items ?? [];
  if (tasks.length) log(`lighthouse ${label(page)}: long tasks of one run (start + duration, ms, simulated): ${tasks.slice(0, 8).map((t) => `${fmt(t.startTime, 0)} +${fmt(t.duration, 0)} ${String(t.url).replace(/^https?:\/\/[^/]+/, "").replace(/-[0-9a-f]{16}/, "-<hash>")}`).join("; ")}`);
}
result("lighthouse", "host benchmark index (Lighthouse's CPU test, median; higher is faster)", fmt(median([...reports.values()].flat().map((r) => r.environment.benchmarkIndex)), 0), "-");
