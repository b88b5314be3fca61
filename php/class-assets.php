<?php
/**
 * Script modules and styles.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Registers Shelf's ES modules (Script Modules API) and enqueues them only where needed.
 *
 * @since 0.1.0
 */
final class Assets {

	public const LOADER       = '@shelf/loader';
	public const CLASSIC      = 'shelf-classic-tagging';
	public const SETTINGS     = '@shelf/settings';
	public const STATUS       = '@shelf/status-panel';
	public const STYLE        = 'shelf';
	public const EDITOR_STYLE = 'shelf-editor';

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'register_modules' ) );
		// Fires on the classic editor's screen only (the block editor renders no edit form).
		add_action( 'edit_form_top', array( $this, 'enqueue_classic_tagging' ) );
	}

	/**
	 * Hooked to `init`.
	 */
	public function register_modules(): void {
		$base = plugins_url( 'js/', SHELF_FILE );
		// The loader is registered once the page knows what it holds (register_loader).
		wp_register_script_module( self::SETTINGS, $base . 'settings.js', array(), SHELF_VERSION );
		wp_register_script_module( self::STATUS, $base . 'status-panel.js', array(), SHELF_VERSION );
		wp_register_style( self::STYLE, plugins_url( 'assets/shelf.css', SHELF_FILE ), array(), SHELF_VERSION );
		wp_register_style( self::EDITOR_STYLE, plugins_url( 'assets/editor.css', SHELF_FILE ), array( 'wp-components' ), SHELF_VERSION );
		// Editor and admin UIs, bundled (tools/bundle-editor.mjs); each gets the editor settings.
		foreach ( array( Blocks::SCRIPT => 'blocks', Tables_Menu::SCRIPT => 'table-builder', self::CLASSIC => 'classic-tagging', Link_Audit_Page::SCRIPT => 'link-audit' ) as $handle => $entry ) {
			// Registered everywhere (blocks need the handle to register), but their settings
			// (page config: locale, time zone, wording) are built only where an editor can load.
			if ( $this->register_editor_script( $handle, $entry ) && is_admin() ) {
				$this->editor_settings( $handle );
			}
		}
	}

	/**
	 * The one stylesheet for every component; enqueued by placements as they render.
	 */
	public function enqueue_style(): void {
		wp_enqueue_style( self::STYLE );
	}

	/**
	 * Asks for the front-end loader on this page (placements as they render, content with an
	 * Amazon link, a localising site); pages that ask for none get none. Which bundle it is
	 * waits for register_loader.
	 */
	public function enqueue_loader(): void {
		wp_enqueue_script_module( self::LOADER );
	}

	/**
	 * Save-time link tagging for a post edited in the classic editor. Hooked to `edit_form_top`.
	 *
	 * @param \WP_Post $post The post being edited.
	 */
	public function enqueue_classic_tagging( $post ): void {
		if ( $post instanceof \WP_Post && post_type_supports( $post->post_type, 'editor' ) ) {
			wp_enqueue_script( self::CLASSIC );
		}
	}

	/**
	 * Registers the loader bundle whose module holds what this page needs, once the page's
	 * content has rendered and before WordPress prints its script modules. Each bundle is the
	 * loader with one visitors' module's glue (build.sh, build_visitor), so a page downloads one
	 * module, the smallest that serves it.
	 *
	 * @param bool $placements Whether the page has placements to render.
	 * @param bool $links      Whether its content has Amazon links (Link_Hint's guess).
	 */
	public function register_loader( bool $placements, bool $links ): void {
		$module = self::visitor_module( $placements, $links, (bool) Settings::get()['localise'] );
		wp_register_script_module( self::LOADER, plugins_url( 'js/' . $module . '/loader.js', SHELF_FILE ), array(), SHELF_VERSION );
	}

	/**
	 * The visitors' module (a directory of js/) with the exports a page needs: `render` for
	 * placements, `processLinks` for content links, `visitorMarketplace` where the site
	 * localises (every page of such a site handles its links).
	 *
	 * @param bool $placements Whether the page has placements.
	 * @param bool $links      Whether its content has Amazon links.
	 * @param bool $localise   Whether the site localises links.
	 */
	public static function visitor_module( bool $placements, bool $links, bool $localise ): string {
		if ( $localise ) {
			return $placements ? 'wasm-render-localise' : 'wasm-localise';
		}
		if ( $links ) {
			return $placements ? 'wasm-render-links' : 'wasm-links';
		}
		return 'wasm-render';
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

	/**
	 * Registers a bundled editor script (`js/editor/<entry>.js`, built by tools/bundle-editor.mjs)
	 * with the dependencies and version its generated `.asset.php` declares.
	 *
	 * @param string $handle Script handle.
	 * @param string $entry  Bundle name.
	 * @return bool Whether the bundle exists (a source checkout without a build has none).
	 */
	private function register_editor_script( string $handle, string $entry ): bool {
		$asset = SHELF_DIR . 'js/editor/' . $entry . '.asset.php';
		if ( ! is_readable( $asset ) ) {
			return false;
		}
		$meta = require $asset;
		wp_register_script( $handle, plugins_url( 'js/editor/' . $entry . '.js', SHELF_FILE ), $meta['dependencies'], $meta['version'], array( 'in_footer' => true ) );
		wp_set_script_translations( $handle, 'shelf' );
		return true;
	}

	/**
	 * What editor scripts need besides the REST API: where the admin core is, the site's default
	 * store, shortcode name and link options. Nothing secret.
	 *
	 * @param string $handle Script handle.
	 */
	private function editor_settings( string $handle ): void {
		$settings = Settings::get();
		$data     = array(
			'wasm'      => plugins_url( 'js/wasm-admin/shelf_core.js', SHELF_FILE ) . '?ver=' . SHELF_VERSION,
			'market'    => $settings['default_marketplace'],
			'shortcode' => $settings['shortcode'],
			'tablesUrl' => Tables_Menu::builder_url(),
			// The front end's stylesheet, for the table builder's framed preview.
			'style'     => plugins_url( 'assets/shelf.css', SHELF_FILE ) . '?ver=' . SHELF_VERSION,
			// The site's link options (public tracking IDs and policies), for tagging picked links.
			'links'     => Placements::page_config()['links'],
		);
		wp_add_inline_script( $handle, 'window.shelfEditor = ' . wp_json_encode( $data, JSON_HEX_TAG | JSON_UNESCAPED_SLASHES ) . ';', 'before' );
	}
}
