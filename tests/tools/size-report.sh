#!/usr/bin/env bash
# Raw, gzip and brotli bytes of every file Shelf ships that a browser downloads, plus the zip.
# Totals per kind of page: visitors' pages load the scripts, the stylesheet and ONE wasm module
# (js/wasm, or js/wasm-links where the site localises links); admin screens load the settings
# and status-panel scripts and js/wasm-admin.
set -euo pipefail
dist=$1
printf '%-40s %10s %10s %10s\n' file raw gzip brotli
common=0 wasm=0 links=0 admin=0
while IFS= read -r f; do
  raw=$(wc -c <"$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -c -q 11 "$f" | wc -c)
  case "$f" in
    */js/settings.js | */js/status-panel.js | */js/wasm-admin/*) admin=$((admin + br)) ;;
    */js/wasm-links/*) links=$((links + br)) ;;
    */js/wasm/*) wasm=$((wasm + br)) ;;
    *) common=$((common + br)) ;;
  esac
  printf '%-40s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
done < <(find "$dist/shelf" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' \) | sort)
printf '%-40s %10d\n' shelf.zip "$(wc -c <"$dist/shelf.zip")"
echo "visitors' pages: $((common + wasm)) B brotli ($((common + links)) B where links are localised); admin screens: $admin B; zip $(wc -c <"$dist/shelf.zip") B"
