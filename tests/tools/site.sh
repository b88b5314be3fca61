# A real WordPress on a real MariaDB, both plain processes under one folder ($root).
# Sourced by build.sh. Functions: site_start ROOT PORT MODE, site_stop ROOT, site_alive ROOT,
# site_check_debug_log. MODE: no-plugin (tests install Shelf through wp-admin), demo, or
# multisite (a subdirectory network of two sites, / and /site2/, Shelf's files in place but not
# activated: tests/php-multisite/ network-activates it).
# Every process runs in its own process group, recorded in $root/pids, so stopping is exact.

SITE_TOOLS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

_site_spawn() { # name logfile cmd...: start in a new session and record its process group
  local root=$1 name=$2 log=$3; shift 3
  mkdir -p "$root/pids"
  setsid "$@" >"$log" 2>&1 </dev/null &
  echo $! >"$root/pids/$name"
}

_wait_for() { # seconds description command...
  local deadline=$((SECONDS + $1)) what=$2; shift 2
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for $what" >&2; return 1; }
    sleep 0.2
  done
}

_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

_port_busy() { python3 -c "import socket,sys; s=socket.socket(); sys.exit(0 if s.connect_ex(('127.0.0.1', $1))==0 else 1)"; }

site_start() {
  local root=$1 want_port=$2 mode=$3
  # Created first: a folder that does not exist yet must not turn into "" (the file system root).
  mkdir -p "$root" && root=$(cd "$root" && pwd) && [ -n "$root" ] || { echo "site_start: bad folder" >&2; return 1; }
  # Unix sockets cap at 107 bytes: keep the socket in a short /tmp folder.
  local sockdir; sockdir=$(mktemp -d /tmp/shelf-db.XXXXXX)
  local sock="$sockdir/s" me; me=$(id -un)
  echo "$sockdir" >"$root/sockdir"

  if [ ! -d "$root/db/mysql" ]; then
    mariadb-install-db --no-defaults --datadir="$root/db" --user="$me" --auth-root-authentication-method=socket \
      --skip-test-db >"$root/db-install.log" 2>&1 || { cat "$root/db-install.log"; return 1; }
  fi
  _site_spawn "$root" mariadb "$root/mariadb.log" mariadbd --no-defaults --datadir="$root/db" \
    --socket="$sock" --skip-networking --user="$me" --pid-file="$sockdir/pid" \
    --innodb-buffer-pool-size=64M --skip-log-bin
  _wait_for 60 "MariaDB" mariadb-admin --no-defaults --socket="$sock" -u"$me" ping
  mariadb --no-defaults --socket="$sock" -u"$me" -e "CREATE DATABASE IF NOT EXISTS wordpress
    CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER IF NOT EXISTS 'shelf'@'localhost' IDENTIFIED BY 'shelf';
    GRANT ALL ON wordpress.* TO 'shelf'@'localhost';"

  local site="$root/site"
  if [ ! -f "$site/wp-includes/version.php" ]; then
    mkdir -p "$site" && cp -a "$CACHE/wordpress/." "$site/"
  fi
  mkdir -p "$site/wp-content/mu-plugins"
  cp "$SITE_TOOLS/mu-offline.php" "$site/wp-content/mu-plugins/shelf-offline.php"
  cp "$SITE_TOOLS/mu-clock.php" "$site/wp-content/mu-plugins/shelf-clock.php"
  cp "$SITE_TOOLS/mu-classic.php" "$site/wp-content/mu-plugins/shelf-classic.php"
  cp "$SITE_TOOLS/mu-outbound.php" "$site/wp-content/mu-plugins/shelf-outbound.php"

  # The local Creators API mock: Shelf's client talks to it instead of Amazon.
  rm -f "$root/mock.port"
  # The demo only: the mock points image URLs at its own pictures (tests keep Amazon's URLs).
  local mock_images=()
  [ "$mode" = demo ] && mock_images=(--image-origin self)
  _site_spawn "$root" mock "$root/mock.log" node "$SITE_TOOLS/creators-mock/server.mjs" --port 0 \
    --port-file "$root/mock.port" --pid-file "$root/mock.pid" "${mock_images[@]}"
  _wait_for 20 "Creators API mock" test -s "$root/mock.port"
  local mock_url="http://127.0.0.1:$(cat "$root/mock.port")"

  # The server: a free port from the kernel (or the one asked for, if free); retry on a race.
  local port tries=0
  while :; do
    if [ "$want_port" != 0 ] && ! _port_busy "$want_port"; then port=$want_port; else port=$(_free_port); fi
    _site_write_config "$root" "$sock" "$port" "$mode"
    # OPcache as on any production host (PHP's CLI default leaves it off). SHELF_MULTISITE turns
    # on the router's subdirectory-network rewrites.
    SHELF_MULTISITE=$([ "$mode" = multisite ] && echo 1) PHP_CLI_SERVER_WORKERS=4 _site_spawn "$root" php "$root/php-server.log" \
      php -d opcache.enable_cli=1 -S "127.0.0.1:$port" -t "$site" "$SITE_TOOLS/router.php"
    local token; token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
    echo "$token" >"$site/ready-$token.txt"
    if _wait_for 20 "PHP server" sh -c "curl -fsS http://127.0.0.1:$port/ready-$token.txt | grep -q $token"; then
      rm -f "$site/ready-$token.txt"; break
    fi
    rm -f "$site/ready-$token.txt"
    _site_kill "$root" php
    tries=$((tries + 1)); [ $tries -lt 5 ] || { cat "$root/php-server.log"; return 1; }
    want_port=0
  done

  local url="http://127.0.0.1:$port"
  _site_write_extra_config "$site" "$mock_url" "$mode" "$url"
  [ -f "$root/admin-password" ] || head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$root/admin-password"
  local zip=""
  [ "$mode" = demo ] && zip="$ROOT/dist/shelf.zip"
  [ "$mode" = multisite ] && zip="$ROOT/dist/shelf.zip"
  SHELF_SITE_DIR="$site" php "$SITE_TOOLS/wp-install.php" "$url" "$(cat "$root/admin-password")" "$mode" "$zip" \
    >"$root/install.out"
  # A network's sites need the network's constants (written by the run above) to be created.
  if [ "$mode" = multisite ]; then
    SHELF_SITE_DIR="$site" php "$SITE_TOOLS/wp-install.php" "$url" "$(cat "$root/admin-password")" multisite-sites "$zip" \
      >>"$root/install.out"
  fi
  cat >"$root/site.env" <<EOF
export SHELF_SITE_URL=$url
export SHELF_SITE_DIR=$site
export SHELF_DEBUG_LOG=$root/debug.log
export SHELF_DB_SOCKET=$sock
export SHELF_ADMIN_PASSWORD=$(cat "$root/admin-password")
export SHELF_ZIP=$ROOT/dist/shelf.zip
export SHELF_ARTIFACTS=$ROOT/artifacts
export SHELF_MOCK_URL=$mock_url
export SHELF_OUTBOUND_LOG=$root/outbound.log
$(cat "$root/install.out")
EOF
  echo "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$site/wp-includes/version.php") at $url (MariaDB socket $sock)"
}

_site_write_config() {
  local root=$1 sock=$2 port=$3 mode=$4 urls
  # A network's sites each have their own URL: WP_HOME would make every one the main site's.
  urls="define( 'WP_HOME', 'http://127.0.0.1:$port' );
define( 'WP_SITEURL', 'http://127.0.0.1:$port' );"
  [ "$mode" = multisite ] && urls="define( 'WP_ALLOW_MULTISITE', true );
// Cron runs only when a test runs it: page views would spawn it on their own.
define( 'DISABLE_WP_CRON', true );
if ( file_exists( __DIR__ . '/wp-config-network.php' ) ) {
	require __DIR__ . '/wp-config-network.php';
}"
  cat >"$root/site/wp-config.php" <<EOF
<?php
// Written by tests/tools/site.sh for a local test or demo site.
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'shelf' );
define( 'DB_PASSWORD', 'shelf' );
define( 'DB_HOST', 'localhost:$sock' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
$urls
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', '$root/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'SCRIPT_DEBUG', false );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'FS_METHOD', 'direct' );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'SAVEQUERIES', (bool) getenv( 'SHELF_SAVEQUERIES' ) );
\$table_prefix = 'wp_';
if ( file_exists( __DIR__ . '/wp-config-extra.php' ) ) {
	require __DIR__ . '/wp-config-extra.php';
}
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
EOF
}

_site_write_extra_config() { # site mock_url mode site_url: point Shelf's API client at the mock
  local site=$1 mock=$2 mode=$3 url=$4
  {
    echo "<?php"
    echo "// Written by tests/tools/site.sh: the Creators API is the local mock."
    echo "define( 'SHELF_CREATORS_API_BASE', '$mock' );"
    echo "define( 'SHELF_CREATORS_AUTH_BASE', '$mock' );"
    echo "// Short links (amzn.to …) are resolved against the mock's short-link routes."
    echo "define( 'SHELF_DEV_SHORT_LINK_ORIGIN', '$mock/short' );"
    if [ "$mode" = demo ]; then
      echo "// The mock's demo credential, so the demo runs token → GetItems → store → render."
      echo "define( 'SHELF_CREATORS_CREDENTIAL_ID', 'shelf-demo-id' );"
      echo "define( 'SHELF_CREATORS_CREDENTIAL_SECRET', 'shelf-demo-secret' );"
      echo "define( 'SHELF_CREATORS_CREDENTIAL_VERSION', '3.1' );"
      echo "// A developer setting for local demos only: product images from the mock's pictures,"
      echo "// and manual products' images from this http site's Media Library."
      echo "define( 'SHELF_DEV_IMAGE_ORIGINS', array( '$mock', '$url' ) );"
    fi
  } >"$site/wp-config-extra.php"
}

_site_kill() { # root name: TERM the process group, then KILL what is left
  local root=$1 name=$2 pgid
  [ -f "$root/pids/$name" ] || return 0
  pgid=$(cat "$root/pids/$name")
  kill -TERM -- "-$pgid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pgid" 2>/dev/null || true
  rm -f "$root/pids/$name"
}

site_stop() {
  local root=$1
  [ -d "$root/pids" ] || return 0
  local name
  for name in "$root"/pids/*; do [ -e "$name" ] && _site_kill "$root" "$(basename "$name")"; done
  [ -f "$root/sockdir" ] && rm -rf "$(cat "$root/sockdir")" "$root/sockdir"
  return 0
}

site_alive() {
  local root=$1 name
  for name in "$root"/pids/*; do kill -0 -- "-$(cat "$name")" 2>/dev/null || return 1; done
}

# Any line in WordPress's debug.log (notice, warning, deprecation) fails the run.
site_check_debug_log() {
  if [ -s "$SHELF_DEBUG_LOG" ]; then
    echo "WordPress debug.log is not empty:"; cat "$SHELF_DEBUG_LOG"; return 1
  fi
  echo "debug.log empty"
}
