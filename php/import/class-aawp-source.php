<?php
/**
 * What an AAWP 3.17 site stored, read without changing it.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Reads AAWP's data as ../shared/docs/aawp-format.md describes it: `aawp_table` posts and their
 * four meta arrays, the `aawp_api`, `aawp_general`, `aawp_output`, `aawp_functions` and
 * `aawp_licensing` options, and the ASINs of the `{prefix}aawp_products` cache. AAWP itself
 * need not be active (its data stays after deactivation), so nothing here calls AAWP. Only
 * reads: the importer never writes AAWP's data.
 *
 * @since 0.3.0
 */
final class Aawp_Source {

	public const POST_TYPE = 'aawp_table';

	/** The options the importer reads, by section. */
	public const OPTIONS = array( 'aawp_api', 'aawp_general', 'aawp_output', 'aawp_functions', 'aawp_licensing' );

	/**
	 * Whether the site holds any AAWP data at all.
	 */
	public static function found(): bool {
		foreach ( self::OPTIONS as $option ) {
			if ( false !== get_option( $option ) ) {
				return true;
			}
		}
		return array() !== self::table_ids() || self::has_products_table();
	}

	/**
	 * One AAWP option as an array (AAWP stores serialized arrays; anything else reads as empty).
	 *
	 * @param string $option One of {@see OPTIONS}.
	 * @return array<string, mixed>
	 */
	public static function option( string $option ): array {
		$value = get_option( $option, array() );
		return is_array( $value ) ? $value : array();
	}

	/**
	 * IDs of every `aawp_table` post, whatever its status, oldest first. Read from the posts
	 * table directly: AAWP's post type is not registered when AAWP is inactive.
	 *
	 * @return list<int>
	 */
	public static function table_ids(): array {
		global $wpdb;
		$ids = $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = %s AND post_status NOT IN ( 'auto-draft', 'inherit' ) ORDER BY ID", self::POST_TYPE ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a read of another plugin's posts, whose type may be unregistered.
		return array_map( 'intval', is_array( $ids ) ? $ids : array() );
	}

	/**
	 * One AAWP table: its admin title, status and the four meta arrays.
	 *
	 * @param int $id `aawp_table` post ID.
	 * @return array{id: int, title: string, status: string, settings: array<mixed>, rows: array<mixed>, products: array<mixed>, customizations: array<mixed>}|null
	 */
	public static function table( int $id ): ?array {
		$post = get_post( $id );
		if ( ! $post || self::POST_TYPE !== $post->post_type ) {
			return null;
		}
		$meta = static function ( string $key ) use ( $id ): array {
			$value = get_post_meta( $id, $key, true );
			return is_array( $value ) ? $value : array();
		};
		return array(
			'id'             => $id,
			'title'          => (string) $post->post_title,
			'status'         => (string) $post->post_status,
			'settings'       => $meta( '_aawp_table_settings' ),
			'rows'           => array_values( $meta( '_aawp_table_rows' ) ),
			'products'       => array_values( $meta( '_aawp_table_products' ) ),
			'customizations' => $meta( '_aawp_table_customizations' ),
		);
	}

	/**
	 * The products cache's table name.
	 */
	public static function products_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'aawp_products';
	}

	/**
	 * Whether AAWP's products table exists (AAWP's uninstall may have removed it).
	 */
	public static function has_products_table(): bool {
		global $wpdb;
		$table = self::products_table();
		return $table === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $table ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- schema check.
	}

	/**
	 * The ASINs AAWP keeps in its products cache, in ID order. Its lists' ASINs are rows of this
	 * table too (the format says so), so they need no second read.
	 *
	 * @return list<string>
	 */
	public static function asins(): array {
		if ( ! self::has_products_table() ) {
			return array();
		}
		global $wpdb;
		$table = self::products_table();
		$asins = $wpdb->get_col( "SELECT asin FROM {$table} ORDER BY id" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from the prefix, no input.
		return array_values( array_map( 'strval', is_array( $asins ) ? $asins : array() ) );
	}
}
