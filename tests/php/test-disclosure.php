<?php
/**
 * The disclosure's statement and markup, which the server prints and hands the loader to insert
 * where the core finds Amazon links on a page the server printed none on.
 *
 * @covers \Shelf\Disclosure
 */

require_once __DIR__ . '/tools/trait-shelf-inert.php';

class Test_Disclosure extends Shelf_TestCase {

	use Shelf_Inert;

	/**
	 * @dataProvider disclosure_vectors
	 */
	public function test_markup_matches_the_shared_vectors( string $locale, string $wording, string $html ): void {
		$this->set_settings( array( 'disclosure' => '' === $wording ? array() : array( $locale => $wording ) ) );
		$this->assertSame( $html, \Shelf\Disclosure::html( $locale ) );
	}

	public function test_the_loader_gets_the_markup_the_server_prints(): void {
		$this->set_settings( array( 'disclosure' => array( get_locale() => 'Links to Amazon & co. "Ads"' ) ) );
		$this->assertSame( '<p class="shelf shelf-disclosure">Links to Amazon &amp; co. &quot;Ads&quot;</p>', \Shelf\Placements::page_config()['disclosure'] );
		$this->assertSame( \Shelf\Disclosure::html(), \Shelf\Placements::page_config()['disclosure'] );
	}

	public function test_every_hostile_wording_stays_text(): void {
		$vectors = self::vectors();
		$this->assertGreaterThan( 800, count( $vectors ) );
		foreach ( $vectors as $vector ) {
			$this->set_settings( array( 'disclosure' => array( get_locale() => $vector ) ) );
			$html = \Shelf\Disclosure::html();
			$tags = new WP_HTML_Tag_Processor( $html );
			$this->assertTrue( $tags->next_tag() );
			$this->assertSame( array( 'P', array( 'class' ) ), array( $tags->get_tag(), $tags->get_attribute_names_with_prefix( '' ) ), var_export( $vector, true ) );
			$this->assertFalse( $tags->next_tag(), 'one element, the rest text: ' . var_export( $vector, true ) );
			$this->assertSame( 2, substr_count( $html, '<' ), 'no markup of its own, not even a comment: ' . var_export( $vector, true ) );
			$this->assertStringEndsWith( '</p>', $html );
		}
	}

	/**
	 * Shared with crate/tests/disclosures.rs (the core's default statements).
	 *
	 * @return array<string, array{string, string, string}>
	 */
	public static function disclosure_vectors(): array {
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
