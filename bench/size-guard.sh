#!/usr/bin/env bash
# The size guard (issue 16 item 6): fails when the release app's wasm + JS, brotli -11, is
# more than 2 % over the figure recorded in bench/size-budget.txt, so the download never
# regrows unnoticed. Measures with bench/size.sh (one way to measure: its total_brotli, each
# file compressed on its own as served). Deterministic for a given dist/; a few seconds.
#
#   bench/size-guard.sh [DIST_DIR]            check (default: dist); scripts/test.sh runs it
#                                             right after `trunk build --release --offline`
#   bench/size-guard.sh --record [DIST_DIR]   write the measured figure into size-budget.txt
#                                             (a deliberate change: commit it, say why)
#
# Environment: SIZE_BUDGET (bytes, instead of the recorded figure — for trying the guard),
# SIZE_TOLERANCE_PCT (2).
# Exit status: 0 within the budget, 1 over it, 2 when it cannot measure (no dist/, no tools).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
budget_file="$here/size-budget.txt"

record=false
if [[ "${1:-}" == --record ]]; then record=true; shift; fi
dist="${1:-dist}"

size="$("$here/size.sh" "$dist")" || exit 2
total="$(sed -n 's/^total_brotli=//p' <<<"$size")"
wasm="$(sed -n 's/^wasm_brotli=//p' <<<"$size")"
js="$(sed -n 's/^js_brotli=//p' <<<"$size")"
[[ "$total" =~ ^[0-9]+$ ]] || { echo "size guard: bench/size.sh printed no total_brotli" >&2; exit 2; }

if $record; then
    sed -i "s/^total_brotli=.*/total_brotli=$total/" "$budget_file"
    grep -qx "total_brotli=$total" "$budget_file" || { echo "size guard: could not write $budget_file" >&2; exit 2; }
    echo "size guard: recorded total_brotli=$total ($wasm wasm + $js JS) in bench/size-budget.txt"
    exit 0
fi

budget="${SIZE_BUDGET:-$(sed -n 's/^total_brotli=//p' "$budget_file")}"
[[ "$budget" =~ ^[0-9]+$ ]] || { echo "size guard: no total_brotli=<bytes> in $budget_file" >&2; exit 2; }
tolerance="${SIZE_TOLERANCE_PCT:-2}"
source_note="bench/size-budget.txt"
[[ -z "${SIZE_BUDGET:-}" ]] || source_note="SIZE_BUDGET"

awk -v t="$total" -v w="$wasm" -v j="$js" -v b="$budget" -v p="$tolerance" -v src="$source_note" 'BEGIN {
    limit = int(b * (1 + p / 100));
    printf "size guard: wasm + JS, brotli -11 = %d bytes (%.1f kB: wasm %d + JS %d)\n", t, t / 1000, w, j;
    printf "size guard: budget %d bytes (%s) + %s %% = at most %d bytes\n", b, src, p, limit;
    printf "size guard: figure / budget = %.4f (limit %.4f)\n", t / b, 1 + p / 100;
    if (t > limit) {
        printf "size guard: FAILED: %d bytes over the limit. Make it smaller, or, if the growth is\n", t - limit;
        printf "size guard: deliberate, record it (bench/size-guard.sh --record dist) and commit why.\n";
        exit 1;
    }
    if (t < b * (1 - p / 100))
        printf "size guard: ok, and %.1f %% under the budget: record the new figure to keep the gain\n", (1 - t / b) * 100;
    else
        print "size guard: ok";
}'
