<?php
/**
 * Manual products: the owner's own description of a product, for sites without API access.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * A manual product is a `shelf_product` post: its title is the product's title, and its
 * `_shelf_product` meta holds JSON in format version 1:
 *
 *     {
 *       "version": 1,
 *       "asin": "B0…",                    // the Amazon product it stands for (required: placements name ASINs)
 *       "imageId": 12,                    // a Media Library image (0: none)
 *       "features": ["…"],                // bullets, at most 10
 *       "rating": 4.5,                    // the owner's own rating, 0–5, or null
 *       "prime": false,
 *       "buttonText": "…", "buttonUrl": "https://…",   // both optional; the URL may be any shop's
 *       "notes": "…",                     // for the owner only, never rendered
 *       "source": "api|manual|mixed"      // what shows when fresh API data exists (below)
 *     }
 *
 * No price: Amazon prices may not be typed in by hand, so the core shows "See price on Amazon".
 * Placements name the ASIN; the page's records then carry the manual product instead of (or
 * beside) the store's: `api` shows fresh API data when there is some, else the manual data;
 * `manual` always the manual data; `mixed` the owner's title and bullets with the API's price,
 * image and availability when fresh, else the manual data. The meta is revisioned (as tables'),
 * so every saved version can be restored; `_shelf_product_asin` (not revisioned, kept in step on
 * save and restore) is the lookup key. Only users who may manage options edit them.
 *
 * @since 0.3.0
 */
final class Manual_Products {

	public const POST_TYPE = 'shelf_product';
	public const META      = '_shelf_product';
	public const ASIN_META = '_shelf_product_asin';
	public const VERSION   = 1;
	public const SOURCES   = array( 'api', 'manual', 'mixed' );
	public const CAP       = 'manage_options';

	/** Longest text kept per field (characters). */
	private const MAX_TEXT = 500;

	/** Most bullets kept. */
	private const MAX_FEATURES = 10;

	/**
	 * Products read during this request, by ASIN (null: none).
	 *
	 * @var array<string, ?array<string, mixed>>
	 */
	private static array $memo = array();

	/**
	 * ASIN => ID of the published manual products, read once per request (null: not yet).
	 *
	 * @var array<string, int>|null
	 */
	private static ?array $index = null;

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'register_post_type' ) );
		add_action( 'wp_restore_post_revision', array( $this, 'restored' ), 10, 1 );
		add_filter( 'wp_untrash_post_status', array( $this, 'untrash_status' ), 10, 3 );
	}

	/**
	 * Hooked to `init`: a non-public post type without WordPress's own screens (Shelf → Products
	 * edits it), not in REST, with revisions of its data.
	 */
	public function register_post_type(): void {
		register_post_type(
			self::POST_TYPE,
			array(
				'labels'       => array(
					'name'          => __( 'Manual products', 'shelf' ),
					'singular_name' => __( 'Manual product', 'shelf' ),
				),
				'public'       => false,
				'show_ui'      => false,
				'show_in_rest' => false,
				'rewrite'      => false,
				'query_var'    => false,
				'capabilities' => array(
					'edit_post'          => self::CAP,
					'read_post'          => self::CAP,
					'delete_post'        => self::CAP,
					'edit_posts'         => self::CAP,
					'edit_others_posts'  => self::CAP,
					'delete_posts'       => self::CAP,
					'publish_posts'      => self::CAP,
					'read_private_posts' => self::CAP,
					'create_posts'       => self::CAP,
				),
				'supports'     => array( 'title', 'revisions' ),
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
	 * Hooked to `wp_restore_post_revision`: the lookup key follows the restored data.
	 *
	 * @param int $post_id Post ID.
	 */
	public function restored( $post_id ): void {
		$post_id = (int) $post_id;
		if ( self::POST_TYPE === get_post_type( $post_id ) ) {
			$data = self::data( $post_id );
			update_post_meta( $post_id, self::ASIN_META, $data ? $data['asin'] : '' );
			self::$memo  = array();
			self::$index = null;
		}
	}

	/**
	 * Hooked to `wp_untrash_post_status`: a manual product comes back published (WordPress would
	 * make it a draft, which renders nowhere).
	 *
	 * @param string $status          Status WordPress chose.
	 * @param int    $post_id         Post ID.
	 * @param string $previous_status Status before trashing.
	 */
	public function untrash_status( $status, $post_id, $previous_status ) {
		return self::POST_TYPE === get_post_type( (int) $post_id ) ? $previous_status : $status;
	}

	/**
	 * Validates and normalises a product from a form or PHP. Texts are kept as typed (they are
	 * escaped where shown), without control characters, trimmed and shortened.
	 *
	 * @param array<string, mixed> $input Raw fields: title, asin, imageId, features (list or
	 *                                    one per line), rating ('' for none), prime, buttonText,
	 *                                    buttonUrl, notes, source.
	 * @return array<string, mixed>|\WP_Error The product with its `title`.
	 */
	public static function validate( array $input ) {
		$title = self::text( $input['title'] ?? '' );
		if ( '' === $title ) {
			return new \WP_Error( 'shelf_product_title', __( 'A manual product needs a title.', 'shelf' ) );
		}
		$asin = Shortcode::asin( self::text( $input['asin'] ?? '' ) );
		if ( null === $asin ) {
			return new \WP_Error( 'shelf_product_asin', __( 'Enter the product’s ASIN (10 letters or digits), or paste its Amazon link so that Shelf finds the ASIN in it.', 'shelf' ) );
		}
		$image = absint( $input['imageId'] ?? 0 );
		if ( $image && ! wp_attachment_is_image( $image ) ) {
			return new \WP_Error( 'shelf_product_image', __( 'The image must be an image from the Media Library.', 'shelf' ) );
		}
		$rating = $input['rating'] ?? '';
		if ( '' === $rating || null === $rating ) {
			$rating = null;
		} elseif ( ! is_numeric( $rating ) || (float) $rating < 0 || (float) $rating > 5 ) {
			return new \WP_Error( 'shelf_product_rating', __( 'The rating must be a number from 0 to 5.', 'shelf' ) );
		} else {
			$rating = round( (float) $rating, 1 );
		}
		$url = self::text( $input['buttonUrl'] ?? '' );
		if ( '' !== $url && esc_url_raw( $url, array( 'http', 'https' ) ) !== $url ) {
			return new \WP_Error( 'shelf_product_url', __( 'The button URL must be a full http or https address.', 'shelf' ) );
		}
		$features = $input['features'] ?? array();
		$features = is_array( $features ) ? $features : explode( "\n", self::text( $features, 5000, true ) );
		$features = array_slice( array_values( array_filter( array_map( array( self::class, 'text' ), $features ), 'strlen' ) ), 0, self::MAX_FEATURES );
		$source   = (string) ( $input['source'] ?? 'api' );
		return array(
			'title'      => $title,
			'version'    => self::VERSION,
			'asin'       => $asin,
			'imageId'    => $image,
			'features'   => $features,
			'rating'     => $rating,
			'prime'      => rest_is_boolean( $input['prime'] ?? false ) && rest_sanitize_boolean( $input['prime'] ?? false ),
			'buttonText' => self::text( $input['buttonText'] ?? '' ),
			'buttonUrl'  => $url,
			'notes'      => self::text( $input['notes'] ?? '', 5000, true ),
			'source'     => in_array( $source, self::SOURCES, true ) ? $source : 'api',
		);
	}

	/**
	 * Text as typed, without control characters (line breaks too, unless `$lines`), trimmed and
	 * at most `$max` characters; '' for anything but a scalar or invalid UTF-8.
	 *
	 * @param mixed $value Raw value.
	 * @param int   $max   Longest kept.
	 * @param bool  $lines Whether line breaks stay.
	 */
	public static function text( $value, int $max = self::MAX_TEXT, bool $lines = false ): string {
		if ( ! is_scalar( $value ) ) {
			return '';
		}
		$text = wp_check_invalid_utf8( (string) $value );
		$text = (string) preg_replace( $lines ? '/[^\P{Cc}\n]/u' : '/\p{Cc}/u', '', str_replace( "\r\n", "\n", $text ) );
		return mb_substr( trim( $text ), 0, $max );
	}

	/**
	 * Text for an HTML text node or attribute value, every `&` encoded: esc_html() and
	 * esc_attr() keep what looks like an entity, so a typed `&amp;` would show, and save
	 * back, as `&`.
	 *
	 * @param string $text Plain text.
	 */
	public static function html( string $text ): string {
		return htmlspecialchars( $text, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8' );
	}

	/**
	 * Saves a manual product (new when `$id` is 0). One manual product per ASIN.
	 *
	 * @param array<string, mixed> $input Raw fields, as for {@see validate()}.
	 * @param int                  $id    Manual product ID, or 0.
	 * @return int|\WP_Error The product's ID.
	 */
	public static function save( array $input, int $id = 0 ) {
		$clean = self::validate( $input );
		if ( is_wp_error( $clean ) ) {
			return $clean;
		}
		if ( $id && self::POST_TYPE !== get_post_type( $id ) ) {
			return new \WP_Error( 'shelf_product_unknown', __( 'There is no such manual product.', 'shelf' ) );
		}
		$other = self::find( $clean['asin'] );
		if ( null !== $other && $other['id'] !== $id ) {
			/* translators: %s: ASIN. */
			return new \WP_Error( 'shelf_product_taken', sprintf( __( 'Another manual product already describes %s: edit that one.', 'shelf' ), $clean['asin'] ) );
		}
		$title = $clean['title'];
		unset( $clean['title'] );
		// The data goes in with the post (meta_input), so the revision WordPress takes after
		// the update already holds it.
		$postarr = array(
			'post_type'   => self::POST_TYPE,
			'post_title'  => wp_slash( $title ),
			'post_status' => 'publish',
			'meta_input'  => array(
				self::META      => wp_slash( (string) wp_json_encode( $clean ) ),
				self::ASIN_META => $clean['asin'],
			),
		);
		// Titles are plain text: no kses pass may rewrite them.
		$kses = has_filter( 'title_save_pre', 'wp_filter_kses' );
		remove_filter( 'title_save_pre', 'wp_filter_kses' );
		if ( $id ) {
			$saved = wp_update_post( array( 'ID' => $id ) + $postarr, true );
		} else {
			$saved = wp_insert_post( $postarr + array( 'post_author' => get_current_user_id() ), true );
			if ( ! is_wp_error( $saved ) ) {
				// WordPress takes revisions on updates only: the first version needs its own.
				wp_save_post_revision( $saved );
			}
		}
		if ( false !== $kses ) {
			add_filter( 'title_save_pre', 'wp_filter_kses' );
		}
		self::$memo  = array();
		self::$index = null;
		return is_wp_error( $saved ) ? $saved : (int) $saved;
	}

	/**
	 * The stored data of a manual product or one of its revisions, with its `id` and `title`;
	 * null when it is not one or its data cannot be read.
	 *
	 * @param int $id Post or revision ID.
	 * @return array<string, mixed>|null
	 */
	public static function data( int $id ): ?array {
		$post = get_post( $id );
		if ( ! $post ) {
			return null;
		}
		$parent = 'revision' === $post->post_type ? get_post( $post->post_parent ) : $post;
		if ( ! $parent || self::POST_TYPE !== $parent->post_type ) {
			return null;
		}
		$data = json_decode( (string) get_post_meta( $post->ID, self::META, true ), true );
		if ( ! is_array( $data ) ) {
			return null;
		}
		// An image deleted from the Media Library since leaves the product without one.
		if ( ! wp_attachment_is_image( absint( $data['imageId'] ?? 0 ) ) ) {
			$data['imageId'] = 0;
		}
		$clean = self::validate( array( 'title' => $post->post_title ) + $data );
		return is_wp_error( $clean ) ? null : array( 'id' => (int) $parent->ID ) + $clean;
	}

	/**
	 * The published manual product for an ASIN, or null.
	 *
	 * @param string $asin ASIN.
	 * @return array<string, mixed>|null
	 */
	public static function find( string $asin ): ?array {
		return self::for_asins( array( $asin ) )[ $asin ] ?? null;
	}

	/**
	 * The published manual products for some ASINs, by ASIN. The first call reads which ASINs
	 * have one (one query for the whole site's few manual products) and loads those of the
	 * ASINs asked for and of every ASIN the page places ({@see Page_Usage}), with their meta and
	 * images, in one batch: a page costs the same few queries however many placements ask.
	 *
	 * @param list<string> $asins ASINs.
	 * @return array<string, array<string, mixed>>
	 */
	public static function for_asins( array $asins ): array {
		$asins   = Store::clean_asins( $asins );
		$missing = array_values( array_diff( $asins, array_keys( self::$memo ) ) );
		if ( null === self::$index ) {
			self::$index = self::asin_index();
			// The first call loads the manual products of every ASIN the page places too.
			$missing = array_values( array_unique( array_merge( $missing, Page_Usage::refs( Store_Usage::PRODUCT ) ) ) );
		}
		if ( array() !== $missing ) {
			$ids = array_values( array_intersect_key( self::$index, array_flip( $missing ) ) );
			foreach ( $missing as $asin ) {
				self::$memo[ $asin ] = null;
			}
			if ( array() !== $ids ) {
				_prime_post_caches( $ids, false, true );
				$images = array_map( static fn( int $id ): int => absint( json_decode( (string) get_post_meta( $id, self::META, true ), true )['imageId'] ?? 0 ), $ids );
				_prime_post_caches( array_values( array_filter( $images ) ), false, true );
			}
			foreach ( $ids as $id ) {
				$data = self::data( $id );
				if ( null !== $data && in_array( $data['asin'], $missing, true ) ) {
					self::$memo[ $data['asin'] ] = $data;
				}
			}
		}
		return array_filter( array_intersect_key( self::$memo, array_flip( $asins ) ) );
	}

	/**
	 * Which published manual product describes each ASIN (the oldest, where two do).
	 *
	 * @return array<string, int> ASIN => post ID.
	 */
	private static function asin_index(): array {
		global $wpdb;
		$rows  = (array) $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- one indexed join; WP_Query would load whole posts.
			$wpdb->prepare( "SELECT m.meta_value AS asin, p.ID AS id FROM {$wpdb->posts} p JOIN {$wpdb->postmeta} m ON m.post_id = p.ID AND m.meta_key = %s WHERE p.post_type = %s AND p.post_status = 'publish' ORDER BY p.post_date DESC, p.ID DESC", self::ASIN_META, self::POST_TYPE ),
			ARRAY_A
		);
		$index = array();
		foreach ( $rows as $row ) {
			$index[ (string) $row['asin'] ] = (int) $row['id'];
		}
		return $index;
	}

	/**
	 * Published manual products for the editor's product picker: those whose title matches
	 * the keywords (WordPress's search) or whose ASIN they are, as the picker lists products.
	 *
	 * @param string $keywords What the editor typed.
	 * @param int    $limit    At most this many.
	 * @return list<array{asin: string, title: string, image: ?string, manual: true}>
	 */
	public static function matching( string $keywords, int $limit = 10 ): array {
		$keywords = trim( $keywords );
		if ( '' === $keywords ) {
			return array();
		}
		$ids = self::published_ids(
			array(
				'posts_per_page' => $limit,
				's'              => $keywords,
			)
		);
		$found = self::find( strtoupper( $keywords ) );
		if ( null !== $found ) {
			array_unshift( $ids, $found['id'] );
		}
		$out = array();
		foreach ( array_unique( array_map( 'intval', $ids ) ) as $id ) {
			$data = self::data( $id );
			if ( null === $data || '' === (string) ( $data['asin'] ?? '' ) ) {
				continue;
			}
			$image = $data['imageId'] ? wp_get_attachment_image_url( (int) $data['imageId'], 'thumbnail' ) : false;
			$out[] = array(
				'asin'   => (string) $data['asin'],
				'title'  => (string) $data['title'],
				'image'  => is_string( $image ) ? $image : null,
				'manual' => true,
			);
		}
		return array_slice( $out, 0, $limit );
	}

	/**
	 * IDs of published manual products, newest first, for a query narrowed by `$args`.
	 *
	 * @param array<string, mixed> $args More `get_posts` arguments.
	 * @return list<int>
	 */
	private static function published_ids( array $args = array() ): array {
		return get_posts(
			$args + array(
				'post_type'        => self::POST_TYPE,
				'post_status'      => 'publish',
				'fields'           => 'ids',
				'posts_per_page'   => -1,
				'no_found_rows'    => true,
				'suppress_filters' => true,
			)
		);
	}

	/**
	 * Every published manual product, newest first.
	 *
	 * @return list<array<string, mixed>>
	 */
	public static function all(): array {
		$ids = self::published_ids();
		return array_values( array_filter( array_map( static fn( $id ): ?array => self::data( (int) $id ), $ids ) ) );
	}

	/**
	 * The core's record for a manual product: `{ "manual": {…} }` (see the core's render
	 * module). The image is the Media Library's medium size.
	 *
	 * @param array<string, mixed> $product A product from {@see data()}.
	 * @return array{manual: array<string, mixed>}
	 */
	public static function record( array $product ): array {
		$manual = array(
			'id'       => $product['asin'],
			'title'    => $product['title'],
			'asin'     => $product['asin'],
			'features' => $product['features'],
			'prime'    => $product['prime'],
		);
		$image = $product['imageId'] ? wp_get_attachment_image_src( $product['imageId'], 'medium' ) : false;
		if ( is_array( $image ) && $image[1] > 0 && $image[2] > 0 ) {
			$manual['imageUrl']    = (string) $image[0];
			$manual['imageWidth']  = (int) $image[1];
			$manual['imageHeight'] = (int) $image[2];
		}
		if ( null !== $product['rating'] ) {
			$manual['rating'] = (float) $product['rating'];
		}
		foreach ( array( 'buttonText', 'buttonUrl' ) as $key ) {
			if ( '' !== $product[ $key ] ) {
				$manual[ $key ] = $product[ $key ];
			}
		}
		return array( 'manual' => $manual );
	}

	/**
	 * The records a page or the products route hands the core: the store's, in
	 * {@see Public_Record}'s shape, with manual products in their place as each one's `source`
	 * says.
	 *
	 * @param array<string, array<string, mixed>> $rows Store records by ASIN ({@see Store::get_many()}).
	 * @param list<string>                        $also ASINs the store has no record of, which
	 *                                                  a manual product may still describe.
	 * @return array<string, array<string, mixed>>
	 */
	public static function records( array $rows, array $also = array() ): array {
		$manual = self::for_asins( array_merge( array_map( 'strval', array_keys( $rows ) ), $also ) );
		$out    = array();
		foreach ( $rows as $asin => $row ) {
			$out[ (string) $asin ] = Public_Record::from_store( $row );
		}
		foreach ( $manual as $asin => $product ) {
			$api = $out[ $asin ] ?? null;
			// A store item is only handed out within its lifetime: fresh when it is there.
			$fresh = null !== $api && is_array( $api['item'] ) && 'ok' === $api['status'];
			if ( $fresh && 'api' === $product['source'] ) {
				continue;
			}
			$out[ $asin ] = $fresh && 'mixed' === $product['source'] ? self::mixed( $api, $product ) : self::record( $product );
		}
		return $out;
	}

	/**
	 * The API record with the owner's title and bullets in place of Amazon's.
	 *
	 * @param array<string, mixed> $api     A public record with an item.
	 * @param array<string, mixed> $product A manual product.
	 * @return array<string, mixed>
	 */
	private static function mixed( array $api, array $product ): array {
		if ( ! is_array( $api['item']['itemInfo'] ?? null ) ) {
			$api['item']['itemInfo'] = array();
		}
		$api['item']['itemInfo']['title'] = array( 'displayValue' => $product['title'] );
		if ( array() !== $product['features'] ) {
			$api['item']['itemInfo']['features'] = array( 'displayValues' => $product['features'] );
		}
		return $api;
	}

	/**
	 * Forgets what this request read (tests).
	 */
	public static function flush_memo(): void {
		self::$memo  = array();
		self::$index = null;
	}
}
