#!/bin/sh
# Trunk's post_build hook (see Trunk.toml), run in the project root with TRUNK_STAGING_DIR
# holding the finished build.
set -eu
cd "$TRUNK_STAGING_DIR"

# The wasm is fetched by a plain fetch() that starts while the document is parsed, and init()
# is given that response, instead of through Trunk's <link rel="preload" as="fetch">: V8
# takes its compiled-code cache on a repeat visit only for the former (BENCHMARKS.md, "the
# wasm code cache"), and the download starts as early either way.
wasm=$(ls ./*_bg.wasm)
[ "$(printf '%s\n' "$wasm" | wc -l)" = 1 ] || { echo "post-build: expected one *_bg.wasm, found: $wasm" >&2; exit 1; }
wasm=${wasm#./}
sed -i \
    -e "s#<link rel=\"preload\" href=\"\./$wasm\"[^>]*>##" \
    -e "s#^<script type=\"module\">\$#<script>window.complaintDeskWasm = fetch(\"./$wasm\");</script>\n&#" \
    -e "s#module_or_path: '\./$wasm'#module_or_path: window.complaintDeskWasm#" \
    index.html
if grep -q "rel=\"preload\" href=\"\./$wasm\"" index.html \
    || ! grep -q "module_or_path: window.complaintDeskWasm" index.html \
    || ! grep -q "window.complaintDeskWasm = fetch" index.html; then
    echo "post-build: could not hand the early wasm fetch to init() in index.html (has Trunk's output changed?)" >&2
    exit 1
fi

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
