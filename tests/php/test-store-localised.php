<?php
/**
 * Localisation that is true to the store (issue 12): with localisation on, the refresh keeps
 * the other stores' copies of the products published content shows, most used first, with only
 * what a run has left after every store's own work (R-style: counted in the mock's request
 * log), the daily expiry and the site limit treat them as such, and the public products route
 * answers them.
 *
 * @covers \Shelf\Store_Localised
 * @covers \Shelf\Refresh
 * @covers \Shelf\Rate_Budget::localised_room
 * @covers \Shelf\Store_Expiry
 * @covers \Shelf\Store_Registry
 * @covers \Shelf\Rest::products
 * @covers \Shelf\Status_Panel::render
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';

class Test_Store_Localised extends Shelf_Api_TestCase {

	private const DE = 'www.amazon.de';
	private const US = 'www.amazon.com';

	protected function setUp(): void {
		parent::setUp();
		$this->localise( true );
		add_filter( 'shelf_api_rate', static fn() => 50 );
		$this->act_as( 'editor' );
	}

	protected function tearDown(): void {
		foreach ( array( 'shelf_localised_daily_share', 'shelf_max_products' ) as $hook ) {
			remove_all_filters( $hook );
		}
		parent::tearDown();
	}

	public function test_only_stores_with_a_tracking_id_besides_the_default_and_only_when_localising(): void {
		$this->assertSame( array( self::DE ), \Shelf\Store_Localised::markets() );
		$this->localise( false );
		$this->assertSame( array(), \Shelf\Store_Localised::markets() );
		$this->make_post( '[amazon box="B0SHLFK001"]' );
		$this->parts()['refresh']->run( 10 );
		$this->assertSame( array( self::US ), array_values( array_unique( array_column( self::requests( '/catalog/v1/getItems' ), 'marketplace' ) ) ), 'no other store is asked' );
	}

	public function test_the_other_store_gets_the_most_used_published_products_after_the_own_work(): void {
		$asins = self::synthetic( 15 );
		$this->make_post( '[amazon box="' . implode( ',', array_slice( $asins, 0, 8 ) ) . '"] [amazon box="' . implode( ',', array_slice( $asins, 8 ) ) . '"]' );
		$this->make_post( '[amazon table="' . implode( ',', array_slice( $asins, 0, 10 ) ) . '"]' );
		// A draft by someone who may publish it registers its products, but visitors see none.
		$this->make_post( '[amazon box="' . implode( ',', array_slice( $asins, 10 ) ) . '"]', 'draft' );
		$this->make_post( '[amazon box="' . implode( ',', array_slice( $asins, 10 ) ) . '"]', 'draft' );

		$ranked = \Shelf\Store_Localised::ranked();
		$this->assertSame( array_merge( array_fill_keys( array_slice( $asins, 0, 10 ), 2 ), array_fill_keys( array_slice( $asins, 10 ), 1 ) ), $ranked );

		$summary = $this->parts()['refresh']->run( 3 );
		$this->assertSame( 3, $summary['requests'] );
		$log = self::requests( '/catalog/v1/getItems' );
		$this->assertSame( array( self::US, self::US, self::DE ), array_column( $log, 'marketplace' ), 'the own work first (10 + 5 products), then the other store' );
		$de = $log[2]['body'];
		$this->assertSame( 'shelftest-21', $de['partnerTag'] );
		$this->assertEqualsCanonicalizing( array_slice( $asins, 0, 10 ), $de['itemIds'], 'the ten most used' );
		\Shelf\Store::flush_memo();
		$record = \Shelf\Store::get_many( self::DE, array( $asins[0] ) )[ $asins[0] ];
		$this->assertSame( 'EUR', $record['item']['offersV2']['listings'][0]['price']['money']['currency'] );
		$this->assertFalse( $summary['more_due'], 'the other store never asks for a run of its own' );

		// The next run takes the rest; then both stores are fresh and nothing is asked.
		$this->parts()['refresh']->run( 10 );
		$this->assertEqualsCanonicalizing( array_slice( $asins, 10 ), self::requests( '/catalog/v1/getItems' )[3]['body']['itemIds'] );
		$this->assertSame( 0, $this->parts()['refresh']->run( 10 )['requests'] );
		$this->assertSame( array( self::DE => 15 ), \Shelf\Store_Localised::kept() );
		$this->act_as( 'administrator' );
		ob_start();
		( new \Shelf\Status_Panel( $this->parts()['budget'] ) )->render();
		$panel = (string) ob_get_clean();
		$this->assertStringContainsString( '<th scope="row">Kept for visitors sent to www.amazon.de</th><td>15 products with data, the most used first', $panel );
	}

	/**
	 * R-style: over a busy day the other store's work never adds a request beyond a run's
	 * bound, never takes a request the own work wanted, and stops at its share of the daily
	 * cap, so the own work of that credential still has the rest.
	 */
	public function test_r_the_other_stores_never_push_the_refresh_over_its_budget(): void {
		$key = \Shelf\Credentials::for_market( self::DE )['key'];
		if ( \Shelf\Credentials::for_market( self::US )['key'] === $key ) {
			$this->markTestIncomplete( 'wp-config.php defines one credential for every region; run on a site without one' );
		}
		add_filter( 'shelf_api_daily_cap', static fn() => 40 );
		$this->start_of_utc_day();
		$asins = self::synthetic( 300 );
		foreach ( array_chunk( $asins, 25 ) as $chunk ) {
			$this->make_post( '[amazon box="' . implode( ',', $chunk ) . '"]' );
		}
		self::mock( 'DELETE', '/__mock/requests' );

		// While the own work fills every run, the other store gets nothing.
		for ( $run = 0; $run < 3; $run++ ) {
			$this->assertSame( 4, $this->parts()['refresh']->run( 4 )['requests'] );
		}
		$log = self::requests( '/catalog/v1/getItems' );
		$this->assertCount( 12, $log );
		$this->assertSame( array( self::US ), array_values( array_unique( array_column( $log, 'marketplace' ) ) ) );

		// Runs with room left: never more requests than the bound, and the other store stops at
		// half of the day's cap (20 of 40) while the own store goes on.
		$per_run = array();
		for ( $run = 0; $run < 15; $run++ ) {
			$this->offset += 60;
			$before    = count( self::requests( '/catalog/v1/getItems' ) );
			$summary   = $this->parts()['refresh']->run( 4 );
			$per_run[] = count( self::requests( '/catalog/v1/getItems' ) ) - $before;
			$this->assertSame( $per_run[ $run ], $summary['requests'] );
		}
		$this->assertLessThanOrEqual( 4, max( $per_run ), 'no run asks more than its bound' );
		$by_market = array_count_values( array_column( self::requests( '/catalog/v1/getItems' ), 'marketplace' ) );
		$this->assertSame( 30, $by_market[ self::US ], 'the own work: 300 products in batches of 10' );
		$this->assertSame( 20, $by_market[ self::DE ], 'the other store: half the daily cap, then nothing' );
		$this->assertSame( 0, $this->parts()['budget']->localised_room( $key ) );

		// The credential's own work in that store still gets its requests today.
		\Shelf\Store_Registry::remember( self::DE, array( 'B0SHLFD201' ) );
		$this->assertSame( 1, $this->parts()['refresh']->run( 4 )['requests'] );
		$this->assertSame( 21, count( array_keys( array_column( self::requests( '/catalog/v1/getItems' ), 'marketplace' ), self::DE, true ) ) );

		// A share of 0 keeps the other stores away entirely.
		add_filter( 'shelf_localised_daily_share', static fn() => 0 );
		$this->offset += DAY_IN_SECONDS;
		$this->assertSame( 0, $this->parts()['budget']->localised_room( $key ) );
	}

	public function test_the_expiry_keeps_them_while_used_and_the_site_limit_does_not_count_them(): void {
		add_filter( 'shelf_max_products', static fn() => 100 );
		wp_clear_scheduled_hook( \Shelf\Refresh::SCAN_HOOK ); // The expiry waits for a running scan.
		$id = $this->make_post( '[amazon box="B0SHLFK001,B0SHLFL002"]' );
		$this->parts()['refresh']->run( 10 );
		$this->assertSame( 2, $this->count_rows( self::DE ) );

		// At the site limit for placements, the other store's copies take no room from them.
		\Shelf\Store_Registry::remember( self::US, self::synthetic( 98 ) );
		$this->assertSame( 100, $this->count_rows( self::US ) );
		\Shelf\Store_Registry::remember( self::US, array( 'B0SHLFM003' ) );
		$this->assertSame( 100, $this->count_rows( self::US ), 'the limit still holds' );

		$this->offset += DAY_IN_SECONDS + 60;
		\Shelf\Store_Expiry::run();
		$this->assertSame( 2, $this->count_rows( self::DE ), 'used by a published post: kept' );

		wp_update_post( array( 'ID' => $id, 'post_content' => '[amazon box="B0SHLFK001"]' ) );
		\Shelf\Store_Expiry::run();
		$this->assertSame( 1, $this->count_rows( self::DE ), 'no longer used: gone' );

		$this->localise( false );
		\Shelf\Store_Expiry::run();
		$this->assertSame( 0, $this->count_rows( self::DE ), 'no longer localised to: gone' );
	}

	public function test_a_copy_becomes_the_stores_own_when_a_placement_names_it(): void {
		$this->make_post( '[amazon box="B0SHLFK001"]' );
		$this->parts()['refresh']->run( 10 );
		\Shelf\Store_Registry::remember( self::DE, array( 'B0SHLFK001' ) );
		global $wpdb;
		$this->assertSame( '0', $wpdb->get_var( $wpdb->prepare( 'SELECT localised FROM ' . \Shelf\Store_Schema::products_table() . ' WHERE marketplace = %s AND asin = %s', self::DE, 'B0SHLFK001' ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from the plugin.
	}

	public function test_the_public_route_answers_the_other_stores_copies_of_published_products(): void {
		$this->make_post( '[amazon box="B0SHLFK001,B0SHLFL002"]' );
		$this->make_post( '[amazon box="B0SHLFM003"]', 'draft' );
		\Shelf\Store_Queue::save_items( self::DE, array( 'B0SHLFM003' => array( 'asin' => 'B0SHLFM003' ) ), time() + HOUR_IN_SECONDS );
		$this->parts()['refresh']->run( 10 );
		wp_set_current_user( 0 );
		$records = $this->products( self::DE, 'B0SHLFK001,B0SHLFL002,B0SHLFM003' );
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002' ), array_keys( $records ), 'not the draft’s product' );
		$this->assertSame( 'ok', $records['B0SHLFK001']['status'] );
		$this->assertSame( 'https://www.amazon.de/dp/B0SHLFK001?tag=shelftest-21&linkCode=ogi&th=1&psc=1&language=de_DE', $records['B0SHLFK001']['item']['detailPageURL'] );
		$this->assertSame( 'unavailable', $records['B0SHLFL002']['status'], 'amazon.de does not list it' );

		$this->localise( false );
		$this->assertSame( array(), $this->products( self::DE, 'B0SHLFK001' ), 'without localisation no US post shows amazon.de products' );
	}

	public function test_upgrading_the_schema_adds_the_localised_column(): void {
		global $wpdb;
		$table = \Shelf\Store_Schema::products_table();
		$wpdb->query( "ALTER TABLE {$table} DROP COLUMN localised" ); // phpcs:ignore WordPress.DB -- test set-up: a version 2 table.
		update_option( \Shelf\Store_Schema::SCHEMA_OPTION, 2 );
		\Shelf\Store_Schema::maybe_install();
		$this->assertSame( 'localised', $wpdb->get_var( "SHOW COLUMNS FROM {$table} LIKE 'localised'" ) ); // phpcs:ignore WordPress.DB -- test.
		$this->assertSame( 3, (int) get_option( \Shelf\Store_Schema::SCHEMA_OPTION ) );
	}

	/**
	 * Switches localisation (with a US default and a German tracking ID).
	 *
	 * @param bool $on Whether to localise.
	 */
	private function localise( bool $on ): void {
		$this->set_settings(
			array(
				'tracking_ids' => array(
					self::US => 'shelftest-20',
					self::DE => 'shelftest-21',
				),
				'localise'     => $on,
			)
		);
	}

	/**
	 * GET /shelf/v1/products in-process.
	 *
	 * @param string $market Marketplace host.
	 * @param string $asins  Comma-separated ASINs.
	 * @return array<string, array<string, mixed>>
	 */
	private function products( string $market, string $asins ): array {
		\Shelf\Store::flush_memo();
		$request = new WP_REST_Request( 'GET', '/shelf/v1/products' );
		$request->set_query_params( compact( 'market', 'asins' ) );
		$response = rest_do_request( $request );
		$this->assertSame( 200, $response->get_status() );
		return json_decode( (string) wp_json_encode( $response->get_data()['records'] ), true );
	}

	/**
	 * Product rows of one store.
	 *
	 * @param string $market Marketplace host.
	 */
	private function count_rows( string $market ): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . \Shelf\Store_Schema::products_table() . ' WHERE marketplace = %s', $market ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from the plugin.
	}

	/**
	 * Moves Shelf's clock to one second past the next UTC midnight, so the day's counts start
	 * with the test.
	 */
	private function start_of_utc_day(): void {
		$this->offset = ( intdiv( time(), DAY_IN_SECONDS ) + 1 ) * DAY_IN_SECONDS + 1 - microtime( true );
	}
}
