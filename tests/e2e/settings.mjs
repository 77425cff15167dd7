// Ports and deployment settings shared by the Playwright config and the specs.

export const ports = {
  static: 4173,
  desktop: 4180,
  mobile: 4181,
  phone360: 4182,
  rendered: 4183,
  renderedDesktop: 4184,
  staticHost: 4190,
  staticApi: 4191,
  webview: 4192,
};

/** Where the deployment tests find things. */
export const deploy = {
  staticApi: `http://127.0.0.1:${ports.staticApi}`,
  webviewOrigin: `http://127.0.0.1:${ports.webview}`,
  hostSecret: "e2e-host-token-secret",
  /** config.json of the static host: the deployment's own real-name verification page. */
  verifyRealNameUrl: "https://verify.example.com/realname",
};
