<?php
/**
 * Keeps the store's known products in step with posts.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * When a post is saved, the products, lists and stored tables its content places become its
 * usage, and the products and lists become known; when it is deleted or trashed, or loses a
 * placement, that usage goes. A stored table's products are the usage of the table itself.
 * Posts saved before Shelf was active (or before usage existed) are scanned in batches.
 *
 * Only content that may reach visitors registers anything: published posts, and posts whose
 * author may publish them. A contributor's draft registers nothing until an editor publishes
 * it, so drafts cannot spend the site's Creators API budget. Each post and the site register at
 * most {@see Store_Caps}' limits.
 *
 * @since 0.1.0
 */
final class Post_Sync {

	/** Post types whose content never places anything. */
	private const SKIPPED_TYPES = array( 'revision', 'attachment', 'nav_menu_item' );

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'save_post', array( $this, 'on_save_post' ), 10, 2 );
		add_action( 'deleted_post', array( $this, 'on_deleted_post' ), 10, 2 );
		add_action( 'added_post_meta', array( $this, 'on_table_meta' ), 10, 4 );
		add_action( 'updated_post_meta', array( $this, 'on_table_meta' ), 10, 4 );
	}

	/**
	 * Hooked to `added_post_meta` / `updated_post_meta`: a stored table's products become its
	 * usage, and known, when its data is written (after its post was saved).
	 *
	 * @param int    $meta_id   Meta ID.
	 * @param int    $object_id Post ID.
	 * @param string $meta_key  Meta key.
	 * @param mixed  $value     Meta value (JSON, see Tables).
	 */
	public function on_table_meta( $meta_id, $object_id, $meta_key, $value ): void {
		if ( Tables::META !== $meta_key || ! is_string( $value ) || Tables::POST_TYPE !== get_post_type( (int) $object_id ) ) {
			return;
		}
		$table = json_decode( wp_unslash( $value ), true );
		self::sync_table( (int) $object_id, is_array( $table ) && is_array( $table['products'] ?? null ) ? $table['products'] : array() );
	}

	/**
	 * Hooked to `save_post` (revisions and autosaves are skipped types).
	 *
	 * @param int      $post_id Post ID.
	 * @param \WP_Post $post    Post.
	 */
	public function on_save_post( int $post_id, \WP_Post $post ): void {
		if ( 'auto-draft' === $post->post_status || in_array( $post->post_type, self::SKIPPED_TYPES, true ) || Tables::POST_TYPE === $post->post_type ) {
			return;
		}
		self::sync( $post );
	}

	/**
	 * Hooked to `deleted_post`.
	 *
	 * @param int      $post_id Post ID.
	 * @param \WP_Post $post    The deleted post.
	 */
	public function on_deleted_post( $post_id, $post ): void {
		if ( $post instanceof \WP_Post && in_array( $post->post_type, self::SKIPPED_TYPES, true ) ) {
			return; // Never synced: nothing to drop.
		}
		Store_Usage::drop( (int) $post_id );
		Store_Caps::post_over( (int) $post_id, false );
	}

	/**
	 * Makes a post's usage what its content places now, and registers what is new.
	 *
	 * @param \WP_Post $post Post.
	 */
	public static function sync( \WP_Post $post ): void {
		if ( ! self::may_register( $post ) ) {
			Store_Usage::drop( $post->ID );
			Store_Caps::post_over( $post->ID, false );
			return;
		}
		$found = Content_Scanner::scan( (string) $post->post_content );
		/**
		 * Filters the products and lists found in a saved post, e.g. to add the products of
		 * another plugin's blocks. What the post may register is limited afterwards (filters
		 * `shelf_max_products_per_post` and `shelf_max_lists_per_post`).
		 *
		 * @since 0.1.0
		 *
		 * @param array{products: array<string, list<string>>, searches: list<array{market: string, kind: string, query: string, items: int}>, tables: list<int>} $found
		 *        ASINs per marketplace host, lists, and stored table IDs.
		 * @param \WP_Post $post The post.
		 */
		$found = self::within_caps( $post->ID, self::clean( apply_filters( 'shelf_content_products', $found, $post ) ) );
		$uses  = array();
		foreach ( $found['products'] as $market => $asins ) {
			foreach ( $asins as $asin ) {
				$uses[] = array( $market, Store_Usage::PRODUCT, $asin );
			}
		}
		foreach ( $found['searches'] as $search ) {
			$uses[] = array( $search['market'], $search['kind'], md5( $search['query'] ) );
		}
		foreach ( $found['tables'] as $id ) {
			$uses[] = array( '', Store_Usage::TABLE, (string) $id );
		}
		// Usage first: the daily expiry never removes a row that a post uses.
		Store_Usage::replace( $post->ID, $uses, 'publish' === $post->post_status && '' === $post->post_password );
		foreach ( $found['products'] as $market => $asins ) {
			Store_Registry::remember( $market, $asins );
		}
		foreach ( $found['searches'] as $search ) {
			Store_Registry::remember_search( $search['market'], $search['kind'], $search['query'], $search['items'] );
		}
	}

	/**
	 * A stored table's products become the usage of the table's post (never published itself:
	 * a post placing the table is what makes them public) and known.
	 *
	 * @param int          $table_id Table post ID.
	 * @param list<string> $products ASINs.
	 */
	private static function sync_table( int $table_id, array $products ): void {
		$market = Settings::get()['default_marketplace'];
		$asins  = array_slice( Store::clean_asins( $products ), 0, Tables::MAX_ITEMS );
		Store_Usage::replace( $table_id, array_map( static fn( string $asin ): array => array( $market, Store_Usage::PRODUCT, $asin ), $asins ), false );
		Store_Registry::remember( $market, $asins );
	}

	/**
	 * Whether a post's placements may register products: it is published, or its author may
	 * publish it. Trashed posts place nothing.
	 *
	 * @param \WP_Post $post Post.
	 */
	private static function may_register( \WP_Post $post ): bool {
		if ( 'publish' === $post->post_status ) {
			return true;
		}
		$type = get_post_type_object( $post->post_type );
		return 'trash' !== $post->post_status && null !== $type && user_can( (int) $post->post_author, $type->cap->publish_posts );
	}

	/**
	 * The filter's result, validated: known marketplaces, valid ASINs and lists (one entry per
	 * list, with the most items asked), table IDs.
	 *
	 * @param mixed $found What `shelf_content_products` returned.
	 * @return array{products: array<string, list<string>>, searches: list<array{market: string, kind: string, query: string, items: int}>, tables: list<int>}
	 */
	private static function clean( $found ): array {
		$found    = is_array( $found ) ? $found : array();
		$products = array();
		foreach ( (array) ( $found['products'] ?? array() ) as $market => $asins ) {
			$asins = Store::clean_asins( (array) $asins );
			if ( Marketplaces::exists( (string) $market ) && array() !== $asins ) {
				$products[ (string) $market ] = $asins;
			}
		}
		$searches = array();
		foreach ( (array) ( $found['searches'] ?? array() ) as $search ) {
			if ( ! is_array( $search ) ) {
				continue;
			}
			$market = (string) ( $search['market'] ?? '' );
			$kind   = (string) ( $search['kind'] ?? '' );
			$query  = Store::clean_query( (string) ( $search['query'] ?? '' ) );
			if ( Marketplaces::exists( $market ) && in_array( $kind, Store::KINDS, true ) && '' !== $query ) {
				$key              = $market . '|' . $kind . '|' . $query;
				$items            = max( 1, min( 25, (int) ( $search['items'] ?? 10 ) ) );
				$searches[ $key ] = compact( 'market', 'kind', 'query' ) + array( 'items' => max( $items, $searches[ $key ]['items'] ?? 0 ) );
			}
		}
		$tables = array_filter( array_map( 'intval', (array) ( $found['tables'] ?? array() ) ), static fn( int $id ): bool => $id > 0 );
		return array(
			'products' => $products,
			'searches' => array_values( $searches ),
			'tables'   => array_values( array_unique( $tables ) ),
		);
	}

	/**
	 * The first products and lists up to the post's limits; records whether the post went over.
	 *
	 * @param int   $post_id Post ID.
	 * @param array $found   Cleaned products, searches and tables (see clean()).
	 * @return array Same shape, within the limits.
	 */
	private static function within_caps( int $post_id, array $found ): array {
		$left = Store_Caps::post_products();
		$over = count( $found['searches'] ) > Store_Caps::post_lists();
		foreach ( $found['products'] as $market => $asins ) {
			$kept                          = array_slice( $asins, 0, max( 0, $left ) );
			$over                          = $over || count( $kept ) < count( $asins );
			$left                         -= count( $kept );
			$found['products'][ $market ] = $kept;
		}
		$found['products'] = array_filter( $found['products'] );
		$found['searches'] = array_slice( $found['searches'], 0, Store_Caps::post_lists() );
		Store_Caps::post_over( $post_id, $over );
		return $found;
	}

	/**
	 * Syncs posts saved before Shelf was active (posts written for AAWP) or before usage was
	 * recorded, and stored tables, a batch at a time, in post ID order.
	 *
	 * @param int $after_id Last post ID already scanned.
	 * @param int $limit    Posts per batch.
	 * @return int|null The last post ID scanned, or null when no post is left.
	 */
	public static function scan_posts( int $after_id, int $limit ): ?int {
		global $wpdb;
		$rows = $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a one-time background scan; post caches do not help.
			$wpdb->prepare(
				"SELECT * FROM {$wpdb->posts} WHERE ID > %d AND post_type NOT IN ( %s, %s, %s ) AND post_status NOT IN ( 'trash', 'auto-draft', 'inherit' ) AND ( post_content LIKE %s OR post_type = %s ) ORDER BY ID LIMIT %d",
				array_merge( array( $after_id ), self::SKIPPED_TYPES, array( '%' . $wpdb->esc_like( '[' . Settings::get()['shortcode'] ) . '%', Tables::POST_TYPE, $limit ) )
			)
		);
		if ( ! is_array( $rows ) || array() === $rows ) {
			return null;
		}
		foreach ( $rows as $row ) {
			if ( Tables::POST_TYPE === $row->post_type ) {
				$table = json_decode( (string) get_post_meta( (int) $row->ID, Tables::META, true ), true );
				self::sync_table( (int) $row->ID, is_array( $table ) && is_array( $table['products'] ?? null ) ? $table['products'] : array() );
			} else {
				self::sync( new \WP_Post( $row ) );
			}
		}
		return (int) end( $rows )->ID;
	}
}
