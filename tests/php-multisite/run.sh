#!/usr/bin/env bash
# S19 on a network: a fresh 2-site subdirectory network of its own (MariaDB, PHP server, mock,
# all under a temporary folder, stopped and removed on exit: on failure too, and on INT/TERM
# once the step running ends), the suite in this folder, then WordPress's debug.log. Run from
# anywhere; installs dist/shelf.zip.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${CACHE:-$ROOT/.cache}
export ROOT CACHE
# shellcheck source=tests/tools/site.sh
. "$ROOT/tests/tools/site.sh"
NETWORK_ROOT=$(mktemp -d /tmp/shelf-network.XXXXXX)
trap 'site_stop "$NETWORK_ROOT"; rm -rf "$NETWORK_ROOT"' EXIT
trap 'exit 130' INT TERM
# Every step is a PHP process that loads WordPress: OPcache's file cache compiles it once.
mkdir -p "$NETWORK_ROOT/php.ini.d" "$NETWORK_ROOT/opcache"
printf '%s\n' opcache.enable_cli=1 "opcache.file_cache=$NETWORK_ROOT/opcache" >"$NETWORK_ROOT/php.ini.d/opcache.ini"
export PHP_INI_SCAN_DIR=":$NETWORK_ROOT/php.ini.d"
site_start "$NETWORK_ROOT" 0 multisite
# shellcheck disable=SC1091
. "$NETWORK_ROOT/site.env"
phpunit --configuration "$ROOT/tests/php-multisite/phpunit.xml"
# WordPress 6.8's ms-functions.php declares an optional parameter before a required one: PHP
# reports it each time the file is compiled, on every network. Any other line fails the run.
core='PHP Deprecated:  Optional parameter \$meta declared before required parameter \$signup_id .* in .*/wp-includes/ms-functions.php on line [0-9]+$'
if [ -s "$SHELF_DEBUG_LOG" ] && grep -Evq "$core" "$SHELF_DEBUG_LOG"; then
  echo "WordPress debug.log is not empty:"; grep -Ev "$core" "$SHELF_DEBUG_LOG"; exit 1
fi
echo "debug.log: nothing but WordPress's own ms-functions.php deprecation"
