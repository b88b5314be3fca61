<?php
/**
 * AAWP's display attributes (issue 13, "Move from AAWP"): `template` shows boxes and lists as
 * Shelf's box, list or table; `orderby`/`order` reach the core, which sorts; `link_icon` puts an
 * inline icon after text links. Values Shelf does not know are reported to editors, never as PHP notices.
 *
 * @covers \Shelf\Shortcode
 */
class Test_Shortcode_Aawp extends Shelf_TestCase {

	/**
	 * PHP notices and warnings raised during the test.
	 *
	 * @var list<string>
	 */
	private array $php_errors = array();

	protected function setUp(): void {
		parent::setUp();
		$this->set_settings(
			array(
				'default_marketplace' => 'www.amazon.com',
				'tracking_ids'        => array( 'www.amazon.com' => 'shelftest-20' ),
			)
		);
		$this->php_errors = array();
		set_error_handler(
			function ( int $no, string $message, string $file, int $line ): bool {
				$this->php_errors[] = "$message at $file:$line";
				return false;
			}
		);
	}

	protected function tearDown(): void {
		restore_error_handler();
		$this->assertSame( array(), $this->php_errors, 'no PHP notice or warning' );
		parent::tearDown();
	}

	/**
	 * @dataProvider templates
	 *
	 * @param string      $shortcode Shortcode.
	 * @param string      $kind      Expected payload kind.
	 * @param string|null $layout    Expected box layout (null: none set).
	 */
	public function test_a_box_is_shown_as_its_template_says( string $shortcode, string $kind, ?string $layout ): void {
		self::new_page();
		$html  = do_shortcode( $shortcode );
		[ $p ] = $this->payloads( $html );
		$this->assertSame( $kind, $p['kind'] );
		$this->assertSame( $layout, $p['options']['layout'] ?? null );
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ), $p['asins'] );
		if ( 'list' === $kind ) {
			$this->assertSame( 3, $p['options']['items'], 'the list shows every product' );
		}
		if ( 'table' === $kind ) {
			$this->assertSame( array( 'image', 'title', 'price', 'button' ), array_column( $p['options']['rows'], 'type' ) );
			$this->assertFalse( $p['unfilteredHtml'] );
		}
		$this->assertStringStartsWith( '<div class="shelf-placement shelf-placement--' . $kind, $html );
		$this->assertSame( 3, substr_count( $html, 'href="https://www.amazon.com/dp/B0SHLF' ), 'the no-JS links stay' );
	}

	public static function templates(): array {
		$box = '[amazon box="B0SHLFK001,B0SHLFL002,B0SHLFM003" template="%s"]';
		return array(
			'list'                => array( sprintf( $box, 'list' ), 'list', null ),
			'table'               => array( sprintf( $box, 'table' ), 'table', null ),
			'upper case, spaces'  => array( sprintf( $box, ' TABLE ' ), 'table', null ),
			'deprecated table'    => array( sprintf( $box, 'box_table' ), 'table', null ),
			'comparison layout'   => array( sprintf( $box, 'comparison' ), 'table', null ),
			'deprecated list'     => array( sprintf( $box, 'bestseller' ), 'list', null ),
			'widget is vertical'  => array( sprintf( $box, 'widget-small' ), 'box', 'vertical' ),
			'grid is vertical'    => array( sprintf( $box, 'grid' ), 'box', 'vertical' ),
			'horizontal'          => array( sprintf( $box, 'horizontal' ), 'box', 'horizontal' ),
			'no template'         => array( '[amazon box="B0SHLFK001,B0SHLFL002,B0SHLFM003"]', 'box', null ),
		);
	}

	public function test_a_list_with_template_table_is_a_table_and_box_templates_keep_the_list(): void {
		\Shelf\Store_Schema::maybe_install();
		\Shelf\Store_Registry::remember_search( 'www.amazon.com', 'bestseller', 'aawp kettle', 3 );
		\Shelf\Store_Queue::save_search( 'www.amazon.com', 'bestseller', 'aawp kettle', array( 'B0SHLFS101', 'B0SHLFS102', 'B0SHLFS103' ), null, time() + HOUR_IN_SECONDS );
		\Shelf\Store::flush_memo();
		self::new_page();
		$table = $this->payloads( do_shortcode( '[amazon bestseller="aawp kettle" items="3" template="table"]' ) )[0];
		$this->assertSame( 'table', $table['kind'] );
		$this->assertSame( array( 'B0SHLFS101', 'B0SHLFS102', 'B0SHLFS103' ), $table['asins'] );
		$this->assertSame( array( 'image', 'title', 'price', 'button' ), array_column( $table['options']['rows'], 'type' ) );
		self::new_page();
		$list = $this->payloads( do_shortcode( '[amazon bestseller="aawp kettle" items="3" template="horizontal"]' ) )[0];
		$this->assertSame( 'list', $list['kind'] );
		$this->assertSame( 3, $list['options']['items'] );
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . \Shelf\Store_Schema::searches_table() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.NotPrepared -- test clean-up of Shelf's own table.
	}

	public function test_orderby_reaches_the_core_with_aawps_default_direction(): void {
		$cases = array(
			'[amazon box="B0SHLFK001,B0SHLFL002" orderby="price"]'              => array( 'price', 'desc' ),
			'[amazon box="B0SHLFK001,B0SHLFL002" orderby="Title" order="ASC"]'  => array( 'title', 'asc' ),
			'[amazon box="B0SHLFK001,B0SHLFL002" orderby="rating" order="desc"]' => array( 'rating', 'desc' ),
		);
		foreach ( $cases as $shortcode => [ $by, $order ] ) {
			self::new_page();
			[ $p ] = $this->payloads( do_shortcode( $shortcode ) );
			$this->assertSame( $by, $p['options']['orderBy'], $shortcode );
			$this->assertSame( $order, $p['options']['order'], $shortcode );
			$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002' ), $p['asins'], 'the core sorts; the given order is kept for it' );
		}
		// Without a key to sort by, `order="desc"` still reverses the given order, as before.
		self::new_page();
		[ $p ] = $this->payloads( do_shortcode( '[amazon box="B0SHLFK001,B0SHLFL002" order="desc" orderby="rank"]' ) );
		$this->assertSame( array( 'B0SHLFL002', 'B0SHLFK001' ), $p['asins'] );
		$this->assertArrayNotHasKey( 'orderBy', $p['options'] );
	}

	public function test_link_icon_wraps_the_text_link_in_the_class_that_draws_it(): void {
		foreach ( array( 'amazon' => 'amazon', 'amazon-logo' => 'amazonLogo', 'CART' => 'cart' ) as $value => $icon ) {
			self::new_page();
			$html = do_shortcode( '[amazon link="B0SHLFK001" title="Kettle" link_icon="' . $value . '"]' );
			$this->assertMatchesRegularExpression( '~^<span class="shelf-icon-' . $icon . '"><span class="shelf-placement shelf-placement--link" data-shelf-id="p1"><a class="shelf-link" href="https://www.amazon.com/dp/B0SHLFK001\?tag=shelftest-20"[^>]*>Kettle</a></span></span>$~', $html );
		}
		$css = (string) file_get_contents( SHELF_DIR . 'assets/shelf.css' );
		foreach ( array( 'amazon', 'amazonLogo', 'cart' ) as $icon ) {
			$this->assertMatchesRegularExpression( '~\.shelf-icon-' . $icon . ' \{\s*--shelf-icon: url\("data:image/svg\+xml,~', $css, 'an inline icon, no request' );
		}
		foreach ( array( '[amazon link="B0SHLFK001" link_icon="none"]', '[amazon link="B0SHLFK001" link_icon="0"]', '[amazon link="B0SHLFK001" image="1" link_icon="cart"]', '[amazon box="B0SHLFK001" link_icon="cart"]' ) as $shortcode ) {
			self::new_page();
			$this->assertStringNotContainsString( 'shelf-icon', do_shortcode( $shortcode ), $shortcode );
		}
	}

	/**
	 * @dataProvider hostile
	 *
	 * @param string $shortcode Shortcode with a bad value.
	 * @param string $message   The notice an editor reads.
	 */
	public function test_unknown_values_are_reported_to_editors_and_ignored( string $shortcode, string $message ): void {
		$this->act_as( 'editor' );
		self::new_page();
		$html = do_shortcode( $shortcode );
		$this->assertStringContainsString( '<span class="shelf-notice" role="note">Shelf (visible to editors only): ' . $message, $html );
		$this->assertStringNotContainsString( '<script', $html );
		[ $p ] = $this->payloads( $html );
		$this->assertContains( $p['kind'], array( 'box', 'link' ) );
		$this->assertArrayNotHasKey( 'orderBy', $p['options'] );
		$this->assertStringNotContainsString( 'shelf-icon', $html );
		$this->assertArrayNotHasKey( 'layout', $p['options'] );

		$this->act_as( 'subscriber' );
		self::new_page();
		$this->assertStringNotContainsString( 'shelf-notice', do_shortcode( $shortcode ), 'visitors never see it' );
	}

	public static function hostile(): array {
		return array(
			'template'         => array( '[amazon box="B0SHLFK001" template="<script>x</script>"]', 'template=&quot;&lt;script&gt;x&lt;/script&gt;&quot; is unknown; use horizontal, vertical, list or table.' ),
			'theme template'   => array( '[amazon box="B0SHLFK001" template="my-theme-file"]', 'template=&quot;my-theme-file&quot; is unknown' ),
			'orderby AAWP has' => array( '[amazon box="B0SHLFK001" orderby="percentage_saved"]', 'orderby=&quot;percentage_saved&quot; is not supported; use price, title or rating.' ),
			'orderby hostile'  => array( '[amazon box="B0SHLFK001" orderby="price\';DROP TABLE x"]', 'orderby=&quot;price&#039;;drop table x&quot; is not supported' ),
			'order'            => array( '[amazon box="B0SHLFK001" order="sideways"]', 'order=&quot;sideways&quot; is unknown; use asc or desc.' ),
			'link_icon'        => array( '[amazon link="B0SHLFK001" link_icon="javascript:alert(1)"]', 'link_icon=&quot;javascript:alert(1)&quot; is unknown; use amazon, amazon-logo, cart or none.' ),
			'link_icon quote'  => array( '[amazon link="B0SHLFK001" link_icon=\'" onmouseover="x\']', 'link_icon=&quot;&quot; onmouseover=&quot;x&quot; is unknown' ),
		);
	}
}
