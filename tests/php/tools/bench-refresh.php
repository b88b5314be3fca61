<?php
/**
 * Benchmark: refreshing 200 products through the real refresh job against the local mock, at
 * the default rate budget (1 request/s). Prints the figures as a Markdown table.
 *
 * Usage (a site from tests/tools/site.sh with Shelf active; its site.env sourced):
 *   php tests/php/tools/bench-refresh.php
 *
 * It uses the synthetic ASINs B0SHLFG000… (the mock generates them), a temporary tracking ID and
 * credential when the site has none, and removes its products afterwards.
 */

( static function () {
	require getenv( 'SHELF_SITE_DIR' ) . '/wp-load.php';
	global $wpdb;
	$mock = static function ( string $method, string $path ) {
		$curl = curl_init( getenv( 'SHELF_MOCK_URL' ) . $path );
		curl_setopt_array( $curl, array( CURLOPT_CUSTOMREQUEST => $method, CURLOPT_RETURNTRANSFER => true ) );
		$out = curl_exec( $curl );
		curl_close( $curl );
		return json_decode( (string) $out, true );
	};
	$settings = get_option( 'shelf_settings' );
	$stored   = get_option( 'shelf_credentials' );
	if ( '' === \Shelf\Settings::tracking_id( 'www.amazon.com' ) ) {
		$temp                                   = is_array( $settings ) ? $settings : \Shelf\Settings::get_default();
		$temp['tracking_ids']['www.amazon.com'] = 'shelftest-20';
		update_option( 'shelf_settings', $temp );
	}
	if ( null === \Shelf\Credentials::for_market( 'www.amazon.com' ) ) {
		update_option( 'shelf_credentials', array( 'NA' => array( 'id' => 'shelf-demo-id', 'secret' => 'shelf-demo-secret', 'version' => '3.1' ) ) );
	}

	$asins = array();
	for ( $i = 0; $i < 200; $i++ ) {
		$asins[] = 'B0SHLFG' . strtoupper( str_pad( base_convert( (string) $i, 10, 36 ), 3, '0', STR_PAD_LEFT ) );
	}
	$table = \Shelf\Store_Schema::products_table();
	$in    = implode( ',', array_fill( 0, 200, '%s' ) );
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE marketplace = 'www.amazon.com' AND asin IN ({$in})", ...$asins ) ); // phpcs:ignore WordPress.DB -- benchmark clean-up.
	\Shelf\Store_Registry::remember( 'www.amazon.com', $asins );
	$mock( 'DELETE', '/__mock/requests' );

	$clock   = new \Shelf\Clock();
	$budget  = new \Shelf\Rate_Budget( $clock );
	$refresh = new \Shelf\Refresh( new \Shelf\Creators_Client( new \Shelf\Token_Cache( $clock ), $budget, $clock ), $budget, $clock );
	$runs    = 0;
	$start   = microtime( true );
	do {
		$summary = $refresh->run();
		++$runs;
	} while ( $summary['more_due'] && null === $summary['stopped'] && $runs < 10 );
	$seconds = microtime( true ) - $start;

	$counts = $mock( 'GET', '/__mock/counts' );
	$calls  = (int) ( $counts['byPath']['/catalog/v1/getItems'] ?? 0 );
	$ids    = (int) ( $counts['getItemsItemIds'] ?? 0 );
	$ok     = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE marketplace = 'www.amazon.com' AND status = 'ok' AND asin IN ({$in})", ...$asins ) ); // phpcs:ignore WordPress.DB -- benchmark read.

	$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE marketplace = 'www.amazon.com' AND asin IN ({$in})", ...$asins ) ); // phpcs:ignore WordPress.DB -- benchmark clean-up.
	update_option( 'shelf_settings', $settings );
	false === $stored ? delete_option( 'shelf_credentials' ) : update_option( 'shelf_credentials', $stored );

	printf( "| Products refreshed | %d of 200 |\n", $ok );
	printf( "| Refresh runs (%d requests each at most) | %d |\n", \Shelf\Refresh::batches_per_run(), $runs );
	printf( "| GetItems requests | %d |\n", $calls );
	printf( "| ASINs per GetItems (average) | %.2f |\n", $calls > 0 ? $ids / $calls : 0 );
	printf( "| Token requests | %d |\n", (int) ( ( $counts['byPath']['/auth/o2/token'] ?? 0 ) + ( $counts['byPath']['/oauth2/token'] ?? 0 ) ) );
	printf( "| Wall time at %.0f request/s | %.1f s |\n", \Shelf\Rate_Budget::rate(), $seconds );
} )();
