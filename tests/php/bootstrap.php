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

/** Repository root, for shared test vectors. */
define( 'SHELF_REPO', dirname( __DIR__, 2 ) );

require_once __DIR__ . '/class-shelf-testcase.php';
