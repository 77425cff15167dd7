// Headless Debian Chromium through playwright-core (nothing downloaded), launched as the
// end-to-end tests launch it.
import { chromium } from "playwright-core";
import { chromiumArgs, chromiumPath } from "../../tests/e2e/chromium.mjs";

const options = () => ({
  executablePath: chromiumPath,
  headless: true,
  args: [
    ...chromiumArgs,
    // Extra flags for experiments (BENCHMARKS.md), e.g. --js-flags=--no-wasm-lazy-compilation
    ...(process.env.BENCH_CHROMIUM_ARGS ? process.env.BENCH_CHROMIUM_ARGS.split(" ") : []),
  ],
});

// A browser whose newContext() contexts are off the record (Playwright's default): an
// in-memory HTTP cache, and no V8 code cache at all.
export function launch() {
  return chromium.launch(options());
}

// A browser with an ordinary profile in USER_DATA_DIR (a disk HTTP cache and V8's code
// cache, for JavaScript and for wasm, as a shopper's browser has), as one context.
export function launchProfile(userDataDir, contextOptions = {}) {
  return chromium.launchPersistentContext(userDataDir, { ...options(), ...contextOptions });
}

// One RESULT line (see bench/lib.sh).
export function result(section, metric, value, unit, goal = "-", verdict = "-") {
  process.stdout.write(["RESULT", section, metric, value, unit, goal, verdict].join("\t") + "\n");
}

export const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

// Median of the finite values (a missing mark is NaN and is left out).
export function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export const log = (...args) => console.error("bench:", ...args);
