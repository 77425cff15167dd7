// End-to-end tests in Debian's Chromium (never a downloaded browser; see TOOLING.md),
// against the real server on a fresh SQLite file per project, and a plain static host.
import { defineConfig } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const ports = { static: 4173, desktop: 4180, mobile: 4181 };

const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

const server = (port) => ({
  command: `${resolve(here, "start-server.sh")} ${port}`,
  url: `http://127.0.0.1:${port}/api/meta`,
  reuseExistingServer: false,
  timeout: 60_000,
});

const journeys = /(journeys|accessibility)\.spec\.mjs/;

export default defineConfig({
  testDir: here,
  outputDir: resolve(here, "test-results"),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: { launchOptions, trace: "off", locale: "zh-CN", timezoneId: "Asia/Shanghai" },
  projects: [
    {
      name: "static",
      testMatch: /help\.spec\.mjs/,
      use: { baseURL: `http://127.0.0.1:${ports.static}`, viewport: { width: 1280, height: 800 } },
    },
    {
      name: "desktop",
      testMatch: journeys,
      use: { baseURL: `http://127.0.0.1:${ports.desktop}`, viewport: { width: 1280, height: 800 } },
    },
    {
      name: "mobile",
      testMatch: journeys,
      use: {
        baseURL: `http://127.0.0.1:${ports.mobile}`,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
      },
    },
  ],
  webServer: [
    {
      command: `node ${resolve(here, "static-server.mjs")} --dir ${resolve(repo, "dist")} --port ${ports.static}`,
      url: `http://127.0.0.1:${ports.static}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    server(ports.desktop),
    server(ports.mobile),
  ],
});
