#!/usr/bin/env bash
# Benchmark of rewrite_links on a generated 1 MB post with 2,000 links, with its baselines:
#   native Rust (release example; size-tuned profile as shipped, and opt-level 3),
#   wasm in Node (js/wasm-admin as build.sh makes it, and the same at opt-level "z"),
#   a JS regex + URL baseline, and a PHP baseline on WP_HTML_Tag_Processor + wp_parse_url when
#   SHELF_WP_DIR is a WordPress. Then the budget check (rewrite-budget.mjs): exits 1 when a
#   target of issue 12 is missed.
# Usage: tests/tools/bench/rewrite.sh [SECONDS_PER_IMPL=3]
# Env: SHELF_WP_DIR (a WordPress install with a reachable database), BENCH_OUT (work dir).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
bench=$root/tests/tools/bench
seconds=${1:-3}
out=${BENCH_OUT:-$(mktemp -d /tmp/shelf-bench.XXXXXX)}
mkdir -p "$out"
results=$out/results.jsonl
: >"$results"
# Own target dirs: no lock contention with other builds, and no profile evicts another's
# artefacts.
target=$out/target
export PATH="$root/node_modules/.bin:$PATH"

# record NAME: prints the JSON line read on stdin and keeps it, named, for the budget check.
record() {
  local line
  line=$(cat)
  echo "$line"
  echo "{\"run\":\"$1\",${line#\{}" >>"$results"
}

# wasm_module OPT_LEVEL DIR: js/wasm-admin's build (build.sh, build_wasm) at an opt-level.
wasm_module() {
  CARGO_TARGET_DIR=$target-wasm-$1 CARGO_PROFILE_RELEASE_OPT_LEVEL=$1 cargo build -q \
    --target wasm32-unknown-unknown --release -p shelf-core --no-default-features \
    --features lean,admin,rewrite --manifest-path "$root/Cargo.toml"
  wasm-bindgen --target web --no-typescript --out-dir "$2" \
    "$target-wasm-$1/wasm32-unknown-unknown/release/shelf_core.wasm"
  wasm-opt -Oz --strip-producers --strip-target-features "$2/shelf_core_bg.wasm" \
    -o "$2/shelf_core_bg.wasm"
}

echo "== post"
node "$bench/make-post.mjs" "$out/post.html" 1048576 2000

echo "== native (release profile as shipped: opt-level z)"
CARGO_TARGET_DIR=$target cargo run -q --release -p shelf-core --example bench_rewrite \
  --manifest-path "$root/Cargo.toml" -- "$out/post.html" "$seconds" | record native-z

echo "== native (opt-level 3)"
CARGO_TARGET_DIR=$target-o3 CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo run -q --release \
  -p shelf-core --example bench_rewrite --manifest-path "$root/Cargo.toml" -- "$out/post.html" \
  "$seconds" | record native-o3

echo "== wasm in Node: js/wasm-admin as shipped (opt-level 3, wasm-opt -Oz)"
wasm_module 3 "$out/wasm-admin"
node "$bench/rewrite-wasm.mjs" "$out/wasm-admin" "$out/post.html" "$seconds" | record wasm-admin

echo "== wasm in Node: the same at opt-level z (the visitors' modules' profile)"
wasm_module z "$out/wasm-z"
node "$bench/rewrite-wasm.mjs" "$out/wasm-z" "$out/post.html" "$seconds" | record wasm-z

echo "== JS baseline (regex scanner + WHATWG URL, Node)"
node "$bench/rewrite-js-baseline.mjs" "$out/post.html" shelfbench-20 "$seconds" | record js

echo "== PHP baseline (WP_HTML_Tag_Processor + wp_parse_url)"
if [ -n "${SHELF_WP_DIR:-}" ] && [ -f "$SHELF_WP_DIR/wp-load.php" ]; then
  php "$bench/rewrite-baseline.php" "$out/post.html" shelfbench-20 "$seconds" | record php
else
  echo "skipped: no WordPress (set SHELF_WP_DIR to a WordPress install)"
fi
echo "work dir: $out"

echo "== budget"
node "$bench/rewrite-budget.mjs" "$results"
