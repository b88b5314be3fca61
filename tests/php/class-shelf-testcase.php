<?php
/**
 * Base class: restores Shelf's option and the current user after every test, so tests share
 * the real site without leaking state into each other.
 */

use PHPUnit\Framework\TestCase;

/**
 * Common set-up for Shelf's PHPUnit tests.
 */
abstract class Shelf_TestCase extends TestCase {

	/**
	 * The option as it was before the test (false when absent).
	 *
	 * @var mixed
	 */
	private $saved_settings;

	protected function setUp(): void {
		parent::setUp();
		$this->saved_settings = get_option( 'shelf_settings' );
		$GLOBALS['wp_settings_errors'] = array();
	}

	protected function tearDown(): void {
		if ( false === $this->saved_settings ) {
			delete_option( 'shelf_settings' );
		} else {
			update_option( 'shelf_settings', $this->saved_settings );
		}
		wp_set_current_user( 0 );
		parent::tearDown();
	}

	/**
	 * Logs in a user of the given role, created on first use.
	 *
	 * @param string $role WordPress role.
	 */
	protected function act_as( string $role ): int {
		$login = 'shelf-test-' . $role;
		$user  = get_user_by( 'login', $login );
		$id    = $user ? $user->ID : wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => wp_generate_password(),
				'user_email' => $login . '@example.test',
				'role'       => $role,
			)
		);
		wp_set_current_user( $id );
		return $id;
	}

	/**
	 * Stores valid settings (they pass the sanitiser unchanged).
	 *
	 * @param array<string, mixed> $settings Settings to merge over the defaults.
	 */
	protected function set_settings( array $settings ): void {
		update_option( 'shelf_settings', array_merge( \Shelf\Settings::get_default(), $settings ) );
	}

	/**
	 * WordPress's debug.log has no entry (notices, warnings, fatals, also of served requests).
	 */
	protected function assertDebugLogEmpty(): void {
		$log = (string) getenv( 'SHELF_DEBUG_LOG' );
		$this->assertSame( '', is_file( $log ) ? (string) file_get_contents( $log ) : '', 'debug.log stays empty' );
	}

	/**
	 * Placeholders in some HTML, with their payloads from the page's data block (the
	 * placeholder itself carries only an id).
	 *
	 * @param string $html Rendered content.
	 * @return array<int, array<string, mixed>>
	 */
	protected function payloads( string $html ): array {
		preg_match_all( '/data-shelf-id="([^"]*)"/', $html, $m );
		$data = json_decode( (string) wp_json_encode( self::hooked_placements()->data() ), true );
		return array_map( static fn( string $id ): array => $data['placements'][ $id ], $m[1] );
	}

	/**
	 * Empties the plugin's page collector as a new request would (it has no reset: a real page is
	 * rendered once), so what renders next gets the first id and a data block of its own.
	 */
	protected static function new_page(): void {
		( function (): void {
			$this->wanted        = array();
			$this->payloads      = array();
			$this->own_hrefs     = array();
			$this->content_links = false;
		} )->call( self::hooked_placements() );
	}

	/**
	 * The plugin's page collector (hooked to `wp_footer`).
	 */
	protected static function hooked_placements(): \Shelf\Placements {
		foreach ( $GLOBALS['wp_filter']['wp_footer']->callbacks[1] ?? array() as $callback ) {
			if ( is_array( $callback['function'] ) && $callback['function'][0] instanceof \Shelf\Placements ) {
				return $callback['function'][0];
			}
		}
		throw new \RuntimeException( 'Shelf\\Placements is not hooked to wp_footer' );
	}
}
