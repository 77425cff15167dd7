#!/usr/bin/env bash
# A copy of the bench dist/ ($CARGO_TARGET_DIR/dist, from bench/build-app.sh) with its
# index.html (and 404.html) changed, to measure a change to index.html or Trunk.toml before
# anyone makes it: `BENCH_DIST=$(bench/dist-variant.sh no-wasm-preload) SKIP_BUILD=1
# scripts/bench.sh first-paint`. Prints the copy's path ($CARGO_TARGET_DIR/dist-<variants>).
#
#   bench/dist-variant.sh VARIANT…
#     no-wasm-preload   without Trunk's <link rel="preload" as="fetch" …_bg.wasm> (the wasm
#                       is fetched when the JS glue runs init())
#     early-wasm-fetch  without that preload, but a classic inline script starts fetch() of the
#                       wasm while the document is parsed and init() is given that response
#     seo               the <meta name="description"> asked for in BENCHMARKS.md, and
#                       public/robots.txt copied in (as <link data-trunk rel="copy-file"> would)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -gt 0 ]] || die "usage: bench/dist-variant.sh VARIANT… (no-wasm-preload early-wasm-fetch seo)"
src="$CARGO_TARGET_DIR/dist"
require_dist "$src"
out="$CARGO_TARGET_DIR/dist-$(IFS=-; echo "$*")"
rm -rf "$out"
cp -r "$src" "$out"
rm -f "$out/bench-static.html"
for variant in "$@"; do
    case "$variant" in
        no-wasm-preload | early-wasm-fetch | seo) ;;
        *) die "unknown variant $variant (no-wasm-preload early-wasm-fetch seo)" ;;
    esac
    [[ "$variant" != seo ]] || cp "$ROOT/public/robots.txt" "$out/robots.txt"
done
for html in index.html 404.html; do
    [[ -f "$out/$html" ]] || continue
    node - "$out/$html" "$@" <<'EOF' || die "could not rewrite $html"
const fs = require("node:fs");
const [file, ...variants] = process.argv.slice(2);
let html = fs.readFileSync(file, "utf8");
const replace = (pattern, by, what) => {
  const next = html.replace(pattern, by);
  if (next === html) throw new Error(`${file}: ${what} not found`);
  html = next;
};
if (variants.includes("no-wasm-preload") || variants.includes("early-wasm-fetch")) {
  replace(/<link rel="preload" href="[^"]*_bg\.wasm"[^>]*>/, "", "the wasm preload");
}
if (variants.includes("early-wasm-fetch")) {
  const wasm = /module_or_path: '([^']*_bg\.wasm)'/.exec(html);
  if (!wasm) throw new Error(`${file}: init({ module_or_path: '…_bg.wasm' }) not found`);
  replace(
    /<script type="module">/,
    `<script>window.__wasmResponse = fetch(${JSON.stringify(wasm[1])});</script>\n<script type="module">`,
    "the module script",
  );
  replace(`module_or_path: '${wasm[1]}'`, "module_or_path: window.__wasmResponse", "init()");
}
if (variants.includes("seo")) {
  replace(
    /(<title>[^<]*<\/title>)/,
    `$1\n    <meta name="description" content="管理您对订单提出的投诉：查看处理进度，并按平台规则在提交后 24 小时内撤销。Complaint Desk: track your order complaints and withdraw one within 24 hours of filing." />`,
    "<title>",
  );
}
fs.writeFileSync(file, html);
EOF
done
printf '%s\n' "$out"
