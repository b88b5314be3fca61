<?php
/**
 * Small state switches for browser tests, run as `SHELF_SITE_DIR=… php site-state.php COMMAND`:
 * - hold-cron: page views stop spawning WP-Cron for five minutes (core's own `doing_cron` lock),
 *   so a test can prove that a visitor's request alone never calls the Creators API;
 * - release-cron: removes that lock.
 */

( static function ( string $command ) {
	require getenv( 'SHELF_SITE_DIR' ) . '/wp-load.php';
	switch ( $command ) {
		case 'hold-cron':
			set_transient( 'doing_cron', sprintf( '%.22F', microtime( true ) + 5 * MINUTE_IN_SECONDS ) );
			break;
		case 'release-cron':
			delete_transient( 'doing_cron' );
			break;
		default:
			fwrite( STDERR, "unknown command\n" );
			exit( 2 );
	}
	echo "ok\n";
} )( (string) ( $argv[1] ?? '' ) );
