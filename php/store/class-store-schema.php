<?php
/**
 * The store's tables.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Creates and upgrades Shelf's own tables: products (`localised` marks rows kept only for
 * visitors sent to another store, see {@see Store_Localised}), lists (searches), usage (which
 * post places which product, list or stored table) and the shared state. The stored schema version says
 * whether this code's tables exist yet.
 *
 * @since 0.1.0
 */
final class Store_Schema {

	public const SCHEMA_VERSION = 3;
	public const SCHEMA_OPTION  = 'shelf_store_schema';
	public const PRODUCTS       = 'shelf_products';
	public const SEARCHES       = 'shelf_searches';
	public const USAGE          = 'shelf_usage';

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'plugins_loaded', array( self::class, 'maybe_install' ) );
		add_filter( 'wpmu_drop_tables', array( self::class, 'drop_with_site' ), 10, 2 );
	}

	/**
	 * Creates or upgrades the tables when the stored schema version is older than this code's.
	 */
	public static function maybe_install(): void {
		$installed = (int) get_option( self::SCHEMA_OPTION, 0 );
		if ( self::SCHEMA_VERSION === $installed ) {
			return;
		}
		self::install();
		if ( $installed < 2 ) {
			// A site of a network that had no tables yet (network activation runs the activation
			// hook on the main site only; sites made later get none), or tables without usage (new
			// in version 2): find usage in existing posts before anything can expire.
			Refresh::scan_soon();
		}
	}

	/**
	 * Whether this site has this code's tables. Not yet on a site of a network until its first
	 * request with Shelf active ({@see maybe_install()}), e.g. while WordPress creates the site.
	 */
	public static function installed(): bool {
		return self::SCHEMA_VERSION === (int) get_option( self::SCHEMA_OPTION, 0 );
	}

	/**
	 * Hooked to `wpmu_drop_tables`: a deleted site's Shelf tables go with WordPress's own.
	 *
	 * @param string[] $tables  Tables WordPress drops.
	 * @param int      $site_id The deleted site.
	 * @return string[]
	 */
	public static function drop_with_site( $tables, $site_id ): array {
		global $wpdb;
		$prefix = $wpdb->get_blog_prefix( (int) $site_id );
		return array_merge( (array) $tables, array( $prefix . self::PRODUCTS, $prefix . self::SEARCHES, $prefix . self::USAGE, $prefix . State::TABLE ) );
	}

	/**
	 * Creates or upgrades the tables with dbDelta (its format: two spaces after PRIMARY KEY, one
	 * column per line).
	 */
	public static function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$charset  = $wpdb->get_charset_collate();
		$products = self::products_table();
		$searches = self::searches_table();
		$usage    = self::usage_table();
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
  localised tinyint(1) unsigned NOT NULL DEFAULT 0,
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
				"CREATE TABLE {$usage} (
  post_id bigint(20) unsigned NOT NULL,
  marketplace varchar(32) NOT NULL,
  kind varchar(16) NOT NULL,
  ref varchar(32) NOT NULL,
  published tinyint(1) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (post_id,marketplace,kind,ref),
  KEY ref (marketplace,kind,ref)
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
	 * The usage table name.
	 */
	public static function usage_table(): string {
		global $wpdb;
		return $wpdb->prefix . self::USAGE;
	}
}
