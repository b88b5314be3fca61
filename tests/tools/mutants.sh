#!/usr/bin/env bash
# Issue 14's "each suite fails on a deliberately broken build": every tests/mutants/*.patch (or
# the ones named) is applied to a throw-away worktree of HEAD, which is built (`Build: php`:
# php/ and plugin/ into a copy of dist/; `Build: full`: ./build.sh build), installed on a fresh
# demo site, and its suite (`Run:`) must FAIL there. Then the same command runs against HEAD's
# own build on another fresh demo site and must PASS, so a suite that always fails kills no
# mutant. Patch format: tests/mutants/README.md. Prints one row per mutant; exits 1 when a mutant
# survives, does not apply, or its control run fails. Needs a built dist/ (./build.sh build).
# Usage: tests/tools/mutants.sh [PATCH...]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
export CACHE=$ROOT/.cache
[ -f dist/shelf.zip ] || { echo "mutants: dist/shelf.zip is missing: run ./build.sh build" >&2; exit 2; }
# shellcheck source=tests/tools/site.sh
. tests/tools/site.sh

patches=("$@")
[ ${#patches[@]} -gt 0 ] || mapfile -t patches < <(ls tests/mutants/*.patch)
work=$(mktemp -d /tmp/shelf-mutants.XXXXXX)
logs=${SHELF_ARTIFACTS:-$ROOT/artifacts}/mutants
mkdir -p "$logs"
cleanup() {
  for s in "$work"/site-*; do [ -d "$s" ] && site_stop "$s" >/dev/null 2>&1; done
  git worktree remove --force "$work/tree" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

header() { sed -n "s/^$1: //p;/^---\$/q" "$2" | head -n 1; }

# run_suite TREE NAME COMMAND: a fresh demo site with TREE's dist/shelf.zip, COMMAND run in TREE.
run_suite() {
  local tree=$1 name=$2 command=$3 site="$work/site-$2" status=0
  (ROOT=$tree site_start "$site" 0 demo) >"$logs/$name.site.log" 2>&1 || { echo "site failed: $logs/$name.site.log" >&2; return 2; }
  (cd "$tree" && . "$site/site.env" && export SHELF_ARTIFACTS="$logs/$name" && bash -c "$command") >"$logs/$name.log" 2>&1 || status=$?
  site_stop "$site" >/dev/null 2>&1 || true
  rm -rf "$site"
  return $status
}

printf '| Mutant | Suite | Breaks | With the mutant | HEAD (control) | Time |\n|---|---|---|---|---|---|\n'
status=0
for patch in "${patches[@]}"; do
  name=$(basename "$patch" .patch)
  suite=$(header Suite "$patch") breaks=$(header Breaks "$patch") build=$(header Build "$patch") run=$(header Run "$patch")
  start=$SECONDS
  git worktree add --detach -q "$work/tree" HEAD
  tree=$work/tree
  mutant="?" control="?"
  if ! git -C "$tree" apply "$ROOT/$patch" 2>"$logs/$name.apply.log"; then
    mutant="does not apply"
  else
    mkdir -p "$tree/.cache"
    for d in wordpress apt types; do ln -sfn "$CACHE/$d" "$tree/.cache/$d"; done
    cp "$CACHE/npm.lock" "$tree/.cache/npm.lock"
    ln -sfn "$ROOT/node_modules" "$tree/node_modules"
    case $build in
      php)
        cp -a "$ROOT/dist" "$tree/dist"
        rsync -a --delete "$tree/php/" "$tree/dist/shelf/php/" && rsync -a "$tree/plugin/" "$tree/dist/shelf/"
        (cd "$tree/dist" && rm -f shelf.zip && zip -qr -X shelf.zip shelf) ;;
      full)
        ln -sfn "$ROOT/target" "$tree/target"
        (cd "$tree" && ./build.sh build) >"$logs/$name.build.log" 2>&1 || mutant="build failed" ;;
      *) mutant="unknown Build: $build" ;;
    esac
    if [ "$mutant" = "?" ]; then
      if run_suite "$tree" "$name" "$run"; then mutant="**survived**"; else mutant="killed (suite failed)"; fi
    fi
  fi
  git worktree remove --force "$tree"
  if run_suite "$ROOT" "$name.control" "$run"; then control="passed"; else control="**failed**"; fi
  [ "$mutant" = "killed (suite failed)" ] && [ "$control" = passed ] || status=1
  printf '| `%s` | %s | %s | %s | %s | %d s |\n' "$name" "$suite" "$breaks" "$mutant" "$control" $((SECONDS - start))
done
exit $status
