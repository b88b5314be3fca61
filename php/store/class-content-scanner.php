<?php
/**
 * Finds the products and lists that post content places.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Reads post content the way rendering does: every instance of the configured shortcode, found
 * with WordPress's own shortcode grammar wherever it sits (in classic content, a shortcode
 * block or any other block's markup), and every Shelf block, whose attributes are shortcode
 * attributes ({@see Blocks::shortcode_atts()}); both are read by {@see Shortcode::wanted()}, the
 * shortcode's own parser.
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
		foreach ( array_merge( self::shortcodes( $content ), self::blocks( $content ) ) as $atts ) {
			$wanted = Shortcode::wanted( $atts );
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

	/**
	 * The attributes of every shortcode in the content.
	 *
	 * @param string $content Post content.
	 * @return list<array<int|string, string>>
	 */
	private static function shortcodes( string $content ): array {
		$name = Settings::get()['shortcode'];
		if ( ! str_contains( $content, '[' . $name ) ) {
			return array();
		}
		preg_match_all( '/' . get_shortcode_regex( array( $name ) ) . '/', $content, $matches, PREG_SET_ORDER );
		$found = array();
		foreach ( $matches as $m ) {
			if ( '[' === $m[1] && ']' === $m[6] ) {
				continue; // [[amazon …]] is an escaped shortcode, shown as text.
			}
			$atts    = shortcode_parse_atts( $m[3] );
			$found[] = is_array( $atts ) ? $atts : array();
		}
		return $found;
	}

	/**
	 * The attributes of every Shelf block in the content, nested ones included, as its render
	 * callback receives them.
	 *
	 * @param string $content Post content.
	 * @return list<array<string, string>>
	 */
	private static function blocks( string $content ): array {
		if ( ! str_contains( $content, '<!-- wp:shelf/' ) ) {
			return array();
		}
		$registry = \WP_Block_Type_Registry::get_instance();
		$found    = array();
		$stack    = parse_blocks( $content );
		while ( $stack ) {
			$block = array_pop( $stack );
			$type  = str_starts_with( (string) $block['blockName'], 'shelf/' ) ? $registry->get_registered( $block['blockName'] ) : null;
			if ( $type ) {
				// As rendering gets them: block.json's defaults, values of the wrong type dropped.
				// A name that is not a registered block renders nothing, so it places nothing.
				$found[] = Blocks::shortcode_atts( $type->prepare_attributes_for_render( (array) $block['attrs'] ) );
			}
			array_push( $stack, ...$block['innerBlocks'] );
		}
		return array_reverse( $found );
	}
}
