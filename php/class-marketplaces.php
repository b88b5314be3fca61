<?php
/**
 * The marketplace list, as the core defines it.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Reads data/marketplaces.php, which build.sh writes from the Rust core's table, so PHP and
 * the core always list the same stores.
 *
 * @since 0.1.0
 */
final class Marketplaces {

	/**
	 * Cached table.
	 *
	 * @var array<string, array{country: string, host: string, currency: string, locale: string, region: string, tagSuffix: string}>|null
	 */
	private static ?array $by_host = null;

	/**
	 * Every marketplace keyed by host, in the core's order.
	 *
	 * @return array<string, array{country: string, host: string, currency: string, locale: string, region: string, tagSuffix: string}>
	 */
	public static function all(): array {
		if ( null === self::$by_host ) {
			$list          = require SHELF_DIR . 'data/marketplaces.php';
			self::$by_host = array();
			foreach ( is_array( $list ) ? $list : array() as $market ) {
				self::$by_host[ $market['host'] ] = $market;
			}
		}
		return self::$by_host;
	}

	/**
	 * Whether a host is one of the marketplaces.
	 *
	 * @param string $host A store host such as www.amazon.de.
	 */
	public static function exists( string $host ): bool {
		return isset( self::all()[ $host ] );
	}
}
