#!/usr/bin/env bash
# php -l on every PHP file of the project (tracked or new), stopping at the first error.
set -euo pipefail
cd "$(dirname "$0")/../.."
git ls-files --cached --others --exclude-standard -- '*.php' | while IFS= read -r f; do php -l "$f"; done
