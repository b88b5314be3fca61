<?php
/**
 * One PHP worker for the concurrency test (R3): loads the site, waits for a common start time,
 * then either asks the token cache for a token or runs one refresh, and prints a JSON result.
 *
 * Usage: SHELF_SITE_DIR=… SHELF_TEST_START=<unix time> SHELF_TEST_RATE=<req/s> php refresh-worker.php token|refresh
 */

( static function ( string $mode ) {
	require getenv( 'SHELF_SITE_DIR' ) . '/wp-load.php';
	$rate = (float) ( getenv( 'SHELF_TEST_RATE' ) ?: 1 );
	add_filter( 'shelf_api_rate', static fn() => $rate );
	add_filter( 'shelf_refresh_time_budget', static fn() => 60 );
	$start = (float) getenv( 'SHELF_TEST_START' );
	while ( microtime( true ) < $start ) {
		usleep( 1000 );
	}
	$clock  = new \Shelf\Clock();
	$budget = new \Shelf\Rate_Budget( $clock );
	$tokens = new \Shelf\Token_Cache( $clock );
	if ( 'token' === $mode ) {
		$token = $tokens->get( (array) \Shelf\Credentials::for_market( 'www.amazon.com' ) );
		echo wp_json_encode( array( 'ok' => is_string( $token ) ) );
		return;
	}
	$refresh = new \Shelf\Refresh( new \Shelf\Creators_Client( $tokens, $budget, $clock ), $budget, $clock );
	echo wp_json_encode( $refresh->run() );
} )( (string) ( $argv[1] ?? 'refresh' ) );
