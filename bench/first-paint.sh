#!/usr/bin/env bash
# First paint of the list against the real server (profile `server`) serving the release
# dist/ (bench/build-app.sh), on a fresh SQLite file seeded by the server plus bench/seed.sh
# (demo-shopper: 100 complaints, so the first page holds 20 rows): cold loads, repeat visits
# and cold loads on an emulated mid-range phone, app and static page (bench/browser/first-paint.mjs).
#
# Environment: FIRST_PAINT_RUNS (15 cold loads each), REPEAT_RUNS (9),
# REPEAT_DWELL_MS (1000), REPEAT_WAIT_CACHE_MS (15000), PHONE_RUNS (9), PHONE_CPU (4), PHONE_DOWN_KBPS (9000), PHONE_UP_KBPS
# (1500), PHONE_LATENCY_MS (60), FIRST_PAINT_TRACE (1 = cold, or a list of cold,repeat,phone),
# FIRST_PAINT_PROFILE=1, BENCH_CHROMIUM_ARGS, SKIP_BUILD=1 (reuse the server and the dist/),
# BENCH_DIST (serve that dist/ instead, e.g. from bench/dist-variant.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

prepare_dist
port="$(( $(bench_port) + 2 ))"
db="$BENCH_OUT/first-paint.db"
rm -f "$db" "$db-wal" "$db-shm"
trap stop_server EXIT
start_server "$port" "$db" --dist "$DIST"
"$BENCH_DIR/seed.sh" "$db" 100 0 >/dev/null
node "$BENCH_DIR/browser/first-paint.mjs" "http://127.0.0.1:$port/" "$DIST" "${FIRST_PAINT_RUNS:-15}"
