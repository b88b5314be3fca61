<?php
/**
 * Credentials: the write-only settings section, constants in wp-config.php, the audit log, and
 * the secrets canary (S14): unique ID and secret never appear on any page, feed, REST answer or
 * settings screen, in any common encoding or as any 8-character piece.
 *
 * @covers \Shelf\Credentials
 * @covers \Shelf\Status_Panel
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';
require_once __DIR__ . '/tools/class-shelf-http.php';

class Test_Secrets extends Shelf_Api_TestCase {

	private const ID     = 'Canary-ID/7Q3x+Zr';
	private const SECRET = 's3cr3t"Canary<K9>/wP2+&';

	public function test_form_values_are_sealed_and_never_printed(): void {
		$this->act_as( 'administrator' );
		update_option( 'shelf_credentials', array( 'EU' => array( 'id' => self::ID, 'secret' => self::SECRET, 'version' => '3.2' ) ) );
		$stored = get_option( 'shelf_credentials' );
		$this->assertSame( self::ID, $stored['EU']['id'] );
		$this->assertStringStartsWith( 'shelf-sealed:v1:', $stored['EU']['secret'] );
		$this->assertSame( self::SECRET, \Shelf\Credentials::open( $stored['EU']['secret'] ) );
		$this->assertSame( self::SECRET, \Shelf\Credentials::for_market( 'www.amazon.de' )['secret'] ?? self::SECRET );

		ob_start();
		( new \Shelf\Credentials() )->render_section();
		$html = (string) ob_get_clean();
		$this->assertNoCanary( $html, 'settings section' );
		$this->assertStringContainsString( 'set — type a new value to replace it', $html );
	}

	public function test_empty_fields_keep_values_remove_clears_and_changes_are_logged_without_values(): void {
		$this->act_as( 'administrator' );
		delete_option( \Shelf\Credentials::LOG );
		update_option( 'shelf_credentials', array( 'NA' => array( 'id' => self::ID, 'secret' => self::SECRET, 'version' => '3.1' ) ) );
		update_option( 'shelf_credentials', array( 'NA' => array( 'id' => '', 'secret' => '', 'version' => '3.1' ) ) );
		$this->assertSame( self::SECRET, \Shelf\Credentials::open( get_option( 'shelf_credentials' )['NA']['secret'] ) );
		update_option( 'shelf_credentials', array( 'NA' => array( 'version' => '9.9' ) ) );
		$this->assertSame( '3.1', get_option( 'shelf_credentials' )['NA']['version'], 'an unknown version is rejected, the old one kept' );
		$this->assertNotEmpty( get_settings_errors( 'shelf_credentials' ) );
		update_option( 'shelf_credentials', array( 'NA' => array( 'remove' => '1' ) ) );
		$this->assertArrayNotHasKey( 'NA', get_option( 'shelf_credentials' ) );
		$log = \Shelf\Credentials::log_entries();
		$this->assertSame( array( 'id', 'secret', 'removed' ), array_column( $log, 'change' ) );
		$this->assertSame( get_current_user_id(), $log[0]['user'] );
		$this->assertNoCanary( (string) wp_json_encode( $log ), 'audit log' );
		$this->assertSame( 'no', $GLOBALS['wpdb']->get_var( "SELECT IF( autoload IN ( 'no', 'off' ), 'no', 'yes' ) FROM {$GLOBALS['wpdb']->options} WHERE option_name = 'shelf_credentials_log'" ) );
	}

	public function test_constants_win_and_show_as_set_in_wp_config(): void {
		foreach ( array( 'ID' => 'const-canary-id-fe', 'SECRET' => 'const-canary-secret-fe', 'VERSION' => '3.3' ) as $field => $value ) {
			if ( ! defined( 'SHELF_CREATORS_CREDENTIAL_' . $field . '_FE' ) ) {
				define( 'SHELF_CREATORS_CREDENTIAL_' . $field . '_FE', $value );
			}
		}
		update_option( 'shelf_credentials', array( 'FE' => array( 'id' => 'stored-id', 'secret' => 'stored-secret', 'version' => '2.3' ) ) );
		$credential = \Shelf\Credentials::for_market( 'www.amazon.co.jp' );
		$this->assertSame( array( 'const-canary-id-fe', 'const-canary-secret-fe', '3.3' ), array( $credential['id'], $credential['secret'], $credential['version'] ) );
		$this->assertStringEndsWith( '/auth/o2/token', $credential['token_url'] );
		$this->act_as( 'administrator' );
		ob_start();
		( new \Shelf\Credentials() )->render_section();
		$html = (string) ob_get_clean();
		$this->assertSame( 2, substr_count( $html, 'placeholder="set in wp-config.php"' ) );
		$this->assertStringNotContainsString( 'const-canary', $html );
		$this->assertStringNotContainsString( 'stored-id', $html );
	}

	public function test_token_endpoints_follow_the_version_and_the_mock_base(): void {
		$this->assertStringEndsWith( '/oauth2/token', (string) \Shelf\Credentials::token_url( '2.2' ) );
		$this->assertStringEndsWith( '/auth/o2/token', (string) \Shelf\Credentials::token_url( '3.1' ) );
		$this->assertStringStartsWith( (string) getenv( 'SHELF_MOCK_URL' ), (string) \Shelf\Credentials::token_url( '3.1' ) );
		$this->assertNull( \Shelf\Credentials::token_url( '4.1' ) );
		$this->assertNull( \Shelf\Credentials::token_url( '3.9' ), 'an unknown minor needs SHELF_CREATORS_TOKEN_URL' );
		$this->assertNull( \Shelf\Credentials::token_url( 'x' ) );
	}

	public function test_s14_canary_never_leaves_php(): void {
		update_option(
			'shelf_credentials',
			array(
				'NA' => array( 'id' => self::ID, 'secret' => self::SECRET, 'version' => '3.1' ),
				'EU' => array( 'id' => self::ID, 'secret' => self::SECRET, 'version' => '3.2' ),
				'FE' => array( 'id' => self::ID, 'secret' => self::SECRET, 'version' => '3.3' ),
			)
		);
		$post = wp_insert_post(
			array(
				'post_title'   => 'Canary post',
				'post_content' => '[amazon link="B0SHLFK001" title="Kettle"] [amazon box="B0SHLFL002"]',
				'post_status'  => 'publish',
			)
		);
		$pages = array(
			'/',
			'/?p=' . $post,
			'/feed/',
			'/comments/feed/',
			'/wp-sitemap.xml',
			'/wp-json/',
			'/wp-json/shelf/v1/products?market=www.amazon.com&asins=B0SHLFK001,B0SHLFL002',
			'/wp-json/shelf/v1/geo',
			'/wp-json/shelf/v1/admin/status',
			'/wp-json/wp/v2/settings',
			'/wp-json/wp/v2/users/me?context=edit',
			'/wp-admin/',
			'/wp-admin/profile.php',
			'/wp-admin/options-general.php?page=shelf',
			'/wp-admin/options.php',
			'/wp-admin/export.php?download=true&content=all',
		);
		$seen = 0;
		foreach ( array( 'anonymous', 'subscriber', 'contributor', 'editor', 'administrator' ) as $role ) {
			$cookie = Shelf_Http::cookie( $role );
			$nonce  = Shelf_Http::nonce( $role );
			foreach ( $pages as $page ) {
				$headers = str_starts_with( $page, '/wp-json/' ) ? array( 'X-WP-Nonce: ' . $nonce ) : array();
				$answer  = Shelf_Http::request( 'GET', $page, $cookie, null, $headers );
				$this->assertNoCanary( $answer['headers'] . $answer['body'], "$page as $role" );
				if ( 200 === $answer['status'] ) {
					++$seen;
				}
			}
		}
		$settings = Shelf_Http::request( 'GET', '/wp-admin/options-general.php?page=shelf', Shelf_Http::cookie( 'administrator' ) )['body'];
		$this->assertStringContainsString( 'shelf-credential-na-secret', $settings, 'the settings screen was really rendered' );
		$this->assertGreaterThan( 40, $seen );
		$log = (string) getenv( 'SHELF_DEBUG_LOG' );
		$this->assertNoCanary( is_file( $log ) ? (string) file_get_contents( $log ) : '', 'debug.log' );
		wp_delete_post( $post, true );
	}

	/**
	 * Fails when text holds the canary ID or secret, their base64 / URL / JSON / HTML forms, the
	 * Basic-auth pair, or any 8-character piece of either.
	 *
	 * @param string $text  Text.
	 * @param string $where Where it came from.
	 */
	private function assertNoCanary( string $text, string $where ): void {
		$needles = array();
		foreach ( array( self::ID, self::SECRET ) as $value ) {
			array_push( $needles, $value, base64_encode( $value ), rawurlencode( $value ), urlencode( $value ), substr( (string) json_encode( $value ), 1, -1 ), substr( (string) wp_json_encode( $value ), 1, -1 ), htmlspecialchars( $value, ENT_QUOTES ) );
			for ( $i = 0; $i + 8 <= strlen( $value ); $i++ ) {
				$needles[] = substr( $value, $i, 8 );
			}
		}
		$needles[] = base64_encode( self::ID . ':' . self::SECRET );
		foreach ( array_unique( $needles ) as $needle ) {
			$this->assertStringNotContainsString( $needle, $text, "canary piece “{$needle}” found in {$where}" );
		}
	}
}
