<?php
/**
 * Hook registration and the plugin header.
 *
 * @covers \Shelf\Plugin
 */
class Test_Plugin extends Shelf_TestCase {

	public function test_hooks_are_registered_at_documented_priorities(): void {
		$this->assertSame( 10, has_action( 'admin_menu', array( $this->find_callback( 'admin_menu', \Shelf\Settings_Page::class ), 'add_page' ) ) );
		$this->assertNotFalse( has_action( 'init', array( $this->find_callback( 'init', \Shelf\Shortcode::class ), 'add_shortcode' ) ) );
	}

	public function test_header_declares_requirements(): void {
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$data = get_plugin_data( SHELF_FILE, false, false );
		$this->assertSame( 'Shelf', $data['Name'] );
		$this->assertSame( '6.5', $data['RequiresWP'] );
		$this->assertSame( '8.1', $data['RequiresPHP'] );
		$this->assertSame( 'shelf', $data['TextDomain'] );
	}

	public function test_settings_screen_requires_manage_options(): void {
		require_once ABSPATH . 'wp-admin/includes/plugin.php';
		$page = $this->find_callback( 'admin_menu', \Shelf\Settings_Page::class );
		$this->act_as( 'administrator' );
		$page->add_page();
		$entries = array_filter( $GLOBALS['submenu']['options-general.php'] ?? array(), static fn( $e ) => 'shelf' === $e[2] );
		$this->assertSame( 'manage_options', array_values( $entries )[0][1] );
	}

	/**
	 * The object of a class hooked to an action.
	 *
	 * @param string $hook  Hook name.
	 * @param string $class Class name.
	 */
	private function find_callback( string $hook, string $class ): object {
		global $wp_filter;
		foreach ( $wp_filter[ $hook ]->callbacks as $callbacks ) {
			foreach ( $callbacks as $cb ) {
				if ( is_array( $cb['function'] ) && $cb['function'][0] instanceof $class ) {
					return $cb['function'][0];
				}
			}
		}
		$this->fail( "$class is not hooked to $hook" );
	}
}
