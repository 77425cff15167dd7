#!/usr/bin/env bash
# Starts the real server for one Playwright project: a fresh SQLite file (seeded with the
# demo data on start), the built app from dist/ (or, with --render, the server-rendered
# build from dist-rendered/), on the given port.
set -euo pipefail
port="$1"
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
data="$here/.data/$port"
rm -rf "$data"
mkdir -p "$data"
dist="$repo/dist"
for flag in "${@:2}"; do
  [ "$flag" = --render ] && dist="$repo/dist-rendered"
done
exec "${SERVER_BIN:-$repo/target/debug/complaint-server}" \
  --addr "127.0.0.1:$port" \
  --database-url "sqlite://$data/e2e.db" \
  --dist "$dist" \
  "${@:2}"
