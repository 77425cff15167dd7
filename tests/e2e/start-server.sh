#!/usr/bin/env bash
# Starts the real server for one Playwright project: a fresh SQLite file (seeded with the
# demo data on start), the built app from dist/, on the given port.
set -euo pipefail
port="$1"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="$here/.data/$port"
rm -rf "$data"
mkdir -p "$data"
exec "${SERVER_BIN:-$repo/target/debug/complaint-server}" \
  --addr "127.0.0.1:$port" \
  --database-url "sqlite://$data/e2e.db" \
  --dist "$repo/dist" \
  "${@:2}"
