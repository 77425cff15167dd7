// End-to-end tests in Debian's Chromium (never a downloaded browser: chromium.mjs),
// against the real server on a fresh SQLite file per project, and a plain static host.
import { defineConfig } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { dirname, resolve } from "node:path";

import { chromiumArgs, chromiumPath } from "./chromium.mjs";
import { deploy, ports } from "./settings.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const launchOptions = { executablePath: chromiumPath, args: chromiumArgs };

const server = (port, ...flags) => ({
  command: `${resolve(here, "start-server.sh")} ${port} ${flags.join(" ")}`,
  url: `http://127.0.0.1:${port}/api/meta`,
  reuseExistingServer: false,
  timeout: 60_000,
});

const journeys = /(journeys|accessibility|hurried|conversation)\.spec\.mjs/;
const phone = { isMobile: true, hasTouch: true };

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
      testMatch: /(journeys|accessibility|hurried|conversation|security)\.spec\.mjs/,
      use: { baseURL: `http://127.0.0.1:${ports.desktop}`, viewport: { width: 1280, height: 800 } },
    },
    {
      name: "static-subpath",
      testMatch: /deploy-static\.spec\.mjs/,
      use: { baseURL: `http://127.0.0.1:${ports.staticHost}`, viewport: { width: 1280, height: 800 } },
    },
    {
      name: "webview",
      testMatch: /deploy-webview\.spec\.mjs/,
      use: {
        baseURL: deploy.webviewOrigin,
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        userAgent:
          "Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/156.0.0.0 Mobile Safari/537.36",
      },
    },
    {
      name: "mobile",
      testMatch: journeys,
      use: { baseURL: `http://127.0.0.1:${ports.mobile}`, viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, ...phone },
    },
    {
      // The narrowest phone the app is designed for.
      name: "phone360",
      testMatch: journeys,
      use: { baseURL: `http://127.0.0.1:${ports.phone360}`, viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, ...phone },
    },
    // Pages the server renders, which the wasm then takes over.
    {
      name: "rendered",
      testMatch: /rendered\.spec\.mjs/,
      use: { baseURL: `http://127.0.0.1:${ports.rendered}`, viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, ...phone },
    },
    {
      name: "rendered-desktop",
      testMatch: /rendered\.spec\.mjs/,
      use: { baseURL: `http://127.0.0.1:${ports.renderedDesktop}`, viewport: { width: 1280, height: 800 } },
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
    server(ports.phone360),
    server(ports.rendered, "--render"),
    server(ports.renderedDesktop, "--render"),
    // A static host under /desk/, and its API on another origin allowing it by CORS.
    server(ports.staticApi, "--cors-origin", `http://127.0.0.1:${ports.staticHost}`),
    {
      command: `${resolve(here, "static-host.sh")} ${ports.staticHost} /desk/ ${deploy.staticApi} ${deploy.verifyRealNameUrl}`,
      url: `http://127.0.0.1:${ports.staticHost}/desk/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    // A server whose users arrive from a host app with a signed token.
    server(ports.webview, "--host-token-secret", deploy.hostSecret),
  ],
});
