// A plain static file server, standing in for any static host (no rewrites of its own):
// serves a directory under a base path and answers unknown paths with index.html (the
// "SPA fallback" setting most hosts offer). No dependencies, so it proves dist/ needs none.
//
// Usage: node static-server.mjs --dir dist --port 4173 [--base /desk/]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith("--")) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const root = resolve(args.dir ?? "dist");
const port = Number(args.port ?? 4173);
const base = (args.base ?? "/").replace(/\/?$/, "/");

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

async function fileAt(urlPath) {
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  const path = join(root, relative);
  if (!path.startsWith(root)) return null;
  try {
    const info = await stat(path);
    return info.isFile() ? path : null;
  } catch {
    return null;
  }
}

createServer(async (request, response) => {
  const url = new URL(request.url, "http://localhost");
  if (!url.pathname.startsWith(base) && url.pathname + "/" !== base) {
    response.writeHead(404, { "content-type": "text/plain" }).end("outside the base path");
    return;
  }
  const inside = url.pathname.slice(base.length);
  const path = (inside && (await fileAt(inside))) || join(root, "index.html");
  try {
    const body = await readFile(path);
    response
      .writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" })
      .end(body);
  } catch {
    response.writeHead(500).end();
  }
}).listen(port, "127.0.0.1", () => {
  console.log(`static host: ${root} at http://127.0.0.1:${port}${base}`);
});
