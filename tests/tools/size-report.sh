#!/usr/bin/env bash
# Raw, gzip and brotli bytes of every file Shelf ships that a browser downloads, plus the zip.
# Visitors' pages load the stylesheet and, where they need it, ONE loader bundle with its module
# (js/wasm-*/; tests/tools/size-budget.sh has the per-page totals); admin screens load the
# settings and status-panel scripts and js/wasm-admin. js/*.js beside them are the sources the
# bundles are built from (the editor's bundles import placement.js too).
set -euo pipefail
dist=$1
printf '%-46s %10s %10s %10s\n' file raw gzip brotli
admin=0 bundles=0
while IFS= read -r f; do
  raw=$(wc -c <"$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -c -q 11 "$f" | wc -c)
  case "$f" in
    */js/settings.js | */js/status-panel.js | */js/wasm-admin/*) admin=$((admin + br)) ;;
    */js/wasm-*/*) bundles=$((bundles + br)) ;;
  esac
  printf '%-46s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
done < <(find "$dist/shelf" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' \) | sort)
printf '%-46s %10d\n' shelf.zip "$(wc -c <"$dist/shelf.zip")"
echo "visitors' bundles (a page loads one): $bundles B brotli in all; admin screens: $admin B; zip $(wc -c <"$dist/shelf.zip") B"
