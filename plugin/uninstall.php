<?php
/**
 * Removes everything Shelf stored — options, its tables, transients, cron events, stored
 * comparison tables and manual products — on every site of a network.
 *
 * @package Shelf
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

/**
 * Deletes Shelf's data on the current site.
 */
function shelf_uninstall_site(): void {
	global $wpdb;
	// Stored comparison tables and manual products (post types shelf_table, shelf_product) with
	// their meta and revisions, first: deleting a post may still run Shelf's hooks, which need
	// its tables. 'any' alone leaves out trashed posts.
	foreach ( get_posts( array( 'post_type' => array( 'shelf_table', 'shelf_product' ), 'post_status' => array( 'any', 'trash', 'auto-draft' ), 'numberposts' => -1, 'fields' => 'ids' ) ) as $shelf_post_id ) {
		wp_delete_post( $shelf_post_id, true );
	}
	delete_option( 'shelf_settings' );
	foreach ( array( 'shelf_store_schema', 'shelf_credentials', 'shelf_credentials_log', 'shelf_settings_log', 'shelf_aawp_import' ) as $shelf_option ) {
		delete_option( $shelf_option );
	}
	foreach ( array( 'shelf_products', 'shelf_searches', 'shelf_usage', 'shelf_state' ) as $shelf_table ) {
		$wpdb->query( 'DROP TABLE IF EXISTS `' . esc_sql( $wpdb->prefix . $shelf_table ) . '`' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- fixed table names.
	}
	$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $wpdb->esc_like( '_transient_shelf_' ) . '%', $wpdb->esc_like( '_transient_timeout_shelf_' ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- uninstall.
	wp_clear_scheduled_hook( 'shelf_refresh' );
	wp_clear_scheduled_hook( 'shelf_refresh_soon' );
	wp_clear_scheduled_hook( 'shelf_scan_content' );
	wp_clear_scheduled_hook( 'shelf_expire' );
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $shelf_site_id ) {
		switch_to_blog( $shelf_site_id );
		shelf_uninstall_site();
		restore_current_blog();
	}
} else {
	shelf_uninstall_site();
}
