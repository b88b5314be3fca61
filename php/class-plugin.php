<?php
/**
 * Wires Shelf's parts together.
 *
 * @package Shelf
 */

namespace Shelf;

/**
 * The plugin: builds each part and lets it add its hooks.
 *
 * @since 0.1.0
 */
final class Plugin {

	/**
	 * Registers every part.
	 */
	public function register(): void {
		$assets = new Assets();
		$assets->register();
		( new Settings() )->register();
		( new Settings_Page( $assets ) )->register();
		( new Shortcode( $assets ) )->register();
	}
}
