<?php
/**
 * The PHP hint must never miss a link the core calls Amazon's (shared vectors with
 * crate/tests/links.rs); it may say yes to others.
 *
 * @covers \Shelf\Link_Hint
 */
class Test_Link_Hint extends Shelf_TestCase {

	public function test_every_amazon_href_of_the_core_vectors_is_hinted(): void {
		$cases = json_decode( (string) file_get_contents( SHELF_REPO . '/crate/tests/data/urls.json' ), true );
		$amazon = 0;
		$missed = array();
		foreach ( $cases as $case ) {
			if ( ! isset( $case['href'] ) || 'notAmazon' === $case['outcome'] ) {
				continue;
			}
			// The documented misses: "amazon" written with escapes or tabs inside.
			if ( ! preg_match( '~amazon|amzn\.|a\.co/~i', $case['href'] ) ) {
				$missed[] = $case['href'];
				continue;
			}
			++$amazon;
			foreach ( array( '<a href="%s">x</a>', "<p><a class=x HREF='%s'>x</a>", '<area href=%s>' ) as $markup ) {
				$html = sprintf( $markup, esc_attr( $case['href'] ) );
				$this->assertTrue( \Shelf\Link_Hint::has_amazon_link( $html ), $case['name'] . ': ' . $html );
			}
		}
		$this->assertGreaterThan( 100, $amazon );
		$this->assertLessThan( 5, count( $missed ), implode( "\n", $missed ) );
	}

	public function test_content_without_amazon_hrefs_is_not_hinted(): void {
		foreach ( array(
			'<p>Plain text.</p>',
			'<p>I bought it on amazon.com last week.</p>',
			'<a href="https://example.com/">amazon.com</a>',
			'<img src="https://m.media-amazon.com/images/I/x.jpg" alt="">',
		) as $html ) {
			$this->assertFalse( \Shelf\Link_Hint::has_amazon_link( $html ), $html );
		}
	}
}
