<?php
/**
 * uninstall.php removes everything Shelf stored.
 *
 * @coversNothing
 */
class Test_Uninstall extends Shelf_TestCase {

	public function test_uninstall_removes_every_shelf_option(): void {
		$this->set_settings( array( 'tracking_ids' => array( 'www.amazon.com' => 'shelftest-20' ) ) );
		if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
			define( 'WP_UNINSTALL_PLUGIN', 'shelf/shelf.php' );
		}
		include SHELF_DIR . 'uninstall.php';
		global $wpdb;
		$left = $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE 'shelf\\_%' OR option_name LIKE '\\_transient\\_shelf\\_%'" );
		$this->assertSame( array(), $left );
	}
}
