<?php
/**
 * Shelf blocks are the shortcode in another form (issue 11): a block renders exactly what its
 * `[amazon …]` shortcode renders (notices, placeholder, fallback and data block), its block.json
 * holds the attributes the shortcode reads for its families, and a post made of blocks registers
 * the same products, lists and tables as the same post written with shortcodes.
 *
 * @covers \Shelf\Blocks
 * @covers \Shelf\Content_Scanner
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';

class Test_Blocks extends Shelf_Api_TestCase {

	/** The shortcode families each block places. */
	private const FAMILIES = array(
		'box'    => array( 'box' ),
		'table'  => array( 'table' ),
		'list'   => array( 'bestseller', 'new' ),
		'fields' => array( 'fields' ),
		'link'   => array( 'link' ),
	);

	/**
	 * Where block.json holds attributes the family's rendering does not read, on purpose: AAWP
	 * posts use them (`[amazon new="…" badge="New"]`), and a block must keep every attribute of
	 * the shortcode it came from to convert back losslessly. The editor shows no control for
	 * them. The drift test fails when this changes either way, so a new shortcode attribute
	 * cannot be forgotten in a block.json.
	 */
	private const KNOWN_DRIFT = array(
		// As in AAWP, `template`, `order` and `orderby` act on boxes and lists only; the blocks
		// keep them, so blocks saved with them stay valid.
		'table'  => array(
			'missing' => array(),
			'unread'  => array( 'order', 'orderby', 'template' ),
		),
		'list'   => array(
			'missing' => array(),
			'unread'  => array( 'badge', 'description_items', 'title' ),
		),
		'fields' => array(
			'missing' => array(),
			'unread'  => array( 'orderby', 'template' ),
		),
		'link'   => array(
			'missing' => array(),
			'unread'  => array( 'orderby', 'template' ),
		),
	);

	/** Stored search results: 12 products, so `items`, `select` and `order` all show. */
	private const LISTS = array(
		array( 'bestseller', 'pour over kettle' ),
		array( 'new', '284507' ),
	);

	/**
	 * A stored table, made in setUp.
	 */
	private int $table = 0;

	protected function setUp(): void {
		parent::setUp();
		$this->table = \Shelf\Tables::save(
			array(
				'version'  => 1,
				'products' => array( 'B0SHLFK001', 'B0SHLFL002' ),
				'rows'     => array( array( 'type' => 'title' ), array( 'type' => 'price' ) ),
				'caption'  => 'Kettles',
			),
			'Block test table'
		);
		$this->assertIsInt( $this->table );
		foreach ( self::LISTS as $i => [ $kind, $query ] ) {
			\Shelf\Store_Registry::remember_search( 'www.amazon.com', $kind, $query );
			\Shelf\Store_Queue::save_search( 'www.amazon.com', $kind, $query, self::synthetic( 12, 20 * $i ), null, time() + HOUR_IN_SECONDS );
		}
		// Rendered as an editor (who sees the notices) inside an author's post (whose rights
		// decide the tracking ID).
		$author = $this->act_as( 'author' );
		$GLOBALS['post'] = get_post( $this->make_post( 'Block test post', 'publish', array( 'post_author' => $author ) ) ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the post being rendered.
		$this->act_as( 'editor' );
	}

	protected function tearDown(): void {
		unset( $GLOBALS['post'] );
		wp_delete_post( $this->table, true );
		parent::tearDown();
	}

	/**
	 * Block and shortcode, each rendered on a page of its own, give the same markup and the same
	 * data block.
	 *
	 * @dataProvider provide_equivalents
	 * @param string               $block     Block name without `shelf/`.
	 * @param array<string, mixed> $attrs     Block attributes (`%table%`: the stored table's ID).
	 * @param string               $shortcode The same placement as a shortcode.
	 */
	public function test_a_block_renders_exactly_as_its_shortcode( string $block, array $attrs, string $shortcode ): void {
		$attrs     = array_map( fn( $v ) => '%table%' === $v ? (string) $this->table : $v, $attrs );
		$shortcode = str_replace( '%table%', (string) $this->table, $shortcode );
		$markup    = self::markup( $block, $attrs );
		$this->assertSame( array( "shelf/$block" ), array_column( parse_blocks( $markup ), 'blockName' ) );

		$from_block     = self::page( static fn(): string => do_blocks( $markup ) );
		$from_shortcode = self::page( static fn(): string => do_shortcode( $shortcode ) );
		$this->assertNotSame( '', $from_shortcode['html'] );
		$this->assertSame( $from_shortcode['html'], $from_block['html'] );
		$this->assertSame( $from_shortcode['data'], $from_block['data'] );
		// render_block() is the same path, one block at a time.
		$this->assertSame( $from_shortcode, self::page( static fn(): string => render_block( parse_blocks( $markup )[0] ) ) );
	}

	public static function provide_equivalents(): array {
		return array(
			'box'                        => array( 'box', array( 'box' => 'B0SHLFK001' ), '[amazon box="B0SHLFK001"]' ),
			'box with every override'    => array(
				'box',
				array( 'box' => 'B0SHLFK001,b0shlfl002', 'title' => 'Best kettle', 'description' => 'Quiet & fast', 'description_items' => '2', 'badge' => 'Top pick', 'button_text' => 'Check price', 'template' => 'vertical', 'style' => 'dark', 'tracking_id' => 'shelftest-21' ),
				'[amazon box="B0SHLFK001,b0shlfl002" title="Best kettle" description="Quiet & fast" description_items="2" badge="Top pick" button_text="Check price" template="vertical" style="dark" tracking_id="shelftest-21"]',
			),
			'box positions'              => array( 'box', array( 'box' => 'B0SHLFK001,B0SHLFL002,B0SHLFM003,B0SHLFP004', 'items' => '2', 'select' => '2-4', 'order' => 'desc' ), '[amazon box="B0SHLFK001,B0SHLFL002,B0SHLFM003,B0SHLFP004" items="2" select="2-4" order="desc"]' ),
			'box with problems'          => array( 'box', array( 'box' => 'B0SHLFK001,nope', 'style' => 'neon', 'orderby' => 'price', 'tracking_id' => 'someoneelse-20' ), '[amazon box="B0SHLFK001,nope" style="neon" orderby="price" tracking_id="someoneelse-20"]' ),
			'table by stored ID'         => array( 'table', array( 'table' => '%table%' ), '[amazon table="%table%"]' ),
			'stored table with options'  => array( 'table', array( 'table' => '%table%', 'button_text' => 'Go', 'style' => 'light', 'template' => 'vertical' ), '[amazon table="%table%" button_text="Go" style="light" template="vertical"]' ),
			'table by ASIN list'         => array( 'table', array( 'table' => 'B0SHLFK001,B0SHLFL002,B0SHLFM003', 'items' => '2', 'button_text' => 'See it' ), '[amazon table="B0SHLFK001,B0SHLFL002,B0SHLFM003" items="2" button_text="See it"]' ),
			'unknown table'              => array( 'table', array( 'table' => '999999999' ), '[amazon table="999999999"]' ),
			'bestseller'                 => array( 'list', array( 'bestseller' => 'pour over kettle' ), '[amazon bestseller="pour over kettle"]' ),
			'bestseller positions'       => array( 'list', array( 'bestseller' => 'pour over kettle', 'items' => '3', 'select' => '2-6', 'order' => 'desc', 'style' => 'dark' ), '[amazon bestseller="pour over kettle" items="3" select="2-6" order="desc" style="dark"]' ),
			'bestseller not fetched yet' => array( 'list', array( 'bestseller' => 'tea & cups' ), '[amazon bestseller="tea & cups"]' ),
			'new releases'               => array( 'list', array( 'new' => '284507', 'items' => '5', 'button_text' => 'New!' ), '[amazon new="284507" items="5" button_text="New!"]' ),
			'new releases not a node'    => array( 'list', array( 'new' => 'kettles' ), '[amazon new="kettles"]' ),
			'field'                      => array( 'fields', array( 'fields' => 'B0SHLFK001', 'value' => 'price' ), '[amazon fields="B0SHLFK001" value="price"]' ),
			'button field'               => array( 'fields', array( 'fields' => 'B0SHLFK001', 'value' => 'button', 'title' => 'Buy it' ), '[amazon fields="B0SHLFK001" value="button" title="Buy it"]' ),
			'unknown field'              => array( 'fields', array( 'fields' => 'B0SHLFK001', 'value' => 'colour' ), '[amazon fields="B0SHLFK001" value="colour"]' ),
			// The link block's image is "1" unless it says otherwise: the block stores no default.
			'image link'                 => array( 'link', array( 'link' => 'B0SHLFK001' ), '[amazon link="B0SHLFK001" image="1"]' ),
			'image link, said'           => array( 'link', array( 'link' => 'B0SHLFK001', 'image' => '1', 'title' => 'our kettle' ), '[amazon link="B0SHLFK001" image="1" title="our kettle"]' ),
			'text link'                  => array( 'link', array( 'link' => 'B0SHLFK001', 'image' => '', 'title' => 'our kettle' ), '[amazon link="B0SHLFK001" title="our kettle"]' ),
			'text link, AAWP spellings'  => array( 'link', array( 'link' => 'B0SHLFK001,B0SHLFL002', 'image' => '0', 'link_title' => 'this kettle', 'link_icon' => 'amazon', 'tracking_id' => 'shelftest-21' ), '[amazon link="B0SHLFK001,B0SHLFL002" image="0" link_title="this kettle" link_icon="amazon" tracking_id="shelftest-21"]' ),
		);
	}

	/**
	 * Each block.json holds the block's family attributes and every attribute the shortcode reads
	 * for those families, and nothing else. "Reads" is observed, not listed: an attribute is read
	 * when some value of it changes what the shortcode renders (markup, payload or a notice).
	 */
	public function test_each_block_holds_exactly_the_attributes_its_shortcode_families_read(): void {
		$known = array();
		$spy   = static function ( $out, $pairs ) use ( &$known ) {
			$known = array_keys( $pairs );
			return $out;
		};
		add_filter( 'shortcode_atts_amazon', $spy, 10, 2 );
		do_shortcode( '[amazon box="B0SHLFK001"]' );
		remove_filter( 'shortcode_atts_amazon', $spy, 10 );
		$this->assertContains( 'button_text', $known, 'the shortcode’s attributes, as it gives them to shortcode_atts()' );

		$families = array_merge( ...array_values( self::FAMILIES ) );
		$bases    = array(
			'box'        => array( array( 'box' => 'B0SHLFK001,B0SHLFL002,B0SHLFM003' ) ),
			'table'      => array( array( 'table' => 'B0SHLFK001,B0SHLFL002,B0SHLFM003' ), array( 'table' => (string) $this->table ) ),
			'bestseller' => array( array( 'bestseller' => 'pour over kettle' ) ),
			'new'        => array( array( 'new' => '284507' ) ),
			'fields'     => array( array( 'fields' => 'B0SHLFK001', 'value' => 'button' ) ),
			'link'       => array( array( 'link' => 'B0SHLFK001' ) ),
		);
		$this->assertEqualsCanonicalizing( $families, array_keys( $bases ) );
		$probes = array( '1', '2', 'desc', 'vertical', 'dark', 'title', 'price', 'shelftest-21', 'Probe text' );
		$drift  = array();
		foreach ( self::FAMILIES as $block => $own ) {
			$expected = $own;
			foreach ( $own as $family ) {
				foreach ( $bases[ $family ] as $base ) {
					$plain = self::render_shortcode( $base );
					foreach ( array_diff( $known, $families ) as $name ) {
						foreach ( $probes as $probe ) {
							if ( ( $base[ $name ] ?? '' ) !== $probe && self::render_shortcode( array( $name => $probe ) + $base ) !== $plain ) {
								$expected[] = $name;
								break;
							}
						}
					}
				}
			}
			$held = array_keys( json_decode( (string) file_get_contents( SHELF_DIR . "blocks/$block/block.json" ), true )['attributes'] );
			$this->assertSame( array(), array_values( array_diff( $held, $known ) ), "shelf/$block holds only shortcode attributes" );
			$missing = array_values( array_diff( array_unique( $expected ), $held ) );
			$unread  = array_values( array_diff( $held, $expected ) );
			sort( $missing );
			sort( $unread );
			if ( $missing || $unread ) {
				$drift[ $block ] = array(
					'missing' => $missing,
					'unread'  => $unread,
				);
			}
		}
		$this->assertSame( self::KNOWN_DRIFT, $drift, 'block.json attributes against the attributes the shortcode reads (missing: read, not in block.json; unread: in block.json, not read)' );
	}

	/**
	 * The scanner reads Shelf blocks, at the top level and nested, as the shortcodes they are.
	 */
	public function test_a_post_of_blocks_registers_what_its_shortcodes_register(): void {
		$blocks     = '';
		$shortcodes = '';
		foreach ( self::provide_equivalents() as [ $block, $attrs, $shortcode ] ) {
			$attrs       = array_map( fn( $v ) => '%table%' === $v ? (string) $this->table : $v, $attrs );
			$blocks     .= self::markup( $block, $attrs );
			$shortcodes .= "<!-- wp:shortcode -->\n" . str_replace( '%table%', (string) $this->table, $shortcode ) . "\n<!-- /wp:shortcode -->\n";
		}
		$nested = '<!-- wp:group --><div class="wp-block-group"><!-- wp:paragraph --><p>Our picks</p><!-- /wp:paragraph -->' . $blocks . '</div><!-- /wp:group -->';

		$found = \Shelf\Content_Scanner::scan( $shortcodes );
		$this->assertNotSame( array(), $found['products'] );
		$this->assertSame( array( $this->table ), $found['tables'] );
		$this->assertSame( array( 'pour over kettle', 'tea & cups', '284507' ), array_values( array_unique( array_column( $found['searches'], 'query' ) ) ) );
		$this->assertSame( $found, \Shelf\Content_Scanner::scan( $blocks ), 'blocks' );
		$this->assertSame( $found, \Shelf\Content_Scanner::scan( $nested ), 'blocks in a group' );

		// Saved by an author: the same usage rows and the same products and lists made known.
		$this->act_as( 'author' );
		self::clear_store();
		$this->assertSame( self::registered( $this->make_post( wp_slash( $shortcodes ) ) ), self::registered( $this->make_post( wp_slash( $nested ) ) ) );
	}

	/**
	 * What the scanner registers for a block is what the block renders, whatever its markup
	 * holds: attributes the editor never writes, values of the wrong type, names that are not
	 * Shelf's blocks.
	 *
	 * @dataProvider provide_odd_blocks
	 * @param string $markup Block markup.
	 */
	public function test_the_scanner_reads_a_block_as_rendering_does( string $markup ): void {
		$rendered = array();
		foreach ( $this->payloads( do_blocks( $markup ) ) as $payload ) {
			$rendered[ $payload['marketplace'] ] = $payload['asins'];
		}
		$this->assertSame( $rendered, \Shelf\Content_Scanner::scan( $markup )['products'] );
	}

	public static function provide_odd_blocks(): array {
		return array(
			'items as a number'         => array( '<!-- wp:shelf/box {"box":"B0SHLFK001,B0SHLFL002,B0SHLFM003","items":1} /-->' ),
			'items as true'             => array( '<!-- wp:shelf/box {"box":"B0SHLFK001,B0SHLFL002","items":true} /-->' ),
			'select as a list'          => array( '<!-- wp:shelf/box {"box":"B0SHLFK001,B0SHLFL002","select":["2"]} /-->' ),
			'another block’s family'    => array( '<!-- wp:shelf/link {"link":"B0SHLFK001","box":"B0SHLFL002"} /-->' ),
			'an attribute it lacks'     => array( '<!-- wp:shelf/fields {"fields":"B0SHLFK001","value":"price","items":"0"} /-->' ),
			'not a Shelf block'         => array( '<!-- wp:shelf/boxes {"box":"B0SHLFK001"} /--><!-- wp:shelfish/box {"box":"B0SHLFL002"} /-->' ),
		);
	}

	/**
	 * A block's markup, as the editor saves it.
	 *
	 * @param string               $name  Block name without `shelf/`.
	 * @param array<string, mixed> $attrs Attributes.
	 */
	private static function markup( string $name, array $attrs ): string {
		return serialize_block(
			array(
				'blockName'    => "shelf/$name",
				'attrs'        => $attrs,
				'innerBlocks'  => array(),
				'innerHTML'    => '',
				'innerContent' => array(),
			)
		);
	}

	/**
	 * What a page shows when `$render` is its only content: the markup and the data block.
	 *
	 * @param callable(): string $render Renders the content.
	 * @return array{html: string, data: string}
	 */
	private static function page( callable $render ): array {
		self::new_page();
		$html = $render();
		return array(
			'html' => $html,
			'data' => (string) wp_json_encode( self::hooked_placements()->data() ),
		);
	}

	/**
	 * Markup and data block of a shortcode with these attributes, on a page of its own.
	 *
	 * @param array<string, string> $atts Attributes.
	 */
	private static function render_shortcode( array $atts ): string {
		global $shortcode_tags;
		return implode( "\n", self::page( static fn(): string => $shortcode_tags['amazon'][0]->render( $atts ) ) );
	}

	/**
	 * What a saved post registered: its usage rows and the products and lists in the store.
	 *
	 * @param int $post Post ID.
	 * @return array<string, list<array<string, string>>>
	 */
	private static function registered( int $post ): array {
		global $wpdb;
		$usage    = \Shelf\Store_Schema::usage_table();
		$products = \Shelf\Store_Schema::products_table();
		$searches = \Shelf\Store_Schema::searches_table();
		// phpcs:disable WordPress.DB -- test reads of Shelf's own tables.
		$found = array(
			'usage'    => $wpdb->get_results( $wpdb->prepare( "SELECT marketplace, kind, ref, published FROM {$usage} WHERE post_id = %d ORDER BY marketplace, kind, ref", $post ), ARRAY_A ),
			'products' => $wpdb->get_results( "SELECT marketplace, asin, status FROM {$products} ORDER BY marketplace, asin", ARRAY_A ),
			'searches' => $wpdb->get_results( "SELECT marketplace, kind, query, items, status FROM {$searches} ORDER BY marketplace, kind, query", ARRAY_A ),
		);
		// phpcs:enable
		self::clear_store();
		return $found;
	}
}
