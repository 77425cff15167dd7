// End-to-end tests in Debian's Chromium (never a downloaded browser; see TOOLING.md).
import { defineConfig, devices } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const staticPort = Number(process.env.E2E_STATIC_PORT ?? 4173);

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

export default defineConfig({
  testDir: here,
  outputDir: resolve(here, "test-results"),
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    launchOptions: chromium,
    baseURL: `http://127.0.0.1:${staticPort}`,
    trace: "off",
  },
  projects: [
    { name: "desktop", use: { viewport: { width: 1280, height: 800 } } },
    {
      name: "mobile",
      use: { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
    },
  ],
  webServer: [
    {
      command: `node ${resolve(here, "static-server.mjs")} --dir ${resolve(repo, "dist")} --port ${staticPort}`,
      url: `http://127.0.0.1:${staticPort}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  ],
});
