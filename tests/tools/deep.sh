#!/usr/bin/env bash
# ./build.sh deep: the checks too long for ./build.sh test, on the current commit. It writes
# tests/deep/results-<date>.md (and removes older ones): per check, the command, its result and
# its runtime, plus the git trees of the code it describes; tests/tools/deep/test.mjs fails once
# that code has changed since. ./build.sh test keeps fast samples of the same checks.
#
# Durations (defaults as issue 14 sets them; shorter runs write to artifacts/ only):
#   SHELF_DEEP_FUZZ_SECS (600 per cargo-fuzz target), SHELF_DEEP_RANDOM_SECS (600),
#   SHELF_DEEP_URLS (100000), SHELF_DEEP_DOCS (100000, the html-diff documents),
#   SHELF_DEEP_R4_REQUESTS (10000 anonymous requests of R4, quota abuse, on a fresh demo site;
#   S9's hostile sizes run at full size on another),
#   SHELF_RANDOMIZED_SEED (random unless given; printed for replay).
set -euo pipefail
cd "$(dirname "$0")/../.."

FUZZ_SECS=${SHELF_DEEP_FUZZ_SECS:-600}
RANDOM_SECS=${SHELF_DEEP_RANDOM_SECS:-600}
URLS=${SHELF_DEEP_URLS:-100000}
DOCS=${SHELF_DEEP_DOCS:-100000}
R4_REQUESTS=${SHELF_DEEP_R4_REQUESTS:-10000}
SEED=${SHELF_RANDOMIZED_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}
# The code the results describe; tests/tools/deep/test.mjs compares these trees with HEAD's.
DESCRIBED=(crate/src crate/tests crate/fuzz/fuzz_targets tests/tools/url-diff tests/tools/html-diff
  php/class-rate-budget.php php/class-refresh.php php/class-creators-client.php php/store tests/e2e/specs/42-quota-abuse.spec.mjs
  js/loader.js tests/e2e/specs/46-hostile-sizes.spec.mjs)
ARTIFACTS=${SHELF_ARTIFACTS:-artifacts}
logs="$ARTIFACTS/deep"
mkdir -p "$logs"

full=1
[ "$FUZZ_SECS" -ge 600 ] && [ "$RANDOM_SECS" -ge 600 ] && [ "$URLS" -ge 100000 ] && [ "$DOCS" -ge 100000 ] && [ "$R4_REQUESTS" -ge 10000 ] || full=0
if ! git diff --quiet HEAD -- "${DESCRIBED[@]}" || [ -n "$(git ls-files --others --exclude-standard -- "${DESCRIBED[@]}")" ]; then
  echo "deep: uncommitted changes in the code the results describe; results go to $logs only" >&2
  full=0
fi

rows=()
status=0
# check NAME RESULT-EXTRACTOR COMMAND...: runs COMMAND (log in $logs/NAME.log), records a row.
check() {
  local name=$1 extract=$2
  shift 2
  echo "== deep: $name" >&2
  local start=$SECONDS result
  if "$@" >"$logs/$name.log" 2>&1; then
    result=$(eval "$extract" <"$logs/$name.log" || true)
  else
    result="**FAILED** (exit $?; log: $logs/$name.log)"
    status=1
    tail -n 30 "$logs/$name.log" >&2
  fi
  rows+=("| $name | \`$*\` | $result | $((SECONDS - start)) s |")
}

# Seeds for the fuzz targets, rebuilt each run (not committed): the rewrite cases under each of
# the 5 option sets (the first byte picks one), their URLs likewise, the Creators API fixtures.
seeds=$(mktemp -d /tmp/shelf-deep-seeds.XXXXXX)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds/rewrite_links" "$seeds/process_href" "$seeds/json_text"
for pick in 0 1 2 3 4; do
  for f in crate/tests/data/rewrite/*.src.html; do
    { printf "\\x$pick"; cat "$f"; } >"$seeds/rewrite_links/$pick-$(basename "$f")"
  done
  n=0
  grep -ohE 'https?://[^"<> ]+' crate/tests/data/rewrite/*.src.html | sort -u | while read -r url; do
    n=$((n + 1))
    { printf "\\x$pick"; printf '%s' "$url"; } >"$seeds/process_href/$pick-$n"
  done
done
cp tests/fixtures/creators-api/*.json "$seeds/json_text/"

command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz --version 0.13.2
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal

fuzz_result='grep -E "^Done [0-9]+ runs" | tail -n 1'
check "url-diff" "sed -n 's/^url-diff: //p' | paste -sd ';'" node tests/tools/url-diff/url-diff.mjs --count "$URLS"
check "html-diff" "sed -n 's/^html-diff: //p' | paste -sd ';'" node tests/tools/html-diff/html-diff.mjs --count "$DOCS"
check "randomized-rewrite" "grep -E 'random cases'" \
  env SHELF_RANDOMIZED_SECS="$RANDOM_SECS" SHELF_RANDOMIZED_SEED="$SEED" \
  cargo test -q --release -p shelf-core --test rewrite_random -- --nocapture
check "html5lib" "grep -Eo 'html5lib: [0-9]+ files.*'" cargo test -q -p shelf-core --lib html5lib -- --nocapture
for target in rewrite_links:65536 process_href:4096 json_text:65536; do
  name=${target%%:*}
  check "fuzz-$name" "$fuzz_result" \
    bash -c "cd crate/fuzz && cargo +nightly fuzz run -O $name $seeds/$name -- -max_total_time=$FUZZ_SECS -max_len=${target##*:}"
done

# The browser and WordPress checks at full size need a site: a fresh demo site from dist/
# (./build.sh deep builds it first) for each.
on_demo_site() {
  local root status=0
  root=$(mktemp -d /tmp/shelf-deep-site.XXXXXX)
  # shellcheck source=tests/tools/site.sh
  (export ROOT=$PWD CACHE=$PWD/.cache; . tests/tools/site.sh; site_start "$root" 0 demo >/dev/null &&
    . "$root/site.env" && "$@") || status=$?
  (export ROOT=$PWD CACHE=$PWD/.cache; . tests/tools/site.sh; site_stop "$root")
  rm -rf "$root"
  return $status
}
node_result="grep -E '^# (pass|fail) |^# .*R4: ' | paste -sd ' '"
check "R4-quota-abuse" "$node_result" on_demo_site env SHELF_R4_REQUESTS="$R4_REQUESTS" \
  node --test --test-timeout=3600000 tests/e2e/specs/42-quota-abuse.spec.mjs
check "S9-hostile-sizes" "grep -E '^# (pass|fail) |^# \\| [0-9]' | paste -sd ' '" on_demo_site env SHELF_HOSTILE_SCALE=1 \
  node --test --test-timeout=900000 tests/e2e/specs/46-hostile-sizes.spec.mjs

report="$logs/results.md"
{
  echo "# Deep checks, $(date -u +%F)"
  echo
  echo "\`./build.sh deep\` on commit $(git rev-parse --short=12 HEAD), $(nproc) cores; random seed $SEED"
  echo "(replay: \`SHELF_RANDOMIZED_SEED=$SEED ./build.sh deep\`). Logs were in \`$logs/\`."
  echo
  echo "| Check | Command | Result | Runtime |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "The code these results describe (git trees; \`tests/tools/deep/test.mjs\` fails when HEAD's differ):"
  echo
  for path in "${DESCRIBED[@]}"; do echo "- tree $(git rev-parse "HEAD:$path") $path"; done
} >"$report"
cat "$report"

if [ "$full" = 1 ] && [ "$status" = 0 ]; then
  mkdir -p tests/deep
  rm -f tests/deep/results-*.md
  cp "$report" "tests/deep/results-$(date -u +%F).md"
  echo "deep: wrote tests/deep/results-$(date -u +%F).md (commit it)" >&2
fi
exit $status
