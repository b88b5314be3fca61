<?php
/**
 * Network deactivation on multisite.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * WordPress runs deactivation hooks once, on the site where the network admin clicked. Shelf's
 * cron events live on every site (each schedules its own on `init`), so without this every other
 * site kept firing hooks nothing listens to, rescheduled forever. Data stays until uninstall.
 *
 * @since 0.1.0
 */
final class Network_Deactivation {

	/**
	 * Hooks deactivation.
	 */
	public function register(): void {
		register_deactivation_hook( SHELF_FILE, array( self::class, 'deactivate' ) );
	}

	/**
	 * On a network-wide deactivation, unschedules Shelf's events on every other site (the
	 * current site's are unscheduled by {@see Refresh} and {@see Store_Expiry} themselves).
	 *
	 * @param bool $network_wide Whether the plugin was deactivated for the whole network.
	 */
	public static function deactivate( $network_wide = false ): void {
		if ( ! is_multisite() || ! $network_wide ) {
			return;
		}
		$current = get_current_blog_id();
		foreach ( get_sites( array( 'fields' => 'ids', 'number' => 0 ) ) as $site ) {
			if ( (int) $site === $current ) {
				continue;
			}
			switch_to_blog( (int) $site );
			Refresh::deactivate();
			Store_Expiry::unschedule();
			restore_current_blog();
		}
	}
}
