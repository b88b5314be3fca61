<?php
/**
 * Runs Shelf's uninstall.php in its own PHP process (the PHPUnit process may already have
 * included it) and prints what is left with Shelf's prefix as JSON.
 *
 * Usage: SHELF_SITE_DIR=… php uninstall.php
 */

( static function () {
	require getenv( 'SHELF_SITE_DIR' ) . '/wp-load.php';
	define( 'WP_UNINSTALL_PLUGIN', 'shelf/shelf.php' );
	include WP_PLUGIN_DIR . '/shelf/uninstall.php';
	global $wpdb;
	$crons = array();
	foreach ( (array) _get_cron_array() as $events ) {
		foreach ( array_keys( (array) $events ) as $hook ) {
			if ( str_starts_with( (string) $hook, 'shelf' ) ) {
				$crons[] = $hook;
			}
		}
	}
	echo wp_json_encode(
		array(
			'tables'  => $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix . 'shelf' ) . '%' ) ),
			'options' => $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE 'shelf%' OR option_name LIKE '\\_transient%shelf%'" ),
			'cron'    => $crons,
			'posts'   => $wpdb->get_col( "SELECT ID FROM {$wpdb->posts} WHERE post_type LIKE 'shelf%'" ),
			'meta'    => $wpdb->get_col( "SELECT meta_id FROM {$wpdb->postmeta} WHERE meta_key LIKE '\_shelf%'" ),
		)
	);
} )();
