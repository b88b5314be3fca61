<?php
/**
 * Stored comparison tables: the `shelf_table` post type and its versioned format.
 *
 * @package Shelf
 */

namespace Shelf;

/**
 * A table is a `shelf_table` post whose `_shelf_table` meta holds JSON in format version 1:
 *
 *     {
 *       "version": 1,
 *       "products": ["B0…", …],                  // 1–25 ASINs, the columns, in order
 *       "rows": [ { "type": "title|image|price|prime|rating|reviews|button|yesNo|text|html|customButton",
 *                   "label": "…", "value": "…", "values": { "<ASIN>": "…" },
 *                   "url": "…", "urls": { "<ASIN>": "…" } } ],
 *       "overrides": { "<ASIN>": { "title": "…", "description": "…", "badge": "…", "buttonText": "…" } },
 *       "highlight": "<ASIN>", "ribbon": "Our pick",
 *       "labels": "shown|hidden|hiddenMobile",
 *       "caption": "…"
 *     }
 *
 * `values`/`urls` override a row per product. Whether custom HTML rows render depends on the
 * table author's `unfiltered_html` capability, decided at render time. The admin builder comes
 * later; until then tables are created with {@see Tables::save()}.
 *
 * @since 0.1.0
 */
final class Tables {

	public const POST_TYPE = 'shelf_table';
	public const META      = '_shelf_table';
	public const VERSION   = 1;
	public const ROW_TYPES = array( 'title', 'image', 'price', 'prime', 'rating', 'reviews', 'button', 'yesNo', 'text', 'html', 'customButton' );
	public const MAX_ITEMS = 25;

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'register_post_type' ) );
	}

	/**
	 * Hooked to `init`: a private post type (no front-end URLs, no UI until the builder exists).
	 */
	public function register_post_type(): void {
		register_post_type(
			self::POST_TYPE,
			array(
				'label'        => __( 'Shelf tables', 'shelf' ),
				'public'       => false,
				'show_ui'      => false,
				'show_in_rest' => false,
				'rewrite'      => false,
				'query_var'    => false,
				'supports'     => array( 'title', 'author' ),
			)
		);
	}

	/**
	 * Validates and stores a table.
	 *
	 * @param array<string, mixed> $table Table data in the format above.
	 * @param string               $title Admin title.
	 * @param int                  $id    Existing table to update, or 0 for a new one.
	 * @return int|\WP_Error The table's ID, or why it was refused (nothing is stored then).
	 */
	public static function save( array $table, string $title, int $id = 0 ) {
		$clean = self::validate( $table );
		if ( is_wp_error( $clean ) ) {
			return $clean;
		}
		$postarr = array(
			'post_type'   => self::POST_TYPE,
			'post_title'  => $title,
			'post_status' => 'publish',
			'post_author' => get_current_user_id(),
		);
		if ( $id ) {
			$postarr['ID'] = $id;
		}
		$id = wp_insert_post( $postarr, true );
		if ( is_wp_error( $id ) ) {
			return $id;
		}
		update_post_meta( $id, self::META, wp_slash( (string) wp_json_encode( $clean ) ) );
		return $id;
	}

	/**
	 * A stored table with its author.
	 *
	 * @param int $id Table ID.
	 * @return array{table: array<string, mixed>, author: int}|\WP_Error
	 */
	public static function get( int $id ) {
		$post = get_post( $id );
		if ( ! $post || self::POST_TYPE !== $post->post_type || 'publish' !== $post->post_status ) {
			/* translators: %d: table ID. */
			return new \WP_Error( 'shelf_table_unknown', sprintf( __( 'there is no Shelf table with ID %d.', 'shelf' ), $id ) );
		}
		$data  = json_decode( (string) get_post_meta( $id, self::META, true ), true );
		$table = is_array( $data ) ? self::validate( $data ) : new \WP_Error( 'shelf_table_invalid', __( 'the table data is unreadable.', 'shelf' ) );
		if ( is_wp_error( $table ) ) {
			return $table;
		}
		return array(
			'table'  => $table,
			'author' => (int) $post->post_author,
		);
	}

	/**
	 * Checks a table and keeps only known keys.
	 *
	 * @param array<string, mixed> $table Raw table.
	 * @return array<string, mixed>|\WP_Error
	 */
	public static function validate( array $table ) {
		if ( self::VERSION !== ( $table['version'] ?? null ) ) {
			return new \WP_Error( 'shelf_table_version', __( 'unsupported table format version (expected 1).', 'shelf' ) );
		}
		$products = array();
		foreach ( (array) ( $table['products'] ?? array() ) as $asin ) {
			$asin = is_string( $asin ) ? Shortcode::asin( $asin ) : null;
			if ( null === $asin ) {
				return new \WP_Error( 'shelf_table_asin', __( 'a table product is not a valid ASIN.', 'shelf' ) );
			}
			$products[] = $asin;
		}
		$products = array_values( array_unique( $products ) );
		if ( ! $products || count( $products ) > self::MAX_ITEMS ) {
			/* translators: %d: maximum number of products. */
			return new \WP_Error( 'shelf_table_products', sprintf( __( 'a table needs 1 to %d products.', 'shelf' ), self::MAX_ITEMS ) );
		}
		$rows = array();
		foreach ( (array) ( $table['rows'] ?? array() ) as $row ) {
			if ( ! is_array( $row ) || ! in_array( $row['type'] ?? null, self::ROW_TYPES, true ) ) {
				return new \WP_Error( 'shelf_table_row', __( 'a table row has an unknown type.', 'shelf' ) );
			}
			$rows[] = array(
				'type'   => $row['type'],
				'label'  => self::text( $row['label'] ?? '' ),
				'value'  => 'html' === $row['type'] ? (string) ( $row['value'] ?? '' ) : self::text( $row['value'] ?? '' ),
				'values' => self::texts( $row['values'] ?? array(), 'html' === $row['type'] ),
				'url'    => self::text( $row['url'] ?? '' ),
				'urls'   => self::texts( $row['urls'] ?? array(), false ),
			);
		}
		$overrides = array();
		foreach ( (array) ( $table['overrides'] ?? array() ) as $asin => $override ) {
			if ( is_array( $override ) && in_array( (string) $asin, $products, true ) ) {
				$overrides[ (string) $asin ] = (object) array_intersect_key( (array) self::texts( $override, false ), array_flip( array( 'title', 'description', 'badge', 'buttonText' ) ) );
			}
		}
		return array(
			'version'   => self::VERSION,
			'products'  => $products,
			'rows'      => $rows,
			'overrides' => (object) $overrides,
			'highlight' => in_array( $table['highlight'] ?? '', $products, true ) ? $table['highlight'] : '',
			'ribbon'    => self::text( $table['ribbon'] ?? '' ),
			'labels'    => in_array( $table['labels'] ?? '', array( 'shown', 'hidden', 'hiddenMobile' ), true ) ? $table['labels'] : 'shown',
			'caption'   => self::text( $table['caption'] ?? '' ),
		);
	}

	/**
	 * A scalar as a string; arrays and objects become ''. Escaping happens in the core.
	 *
	 * @param mixed $value Raw value.
	 */
	private static function text( $value ): string {
		return is_scalar( $value ) ? (string) $value : '';
	}

	/**
	 * A map of ASIN or key to string, as an object: an empty map must encode as JSON `{}`, which
	 * the core reads as a map, not `[]`, which it rejects.
	 *
	 * @param mixed $values Raw map (array or object).
	 * @param bool  $html   Whether values are custom HTML (kept as written; the core sanitises).
	 */
	private static function texts( $values, bool $html ): \stdClass {
		$out = new \stdClass();
		foreach ( is_array( $values ) || is_object( $values ) ? (array) $values : array() as $key => $value ) {
			// ASIN keys made only of digits (ISBN-10s) arrive as PHP integer keys.
			if ( is_string( $key ) || is_int( $key ) ) {
				$out->{(string) $key} = $html && is_string( $value ) ? $value : self::text( $value );
			}
		}
		return $out;
	}
}
