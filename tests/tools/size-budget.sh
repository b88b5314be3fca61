#!/usr/bin/env bash
# Issue 12's size budget: the brotli (-q 11) bytes of Shelf's JS and wasm that a visitor's page
# loads, for every kind of page: localisation off/on × placements or not × Amazon links in the
# content or not. A page loads one loader bundle and its module (js/<module>/loader.js +
# shelf_core_bg.wasm), the one php/class-assets.php's visitor_module picks (its PHPUnit test and
# the e2e spec 14-content-links check the same table), or nothing.
# Every page is held to 40 KB. Prints one line per kind of page; exits 1 when one is over.
# Usage: tests/tools/size-budget.sh DIST
set -euo pipefail
dist=${1:?usage: size-budget.sh DIST}
budget=40960

# localise placements links → module ("-": no Shelf script at all).
pages=(
  "off no no -"
  "off yes no wasm-render"
  "off no yes wasm-links"
  "off yes yes wasm-render-links"
  "on no no wasm-localise"
  "on no yes wasm-localise"
  "on yes no wasm-render-localise"
  "on yes yes wasm-render-localise"
)
declare -A total=()
status=0
printf '%-9s %-11s %-14s %-22s %9s %9s %9s\n' localise placements 'content links' module loader.js wasm total
for page in "${pages[@]}"; do
  read -r localise placements links module <<<"$page"
  js=0 wasm=0
  if [ "$module" != - ]; then
    if [ -z "${total[$module]:-}" ]; then
      for f in loader.js shelf_core_bg.wasm; do
        [ -f "$dist/shelf/js/$module/$f" ] || { echo "size-budget: missing $dist/shelf/js/$module/$f (run ./build.sh build)" >&2; exit 1; }
      done
    fi
    js=$(brotli -c -q 11 "$dist/shelf/js/$module/loader.js" | wc -c)
    wasm=$(brotli -c -q 11 "$dist/shelf/js/$module/shelf_core_bg.wasm" | wc -c)
  fi
  sum=$((js + wasm))
  verdict=ok
  if [ "$sum" -gt "$budget" ]; then
    verdict="OVER by $((sum - budget)) B"
    status=1
  fi
  total[$module]=$sum
  printf '%-9s %-11s %-14s %-22s %9d %9d %9d  %s\n' "$localise" "$placements" "$links" "$module" "$js" "$wasm" "$sum" "$verdict"
done
summary=()
for module in wasm-render wasm-links wasm-localise wasm-render-links wasm-render-localise; do
  summary+=("$module ${total[$module]}")
done
echo "per page, brotli (budget $budget B): $(IFS=,; echo "${summary[*]}" | sed 's/,/, /g')"
exit "$status"
