#!/usr/bin/env bash
# Builds the app's release dist/ exactly as shipped (`trunk build --release --offline`) into
# $CARGO_TARGET_DIR/dist, away from the dist/ and target/ other people use, and prints its path.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dist="$CARGO_TARGET_DIR/dist"
log "building the app (trunk build --release --offline) into $dist"
(cd "$ROOT" && trunk build --release --offline --dist "$dist" >"$BENCH_OUT/trunk.log" 2>&1) || {
    tail -40 "$BENCH_OUT/trunk.log" >&2
    die "trunk build failed (log: $BENCH_OUT/trunk.log)"
}
printf '%s\n' "$dist"
