#!/usr/bin/env bash
# Raw, gzip and brotli bytes of every file Shelf ships that a browser downloads, plus the zip.
# Totals apart: what visitors' pages can load, and what only admin screens load (the settings
# script and the admin wasm module).
set -euo pipefail
dist=$1
printf '%-40s %10s %10s %10s\n' file raw gzip brotli
front_br=0 admin_br=0
while IFS= read -r f; do
  raw=$(wc -c <"$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -c -q 11 "$f" | wc -c)
  case "$f" in
    */js/settings.js | */js/wasm-admin/*) admin_br=$((admin_br + br)) ;;
    *) front_br=$((front_br + br)) ;;
  esac
  printf '%-40s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
done < <(find "$dist/shelf" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' \) | sort)
printf '%-40s %10d\n' shelf.zip "$(wc -c <"$dist/shelf.zip")"
echo "visitors' pages: at most $front_br bytes brotli; admin screens only: $admin_br; zip $(wc -c <"$dist/shelf.zip") bytes"
