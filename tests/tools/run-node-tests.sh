#!/usr/bin/env bash
# Node-side tool checks, as TAP: every tests/tools/*/test.mjs suite, then the quick sample of the
# URL differential test (our parser against Node's WHATWG URL).
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t suites < <(find tests/tools -name 'test.mjs' | sort)
node --test --test-reporter=tap "${suites[@]}"
node tests/tools/url-diff/url-diff.mjs --count 2000
