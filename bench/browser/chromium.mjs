// Headless Debian Chromium through playwright-core (nothing downloaded).
import { chromium } from "playwright-core";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

// One RESULT line (see bench/lib.sh).
export function result(section, metric, value, unit, goal = "-", verdict = "-") {
  process.stdout.write(["RESULT", section, metric, value, unit, goal, verdict].join("\t") + "\n");
}

export const fmt = (x, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

export const log = (...args) => console.error("bench:", ...args);
