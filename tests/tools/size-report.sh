#!/usr/bin/env bash
# Raw, gzip and brotli bytes of every file Shelf ships that a browser downloads, plus the zip.
set -euo pipefail
dist=$1
printf '%-40s %10s %10s %10s\n' file raw gzip brotli
total_br=0
while IFS= read -r f; do
  raw=$(wc -c <"$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -c -q 11 "$f" | wc -c)
  total_br=$((total_br + br))
  printf '%-40s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
done < <(find "$dist/shelf" -type f \( -name '*.js' -o -name '*.wasm' -o -name '*.css' \) | sort)
printf '%-40s %10d\n' shelf.zip "$(wc -c <"$dist/shelf.zip")"
echo "browser assets: $total_br bytes brotli; zip $(wc -c <"$dist/shelf.zip") bytes"
