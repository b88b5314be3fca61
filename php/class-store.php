<?php
/**
 * The product store: Shelf's canonical copy of Amazon data, in its own tables.
 *
 * @package Shelf
 */

namespace Shelf;

/**
 * Rows keyed by (marketplace, ASIN) with the raw Creators API item, when it was fetched, the last
 * error and a status; stored search results for bestseller and new-release lists; and the list of
 * known products (every row exists because an ASIN was found in content or asked for by a
 * placement), which limits what the public REST route may return.
 *
 * Reads never call Amazon. Writes come from the refresh job. An item older than the data lifetime
 * (≤ 24 h, Amazon's caching limit) is never handed out for display.
 *
 * Status values: `pending` (never fetched), `ok`, `unavailable` (Amazon reported the item as not
 * accessible or not found), `error` (the last attempt failed before any data arrived); read
 * results may also say `expired` (data past its lifetime) or `unknown` (not a known product).
 *
 * @since 0.1.0
 */
final class Store {

	public const SCHEMA_VERSION = 1;
	public const SCHEMA_OPTION  = 'shelf_store_schema';
	public const PRODUCTS       = 'shelf_products';
	public const SEARCHES       = 'shelf_searches';
	public const KINDS          = array( 'bestseller', 'new' );

	/**
	 * Items read during this request, keyed by "market|ASIN", so repeated placements cost nothing.
	 *
	 * @var array<string, array{item: ?array, fetched_at: int, error: ?array, status: string}>
	 */
	private static array $memo = array();

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'plugins_loaded', array( self::class, 'maybe_install' ) );
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
			self::remember( Settings::get()['default_marketplace'], array_slice( $table['products'], 0, Tables::MAX_ITEMS ) );
		}
	}

	/**
	 * Creates or upgrades the tables when the stored schema version is older than this code's.
	 */
	public static function maybe_install(): void {
		if ( (int) get_option( self::SCHEMA_OPTION, 0 ) !== self::SCHEMA_VERSION ) {
			self::install();
		}
	}

	/**
	 * Creates or upgrades the tables with dbDelta (its format: two spaces after PRIMARY KEY, one
	 * column per line).
	 */
	public static function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$charset  = $wpdb->get_charset_collate();
		$products = $wpdb->prefix . self::PRODUCTS;
		$searches = $wpdb->prefix . self::SEARCHES;
		$state    = State::table();
		dbDelta(
			array(
				"CREATE TABLE {$products} (
  marketplace varchar(32) NOT NULL,
  asin char(10) NOT NULL,
  item longtext NULL,
  fetched_at bigint(20) unsigned NOT NULL DEFAULT 0,
  checked_at bigint(20) unsigned NOT NULL DEFAULT 0,
  error text NULL,
  status varchar(16) NOT NULL DEFAULT 'pending',
  known_at bigint(20) unsigned NOT NULL DEFAULT 0,
  next_at bigint(20) unsigned NOT NULL DEFAULT 0,
  claim varchar(32) NOT NULL DEFAULT '',
  claimed_until bigint(20) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (marketplace,asin),
  KEY next_at (next_at)
) {$charset};",
				"CREATE TABLE {$searches} (
  marketplace varchar(32) NOT NULL,
  kind varchar(16) NOT NULL,
  query_hash char(32) NOT NULL,
  query varchar(255) NOT NULL,
  items tinyint(3) unsigned NOT NULL DEFAULT 10,
  asins text NULL,
  fetched_at bigint(20) unsigned NOT NULL DEFAULT 0,
  checked_at bigint(20) unsigned NOT NULL DEFAULT 0,
  error text NULL,
  status varchar(16) NOT NULL DEFAULT 'pending',
  next_at bigint(20) unsigned NOT NULL DEFAULT 0,
  claim varchar(32) NOT NULL DEFAULT '',
  claimed_until bigint(20) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (marketplace,kind,query_hash),
  KEY next_at (next_at)
) {$charset};",
				"CREATE TABLE {$state} (
  name varchar(191) NOT NULL,
  num double NOT NULL DEFAULT 0,
  stamp double NOT NULL DEFAULT 0,
  data longtext NULL,
  expires_at bigint(20) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (name)
) {$charset};",
			)
		);
		update_option( self::SCHEMA_OPTION, self::SCHEMA_VERSION, true );
	}

	/**
	 * The products table name.
	 */
	public static function products_table(): string {
		global $wpdb;
		return $wpdb->prefix . self::PRODUCTS;
	}

	/**
	 * The searches table name.
	 */
	public static function searches_table(): string {
		global $wpdb;
		return $wpdb->prefix . self::SEARCHES;
	}

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
			$table = self::products_table();
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
		global $wpdb;
		$table = self::searches_table();
		$row   = $wpdb->get_row( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			$wpdb->prepare( "SELECT asins, fetched_at FROM {$table} WHERE marketplace = %s AND kind = %s AND query_hash = %s", $market, $kind, md5( $query ) ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
			ARRAY_A
		);
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
	 * Normalises a search query: plain text, single spaces, at most 255 characters.
	 *
	 * @param string $query Raw query.
	 */
	public static function clean_query( string $query ): string {
		$query = trim( (string) preg_replace( '/\s+/u', ' ', wp_strip_all_tags( $query ) ) );
		return mb_substr( $query, 0, 255 );
	}

	/**
	 * Marks ASINs as known and schedules a fetch soon, in a cron request (never inside this one).
	 *
	 * @param string       $market Marketplace host.
	 * @param list<string> $asins  ASINs.
	 */
	public static function remember( string $market, array $asins ): void {
		$asins = array_slice( self::clean_asins( $asins ), 0, 500 );
		if ( ! Marketplaces::exists( $market ) || array() === $asins ) {
			return;
		}
		global $wpdb;
		$table  = self::products_table();
		$now    = Clock::time();
		$values = array();
		$args   = array();
		foreach ( $asins as $asin ) {
			$values[] = '( %s, %s, %d, 0 )';
			array_push( $args, $market, $asin, $now );
		}
		$sql   = "INSERT IGNORE INTO {$table} ( marketplace, asin, known_at, next_at ) VALUES " . implode( ', ', $values );
		$added = $wpdb->query( $wpdb->prepare( $sql, ...$args ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- built from placeholders only.
		foreach ( $asins as $asin ) {
			unset( self::$memo[ $market . '|' . $asin ] );
		}
		if ( is_int( $added ) && $added > 0 ) {
			Refresh::schedule_soon();
		}
	}

	/**
	 * Marks a bestseller or new-release list as known and schedules its first fetch.
	 *
	 * @param string $market Marketplace host.
	 * @param string $kind   `bestseller` or `new`.
	 * @param string $query  Keywords or a browse node id.
	 * @param int    $items  How many items the placement shows (1–25).
	 */
	public static function remember_search( string $market, string $kind, string $query, int $items = 10 ): void {
		$query = self::clean_query( $query );
		if ( ! Marketplaces::exists( $market ) || ! in_array( $kind, self::KINDS, true ) || '' === $query ) {
			return;
		}
		global $wpdb;
		$table = self::searches_table();
		$items = max( 1, min( 25, $items ) );
		$added = $wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			$wpdb->prepare( "INSERT INTO {$table} ( marketplace, kind, query_hash, query, items, next_at ) VALUES ( %s, %s, %s, %s, %d, 0 ) ON DUPLICATE KEY UPDATE items = GREATEST( items, VALUES( items ) )", $market, $kind, md5( $query ), $query, $items ) // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
		);
		if ( 1 === $added ) {
			Refresh::schedule_soon();
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
		$found = self::scan( (string) $post->post_content );
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
			self::remember( (string) $market, (array) $asins );
		}
		foreach ( (array) ( $found['searches'] ?? array() ) as $search ) {
			if ( is_array( $search ) ) {
				self::remember_search( (string) ( $search['market'] ?? '' ), (string) ( $search['kind'] ?? '' ), (string) ( $search['query'] ?? '' ), (int) ( $search['items'] ?? 10 ) );
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
			$found = self::scan( (string) $row->post_content );
			foreach ( $found['products'] as $market => $asins ) {
				self::remember( (string) $market, $asins );
			}
			foreach ( $found['searches'] as $search ) {
				self::remember_search( $search['market'], $search['kind'], $search['query'], $search['items'] );
			}
		}
		return (int) end( $rows )->ID;
	}

	/**
	 * Finds the products and lists in post content: the configured shortcode (parsed with
	 * WordPress's own shortcode grammar) and Shelf blocks (`shelf/*`, attributes `asin`, `asins`,
	 * `marketplace`).
	 *
	 * @param string $content Post content.
	 * @return array{products: array<string, list<string>>, searches: list<array{market: string, kind: string, query: string, items: int}>}
	 */
	public static function scan( string $content ): array {
		$found    = array(
			'products' => array(),
			'searches' => array(),
		);
		$settings = Settings::get();
		$default  = $settings['default_marketplace'];
		$name     = $settings['shortcode'];
		if ( str_contains( $content, '[' . $name ) ) {
			preg_match_all( '/' . get_shortcode_regex( array( $name ) ) . '/', $content, $matches, PREG_SET_ORDER );
			foreach ( $matches as $m ) {
				if ( '[' === $m[1] && ']' === $m[6] ) {
					continue; // [[amazon …]] is an escaped shortcode, shown as text.
				}
				$atts = shortcode_parse_atts( $m[3] );
				self::collect( is_array( $atts ) ? $atts : array(), $default, $found );
			}
		}
		if ( str_contains( $content, '<!-- wp:shelf/' ) ) {
			self::collect_blocks( parse_blocks( $content ), $default, $found );
		}
		foreach ( $found['products'] as $market => $asins ) {
			$found['products'][ $market ] = self::clean_asins( $asins );
		}
		return $found;
	}

	/**
	 * Adds the products and lists of one shortcode's attributes.
	 *
	 * @param array<int|string, mixed> $atts    Attributes.
	 * @param string                   $default Default marketplace.
	 * @param array                    $found   Accumulator (see scan()).
	 */
	private static function collect( array $atts, string $default, array &$found ): void {
		$market = is_string( $atts['marketplace'] ?? null ) && Marketplaces::exists( $atts['marketplace'] ) ? $atts['marketplace'] : $default;
		foreach ( array( 'box', 'link', 'fields', 'table' ) as $key ) {
			$value = $atts[ $key ] ?? null;
			if ( ! is_string( $value ) ) {
				continue;
			}
			if ( 'table' === $key && ctype_digit( trim( $value ) ) ) {
				// table="12" names a stored table: its products, in this placement's marketplace.
				$stored = Tables::get( (int) $value );
				foreach ( is_wp_error( $stored ) ? array() : (array) $stored['table']['products'] as $asin ) {
					$found['products'][ $market ][] = $asin;
				}
				continue;
			}
			foreach ( explode( ',', $value ) as $asin ) {
				$found['products'][ $market ][] = $asin;
			}
		}
		$items = isset( $atts['items'] ) && is_numeric( $atts['items'] ) ? (int) $atts['items'] : 10;
		foreach ( self::KINDS as $kind ) {
			if ( is_string( $atts[ $kind ] ?? null ) && '' !== trim( $atts[ $kind ] ) ) {
				$found['searches'][] = array(
					'market' => $market,
					'kind'   => $kind,
					'query'  => $atts[ $kind ],
					'items'  => max( 1, min( 25, $items ) ),
				);
			}
		}
	}

	/**
	 * Walks parsed blocks (inner blocks included) for Shelf blocks.
	 *
	 * @param array<int, array<string, mixed>> $blocks  Parsed blocks.
	 * @param string                           $default Default marketplace.
	 * @param array                            $found   Accumulator (see scan()).
	 */
	private static function collect_blocks( array $blocks, string $default, array &$found ): void {
		$stack = $blocks;
		while ( array() !== $stack ) {
			$block = array_pop( $stack );
			if ( ! is_array( $block ) ) {
				continue;
			}
			foreach ( (array) ( $block['innerBlocks'] ?? array() ) as $inner ) {
				$stack[] = $inner;
			}
			if ( ! is_string( $block['blockName'] ?? null ) || ! str_starts_with( $block['blockName'], 'shelf/' ) ) {
				continue;
			}
			$attrs  = (array) ( $block['attrs'] ?? array() );
			$market = is_string( $attrs['marketplace'] ?? null ) && Marketplaces::exists( $attrs['marketplace'] ) ? $attrs['marketplace'] : $default;
			$asins  = $attrs['asins'] ?? array();
			$asins  = is_string( $asins ) ? explode( ',', $asins ) : ( is_array( $asins ) ? $asins : array() );
			if ( is_string( $attrs['asin'] ?? null ) ) {
				$asins[] = $attrs['asin'];
			}
			foreach ( $asins as $asin ) {
				$found['products'][ $market ][] = $asin;
			}
		}
	}

	/**
	 * Claims up to `$limit` due products of one marketplace for this worker, atomically, so
	 * parallel refresh runs never fetch the same ASIN twice.
	 *
	 * @param string $market Marketplace host.
	 * @param int    $limit  Batch size.
	 * @param int    $ttl    Seconds the claim lasts.
	 * @return list<string> Claimed ASINs.
	 */
	public static function claim_due( string $market, int $limit, int $ttl ): array {
		global $wpdb;
		$table = self::products_table();
		$now   = Clock::time();
		$claim = wp_generate_password( 24, false );
		$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			$wpdb->prepare( "UPDATE {$table} SET claim = %s, claimed_until = %d WHERE marketplace = %s AND next_at <= %d AND claimed_until < %d ORDER BY next_at, asin LIMIT %d", $claim, $now + $ttl, $market, $now, $now, $limit ) // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
		);
		$asins = $wpdb->get_col( $wpdb->prepare( "SELECT asin FROM {$table} WHERE marketplace = %s AND claim = %s ORDER BY asin", $market, $claim ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		return array_map( 'strval', is_array( $asins ) ? $asins : array() );
	}

	/**
	 * Marketplaces with products or lists due for a refresh, most overdue first.
	 *
	 * @return list<string>
	 */
	public static function due_markets(): array {
		global $wpdb;
		$now      = Clock::time();
		$products = self::products_table();
		$searches = self::searches_table();
		$markets  = $wpdb->get_col( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own tables.
			$wpdb->prepare( "SELECT marketplace FROM ( SELECT marketplace, MIN( next_at ) AS due FROM {$products} WHERE next_at <= %d AND claimed_until < %d GROUP BY marketplace UNION ALL SELECT marketplace, MIN( next_at ) FROM {$searches} WHERE next_at <= %d AND claimed_until < %d GROUP BY marketplace ) AS d GROUP BY marketplace ORDER BY MIN( due )", $now, $now, $now, $now ) // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table names from prefix + constants.
		);
		return array_values( array_filter( array_map( 'strval', is_array( $markets ) ? $markets : array() ), array( Marketplaces::class, 'exists' ) ) );
	}

	/**
	 * Claims one due list of a marketplace.
	 *
	 * @param string $market Marketplace host.
	 * @param int    $ttl    Seconds the claim lasts.
	 * @return array{kind: string, query: string, items: int}|null
	 */
	public static function claim_due_search( string $market, int $ttl ): ?array {
		global $wpdb;
		$table = self::searches_table();
		$now   = Clock::time();
		$claim = wp_generate_password( 24, false );
		$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			$wpdb->prepare( "UPDATE {$table} SET claim = %s, claimed_until = %d WHERE marketplace = %s AND next_at <= %d AND claimed_until < %d ORDER BY next_at LIMIT 1", $claim, $now + $ttl, $market, $now, $now ) // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
		);
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT kind, query, items FROM {$table} WHERE marketplace = %s AND claim = %s", $market, $claim ), ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		if ( ! is_array( $row ) ) {
			return null;
		}
		return array(
			'kind'  => (string) $row['kind'],
			'query' => (string) $row['query'],
			'items' => (int) $row['items'],
		);
	}

	/**
	 * Stores a successful fetch of items.
	 *
	 * @param string                              $market Marketplace host.
	 * @param array<string, array<string, mixed>> $items  Raw items keyed by ASIN.
	 * @param int                                 $next   When to refresh them.
	 */
	public static function save_items( string $market, array $items, int $next ): void {
		global $wpdb;
		$table = self::products_table();
		$now   = Clock::time();
		foreach ( $items as $asin => $item ) {
			$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
				$wpdb->prepare(
					"INSERT INTO {$table} ( marketplace, asin, item, fetched_at, checked_at, error, status, known_at, next_at, claim, claimed_until ) VALUES ( %s, %s, %s, %d, %d, NULL, 'ok', %d, %d, '', 0 ) ON DUPLICATE KEY UPDATE item = VALUES( item ), fetched_at = VALUES( fetched_at ), checked_at = VALUES( checked_at ), error = NULL, status = 'ok', next_at = VALUES( next_at ), claim = '', claimed_until = 0", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
					$market,
					(string) $asin,
					(string) wp_json_encode( $item ),
					$now,
					$now,
					$now,
					$next
				)
			);
			unset( self::$memo[ $market . '|' . $asin ] );
		}
	}

	/**
	 * Stores a failed fetch: the error, and when to try again. The last good item stays.
	 *
	 * @param string                                      $market Marketplace host.
	 * @param array<string, array{code: string, message: string}> $errors Error per ASIN.
	 * @param int                                         $next   When to try again.
	 * @param bool                                        $unavailable Whether Amazon said the items are unavailable (vs a failed call).
	 */
	public static function save_errors( string $market, array $errors, int $next, bool $unavailable ): void {
		global $wpdb;
		$table = self::products_table();
		$now   = Clock::time();
		foreach ( $errors as $asin => $error ) {
			$status = $unavailable ? "'unavailable'" : "IF( status = 'pending', 'error', status )";
			$wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
				$wpdb->prepare(
					"UPDATE {$table} SET checked_at = %d, error = %s, status = {$status}, next_at = %d, claim = '', claimed_until = 0 WHERE marketplace = %s AND asin = %s", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and a fixed SQL fragment.
					$now,
					(string) wp_json_encode(
						array(
							'code'    => (string) $error['code'],
							'message' => (string) $error['message'],
						)
					),
					$next,
					$market,
					(string) $asin
				)
			);
			unset( self::$memo[ $market . '|' . $asin ] );
		}
	}

	/**
	 * Stores a list's result (or its error when `$asins` is null).
	 *
	 * @param string                                    $market Marketplace host.
	 * @param string                                    $kind   Kind.
	 * @param string                                    $query  Query.
	 * @param list<string>|null                         $asins  Ordered ASINs, or null on failure.
	 * @param array{code: string, message: string}|null $error  Error on failure.
	 * @param int                                       $next   When to refresh.
	 */
	public static function save_search( string $market, string $kind, string $query, ?array $asins, ?array $error, int $next ): void {
		global $wpdb;
		$table = self::searches_table();
		$now   = Clock::time();
		if ( null !== $asins ) {
			$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET asins = %s, fetched_at = %d, checked_at = %d, error = NULL, status = 'ok', next_at = %d, claim = '', claimed_until = 0 WHERE marketplace = %s AND kind = %s AND query_hash = %s", (string) wp_json_encode( array_values( $asins ) ), $now, $now, $next, $market, $kind, md5( $query ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
			return;
		}
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET checked_at = %d, error = %s, status = IF( status = 'pending', 'error', status ), next_at = %d, claim = '', claimed_until = 0 WHERE marketplace = %s AND kind = %s AND query_hash = %s", $now, (string) wp_json_encode( $error ), $next, $market, $kind, md5( $query ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
	}

	/**
	 * Releases claims without changing anything else (a run that stopped early).
	 *
	 * @param string       $market Marketplace host.
	 * @param list<string> $asins  ASINs.
	 */
	public static function release( string $market, array $asins ): void {
		global $wpdb;
		if ( array() === $asins ) {
			return;
		}
		$table = self::products_table();
		$in    = implode( ',', array_fill( 0, count( $asins ), '%s' ) );
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET claim = '', claimed_until = 0 WHERE marketplace = %s AND asin IN ({$in})", $market, ...$asins ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and placeholders.
	}

	/**
	 * Releases a list's claim (a run that stopped early).
	 *
	 * @param string $market Marketplace host.
	 * @param string $kind   Kind.
	 * @param string $query  Query.
	 */
	public static function release_search( string $market, string $kind, string $query ): void {
		global $wpdb;
		$table = self::searches_table();
		$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET claim = '', claimed_until = 0 WHERE marketplace = %s AND kind = %s AND query_hash = %s", $market, $kind, md5( $query ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
	}

	/**
	 * Makes known products and lists due now (the "Refresh now" button).
	 *
	 * @param string|null $market One marketplace, or all.
	 * @return int Rows made due.
	 */
	public static function make_due( ?string $market = null ): int {
		global $wpdb;
		$now = Clock::time();
		$n   = 0;
		foreach ( array( self::products_table(), self::searches_table() ) as $table ) {
			$n += (int) ( null === $market
				? $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET next_at = %d WHERE next_at > %d", $now, $now ) ) // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
				: $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET next_at = %d WHERE next_at > %d AND marketplace = %s", $now, $now, $market ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		}
		self::$memo = array();
		return $n;
	}

	/**
	 * Counts for the status panel.
	 *
	 * @return array{products: int, by_status: array<string, int>, due: int, lists: int, oldest_fetch: int}
	 */
	public static function stats(): array {
		global $wpdb;
		$table = self::products_table();
		$rows  = $wpdb->get_results( "SELECT status, COUNT(*) AS n FROM {$table} GROUP BY status", ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
		$by    = array();
		$total = 0;
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$by[ (string) $row['status'] ] = (int) $row['n'];
			$total                        += (int) $row['n'];
		}
		$searches = self::searches_table();
		return array(
			'products'     => $total,
			'by_status'    => $by,
			'due'          => (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$table} WHERE next_at <= %d", Clock::time() ) ), // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
			'lists'        => (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$searches}" ), // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
			'oldest_fetch' => (int) $wpdb->get_var( "SELECT MIN( fetched_at ) FROM {$table} WHERE fetched_at > 0" ), // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- no input.
		);
	}

	/**
	 * Forgets what this request read (tests, and after writes from another worker).
	 */
	public static function flush_memo(): void {
		self::$memo = array();
	}
}
