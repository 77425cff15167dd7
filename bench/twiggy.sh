#!/usr/bin/env bash
# The largest contributors to the app's wasm: the wasm-bindgen output of the release build
# (which keeps the function names), optimised like Trunk does (wasm-opt -O<level> with the
# index.html's parameters) plus -g to keep the names, then `twiggy top`.
# Run after bench/build-app.sh. Prints twiggy's table, a per-crate summary, and the sizes.
#
#   bench/twiggy.sh [N]      (default 20 rows)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rows="${1:-20}"
command -v twiggy >/dev/null || die "twiggy is missing: cargo install twiggy --locked"

named="$CARGO_TARGET_DIR/wasm-bindgen/release/complaint-desk_bg.wasm"
[[ -f "$named" ]] || die "$named is missing: run bench/build-app.sh first"
level="$(sed -n 's/.*data-trunk rel="rust"[^>]*data-wasm-opt="\([^"]*\)".*/\1/p' "$ROOT/index.html" | head -1)"
params="$(sed -n 's/.*data-trunk rel="rust"[^>]*data-wasm-opt-params="\([^"]*\)".*/\1/p' "$ROOT/index.html" | head -1)"
out="$BENCH_OUT/app-with-names.wasm"
# shellcheck disable=SC2086 # the parameters are words
wasm-opt "-O${level:-z}" -g $params "$named" --output "$out"
echo "wasm with names: $out ($(wc -c <"$out") bytes; wasm-opt -O${level:-z} -g ${params})"
echo
twiggy top -n "$rows" "$out"
echo
echo "By crate (shallow bytes of every item, grouped by the crate in its name; top 15):"
twiggy top -n 1000000 --format csv "$out" | node -e '
  const lines = require("fs").readFileSync(0, "utf8").trim().split("\n").slice(1);
  const sums = new Map();
  let total = 0;
  for (const line of lines) {
    // Name,ShallowSize,ShallowSizePercent (names may contain commas: take the last two fields).
    const parts = line.split(",");
    const size = Number(parts[parts.length - 2]);
    let name = parts.slice(0, -2).join(",").replace(/^"|"$/g, "");
    total += size;
    let crate;
    if (/^(data|code|elem|type|import|export|table|memory|global|custom)\[/.test(name) || /section/.test(name)) crate = "(wasm sections, data, names)";
    else {
      const m = name.replace(/^[<&*\s(]+|^dyn |^impl /g, "").match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
      crate = m ? m[1] : "(unnamed / other)";
    }
    sums.set(crate, (sums.get(crate) || 0) + size);
  }
  const rows = [...sums].sort((a, b) => b[1] - a[1]).slice(0, 15);
  for (const [crate, size] of rows) console.log(`  ${String(size).padStart(9)}  ${(100 * size / total).toFixed(1).padStart(5)}%  ${crate}`);
'
