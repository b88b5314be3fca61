<?php
/**
 * Wires Shelf's parts together.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

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
		( new Settings_Log() )->register();
		( new Settings_Page( $assets ) )->register();
		$clock   = new Clock();
		$budget  = new Rate_Budget( $clock );
		$client  = new Creators_Client( new Token_Cache( $clock ), $budget, $clock );
		$refresh = new Refresh( $client, $budget, $clock );
		( new Store_Schema() )->register();
		( new Post_Sync() )->register();
		( new Site_Usage() )->register();
		( new Store_Caps() )->register();
		( new Store_Expiry() )->register();
		$refresh->register();
		( new Network_Deactivation() )->register();
		( new Credentials() )->register();
		( new Rest( $client, $refresh, $budget ) )->register();
		( new Status_Panel( $budget ) )->register();
		( new Tables() )->register();
		( new Table_Caps() )->register();
		( new Rest_Tables() )->register();
		( new Tables_Menu() )->register();
		( new Tables_List() )->register();
		( new Manual_Products() )->register();
		( new Products_Page( $refresh ) )->register();
		( new Disclosure() )->register();
		$placements = new Placements( $assets );
		$placements->register();
		$shortcode = new Shortcode( $placements );
		$shortcode->register();
		( new Blocks( $shortcode ) )->register();
		( new Rest_Preview( $client ) )->register();
		( new Link_Audit_Page() )->register();
		( new Rest_Audit( new Short_Links() ) )->register();
		( new Aawp_Table_Ids() )->register();
		( new Aawp_Import_Page() )->register();
	}
}
