<?php
/**
 * Hostile attribute values (security.md S1, S4): every XSS vector of tests/corpora/xss and the
 * Big List of Naughty Strings goes into every attribute of every family, through the shortcode
 * callback and through WordPress's shortcode parser. The server's output (placeholder, payload,
 * fallback, editor notices) must stay inert.
 *
 * @covers \Shelf\Shortcode
 * @covers \Shelf\Placements
 */

require_once __DIR__ . '/tools/trait-shelf-inert.php';

class Test_Shortcode_Xss extends Shelf_TestCase {

	use Shelf_Inert;

	private const FAMILIES = array(
		'box'        => 'B0SHLFK001',
		'link'       => 'B0SHLFK001',
		'table'      => 'B0SHLFK001,B0SHLFL002',
		'bestseller' => 'kettle',
		'new'        => '284507',
		'fields'     => 'B0SHLFK001',
	);

	private const ATTRIBUTES = array( 'title', 'link_title', 'link_icon', 'image', 'description', 'description_items', 'button_text', 'badge', 'tracking_id', 'template', 'style', 'items', 'select', 'order', 'orderby', 'value' );

	protected function setUp(): void {
		parent::setUp();
		$this->set_settings( array( 'tracking_ids' => array( 'www.amazon.com' => 'shelftest-20' ) ) );
		$this->act_as( 'editor' ); // Editors also see the notices, which echo author input.
	}

	public function test_every_vector_in_every_attribute_stays_inert(): void {
		$vectors    = self::vectors();
		$shortcodes = 0;
		$this->assertGreaterThan( 800, count( $vectors ) );
		$shortcode = $this->hooked_shortcode();
		foreach ( $vectors as $i => $vector ) {
			foreach ( self::FAMILIES as $family => $value ) {
				// The family attribute itself gets the vector every other round.
				$atts            = array_fill_keys( self::ATTRIBUTES, $vector );
				$atts[ $family ] = 0 === $i % 2 ? $value : $vector;
				$this->assert_inert( $shortcode->render( $atts, null, 'amazon' ), $vector );
				++$shortcodes;
			}
			// And through the parser, where quotes and brackets in the vector meet shortcode syntax.
			// Text the parser leaves outside the shortcode is the author's own content, not Shelf's.
			foreach ( $this->shelf_output( '[amazon box="B0SHLFK001" title="' . $vector . '" description=\'' . $vector . '\']' ) as $html ) {
				$this->assert_inert( $html, $vector );
			}
			++$shortcodes;
		}
		$this->assertGreaterThan( 5000, $shortcodes );
	}

	/**
	 * @dataProvider syntax_cases
	 */
	public function test_broken_shortcode_syntax_is_harmless( string $content ): void {
		$start = microtime( true );
		$html  = $this->shelf_output( $content );
		$this->assertLessThan( 0.05, microtime( true ) - $start, 'at most 50 ms per shortcode' );
		foreach ( $html as $one ) {
			$this->assert_inert( $one, $content );
		}
	}

	/**
	 * Shortcode syntax edge cases (S4).
	 *
	 * @return array<string, array{string}>
	 */
	public static function syntax_cases(): array {
		return array(
			'closing bracket in value' => array( '[amazon box="B0SHLFK001]"]' ),
			'stray closing tag'        => array( '[amazon box="B0SHLFK001"][/amazon]' ),
			'nested'                   => array( '[amazon box="[amazon link=B0SHLFK001]"]' ),
			'escaped'                  => array( '[[amazon box="B0SHLFK001"]]' ),
			'unclosed quote'           => array( '[amazon box="B0SHLFK001 title="x]' ),
			'64 KB attribute'          => array( '[amazon box="B0SHLFK001" title="' . str_repeat( '<b>a</b>&', 7282 ) . '"]' ),
			'NUL, RTL, zero-width'     => array( "[amazon box=\"B0SHLFK001\" title=\"a\0b\u{202E}c\u{200B}d\"]" ),
			'positional attributes'    => array( '[amazon B0SHLFK001 onclick=alert(1)]' ),
		);
	}

	/**
	 * What Shelf's shortcode callback returned while WordPress parsed some content.
	 *
	 * @param string $content Post content.
	 * @return string[]
	 */
	private function shelf_output( string $content ): array {
		$outputs = array();
		$collect = static function ( $output, $tag ) use ( &$outputs ) {
			if ( 'amazon' === $tag ) {
				$outputs[] = (string) $output;
			}
			return $output;
		};
		add_filter( 'do_shortcode_tag', $collect, 10, 2 );
		do_shortcode( $content );
		remove_filter( 'do_shortcode_tag', $collect, 10 );
		return $outputs;
	}

	/** The Shortcode instance the plugin registered. */
	private function hooked_shortcode(): \Shelf\Shortcode {
		global $shortcode_tags;
		$callback = $shortcode_tags['amazon'] ?? null;
		$this->assertIsArray( $callback );
		$this->assertInstanceOf( \Shelf\Shortcode::class, $callback[0] );
		return $callback[0];
	}
}
