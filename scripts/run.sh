#!/usr/bin/env bash
# Builds the app (release, trunk) and the server, then serves both on
# http://127.0.0.1:${PORT:-8080} with demo data (SQLite file data/complaint-desk.db,
# seeded on first start). Extra arguments go to complaint-server (see --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
PORT="${PORT:-8080}"
trunk build --release --offline
cargo build -p complaint-server --locked
exec target/debug/complaint-server --addr "127.0.0.1:$PORT" --dist dist "$@"
