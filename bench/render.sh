#!/usr/bin/env bash
# Rendering (1,000 rows, a status-tab switch, a clock tick) with the app's own components
# next to a plain-JS renderer of the same DOM, and the rules' 100,000 checks, in headless
# Chromium. Builds the bench crate (bench/render) with the app's release profile, runs
# wasm-bindgen and wasm-opt like Trunk does for the app, then bench/browser/render.mjs.
#
# Environment: RENDER_ROWS (1000), RENDER_REPEATS (15), SKIP_BUILD=1, RENDER_PROFILE=1 (also
# prints a CPU profile of the Leptos mounts, from a build that keeps the function names).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

pkg="$BENCH_OUT/render-pkg"
if [[ "${SKIP_BUILD:-}" != 1 ]]; then
    log "building the render bench crate (wasm32, release profile) into $CARGO_TARGET_DIR"
    (cd "$ROOT" && cargo build -q --release --target wasm32-unknown-unknown -p complaint-desk-bench) ||
        die "bench crate build failed"
    rm -rf "$pkg"
    wasm-bindgen --target web --no-typescript --out-dir "$pkg" \
        "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/complaint_desk_bench.wasm"
    # RENDER_PROFILE=1 keeps the function names (-g) for the CPU profile.
    names=()
    [[ "${RENDER_PROFILE:-}" != 1 ]] || names=(-g)
    wasm-opt -Oz "${names[@]}" "$pkg/complaint_desk_bench_bg.wasm" --output "$pkg/complaint_desk_bench_bg.wasm"
fi
node "$BENCH_DIR/browser/render.mjs" "$pkg" "${RENDER_ROWS:-1000}" "${RENDER_REPEATS:-15}"
