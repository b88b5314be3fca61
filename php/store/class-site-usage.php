<?php
/**
 * The usage of what the site places outside post content.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Widgets ({@see Widget_Scanner}) and the site's templates ({@see Template_Seen}) place products
 * too, but are no post. Their usage is kept under one owner, post ID {@see OWNER} (no post has
 * it), published, so the refresh keeps those products fresh, the public products route answers
 * for them and the daily expiry keeps them. Together they register at most what one post may
 * ({@see Store_Caps}), widgets first.
 *
 * Synced when a widget or sidebar changes (an admin's request), and right before every refresh
 * run and the background scan of existing content (cron requests); never in a page view.
 *
 * @since 0.3.0
 */
final class Site_Usage {

	/** The usage owner standing for widgets and templates. */
	public const OWNER = 0;

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		foreach ( array_merge( array( 'sidebars_widgets' ), array_map( static fn( string $base ): string => 'widget_' . $base, array_keys( Widget_Scanner::TYPES ) ) ) as $option ) {
			add_action( 'add_option_' . $option, array( self::class, 'sync' ) );
			add_action( 'update_option_' . $option, array( self::class, 'sync' ) );
		}
		// Before the run itself (priority 10), so what templates showed is fetched in it.
		add_action( Refresh::HOOK, array( self::class, 'sync' ), 5 );
		add_action( Refresh::SOON_HOOK, array( self::class, 'sync' ), 5 );
		add_action( Refresh::SCAN_HOOK, array( self::class, 'sync' ), 5 );
	}

	/**
	 * Makes the owner's usage what widgets and templates place now, and registers what is new.
	 */
	public static function sync(): void {
		// WordPress writes a new site's default widgets before Shelf has tables there; the scan
		// that follows their creation syncs (Store_Schema::maybe_install()).
		if ( ! Store_Schema::installed() ) {
			return;
		}
		$found = Widget_Scanner::scan();
		foreach ( Template_Seen::asins() as $seen_market => $asins ) {
			$found['products'][ $seen_market ] = array_merge( $found['products'][ $seen_market ] ?? array(), $asins );
		}
		$left = Store_Caps::post_products();
		$uses = array();
		foreach ( $found['products'] as $product_market => $asins ) {
			$asins                                = array_slice( Store::clean_asins( $asins ), 0, max( 0, $left ) );
			$left                                -= count( $asins );
			$found['products'][ $product_market ] = $asins;
			foreach ( $asins as $asin ) {
				$uses[] = array( (string) $product_market, Store_Usage::PRODUCT, $asin );
			}
		}
		$found['searches'] = array_slice( $found['searches'], 0, Store_Caps::post_lists() );
		foreach ( $found['searches'] as $search ) {
			$uses[] = array( $search['market'], $search['kind'], md5( Store::clean_query( $search['query'] ) ) );
		}
		foreach ( $found['tables'] as $id ) {
			$uses[] = array( '', Store_Usage::TABLE, (string) $id );
		}
		// Usage first: the daily expiry never removes a row that is used.
		Store_Usage::replace( self::OWNER, $uses, true );
		foreach ( $found['products'] as $product_market => $asins ) {
			Store_Registry::remember( (string) $product_market, $asins );
		}
		foreach ( $found['searches'] as $search ) {
			Store_Registry::remember_search( $search['market'], $search['kind'], $search['query'], $search['items'] );
		}
	}
}
