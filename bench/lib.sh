# Shared helpers of the bench/ scripts (sourced, not run).
#
# Every figure a section measures is printed on stdout as one tab-separated line:
#   RESULT <section> <metric> <value> <unit> <goal> <verdict>
# (goal and verdict may be "-"); everything else goes to stderr. scripts/bench.sh collects
# the RESULT lines into one table.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${BENCH_ROOT:-$(cd "$BENCH_DIR/.." && pwd)}"
# Native builds, the bench wasm crate and the app's bench dist/ all live here, away from
# the target/ and dist/ other people use.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target-bench}"
export BENCH_OUT="${BENCH_OUT:-$CARGO_TARGET_DIR/bench}"
mkdir -p "$BENCH_OUT"
export PATH="${BENCH_NODE_BIN:-$ROOT/node_modules/.bin}:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

log() { printf '\033[1mbench:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31mbench: %s\033[0m\n' "$*" >&2; exit 1; }

# result SECTION METRIC VALUE UNIT [GOAL] [VERDICT]
result() {
    printf 'RESULT\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:--}" "${6:--}"
}

# verdict VALUE OP LIMIT → "met" / "NOT met" (OP is <= or >=)
verdict() {
    awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
        ok = (op == "<=") ? (v + 0 <= l + 0) : (v + 0 >= l + 0);
        print (ok ? "met" : "NOT met") }'
}

# The server, profile `server` (opt-level 3, thin LTO), built into $CARGO_TARGET_DIR.
SERVER_BIN="$CARGO_TARGET_DIR/server/complaint-server"
build_server() {
    log "building complaint-server (profile server) into $CARGO_TARGET_DIR"
    (cd "$ROOT" && cargo build -q -p complaint-server --profile server) || die "server build failed"
}

# require_dist DIR: dies unless DIR holds a built app (an index.html).
require_dist() {
    [[ -f "$1/index.html" ]] || die "$1/index.html is missing: run bench/build-app.sh"
}

# prepare_dist → sets DIST: the release dist/ the browser sections serve through the server,
# $BENCH_DIST if given (e.g. from bench/dist-variant.sh), else bench/build-app.sh's. Builds
# the server and the app first, unless SKIP_BUILD=1 (reuse both).
DIST=""
prepare_dist() {
    DIST="${BENCH_DIST:-$CARGO_TARGET_DIR/dist}"
    if [[ "${SKIP_BUILD:-}" != 1 ]]; then
        build_server
        "$BENCH_DIR/build-app.sh" >/dev/null
    fi
    require_dist "$DIST"
}

# start_server PORT DB [extra args…] → sets SERVER_PID; waits until /api/meta answers.
SERVER_PID=""
start_server() {
    local port="$1" db="$2"
    shift 2
    local extra=()
    # A throughput benchmark of one user: the per-session mutation rate limit (when this
    # server has one) would answer 429 after 120 requests, so it is turned off.
    if "$SERVER_BIN" --help 2>/dev/null | grep -q -- '--mutation-rate-limit'; then
        extra+=(--mutation-rate-limit 0)
    fi
    RUST_LOG="${BENCH_RUST_LOG:-warn}" "$SERVER_BIN" --addr "127.0.0.1:$port" \
        --database-url "$db" "${extra[@]}" "$@" >"$db.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 200); do
        if curl -fsS "http://127.0.0.1:$port/api/meta" >/dev/null 2>&1; then return 0; fi
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$db.log" >&2; die "the server exited"; }
        sleep 0.05
    done
    cat "$db.log" >&2
    die "the server did not answer on port $port"
}

stop_server() {
    if [[ -n "$SERVER_PID" ]]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}

# Peak resident set size of the running server, in MiB (VmHWM).
server_peak_rss_mib() {
    awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$SERVER_PID/status"
}

# CPU time the server has used so far, in ms (utime + stime).
server_cpu_ms() {
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz }' \
        "/proc/$SERVER_PID/stat"
}

# Busy and total jiffies of the whole machine ("busy total"), from /proc/stat.
machine_jiffies() {
    awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit }' /proc/stat
}

# sign_in PORT USERNAME → prints "cd_session=…" (demo sign-in by username).
sign_in() {
    local cookie
    cookie="$(curl -fsS -D - -o /dev/null -X POST "http://127.0.0.1:$1/api/session" \
        -H 'content-type: application/json' -H 'x-complaint-desk: 1' \
        -d "{\"method\":\"demo\",\"username\":\"$2\"}" |
        tr -d '\r' | sed -n 's/^set-cookie: \(cd_session=[^;]*\).*/\1/Ip')"
    [[ -n "$cookie" ]] || die "sign-in as $2 failed"
    printf '%s' "$cookie"
}

# A free-ish port per section, overridable.
bench_port() { printf '%s' "${BENCH_PORT_BASE:-18300}"; }
