<?php
/**
 * Plugin Name:       Shelf
 * Plugin URI:        https://example.org/shelf
 * Description:       Amazon Associates product boxes, comparison tables, lists and links — fast, correct and compliant, rendered by a WebAssembly core.
 * Version:           0.1.0
 * Requires at least: 6.5
 * Requires PHP:      8.1
 * Author:            The Shelf team
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       shelf
 * Domain Path:       /languages
 *
 * @package Shelf
 */

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'SHELF_VERSION', '0.1.0' );
define( 'SHELF_FILE', __FILE__ );
define( 'SHELF_DIR', __DIR__ . '/' );

/**
 * Shows an admin notice instead of loading when Shelf cannot run here.
 *
 * @param string $message Already translated message.
 */
function shelf_requirement_notice( string $message ): void {
	add_action(
		'admin_notices',
		static function () use ( $message ) {
			printf( '<div class="notice notice-error"><p>%s</p></div>', esc_html( $message ) );
		}
	);
}

if ( version_compare( PHP_VERSION, '8.1', '<' ) ) {
	/* translators: %s: PHP version. */
	shelf_requirement_notice( sprintf( __( 'Shelf needs PHP 8.1 or newer; this site runs %s.', 'shelf' ), PHP_VERSION ) );
	return;
}
if ( ! is_readable( SHELF_DIR . 'js/wasm-render/shelf_core_bg.wasm' ) ) {
	shelf_requirement_notice( __( 'Shelf is incomplete: its WebAssembly core is missing. Install the plugin from the release zip.', 'shelf' ) );
	return;
}

require_once SHELF_DIR . 'php/class-marketplaces.php';
require_once SHELF_DIR . 'php/class-settings.php';
require_once SHELF_DIR . 'php/class-audit-log.php';
require_once SHELF_DIR . 'php/class-settings-log.php';
require_once SHELF_DIR . 'php/class-settings-page.php';
require_once SHELF_DIR . 'php/class-assets.php';
require_once SHELF_DIR . 'php/class-tables.php';
require_once SHELF_DIR . 'php/class-table-caps.php';
require_once SHELF_DIR . 'php/class-table-schema.php';
require_once SHELF_DIR . 'php/admin/class-tables-menu.php';
require_once SHELF_DIR . 'php/admin/class-tables-list.php';
require_once SHELF_DIR . 'php/admin/class-link-audit-page.php';
require_once SHELF_DIR . 'php/class-placements.php';
require_once SHELF_DIR . 'php/class-disclosure.php';
require_once SHELF_DIR . 'php/class-link-hint.php';
require_once SHELF_DIR . 'php/class-shortcode.php';
require_once SHELF_DIR . 'php/class-blocks.php';
require_once SHELF_DIR . 'php/class-clock.php';
require_once SHELF_DIR . 'php/class-tunable.php';
require_once SHELF_DIR . 'php/class-state.php';
require_once SHELF_DIR . 'php/store/class-store-schema.php';
require_once SHELF_DIR . 'php/store/class-store.php';
require_once SHELF_DIR . 'php/store/class-store-usage.php';
require_once SHELF_DIR . 'php/store/class-page-usage.php';
require_once SHELF_DIR . 'php/store/class-store-caps.php';
require_once SHELF_DIR . 'php/store/class-store-registry.php';
require_once SHELF_DIR . 'php/store/class-store-queue.php';
require_once SHELF_DIR . 'php/store/class-store-stats.php';
require_once SHELF_DIR . 'php/store/class-store-localised.php';
require_once SHELF_DIR . 'php/store/class-content-scanner.php';
require_once SHELF_DIR . 'php/store/class-post-sync.php';
require_once SHELF_DIR . 'php/store/class-widget-scanner.php';
require_once SHELF_DIR . 'php/store/class-template-seen.php';
require_once SHELF_DIR . 'php/store/class-site-usage.php';
require_once SHELF_DIR . 'php/store/class-store-expiry.php';
require_once SHELF_DIR . 'php/class-public-record.php';
require_once SHELF_DIR . 'php/class-manual-products.php';
require_once SHELF_DIR . 'php/admin/class-products-page.php';
require_once SHELF_DIR . 'php/admin/class-products-table.php';
require_once SHELF_DIR . 'php/class-credentials.php';
require_once SHELF_DIR . 'php/class-token-cache.php';
require_once SHELF_DIR . 'php/class-rate-budget.php';
require_once SHELF_DIR . 'php/class-creators-client.php';
require_once SHELF_DIR . 'php/class-search-cache.php';
require_once SHELF_DIR . 'php/class-search-limit.php';
require_once SHELF_DIR . 'php/class-refresh.php';
require_once SHELF_DIR . 'php/class-network-deactivation.php';
require_once SHELF_DIR . 'php/class-rest.php';
require_once SHELF_DIR . 'php/class-rest-preview.php';
require_once SHELF_DIR . 'php/class-rest-tables.php';
require_once SHELF_DIR . 'php/class-short-links.php';
require_once SHELF_DIR . 'php/class-rest-audit.php';
require_once SHELF_DIR . 'php/class-status-panel.php';
require_once SHELF_DIR . 'php/import/class-aawp-source.php';
require_once SHELF_DIR . 'php/import/class-aawp-table-map.php';
require_once SHELF_DIR . 'php/import/class-aawp-settings-map.php';
require_once SHELF_DIR . 'php/import/class-aawp-table-ids.php';
require_once SHELF_DIR . 'php/import/class-aawp-importer.php';
require_once SHELF_DIR . 'php/import/class-aawp-import-page.php';
require_once SHELF_DIR . 'php/class-plugin.php';

( new Shelf\Plugin() )->register();
