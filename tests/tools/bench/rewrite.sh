#!/usr/bin/env bash
# Benchmark of rewrite_links on a generated 1 MB post with 2,000 links, with its baselines:
#   native Rust (release example; size-tuned profile as shipped, and opt-level 3),
#   wasm in Node (release wasm + wasm-bindgen --target nodejs), a JS regex + URL baseline,
#   and a PHP baseline on WP_HTML_Tag_Processor + wp_parse_url when SHELF_WP_DIR is a WordPress.
# Usage: tests/tools/bench/rewrite.sh [SECONDS_PER_IMPL=3]
# Env: SHELF_WP_DIR (a WordPress install with a reachable database), BENCH_OUT (work dir).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
bench=$root/tests/tools/bench
seconds=${1:-3}
out=${BENCH_OUT:-$(mktemp -d /tmp/shelf-bench.XXXXXX)}
mkdir -p "$out"
# Own target dirs: no lock contention with other builds, and opt-level 3 does not evict the
# shipped profile's artefacts.
target=$out/target

echo "== post"
node "$bench/make-post.mjs" "$out/post.html" 1048576 2000

echo "== native (release profile as shipped: opt-level z)"
CARGO_TARGET_DIR=$target cargo run -q --release -p shelf-core --example bench_rewrite \
  --manifest-path "$root/Cargo.toml" -- "$out/post.html" "$seconds"

echo "== native (opt-level 3)"
CARGO_TARGET_DIR=$target-o3 CARGO_PROFILE_RELEASE_OPT_LEVEL=3 cargo run -q --release \
  -p shelf-core --example bench_rewrite --manifest-path "$root/Cargo.toml" -- "$out/post.html" "$seconds"

echo "== wasm in Node"
CARGO_TARGET_DIR=$target cargo build -q --target wasm32-unknown-unknown --release -p shelf-core \
  --manifest-path "$root/Cargo.toml"
wasm-bindgen --target nodejs --out-dir "$out/wasm" "$target/wasm32-unknown-unknown/release/shelf_core.wasm"
node "$bench/rewrite-wasm.mjs" "$out/wasm" "$out/post.html" "$seconds"
if [ -x "$root/node_modules/.bin/wasm-opt" ]; then
  echo "== wasm in Node after wasm-opt -Oz (as shipped)"
  "$root/node_modules/.bin/wasm-opt" -Oz "$out/wasm/shelf_core_bg.wasm" -o "$out/wasm/opt.wasm"
  mv "$out/wasm/opt.wasm" "$out/wasm/shelf_core_bg.wasm"
  node "$bench/rewrite-wasm.mjs" "$out/wasm" "$out/post.html" "$seconds"
fi

echo "== JS baseline (regex scanner + WHATWG URL, Node)"
node "$bench/rewrite-js-baseline.mjs" "$out/post.html" shelfbench-20 "$seconds"

echo "== PHP baseline (WP_HTML_Tag_Processor + wp_parse_url)"
if [ -n "${SHELF_WP_DIR:-}" ] && [ -f "$SHELF_WP_DIR/wp-load.php" ]; then
  php "$bench/rewrite-baseline.php" "$out/post.html" shelfbench-20 "$seconds"
else
  echo "skipped: no WordPress (set SHELF_WP_DIR to a WordPress install)"
fi
echo "work dir: $out"
