#!/usr/bin/env bash
# Requests per second of the complaint list (GET /api/complaints) for a signed-in shopper.
#
# Builds the server with the `server` profile, starts it on a fresh SQLite file in a
# temporary directory (seeded demo data), signs in as demo-shopper, and runs wrk against
# the list with the session cookie. Needs wrk (apt-get install -y wrk) and curl.
#
#   crates/server/bench/list-load.sh [DURATION_SECONDS] [CONNECTIONS] [THREADS]
#
# Environment: CARGO_TARGET_DIR (default: target-server), PORT (default: 18181),
# LIST_QUERY (default: "", e.g. "?status=pending&q=39128").
set -euo pipefail

duration="${1:-15}"
connections="${2:-32}"
threads="${3:-2}"
port="${PORT:-18181}"
query="${LIST_QUERY:-}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target-server}"

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

echo "building complaint-server (profile server)…" >&2
(cd "$root" && cargo build -q -p complaint-server --profile server)
binary="$CARGO_TARGET_DIR/server/complaint-server"

work="$(mktemp -d)"
server_pid=""
cleanup() {
    if [[ -n "$server_pid" ]]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

RUST_LOG=warn "$binary" --addr "127.0.0.1:$port" --database-url "$work/bench.db" \
    >"$work/server.log" 2>&1 &
server_pid=$!

base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
    curl -fsS "$base/api/meta" >/dev/null 2>&1 && break
    sleep 0.1
done

cookie="$(curl -fsS -D - -o /dev/null -X POST "$base/api/session" \
    -H 'content-type: application/json' -H 'x-complaint-desk: 1' \
    -d '{"method":"demo","username":"demo-shopper"}' |
    tr -d '\r' | sed -n 's/^set-cookie: \(cd_session=[^;]*\).*/\1/Ip')"
[[ -n "$cookie" ]] || { echo "sign-in failed" >&2; cat "$work/server.log" >&2; exit 1; }

items="$(curl -fsS -H "cookie: $cookie" "$base/api/complaints$query" | grep -o '"id":' | wc -l)"
echo "GET /api/complaints$query as demo-shopper (${items} ids in the body), ${duration}s, ${connections} connections, ${threads} threads" >&2
echo "machine: $(nproc) cores; wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')" >&2

wrk -t"$threads" -c"$connections" -d"${duration}s" --latency \
    -H "cookie: $cookie" "$base/api/complaints$query"
