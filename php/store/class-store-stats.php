<?php
/**
 * The store's counts for the status panel.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * How many products the store holds by status, how many are due, how many lists, the oldest
 * fetch, and how many products with data it keeps for visitors sent to each other store.
 *
 * @since 0.1.0
 */
final class Store_Stats {

	/**
	 * Counts for the status panel.
	 *
	 * @return array{products: int, by_status: array<string, int>, due: int, lists: int, oldest_fetch: int, localised: array<string, int>}
	 */
	public static function get(): array {
		global $wpdb;
		$table = Store_Schema::products_table();
		$rows  = $wpdb->get_results( "SELECT status, COUNT(*) AS n FROM {$table} GROUP BY status", ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
		$by    = array();
		$total = 0;
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$by[ (string) $row['status'] ] = (int) $row['n'];
			$total                        += (int) $row['n'];
		}
		$searches = Store_Schema::searches_table();
		return array(
			'products'     => $total,
			'by_status'    => $by,
			'due'          => (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE next_at <= %d", Clock::time() ) ), // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
			'lists'        => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$searches}" ), // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
			'oldest_fetch' => (int) $wpdb->get_var( "SELECT MIN( fetched_at ) FROM {$table} WHERE fetched_at > 0" ), // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
			'localised'    => Store_Localised::kept(),
		);
	}
}
