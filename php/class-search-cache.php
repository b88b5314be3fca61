<?php
/**
 * Short-lived answers of the editor's product search.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * The same search (marketplace and keywords, case and spacing ignored) asked again within a few
 * minutes is answered from a transient instead of Amazon: editors repeat searches while they
 * type and pick, and each repeat would cost the site's Creators API budget. Only successful
 * answers are kept; results hold ASINs, titles and image URLs, which are the same for every user.
 *
 * @since 0.2.0
 */
final class Search_Cache {

	/**
	 * The cached results of a search, or null.
	 *
	 * @param string $market   Marketplace host.
	 * @param string $keywords Keywords as typed.
	 * @return list<array{asin: string, title: string, image: ?string}>|null
	 */
	public static function get( string $market, string $keywords ): ?array {
		if ( 0 === self::ttl() ) {
			return null;
		}
		$items = get_transient( self::key( $market, $keywords ) );
		return is_array( $items ) ? $items : null;
	}

	/**
	 * Keeps the results of a search.
	 *
	 * @param string                                                   $market   Marketplace host.
	 * @param string                                                   $keywords Keywords as typed.
	 * @param list<array{asin: string, title: string, image: ?string}> $items    Results.
	 */
	public static function put( string $market, string $keywords, array $items ): void {
		$ttl = self::ttl();
		if ( $ttl > 0 ) {
			set_transient( self::key( $market, $keywords ), $items, $ttl );
		}
	}

	/**
	 * Keywords as Amazon compares them: trimmed, inner whitespace runs as one space, lower case.
	 *
	 * @param string $keywords Keywords as typed.
	 */
	public static function normalise( string $keywords ): string {
		$spaced = preg_replace( '/\s+/u', ' ', $keywords );
		// Invalid UTF-8 (null) keeps its bytes, so it never shares a key with other input.
		return mb_strtolower( trim( $spaced ?? $keywords ) );
	}

	/**
	 * The transient name (under 172 characters; the `shelf_` prefix lets uninstall find it).
	 *
	 * @param string $market   Marketplace host.
	 * @param string $keywords Keywords as typed.
	 */
	private static function key( string $market, string $keywords ): string {
		return 'shelf_search_' . md5( $market . "\n" . self::normalise( $keywords ) );
	}

	/**
	 * How long answers are kept, in seconds.
	 */
	public static function ttl(): int {
		/**
		 * Filters how long the editor's product search keeps an answer for the same marketplace
		 * and keywords, in seconds. Clamped to 0 (no caching) – 1 hour.
		 *
		 * @since 0.2.0
		 *
		 * @param int $seconds Default 600.
		 */
		return Tunable::clamp( apply_filters( 'shelf_search_cache_ttl', 10 * MINUTE_IN_SECONDS ), 10 * MINUTE_IN_SECONDS, 0, HOUR_IN_SECONDS );
	}
}
