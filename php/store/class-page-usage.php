<?php
/**
 * What the posts of the page being rendered place, read once.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * The usage rows ({@see Store_Usage}) of the main query's posts and of the stored tables they
 * place, each list row with its stored result, from one query the first time a placement asks.
 * Placements then read lists, manual products and stored tables for the whole page at once
 * instead of one by one, so a page's queries do not grow with its placements. Placements the
 * usage table does not know (a widget, a preview, a post saved before Shelf) are read one by
 * one as before.
 *
 * @since 0.4.0
 */
final class Page_Usage {

	/**
	 * Rows read this request; null until asked.
	 *
	 * @var list<array{marketplace: string, kind: string, ref: string, asins: ?string, fetched_at: ?string}>|null
	 */
	private static ?array $rows = null;

	/**
	 * The page's usage rows; `asins` and `fetched_at` are the stored result of a list (null for
	 * other kinds and for lists not fetched yet).
	 *
	 * @return list<array{marketplace: string, kind: string, ref: string, asins: ?string, fetched_at: ?string}>
	 */
	public static function rows(): array {
		if ( null !== self::$rows ) {
			return self::$rows;
		}
		global $wp_query, $wpdb;
		$posts = $wp_query instanceof \WP_Query && is_array( $wp_query->posts ) ? $wp_query->posts : array();
		$ids   = array_values( array_filter( array_map( static fn( $post ): int => $post instanceof \WP_Post ? $post->ID : 0, $posts ) ) );
		if ( array() === $ids ) {
			self::$rows = array();
			return self::$rows;
		}
		$usage      = Store_Schema::usage_table();
		$searches   = Store_Schema::searches_table();
		$in         = implode( ',', array_fill( 0, count( $ids ), '%d' ) );
		self::$rows = (array) $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own tables.
			$wpdb->prepare( "SELECT DISTINCT u.marketplace, u.kind, u.ref, s.asins, s.fetched_at FROM {$usage} u LEFT JOIN {$searches} s ON s.marketplace = u.marketplace AND s.kind = u.kind AND s.query_hash = u.ref WHERE u.post_id IN ({$in}) OR u.post_id IN ( SELECT t.ref FROM {$usage} t WHERE t.kind = %s AND t.post_id IN ({$in}) )", ...array_merge( $ids, array( Store_Usage::TABLE ), $ids ) ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names and placeholders.
			ARRAY_A
		);
		return self::$rows;
	}

	/**
	 * The refs of one kind the page places: ASINs (`product`) or stored table IDs (`table`).
	 *
	 * @param string $kind Usage kind.
	 * @return list<string>
	 */
	public static function refs( string $kind ): array {
		return array_values( array_unique( array_map( static fn( array $row ): string => (string) $row['ref'], array_filter( self::rows(), static fn( array $row ): bool => $kind === $row['kind'] ) ) ) );
	}

	/**
	 * Forgets what this request read (tests, and after writes).
	 */
	public static function flush(): void {
		self::$rows = null;
	}
}
