#!/usr/bin/env bash
# Builds the app (release, trunk) and serves it on http://127.0.0.1:${PORT:-8080}.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
PORT="${PORT:-8080}"
echo "Complaint Desk: http://127.0.0.1:$PORT/"
exec trunk serve --release --offline --address 127.0.0.1 --port "$PORT" --no-autoreload
