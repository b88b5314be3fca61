<?php
/**
 * Every shortcode family: payload, fallback, reserved space and editor notices.
 *
 * @covers \Shelf\Shortcode
 * @covers \Shelf\Tables
 * @covers \Shelf\Placements
 */
class Test_Shortcode_Families extends Shelf_TestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->set_settings(
			array(
				'default_marketplace' => 'www.amazon.com',
				'tracking_ids'        => array( 'www.amazon.com' => 'shelftest-20' ),
				'rel_extra'           => 'nofollow',
			)
		);
	}

	public function test_box_lists_products_with_overrides_and_reserved_space(): void {
		$html = do_shortcode( '[amazon box="B0SHLFK001,b0shlfl002,B0SHLFK001" title="Best kettle" description="Ours" description_items="2" badge="Top" template="vertical" style="dark"]' );
		[ $p ] = $this->payloads( $html );
		$this->assertSame( 'box', $p['kind'] );
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002' ), $p['asins'] );
		$this->assertSame( 'Best kettle', $p['options']['title'] );
		$this->assertSame( 'Ours', $p['options']['description'] );
		$this->assertSame( 2, $p['options']['bullets'] );
		$this->assertSame( 'Top', $p['options']['badge'] );
		$this->assertSame( 'vertical', $p['options']['layout'] );
		$this->assertSame( 'dark', $p['options']['style'] );
		$this->assertSame( 'nofollow', $p['options']['rel'] );
		$this->assertStringStartsWith( '<div class="shelf-placement shelf-placement--box shelf-placement--vertical"', $html );
		$this->assertStringContainsString( 'style="--shelf-items:2;--shelf-rows:0"', $html );
		$this->assertSame( 2, substr_count( $html, 'class="shelf-link" href="https://www.amazon.com/dp/B0SHLF' ) );
		$this->assertStringNotContainsString( 'Best kettle</a>', $html, 'a title override names one product only' );
	}

	public function test_inline_table_gets_default_rows(): void {
		[ $p ] = $this->payloads( do_shortcode( '[amazon table="B0SHLFK001,B0SHLFL002,B0SHLFM003"]' ) );
		$this->assertSame( 'table', $p['kind'] );
		$this->assertSame( array( 'image', 'title', 'price', 'button' ), array_column( $p['options']['rows'], 'type' ) );
		$this->assertFalse( $p['unfilteredHtml'] );
	}

	public function test_stored_table_carries_rows_overrides_and_author_capability(): void {
		$admin = $this->act_as( 'administrator' );
		$id    = \Shelf\Tables::save(
			array(
				'version'   => 1,
				'products'  => array( 'B0SHLFK001', 'B0SHLFL002' ),
				'rows'      => array(
					array( 'type' => 'title' ),
					array( 'type' => 'yesNo', 'label' => 'Gooseneck', 'values' => array( 'B0SHLFK001' => 'yes', 'B0SHLFL002' => 'no' ) ),
					array( 'type' => 'html', 'label' => 'Note', 'value' => '<em>ok</em>' ),
				),
				'overrides' => array( 'B0SHLFL002' => array( 'title' => 'Budget pick', 'evil' => 'x' ) ),
				'highlight' => 'B0SHLFK001',
				'ribbon'    => 'Our pick',
				'labels'    => 'hiddenMobile',
			),
			'Kettles'
		);
		$this->assertIsInt( $id );
		wp_set_current_user( 0 );
		[ $p ] = $this->payloads( do_shortcode( '[amazon table="' . $id . '"]' ) );
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002' ), $p['asins'] );
		$this->assertSame( array( 'title', 'yesNo', 'html' ), array_column( $p['options']['rows'], 'type' ) );
		$this->assertSame( array( 'B0SHLFL002' => array( 'title' => 'Budget pick' ) ), $p['options']['overrides'] );
		$this->assertSame( 'Our pick', $p['options']['ribbon'] );
		$this->assertSame( 'hiddenMobile', $p['options']['labels'] );
		$this->assertSame( user_can( $admin, 'unfiltered_html' ), $p['unfilteredHtml'] );
		wp_delete_post( $id, true );
	}

	public function test_invalid_tables_are_refused_and_nothing_is_stored(): void {
		$before = wp_count_posts( \Shelf\Tables::POST_TYPE )->publish ?? 0;
		$this->assertWPError( \Shelf\Tables::save( array( 'version' => 2, 'products' => array( 'B0SHLFK001' ) ), 'x' ) );
		$this->assertWPError( \Shelf\Tables::save( array( 'version' => 1, 'products' => array( 'nope' ) ), 'x' ) );
		$this->assertWPError( \Shelf\Tables::save( array( 'version' => 1, 'products' => array() ), 'x' ) );
		$this->assertWPError( \Shelf\Tables::save( array( 'version' => 1, 'products' => array( 'B0SHLFK001' ), 'rows' => array( array( 'type' => 'script' ) ) ), 'x' ) );
		wp_cache_delete( _count_posts_cache_key( \Shelf\Tables::POST_TYPE ), 'counts' );
		$this->assertSame( $before, wp_count_posts( \Shelf\Tables::POST_TYPE )->publish ?? 0 );
	}

	public function test_unknown_table_is_an_editor_notice(): void {
		$this->act_as( 'editor' );
		$html = do_shortcode( '[amazon table="999999"]' );
		$this->assertStringContainsString( 'there is no Shelf table with ID 999999', $html );
		$this->assertStringNotContainsString( 'shelf-placement', $html );
		wp_set_current_user( 0 );
		$this->assertSame( '', do_shortcode( '[amazon table="999999"]' ) );
	}

	public function test_bestseller_without_stored_results_links_to_amazon_search(): void {
		$html = do_shortcode( '[amazon bestseller="pour over kettle & more" items="5"]' );
		[ $p ] = $this->payloads( $html );
		$this->assertSame( 'list', $p['kind'] );
		$this->assertSame( array( 'kind' => 'bestseller', 'query' => 'pour over kettle & more' ), $p['search'] );
		$this->assertStringContainsString( 'href="https://www.amazon.com/s?k=pour%20over%20kettle%20%26%20more&#038;tag=shelftest-20"', $html );
		$this->assertStringContainsString( 'Bestsellers for “pour over kettle &amp; more” on Amazon', $html );
	}

	public function test_new_releases_need_a_browse_node(): void {
		$this->act_as( 'editor' );
		$this->assertStringContainsString( 'must be a browse node ID', do_shortcode( '[amazon new="kettles"]' ) );
		[ $p ] = $this->payloads( do_shortcode( '[amazon new="284507" items="3"]' ) );
		$this->assertSame( array( 'kind' => 'new', 'query' => '284507' ), $p['search'] );
	}

	public function test_fields_map_aawp_values(): void {
		[ $p ] = $this->payloads( do_shortcode( '[amazon fields="B0SHLFK001" value="thumb"]' ) );
		$this->assertSame( 'field', $p['kind'] );
		$this->assertSame( 'image', $p['options']['field'] );
		$button = do_shortcode( '[amazon fields="B0SHLFK001" value="button"]' );
		$this->assertStringContainsString( 'href="https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20"', $button );

		$this->act_as( 'editor' );
		$this->assertStringContainsString( 'value=&quot;colour&quot; is not a field', do_shortcode( '[amazon fields="B0SHLFK001" value="colour"]' ) );
	}

	public function test_more_than_25_items_is_capped_with_a_notice(): void {
		$this->act_as( 'editor' );
		$asins = array();
		for ( $i = 0; $i < 30; $i++ ) {
			$asins[] = sprintf( 'B0SHLFG%03d', $i );
		}
		$html = do_shortcode( '[amazon box="' . implode( ',', $asins ) . '"]' );
		$this->assertStringContainsString( 'at most 25 products per placement', $html );
		$this->assertCount( 25, $this->payloads( $html )[0]['asins'] );
		$this->assertStringContainsString( 'at most 25', do_shortcode( '[amazon box="B0SHLFK001" items="40"]' ) );
	}

	public function test_select_and_order_pick_positions(): void {
		[ $p ] = $this->payloads( do_shortcode( '[amazon box="B0SHLFK001,B0SHLFL002,B0SHLFM003" select="1,3" order="desc"]' ) );
		$this->assertSame( array( 'B0SHLFM003', 'B0SHLFK001' ), $p['asins'] );
	}

	/**
	 * AAWP's `select` forms: a position, a range, lists of both.
	 *
	 * @dataProvider select_forms
	 *
	 * @param string   $select   Attribute value.
	 * @param string[] $expected ASINs shown.
	 */
	public function test_select_takes_aawp_ranges_in_every_family( string $select, array $expected ): void {
		$asins = array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003', 'B0SHLFN004', 'B0SHLFP005' );
		[ $p ] = $this->payloads( do_shortcode( '[amazon box="' . implode( ',', $asins ) . '" select="' . $select . '"]' ) );
		$this->assertSame( $expected, $p['asins'], "box select=$select" );
		\Shelf\Store_Registry::remember_search( 'www.amazon.com', 'bestseller', 'select test' );
		\Shelf\Store_Queue::save_search( 'www.amazon.com', 'bestseller', 'select test', $asins, null, time() + 3600 );
		[ $p ] = $this->payloads( do_shortcode( '[amazon bestseller="select test" select="' . $select . '"]' ) );
		$this->assertSame( $expected, $p['asins'], "bestseller select=$select" );
	}

	/** @return array<string, array{string, string[]}> */
	public static function select_forms(): array {
		return array(
			'one position'          => array( '3', array( 'B0SHLFM003' ) ),
			'a range'               => array( '2-3', array( 'B0SHLFL002', 'B0SHLFM003' ) ),
			'a range with spaces'   => array( ' 2 - 4 ', array( 'B0SHLFL002', 'B0SHLFM003', 'B0SHLFN004' ) ),
			'a list'                => array( '1,5', array( 'B0SHLFK001', 'B0SHLFP005' ) ),
			'ranges and positions'  => array( '4-5,1', array( 'B0SHLFN004', 'B0SHLFP005', 'B0SHLFK001' ) ),
			'overlaps once'         => array( '1-2,2-3', array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ) ),
			'past the end'          => array( '4-999999999', array( 'B0SHLFN004', 'B0SHLFP005' ) ),
		);
	}

	public function test_unreadable_select_is_an_editor_notice_and_shows_everything(): void {
		$this->act_as( 'editor' );
		foreach ( array( 'two', '3-1', '0', '1,,2', '-2' ) as $select ) {
			$html = do_shortcode( '[amazon box="B0SHLFK001,B0SHLFL002" select="' . $select . '"]' );
			$this->assertStringContainsString( 'is not a list of positions or ranges', $html, $select );
			$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002' ), $this->payloads( $html )[0]['asins'], $select );
		}
	}

	public function test_stored_table_maps_leave_as_json_objects_even_when_empty(): void {
		$this->act_as( 'administrator' );
		$id = \Shelf\Tables::save(
			array(
				'version'  => 1,
				'products' => array( 'B0SHLFK001', '0316769487' ),
				'rows'     => array(
					array( 'type' => 'text', 'label' => 'Note', 'value' => 'same for all' ),
					array( 'type' => 'yesNo', 'label' => 'Book', 'values' => array( '0316769487' => 'yes' ) ),
				),
			),
			'Maps'
		);
		$this->assertIsInt( $id );
		wp_set_current_user( 0 );
		$html = do_shortcode( '[amazon table="' . $id . '"]' );
		preg_match( '/data-shelf-id="([^"]*)"/', $html, $m );
		// Decoded without `true`: a JSON object becomes stdClass, a JSON array a PHP array.
		$data    = json_decode( (string) wp_json_encode( $this->hooked_placements()->data() ) );
		$options = $data->placements->{$m[1]}->options;
		$this->assertInstanceOf( \stdClass::class, $options->rows[0]->values, 'empty values must be {}' );
		$this->assertInstanceOf( \stdClass::class, $options->rows[0]->urls, 'empty urls must be {}' );
		$this->assertInstanceOf( \stdClass::class, $options->overrides, 'empty overrides must be {}' );
		$this->assertSame( 'yes', $options->rows[1]->values->{'0316769487'}, 'an ISBN key keeps its leading zero' );
		wp_delete_post( $id, true );
	}

	public function test_bad_common_attributes_are_reported_and_ignored(): void {
		$this->act_as( 'editor' );
		$html = do_shortcode( '[amazon box="B0SHLFK001" style="neon" template="fancy" orderby="reviews"]' );
		$this->assertStringContainsString( 'style=&quot;neon&quot; is unknown', $html );
		$this->assertStringContainsString( 'template=&quot;fancy&quot; is unknown', $html );
		$this->assertStringContainsString( 'orderby=&quot;reviews&quot; is not supported', $html );
		[ $p ] = $this->payloads( $html );
		$this->assertSame( 'standard', $p['options']['style'] );
		$this->assertArrayNotHasKey( 'layout', $p['options'] );
	}

	public function test_two_families_use_the_first_with_a_notice(): void {
		$this->act_as( 'editor' );
		$html = do_shortcode( '[amazon box="B0SHLFK001" link="B0SHLFL002"]' );
		$this->assertStringContainsString( 'only box is shown', $html );
		$this->assertSame( 'box', $this->payloads( $html )[0]['kind'] );
	}

	public function test_page_data_block_holds_records_and_context_once(): void {
		$placements = $this->placements();
		$placements->placeholder( array( 'kind' => 'box', 'marketplace' => 'www.amazon.com', 'asins' => array( 'B0SHLFK001' ), 'options' => array() ), '' );
		$placements->placeholder( array( 'kind' => 'link', 'marketplace' => 'www.amazon.com', 'asins' => array( 'B0SHLFK001', 'B0SHLFL002' ), 'options' => array() ), '' );
		ob_start();
		$placements->print_data();
		$out = (string) ob_get_clean();
		$this->assertSame( 1, preg_match( '#^<script type="application/json" id="shelf-data">(.*)</script>$#s', trim( $out ), $m ) );
		$this->assertStringNotContainsString( '<', $m[1] );
		$data = json_decode( $m[1], true );
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002' ), array_keys( $data['records']['www.amazon.com'] ) );
		$this->assertSame( array( 'p1', 'p2' ), array_keys( $data['placements'] ) );
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002' ), $data['placements']['p2']['asins'] );
		foreach ( $data['records']['www.amazon.com'] as $record ) {
			$this->assertSame( array( 'item', 'fetchedAt', 'asOf', 'status' ), array_keys( $record ), 'one record shape, no upstream error text' );
		}
		$this->assertSame( 'www.amazon.com', $data['config']['market'] );
		$this->assertSame( 24 * HOUR_IN_SECONDS, $data['config']['lifetime'] );
		$this->assertArrayNotHasKey( 'time', $data['config'], 'each record brings its "as of" text' );
		$this->assertSame( array( 'www.amazon.com' => 'shelftest-20' ), $data['config']['links']['tags'] );
		$this->assertSame( 'nofollow', $data['config']['links']['rel'], 'the extra rel tokens of the site' );
		$this->assertTrue( $data['config']['links']['newTab'], 'links open in a new tab by default' );
	}

	public function test_pages_without_placements_get_no_data_block(): void {
		ob_start();
		$this->placements()->print_data();
		$this->assertSame( '', ob_get_clean() );
	}

	/** A fresh collector, as on a new page. */
	private function placements(): \Shelf\Placements {
		return new \Shelf\Placements( new \Shelf\Assets() );
	}

	/**
	 * @param mixed $actual Value.
	 */
	private function assertWPError( $actual ): void {
		$this->assertInstanceOf( \WP_Error::class, $actual );
	}
}
