<?php
/**
 * PHPUnit bootstrap: loads the real test site (WordPress + MariaDB, Shelf installed and active)
 * named by SHELF_SITE_DIR. wp-load.php is loaded inside a closure: at file scope its globals
 * would land in PHPUnit's scope and shortcodes registered on `init` would vanish.
 */

( static function () {
	$dir = getenv( 'SHELF_SITE_DIR' );
	if ( ! $dir || ! is_file( "$dir/wp-load.php" ) ) {
		fwrite( STDERR, "SHELF_SITE_DIR must name a WordPress site: run through ./build.sh test\n" );
		exit( 1 );
	}
	$url                       = (string) getenv( 'SHELF_SITE_URL' );
	$_SERVER['HTTP_HOST']      = (string) parse_url( $url, PHP_URL_HOST ) . ':' . (string) parse_url( $url, PHP_URL_PORT );
	$_SERVER['REQUEST_URI']    = '/';
	$_SERVER['REQUEST_METHOD'] = 'GET';
	$_SERVER['SERVER_NAME']    = 'localhost';
	require_once "$dir/wp-load.php";
	foreach ( array( 'wp_version', 'wpdb', 'wp_rewrite', 'wp_query', 'wp', 'shortcode_tags', 'wp_filter', 'wp_roles' ) as $global ) {
		$GLOBALS[ $global ] = $GLOBALS[ $global ] ?? null;
	}
} )();

if ( ! defined( 'SHELF_VERSION' ) ) {
	fwrite( STDERR, "Shelf is not active on the test site\n" );
	exit( 1 );
}

/*
 * The browser specs run just before on the same site, and their page views may have spawned
 * WP-Cron runs that still talk to the Creators API mock. Hold core's cron lock so no new run
 * starts, then wait until the mock has been quiet for two seconds (at most 30 s).
 */
set_transient( 'doing_cron', sprintf( '%.22F', microtime( true ) + 2 * MINUTE_IN_SECONDS ) );
( static function () {
	$mock = getenv( 'SHELF_MOCK_URL' );
	if ( ! $mock ) {
		return;
	}
	$count    = static fn() => json_decode( (string) @file_get_contents( $mock . '/__mock/counts' ), true )['total'] ?? 0; // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a missing mock just means nothing to wait for.
	$deadline = microtime( true ) + 30;
	$last     = $count();
	$quiet    = microtime( true );
	while ( microtime( true ) < $deadline && microtime( true ) - $quiet < 2 ) {
		usleep( 250000 );
		$now = $count();
		if ( $now !== $last ) {
			$last  = $now;
			$quiet = microtime( true );
		}
	}
} )();

/** Repository root, for shared test vectors. */
define( 'SHELF_REPO', dirname( __DIR__, 2 ) );

require_once __DIR__ . '/class-shelf-testcase.php';
