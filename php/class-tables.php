<?php
/**
 * Stored comparison tables: the `shelf_table` post type and its versioned format.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * A table is a `shelf_table` post whose `_shelf_table` meta holds JSON in format version 1:
 *
 *     {
 *       "version": 1,
 *       "products": ["B0…", …],                  // 1–25 ASINs, the columns, in order
 *       "hidden": ["B0…", …],                    // products kept in the table but not shown
 *       "rows": [ { "type": "title|image|price|prime|rating|reviews|button|yesNo|text|html|customButton",
 *                   "label": "…", "value": "…", "values": { "<ASIN>": "…" },
 *                   "url": "…", "urls": { "<ASIN>": "…" },
 *                   "hidden": false, "highlight": false } ],
 *       "overrides": { "<ASIN>": { "title": "…", "description": "…", "badge": "…", "buttonText": "…" } },
 *       "highlight": "<ASIN>", "ribbon": "Our pick",
 *       "labels": "shown|hidden|hiddenMobile",
 *       "caption": "…"
 *     }
 *
 * `values`/`urls` override a row per product. `hidden` lists products the owner hid: they stay in
 * `products` (and count towards the 25), and at least one must stay shown. A row's `hidden` leaves it out, except a title row, which the
 * core renders anyway as it names the columns for screen readers; a row's `highlight`
 * emphasises it (class `shelf-row--highlight`). Whether custom HTML rows render depends on the
 * table author's `unfiltered_html` capability, decided at render time, so an update keeps the
 * author. Tables are edited in the builder (Shelf → Tables, {@see Tables_Menu}) through REST
 * ({@see Rest_Tables}), or from PHP with {@see Tables::save()}; who may do what is
 * {@see Table_Caps}. The meta is revisioned (WordPress ≥ 6.4), so every saved version can be
 * restored.
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
		add_filter( 'wp_untrash_post_status', array( $this, 'untrash_status' ), 10, 3 );
		add_filter( 'wp_insert_post_data', array( $this, 'keep_author' ), 10, 4 );
	}

	/**
	 * Hooked to `init`: a non-public post type (no front-end URLs) listed under the Shelf menu,
	 * with capabilities of its own ({@see Table_Caps}) and revisions of its data.
	 */
	public function register_post_type(): void {
		register_post_type(
			self::POST_TYPE,
			array(
				'labels'            => array(
					'name'               => __( 'Shelf tables', 'shelf' ),
					'singular_name'      => __( 'Shelf table', 'shelf' ),
					'menu_name'          => __( 'Tables', 'shelf' ),
					'all_items'          => __( 'Tables', 'shelf' ),
					'add_new'            => __( 'Add table', 'shelf' ),
					'add_new_item'       => __( 'Add table', 'shelf' ),
					'edit_item'          => __( 'Edit table', 'shelf' ),
					'search_items'       => __( 'Search tables', 'shelf' ),
					'not_found'          => __( 'No tables found.', 'shelf' ),
					'not_found_in_trash' => __( 'No tables found in the Trash.', 'shelf' ),
				),
				'public'            => false,
				'show_ui'           => true,
				'show_in_menu'      => Tables_Menu::MENU,
				'show_in_admin_bar' => false,
				'show_in_rest'      => false,
				'rewrite'           => false,
				'query_var'         => false,
				'capability_type'   => array( 'shelf_table', 'shelf_tables' ),
				'map_meta_cap'      => true,
				'supports'          => array( 'title', 'author', 'revisions' ),
			)
		);
		register_post_meta(
			self::POST_TYPE,
			self::META,
			array(
				'type'              => 'string',
				'single'            => true,
				'show_in_rest'      => false,
				'revisions_enabled' => true,
			)
		);
	}

	/**
	 * Hooked to `wp_untrash_post_status`: a table comes back published, as it was (WordPress
	 * would make it a draft, and a draft table renders nowhere).
	 *
	 * @param string $status          Status WordPress chose.
	 * @param int    $post_id         Post ID.
	 * @param string $previous_status Status before trashing.
	 */
	public function untrash_status( $status, $post_id, $previous_status ) {
		return self::POST_TYPE === get_post_type( (int) $post_id ) ? $previous_status : $status;
	}

	/**
	 * Hooked to `wp_insert_post_data`: no update changes a table's author, whatever path it
	 * takes (the builder, a crafted Quick Edit or classic editor request, another plugin).
	 *
	 * @param array<string, mixed> $data     Slashed post fields about to be stored.
	 * @param array<string, mixed> $postarr  Fields as given.
	 * @param array<string, mixed> $raw      Fields as given, unsanitised.
	 * @param bool                 $update   Whether an existing post is updated.
	 * @return array<string, mixed>
	 */
	public function keep_author( $data, $postarr, $raw, $update ) {
		$post = $update && ! empty( $postarr['ID'] ) ? get_post( (int) $postarr['ID'] ) : null;
		if ( $post && self::POST_TYPE === $post->post_type ) {
			$data['post_author'] = $post->post_author;
		}
		return $data;
	}

	/**
	 * Validates and stores a table. A new table's author is the current user; an update keeps
	 * the author, whose `unfiltered_html` decides whether HTML rows render.
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
		if ( $id && self::POST_TYPE !== get_post_type( $id ) ) {
			/* translators: %d: table ID. */
			return new \WP_Error( 'shelf_table_unknown', sprintf( __( 'there is no Shelf table with ID %d.', 'shelf' ), $id ) );
		}
		// The data goes in with the post (meta_input), so the revision WordPress takes after the
		// update already holds it; a change of the data alone makes a revision too (WordPress
		// compares revisioned meta).
		$postarr = array(
			'post_type'   => self::POST_TYPE,
			'post_title'  => wp_slash( $title ),
			'post_status' => 'publish',
			'meta_input'  => array( self::META => wp_slash( (string) wp_json_encode( $clean ) ) ),
		);
		if ( $id ) {
			// wp_update_post() keeps the fields not given (author, dates); wp_insert_post() would
			// reset them to the current user and now.
			$saved = wp_update_post( array( 'ID' => $id ) + $postarr, true );
		} else {
			$saved = wp_insert_post( $postarr + array( 'post_author' => get_current_user_id() ), true );
			if ( ! is_wp_error( $saved ) ) {
				// WordPress takes revisions on updates only: the first version needs its own.
				wp_save_post_revision( $saved );
			}
		}
		return is_wp_error( $saved ) ? $saved : (int) $saved;
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
		$table = self::data( $id );
		if ( is_wp_error( $table ) ) {
			return $table;
		}
		return array(
			'table'  => $table,
			'author' => (int) $post->post_author,
		);
	}

	/**
	 * The table a shortcode's numeric `table` attribute names: the ID itself, unless a filter
	 * maps it (an AAWP table's ID names the Shelf table imported from it, {@see Aawp_Table_Ids}).
	 *
	 * @param int $id ID written in the shortcode.
	 */
	public static function placed( int $id ): int {
		/**
		 * Filters the table ID a shortcode's `table` attribute names.
		 *
		 * @since 0.3.0
		 *
		 * @param int $id The ID as written.
		 */
		return (int) apply_filters( 'shelf_table_id', $id );
	}

	/**
	 * The validated data of a table, or of one of its revisions, whatever its status.
	 *
	 * @param int $id Table or revision ID.
	 * @return array<string, mixed>|\WP_Error
	 */
	public static function data( int $id ) {
		// get_post_meta() reads a revision's own meta (the writers would go to its parent).
		$data = json_decode( (string) get_post_meta( $id, self::META, true ), true );
		return is_array( $data ) ? self::validate( $data ) : new \WP_Error( 'shelf_table_invalid', __( 'the table data is unreadable.', 'shelf' ) );
	}

	/**
	 * The shortcode that places a stored table, with the configured shortcode name.
	 *
	 * @param int $id Table ID.
	 */
	public static function shortcode( int $id ): string {
		return sprintf( '[%s table="%d"]', Settings::get()['shortcode'], $id );
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
		// Hidden products: only the table's own (others are dropped, as for `highlight`).
		$hidden = array();
		foreach ( (array) ( $table['hidden'] ?? array() ) as $asin ) {
			$asin = is_string( $asin ) ? Shortcode::asin( $asin ) : null;
			if ( null !== $asin && in_array( $asin, $products, true ) ) {
				$hidden[] = $asin;
			}
		}
		$hidden = array_values( array_unique( $hidden ) );
		if ( count( $hidden ) === count( $products ) ) {
			return new \WP_Error( 'shelf_table_hidden', __( 'every product of the table is hidden; at least one must be shown.', 'shelf' ) );
		}
		$rows = array();
		foreach ( (array) ( $table['rows'] ?? array() ) as $row ) {
			if ( ! is_array( $row ) || ! in_array( $row['type'] ?? null, self::ROW_TYPES, true ) ) {
				return new \WP_Error( 'shelf_table_row', __( 'a table row has an unknown type.', 'shelf' ) );
			}
			$rows[] = array(
				'type'      => $row['type'],
				'label'     => self::text( $row['label'] ?? '' ),
				'value'     => 'html' === $row['type'] ? (string) ( $row['value'] ?? '' ) : self::text( $row['value'] ?? '' ),
				'values'    => self::texts( $row['values'] ?? array(), 'html' === $row['type'] ),
				'url'       => self::text( $row['url'] ?? '' ),
				'urls'      => self::texts( $row['urls'] ?? array(), false ),
				'hidden'    => self::flag( $row['hidden'] ?? false ),
				'highlight' => self::flag( $row['highlight'] ?? false ),
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
			'hidden'    => $hidden,
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
	 * A flag: true for what the REST schema's `boolean` reads as true (true, 1, "1", "true"),
	 * so a table saved from PHP means what the same table sent to the REST routes means;
	 * anything else is false, as an unknown `labels` is the default.
	 *
	 * @param mixed $value Raw value.
	 */
	private static function flag( $value ): bool {
		return rest_is_boolean( $value ) && rest_sanitize_boolean( $value );
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
