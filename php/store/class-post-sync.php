<?php
/**
 * Keeps the store's known products in step with posts.
 *
 * @package Shelf
 */

namespace Shelf;

/**
 * When a post is saved (and when a stored table's data is written), the products and lists its
 * content places become known; posts saved before Shelf was active are scanned in batches.
 *
 * @since 0.1.0
 */
final class Post_Sync {

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'save_post', array( $this, 'on_save_post' ), 10, 2 );
		add_action( 'added_post_meta', array( $this, 'on_table_meta' ), 10, 4 );
		add_action( 'updated_post_meta', array( $this, 'on_table_meta' ), 10, 4 );
	}

	/**
	 * Hooked to `added_post_meta` / `updated_post_meta`: a stored table's products become known
	 * when its data is written (after its post was saved).
	 *
	 * @param int    $meta_id   Meta ID.
	 * @param int    $object_id Post ID.
	 * @param string $meta_key  Meta key.
	 * @param mixed  $value     Meta value (JSON, see Tables).
	 */
	public function on_table_meta( $meta_id, $object_id, $meta_key, $value ): void {
		if ( Tables::META !== $meta_key || ! is_string( $value ) ) {
			return;
		}
		$table = json_decode( wp_unslash( $value ), true );
		if ( is_array( $table ) && is_array( $table['products'] ?? null ) ) {
			Store_Registry::remember( Settings::get()['default_marketplace'], array_slice( $table['products'], 0, Tables::MAX_ITEMS ) );
		}
	}

	/**
	 * Hooked to `save_post`: remembers the products and lists a post's shortcodes and blocks use.
	 *
	 * @param int      $post_id Post ID.
	 * @param \WP_Post $post    Post.
	 */
	public function on_save_post( int $post_id, \WP_Post $post ): void {
		if ( wp_is_post_revision( $post_id ) || wp_is_post_autosave( $post_id ) || 'auto-draft' === $post->post_status ) {
			return;
		}
		$found = Content_Scanner::scan( (string) $post->post_content );
		/**
		 * Filters the products and lists found in a saved post, e.g. to add the products of
		 * another plugin's blocks.
		 *
		 * @since 0.1.0
		 *
		 * @param array{products: array<string, list<string>>, searches: list<array{market: string, kind: string, query: string, items: int}>} $found
		 *        ASINs per marketplace host, and lists.
		 * @param \WP_Post $post The post.
		 */
		$found = apply_filters( 'shelf_content_products', $found, $post );
		foreach ( (array) ( $found['products'] ?? array() ) as $market => $asins ) {
			Store_Registry::remember( (string) $market, (array) $asins );
		}
		foreach ( (array) ( $found['searches'] ?? array() ) as $search ) {
			if ( is_array( $search ) ) {
				Store_Registry::remember_search( (string) ( $search['market'] ?? '' ), (string) ( $search['kind'] ?? '' ), (string) ( $search['query'] ?? '' ), (int) ( $search['items'] ?? 10 ) );
			}
		}
	}

	/**
	 * Remembers the products of posts saved before Shelf was active (posts written for AAWP),
	 * a batch at a time, in post ID order.
	 *
	 * @param int $after_id Last post ID already scanned.
	 * @param int $limit    Posts per batch.
	 * @return int|null The last post ID scanned, or null when no post is left.
	 */
	public static function scan_posts( int $after_id, int $limit ): ?int {
		global $wpdb;
		$rows = $wpdb->get_results( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a one-time background scan; post caches do not help.
			$wpdb->prepare(
				"SELECT ID, post_content, post_status FROM {$wpdb->posts} WHERE ID > %d AND post_type NOT IN ( 'revision', 'attachment', 'nav_menu_item' ) AND post_status NOT IN ( 'trash', 'auto-draft', 'inherit' ) AND ( post_content LIKE %s OR post_content LIKE %s ) ORDER BY ID LIMIT %d",
				$after_id,
				'%' . $wpdb->esc_like( '[' . Settings::get()['shortcode'] ) . '%',
				'%' . $wpdb->esc_like( '<!-- wp:shelf/' ) . '%',
				$limit
			)
		);
		if ( ! is_array( $rows ) || array() === $rows ) {
			return null;
		}
		foreach ( $rows as $row ) {
			$found = Content_Scanner::scan( (string) $row->post_content );
			foreach ( $found['products'] as $market => $asins ) {
				Store_Registry::remember( (string) $market, $asins );
			}
			foreach ( $found['searches'] as $search ) {
				Store_Registry::remember_search( $search['market'], $search['kind'], $search['query'], $search['items'] );
			}
		}
		return (int) end( $rows )->ID;
	}
}
