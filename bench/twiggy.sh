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
twiggy top -n 1000000 --format csv "$out" >"$BENCH_OUT/twiggy-top.csv"
node - "$BENCH_OUT/twiggy-top.csv" "$rows" <<'JS'
// The same items without the name section (not shipped: the release wasm has no names),
// then grouped by the crate that leads each item's name.
const fs = require("fs");
const [file, rowsArg] = process.argv.slice(2);
const parse = (line) => {
  const out = [];
  let cur = "", quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { out.push(cur); cur = ""; }
    else cur += c;
  }
  out.push(cur);
  return out;
};
const items = fs.readFileSync(file, "utf8").trim().split("\n").slice(1).map(parse)
  .map(([name, size]) => ({ name, size: Number(size) }))
  .filter((item) => !/names" subsection$|^"?name section/.test(item.name) && !/^\S+ names" subsection/.test(item.name));
const shipped = items.reduce((n, item) => n + item.size, 0);
console.log(`\nLargest items without the name section (${shipped} bytes in all, ≈ the shipped wasm):`);
for (const item of items.slice(0, Number(rowsArg))) {
  console.log(`  ${String(item.size).padStart(8)}  ${(100 * item.size / shipped).toFixed(2).padStart(5)}%  ${item.name.slice(0, 150)}`);
}
const crateOf = (name) => {
  if (/^data segment|^elem\[|^table\[|^memory\[|^global\[|^type\[|^import |^export |^code\[|section|^custom/.test(name)) return "(data segments, tables, types, imports/exports)";
  name = name.replace(/\[[0-9a-f]{16}\]/g, "");
  // `<F as crate::Trait>::f`, `<str>::f`: the trait's (or the primitive's) crate.
  const trait = name.match(/^<[A-Za-z_][A-Za-z0-9_]* as ([A-Za-z_][A-Za-z0-9_]*)::/);
  if (trait) return trait[1];
  if (/^<(str|char|\[[^\]]*\]|[iu](8|16|32|64|128|size)|f32|f64|bool)>::/.test(name)) return "core";
  const m = name.replace(/^(<|&|\*|\(|dyn |impl |mut |const )+/g, "").match(/^([A-Za-z_][A-Za-z0-9_]*)::/);
  return m ? m[1] : "(no crate in the name)";
};
const sums = new Map();
for (const item of items) sums.set(crateOf(item.name), (sums.get(crateOf(item.name)) || 0) + item.size);
console.log("\nBy crate (shallow bytes of the items, grouped by the crate leading the name; top 15):");
for (const [crate, size] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`  ${String(size).padStart(8)}  ${(100 * size / shipped).toFixed(1).padStart(5)}%  ${crate}`);
}
JS
echo
echo "Generic functions with the most monomorphised bytes (twiggy monos -m 12 -n 0):"
twiggy monos -m 12 -n 0 "$out" | cut -c1-200
