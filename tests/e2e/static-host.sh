#!/usr/bin/env bash
# Deploys dist/ the way a static host would, under a sub-path, with its API elsewhere:
# copies dist/ as-is, writes the deploy-time config.json (no rebuild), and serves it with the
# plain static server. Usage: static-host.sh PORT BASE API_ORIGIN
set -euo pipefail
port="$1" base="$2" api="$3" verify="${4:-}"
here="$(cd "$(dirname "$0")" && pwd)"
site="$here/.data/static-$port"
rm -rf "$site"
mkdir -p "$site"
cp -R "$here/../../dist/." "$site/"
printf '{\n  "apiBase": "%s",\n  "verifyRealNameUrl": "%s"\n}\n' "$api" "$verify" > "$site/config.json"
exec node "$here/static-server.mjs" --dir "$site" --port "$port" --base "$base"
