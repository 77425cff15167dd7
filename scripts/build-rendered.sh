#!/usr/bin/env bash
# Builds the app's server-rendered build into dist-rendered/: the wasm that takes over the
# pages the reference server renders (`complaint-server --render --dist dist-rendered`),
# from rendered.html (the app's `hydrate` feature). The client-side build for static hosts
# is Trunk's default (index.html → dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
exec trunk build --release --offline=true --dist dist-rendered "$@" rendered.html
