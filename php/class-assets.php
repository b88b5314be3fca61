<?php
/**
 * Script modules and styles.
 *
 * @package Shelf
 */

namespace Shelf;

/**
 * Registers Shelf's ES modules (Script Modules API) and enqueues them only where needed.
 *
 * @since 0.1.0
 */
final class Assets {

	public const LOADER   = '@shelf/loader';
	public const WASM     = '@shelf/wasm';
	public const SETTINGS = '@shelf/settings';
	public const STATUS   = '@shelf/status-panel';
	public const STYLE    = 'shelf';

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'register_modules' ) );
	}

	/**
	 * Hooked to `init`.
	 */
	public function register_modules(): void {
		$base = plugins_url( 'js/', SHELF_FILE );
		// The smaller module unless the owner switched localisation on: only then does the
		// loader call visitorMarketplace and localizeLinks.
		$wasm = Settings::get()['localise'] ? 'wasm-links' : 'wasm';
		wp_register_script_module( self::WASM, $base . $wasm . '/shelf_core.js', array(), SHELF_VERSION );
		wp_register_script_module( self::LOADER, $base . 'loader.js', array( self::WASM ), SHELF_VERSION );
		wp_register_script_module( self::SETTINGS, $base . 'settings.js', array(), SHELF_VERSION );
		wp_register_script_module( self::STATUS, $base . 'status-panel.js', array(), SHELF_VERSION );
		wp_register_style( self::STYLE, plugins_url( 'assets/shelf.css', SHELF_FILE ), array(), SHELF_VERSION );
	}

	/**
	 * The one stylesheet for every component; enqueued by placements as they render.
	 */
	public function enqueue_style(): void {
		wp_enqueue_style( self::STYLE );
	}

	/**
	 * The front-end loader; called by placements as they render, so pages without any get none.
	 */
	public function enqueue_loader(): void {
		wp_enqueue_script_module( self::LOADER );
	}

	/**
	 * The settings screen's live validator.
	 */
	public function enqueue_settings(): void {
		wp_enqueue_script_module( self::SETTINGS );
	}

	/**
	 * The status panel's "Test connection" and "Refresh now" buttons.
	 */
	public function enqueue_status_panel(): void {
		wp_enqueue_script_module( self::STATUS );
	}
}
