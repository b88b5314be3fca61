<?php
/**
 * The refresh job: batching, bounds, lists, failures (R5, R7), cron wiring, and the concurrency
 * test (R3): 20 parallel workers with an expired token and expired records.
 *
 * @covers \Shelf\Refresh
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';

class Test_Refresh extends Shelf_Api_TestCase {

	protected function setUp(): void {
		parent::setUp();
		add_filter( 'shelf_api_rate', static fn() => 50 );
	}

	public function test_200_products_use_full_batches_of_ten(): void {
		\Shelf\Store_Registry::remember( 'www.amazon.com', self::synthetic( 200 ) );
		add_filter( 'shelf_refresh_batches', static fn() => 20 );
		$summary = $this->parts()['refresh']->run();
		$this->assertSame( 20, $summary['requests'] );
		$this->assertSame( 200, $summary['items'] );
		$this->assertFalse( $summary['more_due'] );
		$counts = self::mock( 'GET', '/__mock/counts' );
		$this->assertSame( 20, $counts['byPath']['/catalog/v1/getItems'] );
		$this->assertGreaterThanOrEqual( 9.5, $counts['getItemsItemIds'] / $counts['byPath']['/catalog/v1/getItems'] );
		$records = \Shelf\Store::get_many( 'www.amazon.com', self::synthetic( 200 ) );
		$this->assertSame( array( 'ok' ), array_values( array_unique( array_column( $records, 'status' ) ) ) );
	}

	public function test_a_run_is_bounded_and_the_rest_follows_later(): void {
		\Shelf\Store_Registry::remember( 'www.amazon.com', self::synthetic( 50 ) );
		wp_clear_scheduled_hook( \Shelf\Refresh::SOON_HOOK );
		add_filter( 'shelf_refresh_batches', static fn() => 2 );
		$refresh = $this->parts()['refresh'];
		$refresh->run_cron();
		$this->assertSame( 2, self::calls( '/catalog/v1/getItems' ) );
		$this->assertNotFalse( wp_next_scheduled( \Shelf\Refresh::SOON_HOOK ), 'another run is scheduled' );
		$summary = $refresh->run();
		$this->assertSame( 2, $summary['requests'] );
		$this->assertTrue( $summary['more_due'] );
	}

	public function test_a_run_stops_at_its_time_budget(): void {
		remove_all_filters( 'shelf_api_rate' );
		add_filter( 'shelf_refresh_time_budget', static fn() => 1 );
		\Shelf\Store_Registry::remember( 'www.amazon.com', self::synthetic( 30 ) );
		$summary = $this->parts()['refresh']->run();
		$this->assertSame( 1, $summary['requests'], 'a second request at 1/s would end after the budget' );
		$this->assertSame( 'shelf_rate_limited', $summary['stopped'] );
		$this->assertSame( 20, \Shelf\Store_Stats::get()['due'], 'unfetched products stay due' );
	}

	public function test_r7_after_three_quiet_days_the_spike_stays_within_the_rate(): void {
		\Shelf\Store_Registry::remember( 'www.amazon.com', self::synthetic( 60 ) );
		$this->parts()['refresh']->run( 6 );
		self::mock( 'DELETE', '/__mock/requests' );
		remove_all_filters( 'shelf_api_rate' );
		add_filter( 'shelf_api_rate', static fn() => 4 );
		$this->offset += 3 * DAY_IN_SECONDS;
		$summary = $this->parts( new \Shelf\Clock() )['refresh']->run( 4 );
		$this->assertSame( 4, $summary['requests'], 'the batch bound holds' );
		$log = self::requests( '/catalog/v1/getItems' );
		$this->assertCount( 4, $log );
		$times = array_map( static fn( array $r ): float => (float) strtotime( $r['time'] ) + (float) ( '0' . strrchr( rtrim( $r['time'], 'Z' ), '.' ) ), $log );
		// Arrival at the mock jitters on a busy machine; the spacing shows over the whole spike.
		$this->assertGreaterThanOrEqual( 0.6, $times[3] - $times[0], 'no burst above 4 requests/s after the gap (3 intervals of 0.25 s)' );
	}

	public function test_system_cron_calling_wp_cron_php_runs_the_refresh(): void {
		\Shelf\Store_Registry::remember( 'www.amazon.com', array( 'B0SHLFK001', 'B0SHLFL002' ) );
		wp_clear_scheduled_hook( \Shelf\Refresh::SOON_HOOK );
		wp_schedule_single_event( time() - 1, \Shelf\Refresh::SOON_HOOK );
		delete_transient( 'doing_cron' );
		$curl = curl_init( getenv( 'SHELF_SITE_URL' ) . '/wp-cron.php' );
		curl_setopt_array( $curl, array( CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30 ) );
		curl_exec( $curl );
		$status = curl_getinfo( $curl, CURLINFO_RESPONSE_CODE );
		curl_close( $curl );
		$this->assertSame( 200, $status );
		$this->assertSame( 1, self::calls( '/catalog/v1/getItems' ) );
		\Shelf\Store::flush_memo();
		$this->assertSame( 'ok', \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001' ) )['B0SHLFK001']['status'] );
		set_transient( 'doing_cron', sprintf( '%.22F', microtime( true ) + 5 * MINUTE_IN_SECONDS ) );
	}

	public function test_marketplaces_are_batched_separately(): void {
		\Shelf\Store_Registry::remember( 'www.amazon.com', array( 'B0SHLFK001', 'B0SHLFL002' ) );
		\Shelf\Store_Registry::remember( 'www.amazon.de', array( 'B0SHLFD201', 'B0SHLFD202' ) );
		$summary = $this->parts()['refresh']->run();
		$this->assertSame( 2, $summary['requests'] );
		$markets = array_column( self::requests( '/catalog/v1/getItems' ), 'marketplace' );
		$this->assertEqualsCanonicalizing( array( 'www.amazon.com', 'www.amazon.de' ), $markets );
		$de = \Shelf\Store::get_many( 'www.amazon.de', array( 'B0SHLFD201' ) )['B0SHLFD201'];
		$this->assertStringContainsString( 'tag=shelftest-21', $de['item']['detailPageURL'] );
	}

	public function test_unavailable_items_are_negatively_cached(): void {
		self::faults( array( 'itemErrors' => array( 'B0SHLFL002' => 'ItemNotAccessible' ) ) );
		\Shelf\Store_Registry::remember( 'www.amazon.com', array( 'B0SHLFK001', 'B0SHLFL002' ) );
		$summary = $this->parts()['refresh']->run();
		$this->assertSame( 1, $summary['unavailable'] );
		$record = \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFL002' ) )['B0SHLFL002'];
		$this->assertSame( 'unavailable', $record['status'] );
		$this->assertSame( 'ItemNotAccessible', $record['error']['code'] );
		$this->offset += 5 * HOUR_IN_SECONDS;
		$this->assertSame( 0, $this->parts()['refresh']->run()['requests'], 'not asked again for hours' );
	}

	public function test_lists_are_stored_in_amazons_order(): void {
		\Shelf\Store_Registry::remember_search( 'www.amazon.com', 'bestseller', 'pour over kettle', 3 );
		\Shelf\Store_Registry::remember_search( 'www.amazon.com', 'new', '16225009011', 10 );
		$summary = $this->parts()['refresh']->run();
		$this->assertSame( 2, $summary['lists'] );
		$this->assertSame( array( 'B0SHLFS101', 'B0SHLFS102', 'B0SHLFS103' ), \Shelf\Store::get_search( 'www.amazon.com', 'bestseller', 'pour over kettle' )['asins'] );
		$bodies = array_column( self::requests( '/catalog/v1/searchItems' ), 'body' );
		$new    = array_values( array_filter( $bodies, static fn( array $b ): bool => isset( $b['browseNodeId'] ) ) )[0];
		$this->assertSame( 'NewestArrivals', $new['sortBy'] );
		$this->assertSame( 'ok', \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFS105' ) )['B0SHLFS105']['status'], 'list items are stored as products' );
	}

	public function test_markets_without_credential_are_postponed_without_calls(): void {
		delete_option( 'shelf_credentials' );
		if ( null !== \Shelf\Credentials::constant( 'id', 'EU' ) ) {
			$this->markTestIncomplete( 'wp-config.php defines a credential; run on a site without one' );
		}
		\Shelf\Store_Registry::remember( 'www.amazon.de', array( 'B0SHLFD201' ) );
		$this->assertSame( 0, $this->parts()['refresh']->run()['requests'] );
		$record = \Shelf\Store::get_many( 'www.amazon.de', array( 'B0SHLFD201' ) )['B0SHLFD201'];
		$this->assertSame( 'shelf_no_credential', $record['error']['code'] );
		$this->assertSame( array(), self::requests() );
		$this->assertSame( array(), \Shelf\Store_Queue::due_markets() );
	}

	public function test_400_invalid_partner_tag_stops_the_marketplace_for_an_hour(): void {
		self::faults( array( 'rules' => array( array( 'target' => 'getItems', 'status' => 400, 'reason' => 'InvalidPartnerTag' ) ) ) );
		\Shelf\Store_Registry::remember( 'www.amazon.com', self::synthetic( 30 ) );
		$summary = $this->parts()['refresh']->run();
		$this->assertSame( 1, $summary['requests'], 'one rejected request is enough' );
		$this->assertSame( 'shelf_rejected', $summary['stopped'] );
		$record = \Shelf\Store::get_many( 'www.amazon.com', self::synthetic( 1 ) )[ self::synthetic( 1 )[0] ];
		$this->assertSame( 'error', $record['status'] );
		$this->assertStringContainsString( 'InvalidPartnerTag', $record['error']['message'] );
		$this->offset += 30 * MINUTE_IN_SECONDS;
		$this->assertSame( 0, $this->parts()['refresh']->run()['requests'] );
	}

	public function test_403_keeps_last_good_data_and_stops_later_runs(): void {
		\Shelf\Store_Registry::remember( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$first = $this->parts()['refresh']->run();
		$this->assertSame( array( 1, 1, null ), array( $first['requests'], $first['items'], $first['stopped'] ), 'the first run stores good data' );
		// Every later getItems is refused (a rule, not a one-shot fault a stray request could use up).
		self::faults( array( 'rules' => array( array( 'target' => 'getItems', 'status' => 403, 'reason' => 'AssociateNotEligible' ) ) ) );
		// Past the 12 h refresh threshold and its +10 % jitter (13.2 h), within the 24 h lifetime.
		$this->offset += 14 * HOUR_IN_SECONDS;
		$second = $this->parts()['refresh']->run();
		$this->assertSame( array( 1, 'shelf_not_eligible' ), array( $second['requests'], $second['stopped'] ), 'the product is due again and refused' );
		$this->offset += HOUR_IN_SECONDS;
		$summary = $this->parts()['refresh']->run();
		$this->assertSame( 0, $summary['requests'] );
		$this->assertSame( 'shelf_circuit_open', $summary['stopped'] );
		\Shelf\Store::flush_memo();
		$record = \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001' ) )['B0SHLFK001'];
		$this->assertSame( 'B0SHLFK001', $record['item']['asin'], 'still within 24 h: the last good data renders' );
		$this->assertSame( 2, self::calls( '/catalog/v1/getItems' ) );
	}

	public function test_r5_cold_store_with_api_down_renders_fallback_without_calls_or_notices(): void {
		self::faults( array( 'rules' => array( array( 'target' => 'any', 'drop' => true ) ) ) );
		$id = wp_insert_post(
			array(
				'post_title'   => 'R5',
				'post_content' => '[amazon link="B0SHLFK001" title="Kettle"] [amazon box="B0SHLFL002"]',
				'post_status'  => 'publish',
			)
		);
		$this->parts()['refresh']->run();
		self::mock( 'DELETE', '/__mock/requests' );
		wp_set_current_user( 0 );
		$html = apply_filters( 'the_content', get_post( $id )->post_content );
		$this->assertStringContainsString( 'B0SHLFK001', $html, 'the fallback link is there' );
		$this->assertStringNotContainsString( 'shelf_upstream', $html, 'no API error text for visitors' );
		$this->assertSame( array(), self::requests(), 'rendering never calls Amazon' );
		wp_delete_post( $id, true );
	}

	public function test_cron_hooks_are_registered_and_deactivation_unschedules(): void {
		$this->assertNotFalse( has_action( \Shelf\Refresh::HOOK ) );
		$this->assertNotFalse( has_action( \Shelf\Refresh::SOON_HOOK ) );
		$this->assertArrayHasKey( \Shelf\Refresh::SCHEDULE, wp_get_schedules() );
		\Shelf\Refresh::ensure_scheduled();
		\Shelf\Refresh::schedule_soon();
		\Shelf\Refresh::deactivate();
		$this->assertFalse( wp_next_scheduled( \Shelf\Refresh::HOOK ) );
		$this->assertFalse( wp_next_scheduled( \Shelf\Refresh::SOON_HOOK ) );
		\Shelf\Refresh::activate();
		$this->assertNotFalse( wp_next_scheduled( \Shelf\Refresh::HOOK ) );
		wp_clear_scheduled_hook( \Shelf\Refresh::SCAN_HOOK );
	}

	public function test_posts_saved_before_activation_are_scanned_in_the_background(): void {
		$old = wp_insert_post( array( 'post_title' => 'Old AAWP post', 'post_content' => '[amazon box="B0SHLFP004"] [amazon bestseller="dripper"]', 'post_status' => 'publish' ) );
		self::clear_store();
		\Shelf\Refresh::deactivate();
		\Shelf\Refresh::activate();
		$this->assertNotFalse( wp_next_scheduled( \Shelf\Refresh::SCAN_HOOK ) );
		do {
			wp_clear_scheduled_hook( \Shelf\Refresh::SCAN_HOOK );
			\Shelf\Refresh::scan_content();
		} while ( false !== wp_next_scheduled( \Shelf\Refresh::SCAN_HOOK ) );
		$this->assertSame( 'pending', \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFP004' ) )['B0SHLFP004']['status'] );
		global $wpdb;
		// Other posts on the test site (the browser specs') may hold lists too: look for this one.
		$this->assertSame( '1', $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . \Shelf\Store_Schema::searches_table() . ' WHERE kind = %s AND query = %s', 'bestseller', 'dripper' ) ) ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from the plugin.
		$this->assertSame( array(), self::requests(), 'scanning never calls Amazon' );
		wp_delete_post( $old, true );
	}

	public function test_r3_twenty_parallel_workers_fetch_one_token(): void {
		$results = $this->workers( 'token', 20 );
		$this->assertSame( array_fill( 0, 20, array( 'ok' => true ) ), $results );
		$this->assertSame( 1, self::calls( '/auth/o2/token' ) );
	}

	public function test_r3_twenty_parallel_refreshes_with_expired_token_and_records(): void {
		$asins = self::synthetic( 40 );
		\Shelf\Store_Registry::remember( 'www.amazon.com', $asins );
		$this->parts()['refresh']->run( 4 );
		// Expire everything: the records (fetched two days ago, due) and the token (here and at the mock).
		global $wpdb;
		$wpdb->query( $wpdb->prepare( 'UPDATE ' . \Shelf\Store_Schema::products_table() . ' SET fetched_at = %d, next_at = %d', time() - 2 * DAY_IN_SECONDS, time() - 60 ) );
		$wpdb->query( 'UPDATE ' . \Shelf\State::table() . " SET expires_at = 1 WHERE name LIKE 'token:%'" );
		self::mock( 'POST', '/__mock/tokens/expire' );
		self::mock( 'DELETE', '/__mock/requests' );

		$results = $this->workers( 'refresh', 20 );
		$this->assertCount( 20, $results );
		$this->assertSame( 40, array_sum( array_column( $results, 'items' ) ) );
		$this->assertSame( 1, self::calls( '/auth/o2/token' ), 'exactly one token request' );
		$calls = self::requests( '/catalog/v1/getItems' );
		$this->assertCount( 4, $calls, 'one GetItems per batch of 10' );
		$ids = array_merge( ...array_map( static fn( array $c ): array => $c['body']['itemIds'], $calls ) );
		$this->assertEqualsCanonicalizing( $asins, $ids, 'every ASIN asked exactly once' );
	}

	/**
	 * Runs N copies of the worker script in parallel, all starting at the same moment.
	 *
	 * @param string $mode  token or refresh.
	 * @param int    $count How many.
	 * @return list<array<string, mixed>> Their JSON answers.
	 */
	private function workers( string $mode, int $count ): array {
		$env   = array(
			'SHELF_SITE_DIR'   => getenv( 'SHELF_SITE_DIR' ),
			'SHELF_TEST_START' => (string) ( microtime( true ) + 5 ),
			'SHELF_TEST_RATE'  => '20',
			'PATH'             => getenv( 'PATH' ),
		);
		$procs = array();
		for ( $i = 0; $i < $count; $i++ ) {
			$pipes   = array();
			$proc    = proc_open( array( PHP_BINARY, __DIR__ . '/tools/refresh-worker.php', $mode ), array( 1 => array( 'pipe', 'w' ), 2 => array( 'pipe', 'w' ) ), $pipes, null, $env );
			$procs[] = array( $proc, $pipes );
		}
		$out = array();
		foreach ( $procs as [ $proc, $pipes ] ) {
			$stdout = stream_get_contents( $pipes[1] );
			$stderr = stream_get_contents( $pipes[2] );
			fclose( $pipes[1] );
			fclose( $pipes[2] );
			proc_close( $proc );
			$this->assertSame( '', $stderr );
			$out[] = json_decode( (string) $stdout, true );
		}
		return $out;
	}
}
