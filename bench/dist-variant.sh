#!/usr/bin/env bash
# A copy of the bench dist/ ($CARGO_TARGET_DIR/dist, from bench/build-app.sh) with its
# index.html (and 404.html) changed, to measure a change to index.html or Trunk.toml against
# the build as it is: `BENCH_DIST=$(bench/dist-variant.sh trunk-preload) SKIP_BUILD=1
# scripts/bench.sh first-paint`. Prints the copy's path ($CARGO_TARGET_DIR/dist-<variant>).
#
#   bench/dist-variant.sh VARIANT
#     trunk-preload     the wasm loaded as Trunk writes it: <link rel="preload" as="fetch"
#                       …_bg.wasm> and init() given the URL (the build's early inline fetch()
#                       from scripts/trunk-post-build.sh undone)
#     no-wasm-preload   init() given the URL, nothing fetched earlier (the wasm is requested
#                       when the JS glue runs)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

variants="trunk-preload no-wasm-preload"
[[ $# -eq 1 && " $variants " == *" $1 "* ]] || die "usage: bench/dist-variant.sh VARIANT ($variants)"
src="$CARGO_TARGET_DIR/dist"
require_dist "$src"
out="$CARGO_TARGET_DIR/dist-$1"
rm -rf "$out"
cp -r "$src" "$out"
rm -f "$out/bench-static.html"
for html in index.html 404.html; do
    [[ -f "$out/$html" ]] || continue
    node - "$out/$html" "$1" <<'EOF' || die "could not rewrite $html"
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const [file, variant] = process.argv.slice(2);
let html = fs.readFileSync(file, "utf8");
const replace = (pattern, by, what) => {
  const next = html.replace(pattern, by);
  if (next === html) throw new Error(`${file}: ${what} not found`);
  html = next;
};
const early = /<script>window\.complaintDeskWasm = fetch\("([^"]*_bg\.wasm)"\);<\/script>\n?/.exec(html);
if (!early) throw new Error(`${file}: the early wasm fetch of scripts/trunk-post-build.sh not found`);
const wasm = early[1];
replace(early[0], "", "the early wasm fetch");
replace("module_or_path: window.complaintDeskWasm", `module_or_path: '${wasm}'`, "init()");
if (variant === "trunk-preload") {
  // With the subresource integrity Trunk gives it.
  const bytes = fs.readFileSync(path.join(path.dirname(file), wasm));
  const integrity = "sha384-" + crypto.createHash("sha384").update(bytes).digest("base64");
  replace(
    /(<link rel="modulepreload")/,
    `<link rel="preload" href="${wasm}" crossorigin="anonymous" integrity="${integrity}" as="fetch" type="application/wasm">\n  $1`,
    "the JS modulepreload",
  );
}
fs.writeFileSync(file, html);
EOF
done
printf '%s\n' "$out"
