<?php
/**
 * Which post places which product, list or stored table.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Rows of `{prefix}shelf_usage`, one per (post, marketplace, kind, ref):
 * - kind `product`: ref is the ASIN;
 * - kind `bestseller` / `new`: ref is the list's query hash (as in the searches table);
 * - kind `table`: ref is a stored table's ID (marketplace ''); the table's own products are
 *   rows of the table's post.
 *
 * `published` says whether visitors can read the post (published, no password). Usage decides
 * what the public products route may answer and what the daily expiry keeps.
 *
 * @since 0.2.0
 */
final class Store_Usage {

	public const PRODUCT = 'product';
	public const TABLE   = 'table';

	/**
	 * Makes a post's usage exactly `$uses`, touching only the rows that change.
	 *
	 * @param int                                  $post_id   Post ID.
	 * @param list<array{0: string, 1: string, 2: string}> $uses Marketplace, kind and ref of each use.
	 * @param bool                                 $published Whether visitors can read the post.
	 */
	public static function replace( int $post_id, array $uses, bool $published ): void {
		global $wpdb;
		$table = Store_Schema::usage_table();
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT marketplace, kind, ref, published FROM {$table} WHERE post_id = %d", $post_id ), ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		$old   = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$old[ $row['marketplace'] . '|' . $row['kind'] . '|' . $row['ref'] ] = (int) $row['published'];
		}
		$new = array();
		foreach ( $uses as $use ) {
			$new[ implode( '|', $use ) ] = $use;
		}
		foreach ( array_chunk( array_values( array_diff_key( $new, $old ) ), 200 ) as $chunk ) {
			$args = array();
			foreach ( $chunk as $use ) {
				array_push( $args, $post_id, $use[0], $use[1], $use[2], (int) $published );
			}
			$values = implode( ', ', array_fill( 0, count( $chunk ), '( %d, %s, %s, %s, %d )' ) );
			$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$table} ( post_id, marketplace, kind, ref, published ) VALUES {$values}", ...$args ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and placeholders.
		}
		foreach ( array_chunk( array_keys( array_diff_key( $old, $new ) ), 100 ) as $chunk ) {
			$args = array( $post_id );
			foreach ( $chunk as $key ) {
				array_push( $args, ...explode( '|', $key, 3 ) );
			}
			$match = implode( ' OR ', array_fill( 0, count( $chunk ), '( marketplace = %s AND kind = %s AND ref = %s )' ) );
			$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE post_id = %d AND ( {$match} )", ...$args ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and placeholders.
		}
		if ( array() !== array_diff( array_intersect_key( $old, $new ), array( (int) $published ) ) ) {
			$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET published = %d WHERE post_id = %d", (int) $published, $post_id ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		}
	}

	/**
	 * Forgets everything a post placed (deleted, trashed, or no longer allowed to register).
	 *
	 * @param int $post_id Post ID.
	 */
	public static function drop( int $post_id ): void {
		global $wpdb;
		$table = Store_Schema::usage_table();
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE post_id = %d", $post_id ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
	}

	/**
	 * The ASINs among `$asins` that published content shows: placed by a published post, in a
	 * stored table a published post places, or in the stored result of a list a published post
	 * places.
	 *
	 * @param string       $market Marketplace host.
	 * @param list<string> $asins  Valid ASINs.
	 * @param bool         $any    Shown in any store's placements (for a store visitors are
	 *                             localised to), not only `$market`'s.
	 * @return list<string>
	 */
	public static function published( string $market, array $asins, bool $any = false ): array {
		if ( array() === $asins ) {
			return array();
		}
		global $wpdb;
		$table  = Store_Schema::usage_table();
		$tables = array_map( 'intval', (array) $wpdb->get_col( $wpdb->prepare( "SELECT DISTINCT ref FROM {$table} WHERE kind = %s AND published = 1", self::TABLE ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		$in     = implode( ',', array_fill( 0, count( $asins ), '%s' ) );
		$via    = array() === $tables ? '' : ' OR post_id IN (' . implode( ',', array_fill( 0, count( $tables ), '%d' ) ) . ')';
		$store  = $any ? '' : 'marketplace = %s AND ';
		$stores = $any ? array() : array( $market );
		$found  = (array) $wpdb->get_col( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			$wpdb->prepare( "SELECT DISTINCT ref FROM {$table} WHERE {$store}kind = %s AND ref IN ({$in}) AND ( published = 1{$via} )", ...array_merge( $stores, array( self::PRODUCT ), $asins, $tables ) ) // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and placeholders.
		);
		$rest = array_values( array_diff( $asins, $found ) );
		if ( array() !== $rest ) {
			$searches = Store_Schema::searches_table();
			$like     = implode( ' OR ', array_fill( 0, count( $rest ), 's.asins LIKE %s' ) );
			$patterns = array_map( static fn( string $a ): string => '%' . $wpdb->esc_like( '"' . $a . '"' ) . '%', $rest );
			$lists    = (array) $wpdb->get_col( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own tables.
				$wpdb->prepare( "SELECT s.asins FROM {$searches} s WHERE {$store}( {$like} ) AND EXISTS ( SELECT 1 FROM {$table} u WHERE u.marketplace = s.marketplace AND u.kind = s.kind AND u.ref = s.query_hash AND u.published = 1 )", ...array_merge( $stores, $patterns ) ) // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names and placeholders.
			);
			foreach ( $lists as $json ) {
				$listed = json_decode( (string) $json, true );
				$found  = array_merge( $found, array_intersect( $rest, is_array( $listed ) ? $listed : array() ) );
			}
		}
		return array_values( array_intersect( $asins, array_map( 'strval', $found ) ) );
	}
}
