#!/usr/bin/env bash
# Shelf's only build entry point: setup | build | test | demo | dist (= build).
# Every stage is safe to re-run and skips work that is already done.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE="$ROOT/.cache"
DIST="$ROOT/dist"
ARTIFACTS="$ROOT/artifacts"
cd "$ROOT"

# The wasm-bindgen CLI must equal the exact `=0.2.x` pin in crate/Cargo.toml, or the
# generated glue and the module disagree at load time.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' crate/Cargo.toml)
APT_PACKAGES=(php-cli php-mysql php-xml php-mbstring php-curl php-zip php-gd php-intl phpunit
  mariadb-server chromium chromium-driver brotli zip unzip ca-certificates curl)
WP_PACKAGES=(wordpress wordpress-theme-twentytwentyfive libjs-lodash libjs-underscore libjs-cropper php-getid3)
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"

stage() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# ---------------------------------------------------------------- setup
setup_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  stage "apt: ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

setup_rust() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || {
    stage "rustup: wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
    stage "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 6 minutes, once)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

setup_npm() {
  # Reinstall only when the lock file changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json "$CACHE/npm.lock"; then
    stage "npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    mkdir -p "$CACHE" && cp package-lock.json "$CACHE/npm.lock"
  fi
}

debian_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list; do
    [ -r "$f" ] || continue
    uri=$(grep -Eo 'https?://[^ ]*/debian/?( |$)' "$f" | head -n 1 | tr -d ' ' || true)
    [ -n "$uri" ] && { echo "$uri"; return; }
    uri=$(sed -n 's/^URIs: *\(http[^ ]*debian\/\?\) *$/\1/p' "$f" | head -n 1)
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  echo "http://deb.debian.org/debian"
}

# WordPress 6.8 from Debian trixie's package files, through a private apt configuration
# (the system's apt sources stay untouched). Result: a plain tree in $CACHE/wordpress.
setup_wordpress() {
  [ -f "$CACHE/wordpress/wp-includes/version.php" ] && return
  stage "WordPress from Debian trixie"
  local A="$CACHE/apt" stage_dir="$CACHE/wp-stage" mirror
  mirror=$(debian_mirror)
  rm -rf "$stage_dir" "$CACHE/debs"
  mkdir -p "$A/lists/partial" "$A/cache/archives/partial" "$CACHE/debs" "$stage_dir"
  printf '%s\n' 'Types: deb' "URIs: $mirror" 'Suites: trixie' 'Components: main' \
    'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' >"$A/trixie.sources"
  local AOPT=(-q -o Dir::Etc::sourcelist="$A/trixie.sources" -o Dir::Etc::sourceparts=/dev/null
    -o Dir::State::Lists="$A/lists" -o Dir::Cache="$A/cache" -o Dir::Cache::archives="$A/cache/archives"
    -o Acquire::IndexTargets::deb::DEP-11::DefaultEnabled=false -o APT::Sandbox::User=root)
  apt-get "${AOPT[@]}" update
  (cd "$CACHE/debs" && apt-get "${AOPT[@]}" download "${WP_PACKAGES[@]}")
  for d in "$CACHE"/debs/*.deb; do dpkg -x "$d" "$stage_dir"; done
  local wp="$stage_dir/usr/share/wordpress"
  grep -q "wp_version = '6\.8" "$wp/wp-includes/version.php" ||
    echo "warning: trixie no longer ships WordPress 6.8: $(grep -o "wp_version = '[^']*'" "$wp/wp-includes/version.php")"
  rm -f "$wp/.htaccess" "$wp/wp-config.php"
  rm -f "$wp/wp-includes/certificates/ca-bundle.crt"
  cp /etc/ssl/certs/ca-certificates.crt "$wp/wp-includes/certificates/ca-bundle.crt"
  # Debian links shared libraries and the theme into the tree: replace every link by a copy.
  local link target
  while IFS= read -r link; do
    target=$(readlink -f "$link")
    rm "$link"
    if [ -d "$target" ]; then cp -a "$target" "$link"; elif [ -e "$target" ]; then cp -a "$target" "$link"; fi
  done < <(find "$wp" -type l)
  [ -z "$(find "$wp" -type l)" ] || die "unresolved symlinks in the WordPress tree"
  rm -rf "$CACHE/wordpress" && mv "$wp" "$CACHE/wordpress"
  rm -rf "$stage_dir" "$CACHE/debs"
}

cmd_setup() {
  setup_apt
  setup_rust
  setup_npm
  setup_wordpress
}

# ---------------------------------------------------------------- build
# build_wasm DIR FEATURES TARGET_DIR [OPT_LEVEL]: the core as an ES module (wasm-bindgen's glue
# and the module after wasm-opt) in $CACHE/DIR, built with the release profile's opt-level ("z")
# unless OPT_LEVEL is given. Each feature set has its own target dir, so switching between them
# rebuilds nothing.
build_wasm() {
  local dir=$1 features=$2 target=$3 opt=${4:-z}
  stage "build: js/$dir ($features, opt-level $opt)"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$opt cargo build -p shelf-core --target wasm32-unknown-unknown \
    --release --quiet --no-default-features --features "$features" --target-dir "$target"
  local raw="$target/wasm32-unknown-unknown/release/shelf_core.wasm" out="$CACHE/$dir"
  mkdir -p "$out"
  if [ ! -f "$out/shelf_core_bg.wasm" ] || [ "$raw" -nt "$out/shelf_core_bg.wasm" ]; then
    wasm-bindgen --target web --no-typescript --out-dir "$out/bindgen" "$raw"
    # The two custom sections are for tools; browsers ignore them (about 200 B brotli). A second
    # -Oz round finds about 200 B brotli more; a third finds nothing. For the size-built modules,
    # merging similar functions first, flattening and re-looping between rounds and ordering
    # functions by use find 250-470 B brotli more (BENCHMARKS.md, "Wasm size", step 28); the
    # admin module, built for speed, keeps the plain rounds.
    local passes=(-Oz -Oz)
    [ "$opt" = z ] && passes=(--merge-similar-functions -Oz --flatten --rereloop -Oz -Oz --reorder-functions)
    wasm-opt "${passes[@]}" --strip-producers --strip-target-features \
      "$out/bindgen/shelf_core_bg.wasm" -o "$out/shelf_core_bg.wasm"
    cp "$out/bindgen/shelf_core.js" "$out/shelf_core.js"
  fi
  # Its TypeScript declarations, for the JS type-check (tsconfig.json), never shipped: from a
  # second run, since typed glue names its .d.ts in a comment.
  local types="$CACHE/types/js/$dir"
  if [ ! -f "$types/shelf_core.d.ts" ] || [ "$raw" -nt "$types/shelf_core.d.ts" ]; then
    wasm-bindgen --target web --out-dir "$types" "$raw"
    rm "$types/shelf_core.js" "$types/shelf_core_bg.wasm"
  fi
  mkdir -p "$DIST/shelf/js/$dir"
  cp "$out/shelf_core_bg.wasm" "$DIST/shelf/js/$dir/"
}

# build_visitor DIR FEATURES TARGET_DIR: a visitors' module and the one script a page loads
# with it, js/DIR/loader.js: js/loader.js with what it imports and the module's glue, bundled
# and minified (the sources ship beside it in js/).
build_visitor() {
  build_wasm "$@"
  esbuild js/loader.js --bundle --minify --format=esm --target=es2022 --legal-comments=none \
    --alias:@shelf/wasm="$CACHE/$1/shelf_core.js" --outfile="$DIST/shelf/js/$1/loader.js" --log-level=warning
}

cmd_build() {
  stage "build: dist/shelf"
  rm -rf "$DIST/shelf" "$DIST/shelf.zip"
  mkdir -p "$DIST/shelf/js"
  cp -R plugin/. "$DIST/shelf/"
  cp -R php "$DIST/shelf/php"
  cp js/*.js "$DIST/shelf/js/"
  # Editor and admin UIs: bundled with WordPress's packages as externals, plus .asset.php files.
  stage "build: js/editor"
  node tools/bundle-editor.mjs "$DIST/shelf/js/editor"
  # Visitors' pages load one of five modules, the one with what the page needs (placements:
  # render; Amazon links in post content: links; a site that localises: localise), chosen by
  # php/class-assets.php; admin screens load js/wasm-admin with its plain glue.
  build_visitor wasm-render lean,render target/render
  build_visitor wasm-links lean,links target/links
  build_visitor wasm-localise lean,localise target/localise
  build_visitor wasm-render-links lean,render,links target/render-links
  build_visitor wasm-render-localise lean,render,localise target/render-localise
  # The admin module is built for speed: the link audit rewrites whole sites with it
  # (BENCHMARKS.md, "## rewrite_links": 2x the speed of "z" for about 19 KB brotli more).
  build_wasm wasm-admin lean,render,admin,rewrite target/admin 3
  cp "$CACHE/wasm-admin/shelf_core.js" "$DIST/shelf/js/wasm-admin/"
  # PHP reads the core's marketplace table and default disclosures: one source of truth,
  # written as PHP arrays so OPcache keeps them in memory.
  mkdir -p "$DIST/shelf/data"
  local what
  for what in marketplaces disclosures; do
    cargo run -q -p shelf-core --example shell_data -- "$what" | php -r '
      echo "<?php\n// Generated by build.sh from the Rust core (crate/examples/shell_data.rs). Do not edit.\n";
      echo "return " . var_export( json_decode( stream_get_contents( STDIN ), true, 512, JSON_THROW_ON_ERROR ), true ) . ";\n";' \
      >"$DIST/shelf/data/$what.php"
  done
  (cd "$DIST" && zip -qr -X shelf.zip shelf)
  echo "dist/shelf.zip: $(wc -c <"$DIST/shelf.zip") bytes"
}

# ---------------------------------------------------------------- test
# The test-only module (feature `fault`: a marker in an input makes the core panic, trap or run
# out of memory) for tests/e2e/specs/44-wasm-faults.spec.mjs, in .cache/fault/, never in
# dist/: every export, so it stands in for a visitors' module (js/wasm-fault/loader.js) and for
# the admin one (its glue, js/wasm-fault/shelf_core.js).
build_fault() {
  DIST="$CACHE/fault" build_visitor wasm-fault lean,render,links,localise,admin,rewrite,fault target/fault
  cp "$CACHE/wasm-fault/shelf_core.js" "$CACHE/fault/shelf/js/wasm-fault/"
}

SUMMARY=()
record() { SUMMARY+=("$(printf '%-28s %s' "$1" "$2")"); }

TIMES=()
print_summary() {
  stage "summary"
  printf '%s\n' "${SUMMARY[@]}"
  [ ${#TIMES[@]} -eq 0 ] || { echo; echo "seconds per layer: ${TIMES[*]}; all of build.sh: ${SECONDS} s"; }
}

# Runs a command, tees its output, and fails the whole run on the first failure.
run_layer() {
  local name=$1; shift
  stage "$name"
  local log="$ARTIFACTS/logs/${name// /-}.log"
  mkdir -p "$ARTIFACTS/logs"
  local start=$SECONDS
  if ! "$@" 2>&1 | tee "$log"; then
    record "$name" "FAILED (log: artifacts/logs/${name// /-}.log)"
    print_summary
    exit 1
  fi
  TIMES+=("${name// /-}=$((SECONDS - start))")
}

cargo_test_count() { grep -Eo '^test result: ok\. [0-9]+ passed' "$1" | awk '{s+=$4} END {print s+0}'; }

cmd_test() {
  cmd_setup
  cmd_build
  build_fault
  rm -rf "$ARTIFACTS/logs"

  run_layer "cargo fmt" cargo fmt --all -- --check
  record "cargo fmt" "ok ($(git ls-files 'crate/*.rs' | wc -l) files)"

  run_layer "clippy host" cargo clippy -p shelf-core --all-targets --quiet -- -D warnings
  run_layer "clippy wasm32" cargo clippy -p shelf-core --target wasm32-unknown-unknown --quiet -- -D warnings
  local features
  for features in lean,render lean,links lean,localise lean,render,localise lean,render,admin; do
    run_layer "clippy wasm32 $features" cargo clippy -p shelf-core --target wasm32-unknown-unknown --no-default-features --features "$features" --quiet -- -D warnings
  done
  record "cargo clippy" "ok (host + wasm32, -D warnings)"

  run_layer "cargo test" cargo test -p shelf-core
  record "cargo test (host)" "$(cargo_test_count "$ARTIFACTS/logs/cargo-test.log") passed"

  # The randomized rewrite-invariant test runs a full minute here (2 s in the run above),
  # in the background while the WordPress layers, mostly waiting on I/O, run; joined below.
  # The test binary runs directly: a cargo process would hold the build lock that long.
  local randomized_bin
  randomized_bin=$(cargo test -p shelf-core --test rewrite_random --no-run 2>&1 |
    sed -n 's/.*Executable .*(\(.*\))$/\1/p' | tail -n 1)
  [ -x "$randomized_bin" ] || die "cannot find the rewrite_random test binary"
  SHELF_RANDOMIZED_SECS=60 "$randomized_bin" --nocapture >"$ARTIFACTS/logs/randomized.log" 2>&1 &
  RANDOMIZED_PID=$!
  trap 'kill "$RANDOMIZED_PID" 2>/dev/null || true' EXIT

  run_layer "wasm test" cargo test -p shelf-core --target wasm32-unknown-unknown
  record "cargo test (wasm32/Node)" "$(cargo_test_count "$ARTIFACTS/logs/wasm-test.log") passed"

  run_layer "node tools" tests/tools/run-node-tests.sh
  record "node tools" "$(grep -Eo '^# pass [0-9]+' "$ARTIFACTS/logs/node-tools.log" | awk '{s+=$3} END {print s+0}') passed; $(grep -Eo '^url-diff: [0-9]+ urls' "$ARTIFACTS/logs/node-tools.log") vs WHATWG URL"

  # The html5lib tokenizer suites ran in cargo test above; this prints their tally for the summary.
  run_layer "html5lib" cargo test -q -p shelf-core --lib html5lib -- --nocapture
  record "html5lib tokenizer suites" "$(grep -Eo 'html5lib: [0-9]+ files.*' "$ARTIFACTS/logs/html5lib.log")"
  # The rewriter's links against Chromium's parser on 5,000 random documents (tests/tools/html-diff/).
  run_layer "html diff" node tests/tools/html-diff/html-diff.mjs --count 5000
  record "html-diff (Chromium)" "$(grep -Eo '^html-diff: [0-9]+ documents' "$ARTIFACTS/logs/html-diff.log" | cut -d' ' -f2) documents, $(grep -Eo '[0-9]+ links compared' "$ARTIFACTS/logs/html-diff.log"), $(grep -Eo '[0-9]+ disagreements' "$ARTIFACTS/logs/html-diff.log")"

  # js/ against the .d.ts of the modules cmd_build just made (tsconfig.json).
  run_layer "js types" tsc --project tsconfig.json
  record "tsc (js/, strict)" "ok ($(ls js/*.js | wc -l) files)"

  run_layer "php lint" tests/tools/php-lint.sh
  record "php -l" "$(grep -c '^No syntax errors' "$ARTIFACTS/logs/php-lint.log") files"

  # One real site for the WordPress layers: MariaDB + PHP's server, torn down on exit.
  # shellcheck source=tests/tools/site.sh
  . tests/tools/site.sh
  SITE_ROOT=$(mktemp -d /tmp/shelf-test.XXXXXX)
  trap 'kill "$RANDOMIZED_PID" 2>/dev/null || true; site_stop "$SITE_ROOT"; rm -rf "$SITE_ROOT"' EXIT
  run_layer "site" site_start "$SITE_ROOT" 0 no-plugin
  # shellcheck disable=SC1091
  . "$SITE_ROOT/site.env"

  # A test that hangs fails after 5 minutes instead of stalling CI.
  run_layer "e2e" node --test --test-concurrency=1 --test-timeout=300000 --test-reporter=tap $(ls tests/e2e/specs/*.spec.mjs | sort)
  record "e2e (Chromium)" "$(grep -Eo '^# pass [0-9]+' "$ARTIFACTS/logs/e2e.log" | awk '{print $3}') passed"

  run_layer "phpunit" phpunit --configuration tests/php/phpunit.xml
  record "phpunit (WordPress)" "$(grep -Eo 'OK \([0-9]+ tests, [0-9]+ assertions\)' "$ARTIFACTS/logs/phpunit.log")"

  # S17: every request Shelf made during e2e and PHPUnit went to an API, token or short-link endpoint.
  run_layer "outbound" php tests/tools/outbound/check.php "$SHELF_OUTBOUND_LOG" "$SHELF_MOCK_URL"
  record "outbound requests (S17)" "$(tail -n 1 "$ARTIFACTS/logs/outbound.log")"

  # S19 on a 2-site network of its own (MariaDB, PHP server, mock; stopped and removed on exit).
  run_layer "multisite" tests/php-multisite/run.sh
  record "phpunit multisite (S19)" "$(grep -Eo 'OK \([0-9]+ tests, [0-9]+ assertions\)' "$ARTIFACTS/logs/multisite.log")"

  stage "randomized 60 s"
  if ! wait "$RANDOMIZED_PID"; then
    cat "$ARTIFACTS/logs/randomized.log"
    record "randomized rewrite (60 s)" "FAILED (log: artifacts/logs/randomized.log)"
    print_summary
    exit 1
  fi
  tail -n 3 "$ARTIFACTS/logs/randomized.log"
  record "randomized rewrite (60 s)" "$(grep -Eo '^[0-9]+ random cases' "$ARTIFACTS/logs/randomized.log") checked"

  run_layer "debug.log" site_check_debug_log
  record "WP_DEBUG log" "empty"

  run_layer "size" tests/tools/size-report.sh "$DIST"
  run_layer "size budget" tests/tools/size-budget.sh "$DIST"
  record "size (dist)" "$(tail -n 1 "$ARTIFACTS/logs/size.log")"
  record "size budget (per page)" "$(tail -n 1 "$ARTIFACTS/logs/size-budget.log")"
  print_summary
}

# ---------------------------------------------------------------- bench
# Every benchmark, on a fresh demo site; figures go to artifacts/bench/ (copy them into
# BENCHMARKS.md). Fails when a budget an issue set is exceeded. Run it on an idle machine.
cmd_bench() {
  cmd_setup
  cmd_build
  local out="$ARTIFACTS/bench" status=0
  mkdir -p "$out"
  # shellcheck source=tests/tools/site.sh
  . tests/tools/site.sh
  BENCH_ROOT=$(mktemp -d /tmp/shelf-bench.XXXXXX)
  trap 'site_stop "$BENCH_ROOT"; rm -rf "$BENCH_ROOT"' EXIT
  site_start "$BENCH_ROOT" 0 demo
  # shellcheck disable=SC1091
  . "$BENCH_ROOT/site.env"
  stage "bench: page cost"
  node tests/tools/bench/page.mjs 80 | tee "$out/page.md" || status=1
  stage "bench: editor (table builder re-render, editor bytes)"
  node tests/tools/bench/editor.mjs 60 | tee "$out/editor.md" || status=1
  stage "bench: Creators API refresh"
  php tests/php/tools/bench-refresh.php | tee "$out/refresh.md" || status=1
  stage "bench: server-side content (S9's hostile post, 10,000 placements)"
  php tests/php/tools/bench-content.php | tee "$out/content.md" || status=1
  stage "bench: render (native and wasm)"
  cargo test -q -p shelf-core --release --test render_bench -- --ignored --nocapture | tee "$out/render-native.txt" || status=1
  [ -f tests/tools/bench/render-wasm.mjs ] && { node tests/tools/bench/render-wasm.mjs | tee "$out/render-wasm.txt" || status=1; }
  stage "bench: link audit (10,000 posts, 50 MB, in Chromium)"
  node tests/tools/bench/audit.mjs | tee "$out/audit.md" || status=1
  stage "bench: rewrite_links"
  SHELF_WP_DIR=$SHELF_SITE_DIR tests/tools/bench/rewrite.sh 3 | tee "$out/rewrite.txt" || status=1
  stage "bench: sizes"
  tests/tools/size-report.sh "$DIST" | tee "$out/size.txt"
  [ -x tests/tools/size-budget.sh ] && { tests/tools/size-budget.sh "$DIST" | tee -a "$out/size.txt" || status=1; }
  return $status
}

# ---------------------------------------------------------------- deep
# The long checks (tests/tools/deep.sh): 100,000 URLs against WHATWG URL, 100,000 documents
# against Chromium's parser, 10 minutes of randomized rewriting from a random seed, the html5lib
# suites, every cargo-fuzz target for 10 minutes, R4's 10,000 requests on a demo site. About an
# hour; writes tests/deep/results-*.md.
cmd_deep() {
  cmd_setup
  cmd_build
  tests/tools/deep.sh
}

# ---------------------------------------------------------------- mutants
# Each suite fails on a deliberately broken build (tests/mutants/README.md): every patch there,
# applied to a copy of HEAD, built and installed on a fresh site, must make its suite fail, and
# the suite must pass on HEAD. A few minutes per patch; prints the table, logs in artifacts/.
cmd_mutants() {
  cmd_setup
  cmd_build
  tests/tools/mutants.sh "$@"
}

# ---------------------------------------------------------------- demo
cmd_demo() {
  cmd_setup
  cmd_build
  # shellcheck source=tests/tools/site.sh
  . tests/tools/site.sh
  DEMO_ROOT="$CACHE/demo"
  mkdir -p "$DEMO_ROOT"
  trap 'site_stop "$DEMO_ROOT"' EXIT
  trap 'exit 0' INT TERM
  site_start "$DEMO_ROOT" 8080 demo
  # shellcheck disable=SC1091
  . "$DEMO_ROOT/site.env"
  cat <<EOF

Shelf demo is running.
  Site:        $SHELF_SITE_URL/
  Demo post:   $SHELF_SITE_URL/?p=$SHELF_DEMO_POST
  Admin:       $SHELF_SITE_URL/wp-admin/   user: admin   password: $SHELF_ADMIN_PASSWORD
Press Ctrl-C to stop every process this started.
EOF
  while site_alive "$DEMO_ROOT"; do sleep 1; done
  echo "a server process ended; stopping"
}

case "${1:-}" in
  setup) cmd_setup ;;
  build | dist) cmd_setup; cmd_build ;;
  test) cmd_test ;;
  demo) cmd_demo ;;
  bench) cmd_bench ;;
  deep) cmd_deep ;;
  mutants) shift; cmd_mutants "$@" ;;
  fault) cmd_setup; build_fault ;;
  *) echo "usage: ./build.sh setup|build|test|demo|bench|deep|mutants [PATCH...]|fault" >&2; exit 2 ;;
esac
