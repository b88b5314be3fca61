<?php
/**
 * Which products and lists the store knows.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Makes products and lists known: each known row is fetched by the refresh job and kept fresh.
 * Registering never calls Amazon; it asks for a refresh run in a cron request. The store holds
 * at most the site's limits ({@see Store_Caps}): rows new beyond them are left out and the limit
 * is reported. Rows no placement uses any more go again ({@see Store_Expiry}).
 *
 * @since 0.1.0
 */
final class Store_Registry {

	/**
	 * Marks ASINs as known and schedules a fetch soon, in a cron request (never inside this one).
	 * A row kept for localised visitors becomes the store's own.
	 *
	 * @param string       $market Marketplace host.
	 * @param list<string> $asins  ASINs.
	 */
	public static function remember( string $market, array $asins ): void {
		$asins = Store::clean_asins( $asins );
		if ( ! Marketplaces::exists( $market ) || array() === $asins ) {
			return;
		}
		global $wpdb;
		$table = Store_Schema::products_table();
		$in    = implode( ',', array_fill( 0, count( $asins ), '%s' ) );
		$known = $wpdb->get_col( $wpdb->prepare( "SELECT asin FROM {$table} WHERE marketplace = %s AND asin IN ({$in})", $market, ...$asins ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and placeholders.
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET localised = 0 WHERE marketplace = %s AND localised = 1 AND asin IN ({$in})", $market, ...$asins ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and placeholders.
		$new   = array_values( array_diff( $asins, is_array( $known ) ? $known : array() ) );
		if ( array() === $new ) {
			return;
		}
		$room = Store_Caps::site_products() - (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table} WHERE localised = 0" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
		if ( count( $new ) > $room ) {
			Store_Caps::site_over( 'products', true );
			$new = array_slice( $new, 0, max( 0, $room ) );
			if ( array() === $new ) {
				return;
			}
		}
		$now    = Clock::time();
		$values = array();
		$args   = array();
		foreach ( $new as $asin ) {
			$values[] = '( %s, %s, %d, 0 )';
			array_push( $args, $market, $asin, $now );
		}
		$sql   = "INSERT IGNORE INTO {$table} ( marketplace, asin, known_at, next_at ) VALUES " . implode( ', ', $values );
		$added = $wpdb->query( $wpdb->prepare( $sql, ...$args ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- built from placeholders only.
		Store::forget( $market, $new );
		if ( is_int( $added ) && $added > 0 ) {
			Refresh::schedule_soon();
		}
	}

	/**
	 * Marks a bestseller or new-release list as known and schedules its first fetch.
	 *
	 * @param string $market Marketplace host.
	 * @param string $kind   `bestseller` or `new`.
	 * @param string $query  Keywords or a browse node id.
	 * @param int    $items  How many items the placement shows (1–25).
	 */
	public static function remember_search( string $market, string $kind, string $query, int $items = 10 ): void {
		$query = Store::clean_query( $query );
		if ( ! Marketplaces::exists( $market ) || ! in_array( $kind, Store::KINDS, true ) || '' === $query ) {
			return;
		}
		global $wpdb;
		$table = Store_Schema::searches_table();
		$items = max( 1, min( 25, $items ) );
		$known = (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE marketplace = %s AND kind = %s AND query_hash = %s", $market, $kind, md5( $query ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
		if ( 0 === $known && (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ) >= Store_Caps::site_lists() ) { // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
			Store_Caps::site_over( 'lists', true );
			return;
		}
		$added = $wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			$wpdb->prepare( "INSERT INTO {$table} ( marketplace, kind, query_hash, query, items, next_at ) VALUES ( %s, %s, %s, %s, %d, 0 ) ON DUPLICATE KEY UPDATE items = GREATEST( items, VALUES( items ) )", $market, $kind, md5( $query ), $query, $items ) // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
		);
		if ( 1 === $added ) {
			Refresh::schedule_soon();
		}
	}
}
