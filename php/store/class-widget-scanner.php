<?php
/**
 * Finds the products and lists that the site's widgets place.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Reads the classic Text widgets (`widget_text`, their `text`) and the block widgets
 * (`widget_block`, their `content`) that sit in a sidebar the active theme registers, as
 * {@see Content_Scanner} reads post content: the shortcode and Shelf's blocks. Other widgets
 * ("Inactive widgets", orphaned ones, any widget under a block theme) reach no visitor and place
 * nothing.
 *
 * @since 0.3.0
 */
final class Widget_Scanner {

	/** Widget types whose instances may hold shortcodes or blocks: id_base => instance field. */
	public const TYPES = array(
		'text'  => 'text',
		'block' => 'content',
	);

	/**
	 * The products, lists and stored tables the active widgets place.
	 *
	 * @return array{products: array<string, list<string>>, searches: list<array{market: string, kind: string, query: string, items: int}>, tables: list<int>}
	 */
	public static function scan(): array {
		return Content_Scanner::scan( implode( "\n", self::contents() ) );
	}

	/**
	 * The text of every widget of {@see TYPES} in a registered sidebar, in sidebar order.
	 *
	 * @return list<string>
	 */
	public static function contents(): array {
		$sidebars  = get_option( 'sidebars_widgets' );
		$instances = array();
		foreach ( self::TYPES as $base => $field ) {
			$option             = get_option( 'widget_' . $base );
			$instances[ $base ] = is_array( $option ) ? $option : array();
		}
		$contents = array();
		foreach ( is_array( $sidebars ) ? $sidebars : array() as $sidebar => $widget_ids ) {
			if ( 'wp_inactive_widgets' === $sidebar || ! is_array( $widget_ids ) || ! is_registered_sidebar( (string) $sidebar ) ) {
				continue; // Also skips the option's `array_version` entry.
			}
			foreach ( $widget_ids as $widget_id ) {
				if ( ! is_string( $widget_id ) || 1 !== preg_match( '/^(text|block)-(\d+)$/D', $widget_id, $m ) ) {
					continue;
				}
				$text = $instances[ $m[1] ][ (int) $m[2] ][ self::TYPES[ $m[1] ] ] ?? null;
				if ( is_string( $text ) && '' !== $text ) {
					$contents[] = $text;
				}
			}
		}
		return $contents;
	}
}
