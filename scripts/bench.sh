#!/usr/bin/env bash
# Every performance figure of Complaint Desk in one table (see BENCHMARKS.md): size, first
# paint, rendering, rules, server load. Builds what it needs into target-bench/ (never
# touching dist/ or target/) and installs missing tools first.
#
#   scripts/bench.sh [SECTION…]     SECTION: size rules render first-paint server lighthouse
#                                   (default: all)
#
# Environment: BENCH_REV=<commit> measures that commit (exported with git archive into
# target-bench/rev-src, built in target-bench/rev-target) instead of the working tree; the
# sections' knobs are listed at the top of each bench/*.sh (SERVER_DURATION,
# FIRST_PAINT_RUNS, RENDER_REPEATS, …).
# The RESULT lines are kept in target-bench/bench/results.tsv and results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -n "${BENCH_REV:-}" ]]; then
    sha="$(git rev-parse --verify "${BENCH_REV}^{commit}")"
    # The export always lands in the same place, with fresh mtimes (tar -m), and builds into
    # its own target directory: Cargo keys workspace crates by their path relative to the
    # workspace, so sharing target-bench/ with the working tree would let one reuse the
    # other's artifacts.
    tree="$PWD/target-bench/rev-src"
    rm -rf "$tree" && mkdir -p "$tree"
    git archive "$sha" | tar -x -m -C "$tree"
    # Tools are installed here, in the working tree, never in the export: the export gets a
    # node_modules/ of links to this one's packages (never a link to the directory itself,
    # which an `npm ci` there would empty), and its setup step is skipped.
    scripts/setup.sh --browser >&2
    mkdir -p "$tree/node_modules"
    for entry in node_modules/*; do
        if [[ "$entry" == node_modules/@* ]]; then
            mkdir -p "$tree/$entry"
            for package in "$entry"/*; do ln -sfn "$PWD/$package" "$tree/$package"; done
        else
            ln -sfn "$PWD/$entry" "$tree/$entry"
        fi
    done
    echo "bench: measuring commit $sha from $tree" >&2
    BENCH_COMMIT="$sha" BENCH_REV="" BENCH_SKIP_SETUP=1 BENCH_NODE_BIN="$PWD/node_modules/.bin" \
        CARGO_TARGET_DIR="$PWD/target-bench/rev-target" BENCH_OUT="$PWD/target-bench/bench" \
        exec "$tree/scripts/bench.sh" "$@"
fi

source bench/lib.sh
sections=("$@")
[[ ${#sections[@]} -gt 0 ]] || sections=(size rules render first-paint server lighthouse)
want() { local s; for s in "${sections[@]}"; do [[ "$s" == "$1" ]] && return 0; done; return 1; }

# --- tools ------------------------------------------------------------------------------------
[[ "${BENCH_SKIP_SETUP:-}" == 1 ]] || scripts/setup.sh --browser >&2
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
if [[ ${#missing[@]} -gt 0 ]]; then
    log "installing ${missing[*]} from Debian"
    sudo_cmd=""
    [[ "$(id -u)" -eq 0 ]] || sudo_cmd="sudo"
    $sudo_cmd apt-get install -y -qq "${missing[@]}" >&2 ||
        { $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${missing[@]}" >&2; } ||
        die "apt-get install ${missing[*]} failed"
fi
command -v twiggy >/dev/null || { log "installing twiggy"; cargo install twiggy --locked >&2; }

results="$BENCH_OUT/results.tsv"
: >"$results"
collect() { tee -a "$results" | sed 's/^RESULT\t/  /' >&2; }
# run_section NAME COMMAND… : a failing section is reported in the table; the others still run.
run_section() {
    local name="$1"
    shift
    log "$name"
    if ! "$@" | collect; then
        result "$name" "FAILED (see the log above and $BENCH_OUT)" "-" "-" "-" "NOT measured" | collect
    fi
}
commit="${BENCH_COMMIT:-$(git rev-parse HEAD 2>/dev/null || echo unknown)}"
dirty=""
[[ -n "${BENCH_COMMIT:-}" ]] || [[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]] || dirty=" + uncommitted changes"

# --- builds -----------------------------------------------------------------------------------
app_built=true
server_built=true
if want size || want first-paint || want lighthouse; then bench/build-app.sh >/dev/null || app_built=false; fi
if want first-paint || want server || want lighthouse; then (build_server) || server_built=false; fi
skip() { result "$1" "FAILED: $2 did not build (see the log above)" - - - "NOT measured" | collect; }

# --- size -------------------------------------------------------------------------------------
if want size && ! $app_built; then skip size "the app"; fi
if want size && $app_built; then
    log "size"
    size="$(bench/size.sh "$CARGO_TARGET_DIR/dist")"
    printf '%s\n' "$size" >"$BENCH_OUT/size.txt"
    get() { sed -n "s/^$1=//p" <<<"$size"; }
    kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000 }'; }
    {
        for part in wasm js css; do
            [[ -n "$(get "${part}_raw")" ]] || continue
            result size "$part: raw / gzip -9 / brotli -11" \
                "$(kb "$(get "${part}_raw")") / $(kb "$(get "${part}_gzip")") / $(kb "$(get "${part}_brotli")")" kB
        done
        total="$(get total_brotli)"
        result size "wasm + JS, brotli -11" "$(kb "$total")" kB "<= 130" "$(verdict "$total" '<=' 130000)"
        result size "wasm + JS, brotli / budget" "$(awk -v t="$total" 'BEGIN { printf "%.2f", t / 130000 }')" "×" "<= 1" "$(verdict "$total" '<=' 130000)"
    } | collect
    bench/twiggy.sh 20 >"$BENCH_OUT/twiggy.txt" || log "twiggy failed (see above)"
fi

# --- the rest ---------------------------------------------------------------------------------
if want rules; then run_section rules bench/rules.sh; fi
if want render; then run_section render bench/render.sh; fi
if want first-paint; then
    if $app_built && $server_built; then
        SKIP_BUILD=1 run_section "first paint" bench/first-paint.sh
    else
        skip "first paint" "the app or the server"
    fi
fi
if want server; then
    if $server_built; then SKIP_BUILD=1 run_section server bench/server.sh; else skip server "the server"; fi
fi
if want lighthouse; then
    if $app_built && $server_built; then
        SKIP_BUILD=1 run_section lighthouse bench/lighthouse.sh
    else
        skip lighthouse "the app or the server"
    fi
fi

# --- the table --------------------------------------------------------------------------------
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
ram="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
header="Complaint Desk benchmarks · $(date -u +%Y-%m-%dT%H:%MZ) · commit ${commit:0:12}${dirty}
machine: $(nproc) cores · ${cpu} · ${ram} RAM · load average $(cut -d' ' -f1-3 /proc/loadavg)"
{
    echo "$header"
    echo
    printf 'section\tmetric\tvalue\tunit\tgoal\tverdict\n'
    grep '^RESULT' "$results" | cut -f2-
} >"$BENCH_OUT/results.txt"
{
    echo "$header" | sed 's/$/  /'
    echo
    echo "| section | metric | value | unit | goal | verdict |"
    echo "|---|---|---:|---|---|---|"
    grep '^RESULT' "$results" | cut -f2- | sed 's/|/\\|/g; s/\t/ | /g; s/^/| /; s/$/ |/'
} >"$BENCH_OUT/results.md"

echo
if [[ -f "$BENCH_OUT/twiggy.txt" ]] && want size; then
    sed -n '1,/^By crate/p' "$BENCH_OUT/twiggy.txt" | sed '$d'
    sed -n '/^By crate/,$p' "$BENCH_OUT/twiggy.txt"
    echo
fi
echo "$header"
echo
{
    printf 'section\tmetric\tvalue\tunit\tgoal\tverdict\n'
    grep '^RESULT' "$results" | cut -f2-
} | column -t -s $'\t'
echo
echo "(also in $BENCH_OUT/results.md; logs in $BENCH_OUT)"
