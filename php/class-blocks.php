<?php
/**
 * The block editor's Shelf blocks.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Registers the dynamic blocks in `blocks/` (box, table, list, fields, link) and their shared
 * editor script. A block's attributes are the shortcode's, one to one, so a block renders
 * through {@see Shortcode::render()}: the placeholder, the fallback, the notices and the data
 * block are the shortcode's own, and nothing block-specific reaches visitors.
 *
 * @since 0.2.0
 */
final class Blocks {

	/** The editor script every Shelf block and the "Amazon link" format share. */
	public const SCRIPT = 'shelf-blocks';

	/** Block names (directories in `blocks/`). */
	public const NAMES = array( 'box', 'table', 'list', 'fields', 'link' );

	/**
	 * Constructor.
	 *
	 * @param Shortcode $shortcode The shortcode, whose rendering blocks share.
	 */
	public function __construct( private Shortcode $shortcode ) {
	}

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		// After Assets registered the script and styles that block.json names.
		add_action( 'init', array( $this, 'register_blocks' ), 20 );
		add_action( 'enqueue_block_editor_assets', array( $this, 'editor_style' ) );
	}

	/**
	 * Hooked to `init`.
	 */
	public function register_blocks(): void {
		if ( ! wp_script_is( self::SCRIPT, 'registered' ) ) {
			return;
		}
		foreach ( self::NAMES as $name ) {
			register_block_type( SHELF_DIR . 'blocks/' . $name, array( 'render_callback' => array( $this, 'render' ) ) );
		}
	}

	/**
	 * Block render callback.
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 */
	public function render( array $attributes ): string {
		return $this->shortcode->render( self::shortcode_atts( $attributes ) );
	}

	/**
	 * A block's attributes as shortcode attributes: strings, empty ones left out (as if absent).
	 *
	 * @param array<string, mixed> $attributes Block attributes.
	 * @return array<string, string>
	 */
	public static function shortcode_atts( array $attributes ): array {
		$atts = array();
		foreach ( $attributes as $name => $value ) {
			if ( is_string( $name ) && is_scalar( $value ) && '' !== (string) $value ) {
				$atts[ $name ] = (string) $value;
			}
		}
		return $atts;
	}

	/**
	 * Hooked to `enqueue_block_editor_assets`: the picker's styles around the editor's frame
	 * (block.json's editorStyle covers the frame).
	 */
	public function editor_style(): void {
		wp_enqueue_style( Assets::EDITOR_STYLE );
	}
}
