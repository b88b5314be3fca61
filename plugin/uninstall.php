<?php
/**
 * Removes everything Shelf stored: options, on every site of a network.
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
	delete_option( 'shelf_settings' );
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
