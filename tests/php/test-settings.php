<?php
/**
 * The settings option: defaults, sanitiser, server-side tag check.
 *
 * @covers \Shelf\Settings
 */
class Test_Settings extends Shelf_TestCase {

	public function test_non_array_input_gives_defaults(): void {
		$this->assertSame( \Shelf\Settings::get_default(), ( new \Shelf\Settings() )->sanitize( 'nonsense' ) );
	}

	public function test_unknown_keys_and_marketplaces_are_dropped(): void {
		$clean = ( new \Shelf\Settings() )->sanitize(
			array(
				'evil'         => 'x',
				'tracking_ids' => array(
					'www.amazon.de'  => ' shelftest-21 ',
					'www.evil.test'  => 'shelftest-20',
				),
			)
		);
		$this->assertArrayNotHasKey( 'evil', $clean );
		$this->assertSame( array( 'www.amazon.de' => 'shelftest-21' ), $clean['tracking_ids'] );
	}

	public function test_invalid_tag_is_reported_and_previous_value_kept(): void {
		$this->set_settings( array( 'tracking_ids' => array( 'www.amazon.com' => 'good-20' ) ) );
		$clean = ( new \Shelf\Settings() )->sanitize( array( 'tracking_ids' => array( 'www.amazon.com' => 'bad tag' ) ) );
		$this->assertSame( 'good-20', $clean['tracking_ids']['www.amazon.com'] );
		$errors = get_settings_errors( 'shelf_settings' );
		$this->assertCount( 1, $errors );
		$this->assertStringContainsString( '“bad tag” is not a valid tracking ID for www.amazon.com', $errors[0]['message'] );
	}

	public function test_unknown_default_marketplace_keeps_previous(): void {
		$this->set_settings( array( 'default_marketplace' => 'www.amazon.de' ) );
		$clean = ( new \Shelf\Settings() )->sanitize( array( 'default_marketplace' => 'www.amazon.cn' ) );
		$this->assertSame( 'www.amazon.de', $clean['default_marketplace'] );
		$this->assertCount( 1, get_settings_errors( 'shelf_settings' ) );
	}

	public function test_getter_resanitises_stored_garbage(): void {
		update_option( 'shelf_settings', array( 'default_marketplace' => 42, 'tracking_ids' => 'x' ) );
		$this->assertSame( \Shelf\Settings::get_default(), \Shelf\Settings::get() );
	}

	public function test_every_marketplace_of_the_core_is_offered(): void {
		$this->assertCount( 22, \Shelf\Marketplaces::all() );
		$this->assertTrue( \Shelf\Marketplaces::exists( 'www.amazon.co.jp' ) );
	}

	/**
	 * The server and the core agree on every shared vector (the server gives no reasons).
	 *
	 * @dataProvider tag_vectors
	 */
	public function test_server_tag_check_matches_shared_vectors( string $input, bool $ok ): void {
		$result = \Shelf\Settings::sanitize_tag( $input );
		$this->assertSame( $ok, null !== $result && '' !== $result, var_export( $input, true ) );
	}

	/**
	 * The vectors shared with the core: crate/tests/data/tags.json.
	 *
	 * @return array<string, array{string, bool}>
	 */
	public static function tag_vectors(): array {
		$cases = json_decode( (string) file_get_contents( SHELF_REPO . '/crate/tests/data/tags.json' ), true );
		$out   = array();
		foreach ( $cases as $i => $case ) {
			$out[ sprintf( '#%d %s', $i, $case['input'] ) ] = array( $case['input'], $case['ok'] );
		}
		return $out;
	}
}
