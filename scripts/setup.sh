#!/usr/bin/env bash
# Installs what building and testing Complaint Desk needs, skipping what is already there.
# Safe to run again: every step checks first. Stops with a clear message when a step fails.
#
# Usage: scripts/setup.sh [--browser]   (PostgreSQL, schemathesis and cargo-fuzz: scripts/test-server-hardening.sh)
#   (no flag)   Rust target, trunk, wasm-bindgen-cli, wasm-opt (npm binaryen)
#   --browser   also Chromium + chromedriver + brotli + CJK fonts (Debian)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

want_browser=false
for arg in "$@"; do
  case "$arg" in
    --browser) want_browser=true ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

TRUNK_VERSION=0.21.14
say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
die() { printf '\033[31msetup: %s\033[0m\n' "$*" >&2; exit 1; }

# The wasm-bindgen CLI must match the library exactly, so read the version from Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs) first"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown || die "rustup could not add wasm32-unknown-unknown"
fi
for component in clippy rustfmt; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component" \
    || die "rustup could not add $component"
done

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "installing trunk $TRUNK_VERSION (several minutes the first time)"
  cargo install trunk --version "$TRUNK_VERSION" --locked || die "cargo install trunk failed"
fi

[ -f Cargo.lock ] || cargo generate-lockfile
WB_VERSION=$(wasm_bindgen_version)
[ -n "$WB_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WB_VERSION"; then
  say "installing wasm-bindgen-cli $WB_VERSION (matches Cargo.lock)"
  # Not --locked: the registry index lacks one of its locked dependencies (see shared TOOLING.md).
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force || die "cargo install wasm-bindgen-cli failed"
fi

command -v npm >/dev/null || die "npm not found: install Node.js 20+ (Debian: apt-get install nodejs npm)"
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing node packages (wasm-opt from binaryen, Playwright without a browser download)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund || die "npm ci failed"
fi

if $want_browser; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v brotli >/dev/null || missing+=(brotli)
  # CJK glyphs for screenshots (the UI is Chinese by default).
  [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from Debian"
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" \
      || die "apt-get install ${missing[*]} failed"
  fi
fi
say "tools ready"
