#!/usr/bin/env bash
# First paint of the list against the real server (profile `server`) serving the release
# dist/ (bench/build-app.sh), on a fresh SQLite file seeded by the server plus bench/seed.sh
# (demo-shopper: 100 complaints, so the first page holds 20 rows).
#
# Environment: FIRST_PAINT_RUNS (15), SKIP_BUILD=1 (reuse the server and the dist/).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dist="$CARGO_TARGET_DIR/dist"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    build_server
    "$BENCH_DIR/build-app.sh" >/dev/null
fi
[[ -f "$dist/index.html" ]] || die "$dist/index.html is missing: run bench/build-app.sh"
port="$(( $(bench_port) + 2 ))"
db="$BENCH_OUT/first-paint.db"
rm -f "$db" "$db-wal" "$db-shm"
trap stop_server EXIT
start_server "$port" "$db" --dist "$dist"
"$BENCH_DIR/seed.sh" "$db" 100 0 >/dev/null
node "$BENCH_DIR/browser/first-paint.mjs" "http://127.0.0.1:$port/" "$dist" "${FIRST_PAINT_RUNS:-15}"
