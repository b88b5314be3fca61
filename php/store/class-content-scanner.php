<?php
/**
 * Finds the products and lists that post content places.
 *
 * @package Shelf
 */

namespace Shelf;

/**
 * Reads post content the way rendering does: the configured shortcode, parsed with WordPress's
 * own shortcode grammar, and Shelf blocks.
 *
 * @since 0.1.0
 */
final class Content_Scanner {

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
			$found['products'][ $market ] = Store::clean_asins( $asins );
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
		foreach ( Store::KINDS as $kind ) {
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
}
