#!/usr/bin/env bash
# Transfer size of a built app: the wasm and the JS, raw / gzip -9 / brotli -11, and the
# budget (wasm + JS ≤ 130 kB brotli, kB = 1,000 bytes). Deterministic for a given dist/, so
# a test may call it and check `within_budget`.
#
#   bench/size.sh [DIST_DIR]        (default: dist)
#
# Prints machine-readable key=value lines only, e.g.
#   wasm_file=complaint-desk-…_bg.wasm   wasm_raw=…  wasm_gzip=…  wasm_brotli=…
#   js_files=2  js_raw=…  js_gzip=…  js_brotli=…    (every .js in dist/, snippets included)
#   css_raw=…  css_gzip=…  css_brotli=…             (for information; not in the budget)
#   total_brotli=…  budget_brotli=130000  within_budget=yes|no
# Sizes are bytes. Exit status 0 either way; 2 when dist/ holds no wasm or the tools lack.
set -euo pipefail

dist="${1:-dist}"
budget=130000
for tool in gzip brotli; do
    command -v "$tool" >/dev/null || { echo "$tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done

mapfile -t wasm < <(find "$dist" -name '*.wasm' -not -path '*/.stage/*' | sort)
[[ ${#wasm[@]} -eq 1 ]] || { echo "expected one .wasm in $dist, found ${#wasm[@]}" >&2; exit 2; }
mapfile -t js < <(find "$dist" -name '*.js' -not -path '*/.stage/*' | sort)
mapfile -t css < <(find "$dist" -name '*.css' -not -path '*/.stage/*' | sort)

raw() { cat "$@" 2>/dev/null | wc -c; }
# Each file compressed on its own (as served), summed.
gz() { local n=0 f; for f in "$@"; do n=$((n + $(gzip -9 -n -c "$f" | wc -c))); done; echo "$n"; }
br() { local n=0 f; for f in "$@"; do n=$((n + $(brotli -q 11 -c "$f" | wc -c))); done; echo "$n"; }

wasm_brotli="$(br "${wasm[@]}")"
js_brotli="$(br "${js[@]}")"
total=$((wasm_brotli + js_brotli))
echo "wasm_file=$(basename "${wasm[0]}")"
echo "wasm_raw=$(raw "${wasm[@]}")"
echo "wasm_gzip=$(gz "${wasm[@]}")"
echo "wasm_brotli=$wasm_brotli"
echo "js_files=${#js[@]}"
echo "js_raw=$(raw "${js[@]}")"
echo "js_gzip=$(gz "${js[@]}")"
echo "js_brotli=$js_brotli"
if [[ ${#css[@]} -gt 0 ]]; then
    echo "css_raw=$(raw "${css[@]}")"
    echo "css_gzip=$(gz "${css[@]}")"
    echo "css_brotli=$(br "${css[@]}")"
fi
echo "total_brotli=$total"
echo "budget_brotli=$budget"
echo "within_budget=$([[ $total -le $budget ]] && echo yes || echo no)"
