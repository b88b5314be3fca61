<?php
/**
 * The server-rendered disclosure: same statement and markup as the core's.
 *
 * @covers \Shelf\Disclosure
 */
class Test_Disclosure extends Shelf_TestCase {

	/**
	 * @dataProvider vectors
	 */
	public function test_statement_matches_core_vectors( string $locale, string $wording, string $html ): void {
		$this->set_settings( array( 'disclosure' => '' === $wording ? array() : array( $locale => $wording ) ) );
		$this->assertSame( $html, sprintf( '<p class="shelf shelf-disclosure">%s</p>', esc_html( \Shelf\Disclosure::statement( $locale ) ) ) );
	}

	/**
	 * Shared with crate/tests/disclosures.rs.
	 *
	 * @return array<string, array{string, string, string}>
	 */
	public static function vectors(): array {
		$out = array();
		foreach ( json_decode( (string) file_get_contents( SHELF_REPO . '/crate/tests/data/disclosures.json' ), true ) as $case ) {
			$out[ $case['name'] ] = array( $case['locale'], $case['wording'], $case['html'] );
		}
		return $out;
	}

	public function test_printed_once_above_the_first_content_with_a_placement(): void {
		$disclosure = new \Shelf\Disclosure();
		$this->assertSame( '<p>No products.</p>', $disclosure->prepend( '<p>No products.</p>' ) );
		$first = $disclosure->prepend( '<div class="shelf-placement shelf-placement--box">x</div>' );
		$this->assertStringStartsWith( '<p class="shelf shelf-disclosure">As an Amazon Associate', $first );
		$second = $disclosure->prepend( '<div class="shelf-placement shelf-placement--box">y</div>' );
		$this->assertStringNotContainsString( 'shelf-disclosure', $second );
	}

	public function test_printed_above_content_with_an_amazon_link_and_no_placement(): void {
		$disclosure = new \Shelf\Disclosure();
		$this->assertSame( '<p>See <a href="https://example.com/">it</a>.</p>', $disclosure->prepend( '<p>See <a href="https://example.com/">it</a>.</p>' ) );
		$linked = $disclosure->prepend( '<p>See <a href="https://www.amazon.de/dp/B0SHLFK001">it</a>.</p>' );
		$this->assertStringStartsWith( '<p class="shelf shelf-disclosure">', $linked );
		$this->assertStringNotContainsString( 'shelf-disclosure', $disclosure->prepend( '<p><a href="https://amzn.to/x">y</a></p>' ) );
	}

	public function test_a_visitor_without_javascript_gets_it_on_a_post_with_only_a_pasted_link(): void {
		$id = wp_insert_post(
			array(
				'post_status'  => 'publish',
				'post_title'   => 'Pasted link',
				'post_content' => '<!-- wp:paragraph --><p>Buy <a href="https://amazon.com/dp/B0SHLFK001">this kettle</a>.</p><!-- /wp:paragraph -->',
			)
		);
		try {
			// Served by the real site, as a visitor without JavaScript receives it.
			$html = (string) file_get_contents( get_permalink( $id ) );
			$this->assertMatchesRegularExpression( '~<p class="shelf shelf-disclosure">[^<]+</p>\s*<p>Buy <a~', $html );
		} finally {
			wp_delete_post( $id, true );
		}
		$this->assertDebugLogEmpty();
	}

	public function test_the_content_filter_runs_after_shortcodes(): void {
		$this->assertSame( 20, has_filter( 'the_content', array( $this->hooked(), 'prepend' ) ) );
		$this->assertLessThan( 20, has_filter( 'the_content', 'do_shortcode' ) );
	}

	/** The Disclosure instance the plugin registered. */
	private function hooked(): \Shelf\Disclosure {
		foreach ( $GLOBALS['wp_filter']['the_content']->callbacks[20] ?? array() as $cb ) {
			if ( is_array( $cb['function'] ) && $cb['function'][0] instanceof \Shelf\Disclosure ) {
				return $cb['function'][0];
			}
		}
		$this->fail( 'Disclosure is not hooked to the_content' );
	}
}
