<?php
/**
 * The other stores' copies of the products published content places.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * With link localisation on, a visitor may be sent to another of the site's stores, and the
 * loader then renders every placement from that store's records. So for each store with a
 * tracking ID besides the default (an "extra store"), the refresh also keeps records of the
 * ASINs published content shows, most used first. Those rows are marked `localised`: they are
 * claimed only with what a refresh run has left after every store's own work, the site limit
 * on products does not count them (they never crowd out a product a post places), and the
 * daily expiry keeps them while their ASIN stays among the most used.
 *
 * @since 0.3.0
 */
final class Store_Localised {

	/**
	 * Stores whose records are kept for localised visitors: none unless localisation is on.
	 *
	 * @return list<string> Marketplace hosts.
	 */
	public static function markets(): array {
		$settings = Settings::get();
		if ( ! $settings['localise'] ) {
			return array();
		}
		$tags = array_filter( (array) $settings['tracking_ids'], static fn( $tag ): bool => '' !== (string) $tag );
		return array_values( array_filter( array_map( 'strval', array_keys( $tags ) ), static fn( string $m ): bool => $m !== $settings['default_marketplace'] && Marketplaces::exists( $m ) ) );
	}

	/**
	 * Whether a store is an extra store (see {@see markets()}).
	 *
	 * @param string $market Marketplace host.
	 */
	public static function is_extra( string $market ): bool {
		return in_array( $market, self::markets(), true );
	}

	/**
	 * The ASINs published content shows, most used first: by the number of published posts that
	 * place each one, directly, in a stored table or in a list (a post counts once per way), then
	 * by ASIN. At most the site's product limit.
	 *
	 * @return array<string, int> ASIN => uses, in order.
	 */
	public static function ranked(): array {
		global $wpdb;
		$usage = Store_Schema::usage_table();
		$rows  = (array) $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			$wpdb->prepare( "SELECT asin, COUNT( DISTINCT post_id ) AS uses FROM ( SELECT post_id, ref AS asin FROM {$usage} WHERE kind = %s AND published = 1 UNION SELECT p.post_id, t.ref FROM {$usage} p JOIN {$usage} t ON t.post_id = p.ref AND t.kind = %s WHERE p.kind = %s AND p.published = 1 ) AS used GROUP BY asin", Store_Usage::PRODUCT, Store_Usage::PRODUCT, Store_Usage::TABLE ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name.
			ARRAY_A
		);
		$uses = array();
		foreach ( $rows as $row ) {
			$uses[ (string) $row['asin'] ] = (int) $row['uses'];
		}
		$searches = Store_Schema::searches_table();
		$lists    = (array) $wpdb->get_results( "SELECT s.asins, COUNT( DISTINCT u.post_id ) AS uses FROM {$searches} s JOIN {$usage} u ON u.marketplace = s.marketplace AND u.kind = s.kind AND u.ref = s.query_hash AND u.published = 1 GROUP BY s.marketplace, s.kind, s.query_hash", ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names, no input.
		foreach ( $lists as $list ) {
			$asins = json_decode( (string) $list['asins'], true );
			foreach ( Store::clean_asins( is_array( $asins ) ? $asins : array() ) as $asin ) {
				$uses[ $asin ] = ( $uses[ $asin ] ?? 0 ) + (int) $list['uses'];
			}
		}
		uksort( $uses, static fn( $a, $b ): int => $uses[ $b ] <=> $uses[ $a ] ?: strcmp( (string) $a, (string) $b ) );
		return array_slice( $uses, 0, Store_Caps::site_products(), true );
	}

	/**
	 * Claims up to `$limit` of the most used ASINs whose record in `$market` is missing or due,
	 * atomically (as {@see Store_Queue::claim_due()}); missing rows are created as localised
	 * first. Rows the store keeps for its own placements are left to the own work.
	 *
	 * @param string             $market Marketplace host (an extra store).
	 * @param array<string, int> $ranked What {@see ranked()} returned.
	 * @param int                $limit  Batch size.
	 * @param int                $ttl    Seconds the claim lasts.
	 * @return list<string> Claimed ASINs.
	 */
	public static function claim_due( string $market, array $ranked, int $limit, int $ttl ): array {
		global $wpdb;
		$table = Store_Schema::products_table();
		$now   = Clock::time();
		// Rows that are not this work's now: own rows, fresh ones, and those another run holds.
		$busy  = (array) $wpdb->get_col( $wpdb->prepare( "SELECT asin FROM {$table} WHERE marketplace = %s AND ( localised = 0 OR next_at > %d OR claimed_until >= %d )", $market, $now, $now ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		$skip  = array_fill_keys( array_map( 'strval', $busy ), true );
		$due   = array();
		foreach ( array_keys( $ranked ) as $asin ) {
			if ( ! isset( $skip[ (string) $asin ] ) && count( $due ) < $limit ) {
				$due[] = (string) $asin;
			}
		}
		if ( array() === $due ) {
			return array();
		}
		$values = implode( ', ', array_fill( 0, count( $due ), '( %s, %s, %d, 0, 1 )' ) );
		$args   = array();
		foreach ( $due as $asin ) {
			array_push( $args, $market, $asin, $now );
		}
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$table} ( marketplace, asin, known_at, next_at, localised ) VALUES {$values}", ...$args ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and placeholders.
		$claim = wp_generate_password( 24, false );
		$in    = implode( ',', array_fill( 0, count( $due ), '%s' ) );
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET claim = %s, claimed_until = %d WHERE marketplace = %s AND localised = 1 AND next_at <= %d AND claimed_until < %d AND asin IN ({$in})", $claim, $now + $ttl, $market, $now, $now, ...$due ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and placeholders.
		$asins = $wpdb->get_col( $wpdb->prepare( "SELECT asin FROM {$table} WHERE marketplace = %s AND claim = %s ORDER BY asin", $market, $claim ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		Store::forget( $market, $due );
		return array_map( 'strval', is_array( $asins ) ? $asins : array() );
	}

	/**
	 * Products with data kept per extra store, for the status panel.
	 *
	 * @return array<string, int> Marketplace host => products.
	 */
	public static function kept(): array {
		$markets = self::markets();
		if ( array() === $markets ) {
			return array();
		}
		global $wpdb;
		$table = Store_Schema::products_table();
		$rows  = (array) $wpdb->get_results( "SELECT marketplace, COUNT(*) AS n FROM {$table} WHERE localised = 1 AND status = 'ok' GROUP BY marketplace", ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
		$kept  = array_fill_keys( $markets, 0 );
		foreach ( $rows as $row ) {
			if ( isset( $kept[ $row['marketplace'] ] ) ) {
				$kept[ $row['marketplace'] ] = (int) $row['n'];
			}
		}
		return $kept;
	}
}
