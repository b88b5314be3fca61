<?php
/**
 * Hidden and highlighted rows, hidden products: how Tables::validate keeps them, what the REST
 * schema accepts, the rule that one product stays shown (through Tables::save and REST), and
 * what the shortcode sends to the core (and keeps out of the page).
 *
 * @covers \Shelf\Tables
 * @covers \Shelf\Table_Schema
 * @covers \Shelf\Rest_Tables
 * @covers \Shelf\Shortcode
 * @covers \Shelf\Placements
 */

require_once __DIR__ . '/tools/class-shelf-tables-testcase.php';

class Test_Tables_Rows extends Shelf_Tables_TestCase {

	private const PRODUCTS = array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' );

	private const ALL_HIDDEN = 'every product of the table is hidden; at least one must be shown.';

	/**
	 * A table of PRODUCTS with these rows and hidden products.
	 *
	 * @param list<array<string, mixed>> $rows   Rows.
	 * @param mixed                      $hidden Hidden products as sent.
	 * @return array<string, mixed>
	 */
	private static function flagged( array $rows, $hidden = null ): array {
		$table = array(
			'version'  => 1,
			'products' => self::PRODUCTS,
			'rows'     => $rows,
		);
		return null === $hidden ? $table : $table + array( 'hidden' => $hidden );
	}

	/**
	 * Row flags are booleans: what the REST schema's `boolean` reads as true is true, anything
	 * else (and a missing flag) is false.
	 *
	 * @dataProvider provide_flags
	 *
	 * @param mixed $given    The flag as sent.
	 * @param bool  $expected The flag as kept.
	 */
	public function test_row_flags_are_kept_as_booleans( $given, bool $expected ): void {
		$clean = \Shelf\Tables::validate(
			self::flagged(
				array(
					array( 'type' => 'text', 'hidden' => $given, 'highlight' => $given ),
					array( 'type' => 'button' ),
				)
			)
		);
		$this->assertIsArray( $clean );
		$this->assertSame( array( $expected, $expected ), array( $clean['rows'][0]['hidden'], $clean['rows'][0]['highlight'] ) );
		$this->assertSame( array( false, false ), array( $clean['rows'][1]['hidden'], $clean['rows'][1]['highlight'] ), 'missing flags are false' );
	}

	public static function provide_flags(): array {
		return array(
			'true'           => array( true, true ),
			'1'              => array( 1, true ),
			'"1"'            => array( '1', true ),
			'"TRUE"'         => array( 'TRUE', true ),
			'false'          => array( false, false ),
			'0'              => array( 0, false ),
			'"false"'        => array( 'false', false ),
			'"yes"'          => array( 'yes', false ),
			'2'              => array( 2, false ),
			'null'           => array( null, false ),
			'an array'       => array( array( true ), false ),
			'an empty string' => array( '', false ),
		);
	}

	public function test_hidden_products_are_the_tables_own_asins_once_each(): void {
		$clean = \Shelf\Tables::validate( self::flagged( array(), array( 'b0shlfm003', 'B0SHLFZ999', 'B0SHLFK001', ' B0SHLFM003 ', 'nope', 7, array( 'B0SHLFL002' ) ) ) );
		$this->assertIsArray( $clean );
		$this->assertSame( array( 'B0SHLFM003', 'B0SHLFK001' ), $clean['hidden'] );
		$this->assertSame( self::PRODUCTS, $clean['products'], 'hidden products stay in the table' );
		$this->assertSame( array(), \Shelf\Tables::validate( self::flagged( array() ) )['hidden'], 'a table stored before hidden existed' );
		$this->assertSame( array( 'B0SHLFL002' ), \Shelf\Tables::validate( self::flagged( array(), 'B0SHLFL002' ) )['hidden'], 'one ASIN, as products takes it' );
	}

	public function test_save_refuses_a_table_with_every_product_hidden_and_stores_nothing(): void {
		self::login( 'editor' );
		$before  = self::table_ids();
		$refused = \Shelf\Tables::save( self::flagged( array(), array( 'B0SHLFM003', 'B0SHLFL002', 'b0shlfk001' ) ), 'All hidden' );
		$this->assertInstanceOf( WP_Error::class, $refused );
		$this->assertSame( 'shelf_table_hidden', $refused->get_error_code() );
		$this->assertSame( self::ALL_HIDDEN, $refused->get_error_message() );
		$this->assertSame( $before, self::table_ids() );

		$id     = $this->make_table( 'editor', self::flagged( array(), array( 'B0SHLFL002' ) ) );
		$stored = self::stored( $id );
		$this->assertInstanceOf( WP_Error::class, \Shelf\Tables::save( self::flagged( array(), self::PRODUCTS ), 'All hidden', $id ) );
		$this->assertSame( $stored, self::stored( $id ) );
		$this->assertIsInt( \Shelf\Tables::save( self::flagged( array(), array( 'B0SHLFK001', 'B0SHLFL002' ) ), 'One shown', $id ) );
	}

	public function test_rest_round_trip_of_hidden_products_and_row_flags(): void {
		self::login( 'editor' );
		$table    = self::flagged(
			array(
				array( 'type' => 'title', 'hidden' => true ),
				array( 'type' => 'text', 'label' => 'Capacity', 'highlight' => true ),
				array( 'type' => 'text', 'label' => 'Note', 'hidden' => '1', 'highlight' => 'false' ),
			),
			array( 'B0SHLFL002', 'B0SHLFL002' )
		);
		$response = self::rest( 'POST', '/shelf/v1/tables', array( 'title' => 'Flags', 'table' => $table ) );
		$this->assertSame( 201, $response->get_status(), wp_json_encode( $response->get_data() ) );
		$id       = $response->get_data()['id'];
		$expected = '{"version":1,"products":["B0SHLFK001","B0SHLFL002","B0SHLFM003"],"hidden":["B0SHLFL002"],"rows":['
			. '{"type":"title","label":"","value":"","values":{},"url":"","urls":{},"hidden":true,"highlight":false},'
			. '{"type":"text","label":"Capacity","value":"","values":{},"url":"","urls":{},"hidden":false,"highlight":true},'
			. '{"type":"text","label":"Note","value":"","values":{},"url":"","urls":{},"hidden":true,"highlight":false}],'
			. '"overrides":{},"highlight":"","ribbon":"","labels":"shown","caption":""}';
		$this->assertSame( $expected, self::stored( $id ) );
		$this->assertSame( $expected, wp_json_encode( rest_get_server()->response_to_data( self::rest( 'GET', '/shelf/v1/tables/' . $id ), false )['table'] ) );

		// What the builder got back, sent again, is the same table (no new revision).
		$revisions = count( wp_get_post_revisions( $id ) );
		$again     = json_decode( $expected, true );
		$this->assertSame( 200, self::rest( 'PUT', '/shelf/v1/tables/' . $id, array( 'table' => $again ) )->get_status() );
		$this->assertSame( $expected, self::stored( $id ) );
		$this->assertCount( $revisions, wp_get_post_revisions( $id ) );
	}

	public function test_rest_refuses_every_product_hidden_with_400_and_the_message(): void {
		$id = $this->make_table( 'editor', self::flagged( array(), array( 'B0SHLFK001' ) ), 'Kept' );
		self::login( 'editor' );
		$stored = self::stored( $id );
		$body   = array(
			'title' => 'Changed',
			'table' => self::flagged( array(), array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ) ),
		);
		$update = self::rest( 'PUT', '/shelf/v1/tables/' . $id, $body );
		$this->assertSame( 400, $update->get_status() );
		$this->assertSame( 'shelf_table_hidden', $update->get_data()['code'] );
		$this->assertSame( self::ALL_HIDDEN, $update->get_data()['message'] );
		$this->assertSame( $stored, self::stored( $id ) );
		$this->assertSame( 'Kept', get_post( $id )->post_title );

		$tables = self::table_ids();
		$create = self::rest( 'POST', '/shelf/v1/tables', $body );
		$this->assertSame( 400, $create->get_status() );
		$this->assertSame( self::ALL_HIDDEN, $create->get_data()['message'] );
		$this->assertSame( $tables, self::table_ids() );
	}

	/**
	 * The schema checks the new fields' kinds before Tables::validate runs.
	 *
	 * @dataProvider provide_wrong_kinds
	 */
	public function test_rest_schema_refuses_wrong_kinds( array $table, string $message ): void {
		self::login( 'editor' );
		$response = self::rest( 'POST', '/shelf/v1/tables', array( 'title' => 'x', 'table' => $table ) );
		$this->assertSame( 400, $response->get_status() );
		$this->assertStringContainsString( $message, wp_json_encode( $response->get_data() ) );
	}

	public static function provide_wrong_kinds(): array {
		$many = array();
		for ( $i = 0; $i < 26; $i++ ) {
			$many[] = 'B0SHLFK001';
		}
		return array(
			'hidden not a list'       => array( self::flagged( array(), array( 'first' => 'B0SHLFK001' ) ), 'table[hidden] is not of type array.' ),
			'hidden entry not text'   => array( self::flagged( array(), array( 3 ) ), 'table[hidden][0] is not of type string.' ),
			'26 hidden'               => array( self::flagged( array(), $many ), 'table[hidden] must contain at most 25 items.' ),
			'row hidden not a flag'   => array( self::flagged( array( array( 'type' => 'text', 'hidden' => 'yes' ) ) ), 'table[rows][0][hidden] is not of type boolean.' ),
			'row highlight not a flag' => array( self::flagged( array( array( 'type' => 'text', 'highlight' => 2 ) ) ), 'table[rows][0][highlight] is not of type boolean.' ),
		);
	}

	public function test_an_editor_without_unfiltered_html_may_hide_and_highlight_an_html_row(): void {
		$html = array( 'type' => 'html', 'label' => 'Note', 'value' => '<strong>Best</strong>' );
		$id     = $this->make_table( 'editor', self::flagged( array( $html ) ) );
		$editor = self::login( 'editor' );
		$this->without_unfiltered_html( $editor );
		$flagged  = self::flagged( array( array( 'hidden' => true, 'highlight' => true ) + $html ) );
		$response = self::rest( 'PUT', '/shelf/v1/tables/' . $id, array( 'table' => $flagged ) );
		$this->assertSame( 200, $response->get_status(), wp_json_encode( $response->get_data() ) );
		$this->assertTrue( $response->get_data()['table']['rows'][0]['hidden'] );
	}

	public function test_the_shortcode_sends_hidden_products_and_row_flags_to_the_core(): void {
		$this->set_settings(
			array(
				'default_marketplace' => 'www.amazon.com',
				'tracking_ids'        => array( 'www.amazon.com' => 'shelftest-20' ),
			)
		);
		$id = $this->make_table(
			'editor',
			self::flagged(
				array(
					array( 'type' => 'title', 'hidden' => true ),
					array( 'type' => 'text', 'label' => 'Capacity', 'highlight' => true ),
					array( 'type' => 'text', 'label' => 'Internal note', 'value' => 'Ask the supplier first', 'hidden' => true ),
					array( 'type' => 'button' ),
				),
				array( 'B0SHLFL002' )
			)
		);
		$html  = do_shortcode( '[amazon table="' . $id . '"]' );
		[ $p ] = $this->payloads( $html );
		$this->assertSame( self::PRODUCTS, $p['asins'], 'hidden products are sent; the core leaves them out' );
		$this->assertSame( array( 'B0SHLFL002' ), $p['options']['hidden'] );
		$rows = $p['options']['rows'];
		$this->assertSame( array( 'title', 'text', 'text', 'button' ), array_column( $rows, 'type' ) );
		$this->assertSame( array( true, false, true, false ), array_column( $rows, 'hidden' ) );
		$this->assertSame( array( false, true ), array( $rows[0]['highlight'], $rows[1]['highlight'] ) );
		// A hidden row reaches the core as its flag only: its texts are not in the page.
		$this->assertSame( array( 'type' => 'text', 'hidden' => true ), $rows[2] );
		$this->assertStringNotContainsString( 'Ask the supplier', (string) wp_json_encode( self::hooked_placements()->data() ) );
		// Visitors without JavaScript see links to the shown products only, and the space
		// reserved counts the rows that render (the hidden title row does).
		$this->assertSame( 2, substr_count( $html, 'class="shelf-link"' ) );
		$this->assertStringNotContainsString( 'B0SHLFL002', $html );
		$this->assertStringContainsString( 'style="--shelf-items:2;--shelf-rows:3"', $html );
	}
}
