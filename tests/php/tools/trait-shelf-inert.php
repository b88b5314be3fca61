<?php
/**
 * The hostile-string corpus (tests/corpora: XSS lists and the Big List of Naughty Strings) and
 * the check that Shelf's server output carries none of it as markup, shared by every test that
 * feeds author input through the shortcode, the blocks or the preview route.
 */

/**
 * Hostile inputs and inert-output assertions.
 */
trait Shelf_Inert {

	/** Elements that execute, load or restyle, which no Shelf output may contain. */
	private const DANGEROUS_ELEMENTS = array( 'SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'STYLE', 'BASE', 'FORM', 'IMG', 'LINK', 'META' );

	/**
	 * Every vector, deduplicated.
	 *
	 * @return string[]
	 */
	protected static function vectors(): array {
		$vectors = array();
		foreach ( glob( SHELF_REPO . '/tests/corpora/xss/*.txt' ) as $file ) {
			foreach ( file( $file, FILE_IGNORE_NEW_LINES ) as $line ) {
				$vectors[] = $line;
			}
		}
		foreach ( json_decode( (string) file_get_contents( SHELF_REPO . '/tests/corpora/blns/blns.json' ), true ) as $line ) {
			$vectors[] = $line;
		}
		return array_values( array_unique( array_filter( $vectors, static fn( $v ): bool => is_string( $v ) && '' !== $v ) ) );
	}

	/**
	 * Placement output (notices, placeholder, fallback) must carry no markup from input: only
	 * Shelf's own elements and attributes, links only to Amazon stores over https.
	 *
	 * @param string $html   Output.
	 * @param string $vector Input, for the failure message.
	 */
	protected function assert_inert( string $html, string $vector ): void {
		$tags = new WP_HTML_Tag_Processor( $html );
		while ( $tags->next_tag() ) {
			$name = $tags->get_tag();
			$this->assertNotContains( $name, self::DANGEROUS_ELEMENTS, "element $name from " . var_export( $vector, true ) );
			$this->assertContains( $name, array( 'SPAN', 'DIV', 'UL', 'LI', 'A' ), "unexpected element $name from " . var_export( $vector, true ) );
			foreach ( $tags->get_attribute_names_with_prefix( '' ) ?? array() as $attribute ) {
				$this->assertContains( $attribute, array( 'class', 'data-shelf-id', 'style', 'href', 'rel', 'target', 'role' ), "attribute $attribute from " . var_export( $vector, true ) );
			}
			if ( 'A' === $name ) {
				$this->assertMatchesRegularExpression( '#^https://www\.amazon\.com/(dp/[A-Z0-9]{10}|s\?k=[^"<>\s]*|b\?node=\d+)([?&]|&\#038;|$)#', (string) $tags->get_attribute( 'href' ), var_export( $vector, true ) );
				$this->assertSame( 'sponsored noopener', $tags->get_attribute( 'rel' ) );
			}
			if ( null !== $tags->get_attribute( 'style' ) ) {
				$this->assertMatchesRegularExpression( '/^--shelf-items:\d+;--shelf-rows:\d+$/', (string) $tags->get_attribute( 'style' ) );
			}
			$id = $tags->get_attribute( 'data-shelf-id' );
			if ( null !== $id ) {
				$this->assertMatchesRegularExpression( '/^p\d+$/D', (string) $id, 'the placeholder carries only its id: ' . var_export( $vector, true ) );
			}
		}
	}
}
