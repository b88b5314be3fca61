<?php
/**
 * Small state switches for browser tests, run as `SHELF_SITE_DIR=… php site-state.php COMMAND`:
 * - hold-cron: page views stop spawning WP-Cron for five minutes (core's own `doing_cron` lock),
 *   so a test can prove that a visitor's request alone never calls the Creators API;
 * - release-cron: removes that lock;
 * - demo-content: the demo's settings, table and post (tests/tools/demo-content.php), the
 *   settings as they were kept aside; prints the demo post's URL;
 * - restore-settings: puts the settings kept aside by demo-content back and forgets the demo
 *   table's option (uninstall tests expect no Shelf option a user did not make);
 * - hide-credentials: keeps the stored Creators API credentials aside, so the site runs without
 *   the API; restore-credentials puts them back;
 * - forget-products MARKET ASIN…: removes those products' stored data (as the Products screen's
 *   Remove does), so a test can watch them be fetched for the first time whatever ran before;
 * - money-state: prints, as JSON, everything a forged request could try to change (settings,
 *   a fingerprint of the credentials, both audit logs, the AAWP import record, stored products
 *   and tables), so a test can prove that nothing changed;
 * - refresh-due: makes Shelf's next refresh run due now (WordPress's own clock cannot be moved);
 * - drop-caches: deletes every transient and flushes the object cache (R8);
 * - rewind: after a test moved Shelf's clock forward, brings stored times, backoffs, circuits
 *   and tokens back to now, so later specs find fresh data and no paused requests.
 */

( static function ( string $command, array $args ) {
	require getenv( 'SHELF_SITE_DIR' ) . '/wp-load.php';
	switch ( $command ) {
		case 'hold-cron':
			set_transient( 'doing_cron', sprintf( '%.22F', microtime( true ) + 5 * MINUTE_IN_SECONDS ) );
			break;
		case 'release-cron':
			delete_transient( 'doing_cron' );
			break;
		case 'demo-content':
			update_option( 'shelf_e2e_saved_settings', get_option( 'shelf_settings' ) );
			require dirname( __DIR__, 2 ) . '/tools/demo-content.php';
			echo get_permalink( shelf_demo_content() ), "\n";
			break;
		case 'restore-settings':
			$saved = get_option( 'shelf_e2e_saved_settings' );
			if ( false !== $saved ) {
				update_option( 'shelf_settings', $saved );
			}
			delete_option( 'shelf_e2e_saved_settings' );
			delete_option( 'shelf_demo_table' );
			delete_option( 'shelf_demo_manual_image' );
			break;
		case 'hide-credentials':
			if ( false === get_option( 'shelf_e2e_saved_credentials' ) ) {
				update_option( 'shelf_e2e_saved_credentials', get_option( 'shelf_credentials', array() ), false );
			}
			delete_option( 'shelf_credentials' );
			break;
		case 'restore-credentials':
			$saved = get_option( 'shelf_e2e_saved_credentials' );
			if ( is_array( $saved ) && array() !== $saved ) {
				// As stored (sealed secrets): the form's sanitiser is for submitted values.
				remove_all_filters( 'sanitize_option_shelf_credentials' );
				update_option( 'shelf_credentials', $saved, false );
			}
			delete_option( 'shelf_e2e_saved_credentials' );
			break;
		case 'forget-products':
			$market = (string) array_shift( $args );
			foreach ( $args as $asin ) {
				\Shelf\Store_Queue::remove( $market, (string) $asin );
			}
			break;
		case 'money-state':
			global $wpdb;
			echo wp_json_encode(
				array(
					'settings'       => get_option( 'shelf_settings' ),
					'credentials'    => md5( (string) wp_json_encode( get_option( 'shelf_credentials' ) ) ),
					'credentialsLog' => get_option( 'shelf_credentials_log', array() ),
					'settingsLog'    => \Shelf\Settings_Log::entries(),
					'aawpImport'     => get_option( 'shelf_aawp_import' ),
					'products'       => $wpdb->get_results( 'SELECT marketplace, asin, fetched_at FROM ' . \Shelf\Store_Schema::products_table() . ' ORDER BY marketplace, asin', ARRAY_A ), // phpcs:ignore WordPress.DB
					'tables'         => get_posts( array( 'post_type' => 'shelf_table', 'post_status' => 'any', 'numberposts' => -1, 'fields' => 'ids' ) ),
				)
			), "\n";
			return;
		case 'refresh-due':
			wp_clear_scheduled_hook( \Shelf\Refresh::SOON_HOOK );
			wp_schedule_single_event( time() - 1, \Shelf\Refresh::SOON_HOOK );
			break;
		case 'drop-caches':
			global $wpdb;
			$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_%' OR option_name LIKE '\\_site\\_transient\\_%'" );
			wp_cache_flush();
			break;
		case 'rewind':
			global $wpdb;
			$now = time();
			foreach ( array( \Shelf\Store_Schema::products_table(), \Shelf\Store_Schema::searches_table() ) as $table ) {
				$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET fetched_at = LEAST( fetched_at, %d ), checked_at = LEAST( checked_at, %d ), next_at = LEAST( next_at, %d ), claimed_until = LEAST( claimed_until, %d )", $now, $now, $now + \Shelf\Refresh::refresh_after(), $now ) );
			}
			$state = \Shelf\State::table();
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$state} WHERE ( name LIKE 'backoff:%%' OR name LIKE 'circuit:%%' OR name LIKE 'token%%' ) AND GREATEST( stamp, expires_at ) > %d", $now + HOUR_IN_SECONDS ) );
			$wpdb->query( $wpdb->prepare( "UPDATE {$state} SET num = %d WHERE name LIKE 'status:%%' AND num > %d", $now, $now ) );
			\Shelf\Store::flush_memo();
			break;
		default:
			fwrite( STDERR, "unknown command\n" );
			exit( 2 );
	}
	echo "ok\n";
} )( (string) ( $argv[1] ?? '' ), array_slice( $argv, 2 ) );
