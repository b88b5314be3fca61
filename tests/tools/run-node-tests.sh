#!/usr/bin/env bash
# Node test suites of the tools under tests/tools (each folder with a test.mjs), as TAP.
set -euo pipefail
cd "$(dirname "$0")/../.."
mapfile -t suites < <(find tests/tools -name 'test.mjs' | sort)
if [ ${#suites[@]} -eq 0 ]; then echo "# pass 0"; exit 0; fi
node --test --test-reporter=tap "${suites[@]}"
