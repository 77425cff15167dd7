#!/usr/bin/env bash
# Lighthouse (npm lighthouse, pinned in package.json; mobile preset) on the list page and on
# /help, signed in as demo-shopper through the API, against the real server (profile `server`)
# serving the release dist/ (bench/build-app.sh) on a fresh SQLite file seeded like the
# first-paint section (100 complaints: a full first page of 20 rows). Also checks what
# /robots.txt is answered with (the SEO category's robots-txt audit).
#
# Environment: LIGHTHOUSE_RUNS (5 per page), LIGHTHOUSE_PAGES ("/ /help"), SKIP_BUILD=1 (reuse
# the server and the dist/), BENCH_DIST (serve that dist/ instead, e.g. from
# bench/dist-variant.sh), CHROME_PATH (/usr/bin/chromium).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

prepare_dist
[[ -f "$ROOT/node_modules/lighthouse/package.json" ]] ||
    die "lighthouse is not installed: npm ci (package.json pins lighthouse 12.2.3)"
port="$(( $(bench_port) + 4 ))"
db="$BENCH_OUT/lighthouse.db"
rm -f "$db" "$db-wal" "$db-shm"
trap stop_server EXIT
start_server "$port" "$db" --dist "$DIST"
"$BENCH_DIR/seed.sh" "$db" 100 0 >/dev/null

# /robots.txt: a real file (text/plain), or the SPA fallback (the app's index.html)?
robots="$BENCH_OUT/robots.txt"
type="$(curl -fsS -o "$robots" -w '%{content_type}' "http://127.0.0.1:$port/robots.txt")" || die "GET /robots.txt failed"
if grep -qi '<!doctype html\|<html' "$robots"; then
    result lighthouse "/robots.txt is answered with" "the app's HTML ($type): no robots.txt in dist/" - "text/plain" "NOT met"
else
    result lighthouse "/robots.txt is answered with" "$type, $(grep -c . "$robots") lines" - "text/plain" \
        "$([[ "$type" == text/plain* ]] && echo met || echo "NOT met")"
fi

cookie="$(sign_in "$port" demo-shopper)"
read -r -a pages <<<"${LIGHTHOUSE_PAGES:-/ /help}"
CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" node "$BENCH_DIR/browser/lighthouse.mjs" \
    "http://127.0.0.1:$port/" "$cookie" "$BENCH_OUT" "${LIGHTHOUSE_RUNS:-5}" "${pages[@]}"
