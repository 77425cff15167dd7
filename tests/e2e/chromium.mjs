// How the end-to-end tests and the browser benchmarks (bench/browser/chromium.mjs) launch
// Chromium: Debian's, never a downloaded browser (CHROMIUM_PATH names another), without the
// GPU and without its own background work (networking, component updates, sync, the
// first-run page), which would add requests and CPU time to what is tested or measured.

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const chromiumArgs = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
