<?php
/**
 * The product store: what placements read.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Reads of Shelf's canonical copy of Amazon data (see {@see Store_Schema} for the tables): rows
 * keyed by (marketplace, ASIN) with the raw Creators API item, when it was fetched, the last error
 * and a status; and stored search results for bestseller and new-release lists.
 *
 * Reads never call Amazon. Writes come from the refresh job ({@see Store_Queue}); products and
 * lists become known through {@see Store_Registry} when content places them ({@see Post_Sync}). An item older than the data lifetime (≤ 24 h,
 * Amazon's caching limit) is never handed out for display.
 *
 * Status values: `pending` (never fetched), `ok`, `unavailable` (Amazon reported the item as not
 * accessible or not found), `error` (the last attempt failed before any data arrived); read
 * results may also say `expired` (data past its lifetime) or `unknown` (not a known product).
 *
 * @since 0.1.0
 */
final class Store {

	public const KINDS = array( 'bestseller', 'new' );

	/**
	 * Items read during this request, keyed by "market|ASIN", so repeated placements cost nothing.
	 *
	 * @var array<string, array{item: ?array, fetched_at: int, error: ?array, status: string}>
	 */
	private static array $memo = array();

	/**
	 * Stored lists read during this request, keyed by "market|kind|query hash" (null: none
	 * stored); null until the first list asks, which loads every list the page places.
	 *
	 * @var array<string, ?array{asins: string, fetched_at: string}>|null
	 */
	private static ?array $searches = null;

	/**
	 * Normalises a list of ASINs: trimmed, upper-cased, valid, unique, in order.
	 *
	 * @param array<int|string, mixed> $asins Raw values.
	 * @return list<string>
	 */
	public static function clean_asins( array $asins ): array {
		$clean = array();
		foreach ( $asins as $asin ) {
			$asin = is_string( $asin ) ? Shortcode::asin( $asin ) : null;
			if ( null !== $asin ) {
				$clean[ $asin ] = true;
			}
		}
		return array_keys( $clean );
	}

	/**
	 * Records for display, all from one SQL query. Every valid requested ASIN gets an entry;
	 * `item` is null unless the data is within its lifetime.
	 *
	 * @param string       $market Marketplace host.
	 * @param list<string> $asins  ASINs.
	 * @return array<string, array{item: ?array, fetched_at: int, error: ?array, status: string}>
	 */
	public static function get_many( string $market, array $asins ): array {
		$asins = self::clean_asins( $asins );
		if ( ! Marketplaces::exists( $market ) || array() === $asins ) {
			return array();
		}
		$missing = array_values( array_filter( $asins, static fn( string $a ): bool => ! isset( self::$memo[ $market . '|' . $a ] ) ) );
		if ( array() !== $missing ) {
			global $wpdb;
			$table = Store_Schema::products_table();
			$in    = implode( ',', array_fill( 0, count( $missing ), '%s' ) );
			$rows  = $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
				$wpdb->prepare( "SELECT asin, item, fetched_at, error, status FROM {$table} WHERE marketplace = %s AND asin IN ({$in})", $market, ...$missing ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and a list of placeholders.
				ARRAY_A
			);
			$found = array();
			foreach ( is_array( $rows ) ? $rows : array() as $row ) {
				$found[ (string) $row['asin'] ] = $row;
			}
			$oldest = Clock::time() - Settings::lifetime();
			foreach ( $missing as $asin ) {
				self::$memo[ $market . '|' . $asin ] = isset( $found[ $asin ] ) ? self::record( $found[ $asin ], $oldest ) : array(
					'item'       => null,
					'fetched_at' => 0,
					'error'      => null,
					'status'     => 'unknown',
				);
			}
		}
		$out = array();
		foreach ( $asins as $asin ) {
			$out[ $asin ] = self::$memo[ $market . '|' . $asin ];
		}
		return $out;
	}

	/**
	 * Records for anonymous visitors: only ASINs that published content shows (see
	 * {@see Store_Usage::published()}) and the store knows. Drafts, private posts and ASINs
	 * nothing places answer nothing, so the public route reveals no unpublished plans. A store
	 * visitors are localised to answers for what any store's placements show.
	 *
	 * @param string       $market Marketplace host.
	 * @param list<string> $asins  ASINs.
	 * @return array<string, array{item: ?array, fetched_at: int, error: ?array, status: string}>
	 */
	public static function get_public( string $market, array $asins ): array {
		$asins = self::clean_asins( $asins );
		if ( ! Marketplaces::exists( $market ) ) {
			return array();
		}
		return array_filter( self::get_many( $market, Store_Usage::published( $market, $asins, Store_Localised::is_extra( $market ) ) ), static fn( array $r ): bool => 'unknown' !== $r['status'] );
	}

	/**
	 * Turns a table row into a display record.
	 *
	 * @param array<string, mixed> $row    Row.
	 * @param int                  $oldest Oldest fetch time still displayable.
	 * @return array{item: ?array, fetched_at: int, error: ?array, status: string}
	 */
	private static function record( array $row, int $oldest ): array {
		$fetched = (int) $row['fetched_at'];
		$status  = (string) $row['status'];
		$item    = null;
		if ( null !== $row['item'] && $fetched > 0 ) {
			if ( $fetched >= $oldest ) {
				$decoded = json_decode( (string) $row['item'], true );
				$item    = is_array( $decoded ) ? $decoded : null;
			} elseif ( 'ok' === $status ) {
				$status = 'expired';
			}
		}
		$error = null === $row['error'] ? null : json_decode( (string) $row['error'], true );
		return array(
			'item'       => $item,
			'fetched_at' => $fetched,
			'error'      => is_array( $error ) ? $error : null,
			'status'     => $status,
		);
	}

	/**
	 * A stored search result (bestseller or new-release list), or null when none is usable yet.
	 *
	 * @param string $market Marketplace host.
	 * @param string $kind   `bestseller` or `new`.
	 * @param string $query  Keywords or a browse node id.
	 * @return array{asins: list<string>, fetched_at: int}|null
	 */
	public static function get_search( string $market, string $kind, string $query ): ?array {
		$query = self::clean_query( $query );
		if ( ! Marketplaces::exists( $market ) || ! in_array( $kind, self::KINDS, true ) || '' === $query ) {
			return null;
		}
		$key = $market . '|' . $kind . '|' . md5( $query );
		if ( null === self::$searches ) {
			self::$searches = self::page_searches();
		}
		if ( ! array_key_exists( $key, self::$searches ) ) {
			global $wpdb;
			$table                  = Store_Schema::searches_table();
			self::$searches[ $key ] = $wpdb->get_row( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
				$wpdb->prepare( "SELECT asins, fetched_at FROM {$table} WHERE marketplace = %s AND kind = %s AND query_hash = %s", $market, $kind, md5( $query ) ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
				ARRAY_A
			);
		}
		$row = self::$searches[ $key ];
		if ( ! is_array( $row ) || (int) $row['fetched_at'] < Clock::time() - Settings::lifetime() ) {
			return null;
		}
		$asins = json_decode( (string) $row['asins'], true );
		return array(
			'asins'      => self::clean_asins( is_array( $asins ) ? $asins : array() ),
			'fetched_at' => (int) $row['fetched_at'],
		);
	}

	/**
	 * Every list the page places ({@see Page_Usage}) with its stored result or null.
	 *
	 * @return array<string, ?array{asins: string, fetched_at: string}> By "market|kind|query hash".
	 */
	private static function page_searches(): array {
		$out = array();
		foreach ( Page_Usage::rows() as $row ) {
			if ( in_array( $row['kind'], self::KINDS, true ) ) {
				$out[ $row['marketplace'] . '|' . $row['kind'] . '|' . $row['ref'] ] = null === $row['asins'] ? null : array(
					'asins'      => (string) $row['asins'],
					'fetched_at' => (string) $row['fetched_at'],
				);
			}
		}
		return $out;
	}

	/**
	 * Normalises a search query: plain text, single spaces, at most 255 characters.
	 *
	 * @param string $query Raw query.
	 */
	public static function clean_query( string $query ): string {
		$query = trim( (string) preg_replace( '/\s+/u', ' ', wp_strip_all_tags( $query ) ) );
		return mb_substr( $query, 0, 255 );
	}

	/**
	 * Forgets what this request read of some products (after writing them).
	 *
	 * @param string       $market Marketplace host.
	 * @param list<string> $asins  ASINs.
	 */
	public static function forget( string $market, array $asins ): void {
		foreach ( $asins as $asin ) {
			unset( self::$memo[ $market . '|' . $asin ] );
		}
	}

	/**
	 * Forgets what this request read of a stored list (after writing it).
	 *
	 * @param string $market Marketplace host.
	 * @param string $kind   `bestseller` or `new`.
	 * @param string $query  Keywords or a browse node id.
	 */
	public static function forget_search( string $market, string $kind, string $query ): void {
		unset( self::$searches[ $market . '|' . $kind . '|' . md5( self::clean_query( $query ) ) ] );
	}

	/**
	 * Forgets what this request read (tests, and after writes from another worker).
	 */
	public static function flush_memo(): void {
		self::$memo     = array();
		self::$searches = null;
		Page_Usage::flush();
	}
}
