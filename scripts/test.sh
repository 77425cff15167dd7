#!/usr/bin/env bash
# Every check and test of Complaint Desk, from a fresh machine: installs what is missing
# (scripts/setup.sh), then format, lint (native and wasm32), native tests, browser component
# tests in headless Chromium, the release build and its size guard (bench/size-guard.sh), the
# server-rendered build, the end-to-end tests (on the static build and on pages the server
# renders), and the server's hardening checks (scripts/test-server-hardening.sh
# installs PostgreSQL, schemathesis and cargo-fuzz when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

scripts/setup.sh --browser
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

step() { printf '\n\033[1m==> %s\033[0m (%ss)\n' "$*" "$(( $(date +%s) - started ))"; }

step "cargo fmt --check"
cargo fmt --all --check

step "clippy, native crates"
cargo clippy --workspace --exclude complaint-desk --all-targets --locked -- -D warnings

step "clippy, the app natively (its form logic is tested natively)"
cargo clippy -p complaint-desk --lib --tests --locked -- -D warnings

step "clippy, wasm32"
cargo clippy --target wasm32-unknown-unknown -p complaint-desk -p complaint-desk-bench --all-targets --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p complaint-rules -p complaint-api --lib --locked -- -D warnings

step "clippy, the app's other two builds: rendered on the server (ssr), taking a page over (hydrate)"
cargo clippy -p complaint-desk --no-default-features --features ssr --lib --tests --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p complaint-desk --no-default-features --features hydrate --lib --locked -- -D warnings

# The server's suite runs in the hardening step below, on SQLite and on PostgreSQL.
step "native tests: rules, API types, the app's form logic"
cargo test -p complaint-rules -p complaint-api --locked
cargo test -p complaint-desk --lib --locked
cargo test -p complaint-desk --no-default-features --features ssr --test server_render --locked

step "browser component tests (wasm-bindgen-test, headless Chromium)"
cargo test --target wasm32-unknown-unknown -p complaint-desk --locked

step "release build (trunk)"
trunk build --release --offline

step "size guard: wasm + JS brotli -11 within 2 % of bench/size-budget.txt"
bench/size-guard.sh dist

step "the server-rendered build (trunk, the hydrate feature → dist-rendered/)"
scripts/build-rendered.sh

step "end-to-end tests (Playwright, Debian Chromium, real server on fresh SQLite files)"
cargo build -p complaint-server --locked
npx playwright test --config tests/e2e/playwright.config.mjs

step "server hardening: fuzzing, schemathesis, server suite on SQLite and PostgreSQL"
scripts/test-server-hardening.sh

step "all tests passed"
