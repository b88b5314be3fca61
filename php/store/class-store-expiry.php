<?php
/**
 * The daily removal of products and lists no placement uses any more.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Once a day, lists no post places are removed, then products that no post or stored table
 * places and no remaining list shows, and the other stores' copies ({@see Store_Localised})
 * of products published content no longer shows among the most used, or of stores no longer
 * localised to. Products known for less than a day stay (something may be about to use them). Nothing is removed while the background scan of existing posts is still
 * finding their usage. Products left out at the site's limit are registered once there is room.
 *
 * @since 0.2.0
 */
final class Store_Expiry {

	public const HOOK = 'shelf_expire';

	/** Products known for less time than this are kept. */
	private const GRACE = DAY_IN_SECONDS;

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( self::HOOK, array( self::class, 'run' ) );
		add_action( 'init', array( self::class, 'ensure_scheduled' ) );
		register_activation_hook( SHELF_FILE, array( self::class, 'ensure_scheduled' ) );
		register_deactivation_hook( SHELF_FILE, array( self::class, 'unschedule' ) );
	}

	/**
	 * Hooked to `init` and activation: the daily event exists (cheap: the cron array is loaded).
	 */
	public static function ensure_scheduled(): void {
		if ( false === wp_next_scheduled( self::HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', self::HOOK );
		}
	}

	/**
	 * Deactivation.
	 */
	public static function unschedule(): void {
		wp_clear_scheduled_hook( self::HOOK );
	}

	/**
	 * Cron callback: removes what nothing uses.
	 *
	 * @return array{products: int, lists: int} Rows removed.
	 */
	public static function run(): array {
		$removed = array(
			'products' => 0,
			'lists'    => 0,
		);
		if ( false !== wp_next_scheduled( Refresh::SCAN_HOOK ) ) {
			return $removed;
		}
		global $wpdb;
		$usage    = Store_Schema::usage_table();
		$products = Store_Schema::products_table();
		$searches = Store_Schema::searches_table();
		$removed['lists'] = (int) $wpdb->query( "DELETE s FROM {$searches} s WHERE NOT EXISTS ( SELECT 1 FROM {$usage} u WHERE u.marketplace = s.marketplace AND u.kind = s.kind AND u.ref = s.query_hash )" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own tables, no input.
		$listed = array();
		foreach ( (array) $wpdb->get_results( "SELECT marketplace, asins FROM {$searches}", ARRAY_A ) as $row ) { // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
			$asins = json_decode( (string) $row['asins'], true );
			foreach ( is_array( $asins ) ? $asins : array() as $asin ) {
				$listed[ $row['marketplace'] . '|' . $asin ] = true;
			}
		}
		$unused = (array) $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own tables.
			$wpdb->prepare( "SELECT p.marketplace, p.asin, p.localised FROM {$products} p WHERE p.known_at < %d AND NOT EXISTS ( SELECT 1 FROM {$usage} u WHERE u.marketplace = p.marketplace AND u.kind = %s AND u.ref = p.asin )", Clock::time() - self::GRACE, Store_Usage::PRODUCT ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names.
			ARRAY_A
		);
		$extra  = Store_Localised::markets();
		$ranked = array() === $extra ? array() : Store_Localised::ranked();
		$gone   = array();
		foreach ( $unused as $row ) {
			$kept = '1' === (string) $row['localised'] && in_array( $row['marketplace'], $extra, true ) && isset( $ranked[ $row['asin'] ] );
			if ( ! $kept && ! isset( $listed[ $row['marketplace'] . '|' . $row['asin'] ] ) ) {
				$gone[ $row['marketplace'] ][] = $row['asin'];
			}
		}
		foreach ( $gone as $market => $asins ) {
			foreach ( array_chunk( $asins, 500 ) as $chunk ) {
				$in                   = implode( ',', array_fill( 0, count( $chunk ), '%s' ) );
				$removed['products'] += (int) $wpdb->query( $wpdb->prepare( "DELETE FROM {$products} WHERE marketplace = %s AND asin IN ({$in})", $market, ...$chunk ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and placeholders.
			}
		}
		Store::flush_memo();
		$room = Store_Caps::site_products() - (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$products} WHERE localised = 0" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
		if ( $room > 0 ) {
			// Products that posts place but the site limit left out get their turn now.
			$missing = (array) $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own tables.
				$wpdb->prepare( "SELECT DISTINCT u.marketplace, u.ref FROM {$usage} u WHERE u.kind = %s AND NOT EXISTS ( SELECT 1 FROM {$products} p WHERE p.marketplace = u.marketplace AND p.asin = u.ref ) LIMIT %d", Store_Usage::PRODUCT, $room + 1 ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names.
				ARRAY_A
			);
			$by_market = array();
			foreach ( array_slice( $missing, 0, $room ) as $row ) {
				$by_market[ $row['marketplace'] ][] = $row['ref'];
			}
			foreach ( $by_market as $market => $asins ) {
				Store_Registry::remember( (string) $market, $asins );
			}
			Store_Caps::site_over( 'products', count( $missing ) > $room );
		}
		if ( (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$searches}" ) < Store_Caps::site_lists() ) { // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
			Store_Caps::site_over( 'lists', false );
		}
		return $removed;
	}
}
