<?php
/**
 * The refresh job's work queue in the store.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Due rows, claimed atomically so parallel refresh runs never fetch the same product or list
 * twice; the results of a fetch (items, errors, list results), which also release the claim;
 * and "Refresh now", which makes everything due.
 *
 * @since 0.1.0
 */
final class Store_Queue {

	/**
	 * Claims up to `$limit` due products of one marketplace for this worker, atomically, so
	 * parallel refresh runs never fetch the same ASIN twice. Rows kept only for localised
	 * visitors are not this work ({@see Store_Localised::claim_due()}).
	 *
	 * @param string $market Marketplace host.
	 * @param int    $limit  Batch size.
	 * @param int    $ttl    Seconds the claim lasts.
	 * @return list<string> Claimed ASINs.
	 */
	public static function claim_due( string $market, int $limit, int $ttl ): array {
		global $wpdb;
		$table = Store_Schema::products_table();
		$now   = Clock::time();
		$claim = wp_generate_password( 24, false );
		$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			$wpdb->prepare( "UPDATE {$table} SET claim = %s, claimed_until = %d WHERE marketplace = %s AND localised = 0 AND next_at <= %d AND claimed_until < %d ORDER BY next_at, asin LIMIT %d", $claim, $now + $ttl, $market, $now, $now, $limit ) // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
		);
		$asins = $wpdb->get_col( $wpdb->prepare( "SELECT asin FROM {$table} WHERE marketplace = %s AND claim = %s ORDER BY asin", $market, $claim ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		return array_map( 'strval', is_array( $asins ) ? $asins : array() );
	}

	/**
	 * Marketplaces with products (of their own placements) or lists due for a refresh, most
	 * overdue first.
	 *
	 * @return list<string>
	 */
	public static function due_markets(): array {
		global $wpdb;
		$now      = Clock::time();
		$products = Store_Schema::products_table();
		$searches = Store_Schema::searches_table();
		$markets  = $wpdb->get_col( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own tables.
			$wpdb->prepare( "SELECT marketplace FROM ( SELECT marketplace, MIN( next_at ) AS due FROM {$products} WHERE localised = 0 AND next_at <= %d AND claimed_until < %d GROUP BY marketplace UNION ALL SELECT marketplace, MIN( next_at ) FROM {$searches} WHERE next_at <= %d AND claimed_until < %d GROUP BY marketplace ) AS d GROUP BY marketplace ORDER BY MIN( due )", $now, $now, $now, $now ) // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names from prefix + constants.
		);
		return array_values( array_filter( array_map( 'strval', is_array( $markets ) ? $markets : array() ), array( Marketplaces::class, 'exists' ) ) );
	}

	/**
	 * Claims one due list of a marketplace.
	 *
	 * @param string $market Marketplace host.
	 * @param int    $ttl    Seconds the claim lasts.
	 * @return array{kind: string, query: string, items: int}|null
	 */
	public static function claim_due_search( string $market, int $ttl ): ?array {
		global $wpdb;
		$table = Store_Schema::searches_table();
		$now   = Clock::time();
		$claim = wp_generate_password( 24, false );
		$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			$wpdb->prepare( "UPDATE {$table} SET claim = %s, claimed_until = %d WHERE marketplace = %s AND next_at <= %d AND claimed_until < %d ORDER BY next_at LIMIT 1", $claim, $now + $ttl, $market, $now, $now ) // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
		);
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT kind, query, items FROM {$table} WHERE marketplace = %s AND claim = %s", $market, $claim ), ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		if ( ! is_array( $row ) ) {
			return null;
		}
		return array(
			'kind'  => (string) $row['kind'],
			'query' => (string) $row['query'],
			'items' => (int) $row['items'],
		);
	}

	/**
	 * Stores a successful fetch of items.
	 *
	 * @param string                              $market Marketplace host.
	 * @param array<string, array<string, mixed>> $items  Raw items keyed by ASIN.
	 * @param int                                 $next   When to refresh them.
	 */
	public static function save_items( string $market, array $items, int $next ): void {
		global $wpdb;
		$table = Store_Schema::products_table();
		$now   = Clock::time();
		foreach ( $items as $asin => $item ) {
			$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
				$wpdb->prepare(
					"INSERT INTO {$table} ( marketplace, asin, item, fetched_at, checked_at, error, status, known_at, next_at, claim, claimed_until ) VALUES ( %s, %s, %s, %d, %d, NULL, 'ok', %d, %d, '', 0 ) ON DUPLICATE KEY UPDATE item = VALUES( item ), fetched_at = VALUES( fetched_at ), checked_at = VALUES( checked_at ), error = NULL, status = 'ok', next_at = VALUES( next_at ), claim = '', claimed_until = 0", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
					$market,
					(string) $asin,
					(string) wp_json_encode( $item ),
					$now,
					$now,
					$now,
					$next
				)
			);
			Store::forget( $market, array( (string) $asin ) );
		}
	}

	/**
	 * Stores a failed fetch: the error, and when to try again. The last good item stays.
	 *
	 * @param string                                      $market Marketplace host.
	 * @param array<string, array{code: string, message: string}> $errors Error per ASIN.
	 * @param int                                         $next   When to try again.
	 * @param bool                                        $unavailable Whether Amazon said the items are unavailable (vs a failed call).
	 */
	public static function save_errors( string $market, array $errors, int $next, bool $unavailable ): void {
		global $wpdb;
		$table = Store_Schema::products_table();
		$now   = Clock::time();
		foreach ( $errors as $asin => $error ) {
			$status = $unavailable ? "'unavailable'" : "IF( status = 'pending', 'error', status )";
			$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
				$wpdb->prepare(
					"UPDATE {$table} SET checked_at = %d, error = %s, status = {$status}, next_at = %d, claim = '', claimed_until = 0 WHERE marketplace = %s AND asin = %s", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and a fixed SQL fragment.
					$now,
					(string) wp_json_encode(
						array(
							'code'    => (string) $error['code'],
							'message' => (string) $error['message'],
						)
					),
					$next,
					$market,
					(string) $asin
				)
			);
			Store::forget( $market, array( (string) $asin ) );
		}
	}

	/**
	 * Stores a list's result (or its error when `$asins` is null).
	 *
	 * @param string                                    $market Marketplace host.
	 * @param string                                    $kind   Kind.
	 * @param string                                    $query  Query.
	 * @param list<string>|null                         $asins  Ordered ASINs, or null on failure.
	 * @param array{code: string, message: string}|null $error  Error on failure.
	 * @param int                                       $next   When to refresh.
	 */
	public static function save_search( string $market, string $kind, string $query, ?array $asins, ?array $error, int $next ): void {
		global $wpdb;
		$table = Store_Schema::searches_table();
		$now   = Clock::time();
		Store::forget_search( $market, $kind, $query );
		if ( null !== $asins ) {
			$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET asins = %s, fetched_at = %d, checked_at = %d, error = NULL, status = 'ok', next_at = %d, claim = '', claimed_until = 0 WHERE marketplace = %s AND kind = %s AND query_hash = %s", (string) wp_json_encode( array_values( $asins ) ), $now, $now, $next, $market, $kind, md5( $query ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
			return;
		}
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET checked_at = %d, error = %s, status = IF( status = 'pending', 'error', status ), next_at = %d, claim = '', claimed_until = 0 WHERE marketplace = %s AND kind = %s AND query_hash = %s", $now, (string) wp_json_encode( $error ), $next, $market, $kind, md5( $query ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
	}

	/**
	 * Releases claims without changing anything else (a run that stopped early).
	 *
	 * @param string       $market Marketplace host.
	 * @param list<string> $asins  ASINs.
	 */
	public static function release( string $market, array $asins ): void {
		global $wpdb;
		if ( array() === $asins ) {
			return;
		}
		$table = Store_Schema::products_table();
		$in    = implode( ',', array_fill( 0, count( $asins ), '%s' ) );
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET claim = '', claimed_until = 0 WHERE marketplace = %s AND asin IN ({$in})", $market, ...$asins ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and placeholders.
	}

	/**
	 * Releases a list's claim (a run that stopped early).
	 *
	 * @param string $market Marketplace host.
	 * @param string $kind   Kind.
	 * @param string $query  Query.
	 */
	public static function release_search( string $market, string $kind, string $query ): void {
		global $wpdb;
		$table = Store_Schema::searches_table();
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET claim = '', claimed_until = 0 WHERE marketplace = %s AND kind = %s AND query_hash = %s", $market, $kind, md5( $query ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
	}

	/**
	 * Makes known products and lists due now (the "Refresh now" button).
	 *
	 * @param string|null $market One marketplace, or all.
	 * @return int Rows made due.
	 */
	public static function make_due( ?string $market = null ): int {
		global $wpdb;
		$now = Clock::time();
		$n   = 0;
		foreach ( array( Store_Schema::products_table(), Store_Schema::searches_table() ) as $table ) {
			$n += (int) ( null === $market
				? $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET next_at = %d WHERE next_at > %d", $now, $now ) ) // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
				: $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET next_at = %d WHERE next_at > %d AND marketplace = %s", $now, $now, $market ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		}
		Store::flush_memo();
		return $n;
	}

	/**
	 * Makes one product due now (the Products screen's "Refresh now").
	 *
	 * @param string $market Marketplace host.
	 * @param string $asin   ASIN.
	 * @return bool Whether the store knows the product.
	 */
	public static function make_product_due( string $market, string $asin ): bool {
		global $wpdb;
		$table = Store_Schema::products_table();
		$found = (int) $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET next_at = 0 WHERE marketplace = %s AND asin = %s", $market, $asin ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		Store::forget( $market, array( $asin ) );
		return $found > 0 || null !== $wpdb->get_var( $wpdb->prepare( "SELECT asin FROM {$table} WHERE marketplace = %s AND asin = %s", $market, $asin ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
	}

	/**
	 * Removes one product's stored data (the Products screen's "Remove"). Content that still
	 * places it makes it known again when saved or scanned.
	 *
	 * @param string $market Marketplace host.
	 * @param string $asin   ASIN.
	 * @return bool Whether a row was removed.
	 */
	public static function remove( string $market, string $asin ): bool {
		global $wpdb;
		$table   = Store_Schema::products_table();
		$removed = (int) $wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE marketplace = %s AND asin = %s", $market, $asin ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		Store::forget( $market, array( $asin ) );
		return $removed > 0;
	}
}
