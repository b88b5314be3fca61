<?php
/**
 * Finds the products and lists that post content places.
 *
 * @package Shelf
 */

namespace Shelf;

/**
 * Reads post content the way rendering does: every instance of the configured shortcode, found
 * with WordPress's own shortcode grammar wherever it sits (in classic content, a shortcode
 * block or any other block's markup), and read by {@see Shortcode::wanted()}, the shortcode's own
 * parser. Shelf registers no blocks, so no block comment places anything by itself.
 *
 * @since 0.1.0
 */
final class Content_Scanner {

	/**
	 * The products, lists and stored tables in post content.
	 *
	 * @param string $content Post content.
	 * @return array{products: array<string, list<string>>, searches: list<array{market: string, kind: string, query: string, items: int}>, tables: list<int>}
	 */
	public static function scan( string $content ): array {
		$found = array(
			'products' => array(),
			'searches' => array(),
			'tables'   => array(),
		);
		$name  = Settings::get()['shortcode'];
		if ( ! str_contains( $content, '[' . $name ) ) {
			return $found;
		}
		preg_match_all( '/' . get_shortcode_regex( array( $name ) ) . '/', $content, $matches, PREG_SET_ORDER );
		foreach ( $matches as $m ) {
			if ( '[' === $m[1] && ']' === $m[6] ) {
				continue; // [[amazon …]] is an escaped shortcode, shown as text.
			}
			$atts   = shortcode_parse_atts( $m[3] );
			$wanted = Shortcode::wanted( is_array( $atts ) ? $atts : array() );
			foreach ( $wanted['products'] as $market => $asins ) {
				$found['products'][ $market ] = array_merge( $found['products'][ $market ] ?? array(), $asins );
			}
			$found['searches'] = array_merge( $found['searches'], $wanted['searches'] );
			$found['tables']   = array_merge( $found['tables'], $wanted['tables'] );
		}
		foreach ( $found['products'] as $market => $asins ) {
			$found['products'][ $market ] = Store::clean_asins( $asins );
		}
		$found['tables'] = array_values( array_unique( $found['tables'] ) );
		return $found;
	}
}
