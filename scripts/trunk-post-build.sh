#!/bin/sh
# Trunk's post_build hook (see Trunk.toml), run in the project root with TRUNK_STAGING_DIR
# holding the finished build.
set -eu
cd "$TRUNK_STAGING_DIR"

# Hosts without rewrites (GitHub Pages, plain buckets) serve 404.html for unknown paths: make
# it the app itself, so deep links and reloads work there too.
cp index.html 404.html

# Release builds ship precompressed siblings of the hashed assets, so servers that can send
# them (complaint-server, nginx gzip_static/brotli_static, most CDNs) never compress the
# 1 MB wasm on each cold load. Development builds skip the seconds brotli -q 11 takes.
[ "${TRUNK_PROFILE:-}" = release ] || exit 0
find . -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) | while read -r asset; do
    gzip -9 -n -k -f "$asset"
    if command -v brotli >/dev/null 2>&1; then
        brotli -q 11 -k -f "$asset"
    fi
done
