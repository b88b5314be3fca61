<?php
/**
 * The Creators API client against the local mock: wire format, token cache, batching, and
 * every fault of the reliability plan (R1 429, R2 5xx/timeouts/drops/malformed, 401, 403).
 *
 * @covers \Shelf\Creators_Client
 * @covers \Shelf\Token_Cache
 * @covers \Shelf\Rate_Budget
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';

class Test_Client extends Shelf_Api_TestCase {

	protected function setUp(): void {
		parent::setUp();
		// Fast enough for tests, still a real bucket.
		add_filter( 'shelf_api_rate', static fn() => 50 );
	}

	public function test_v3_credential_sends_json_token_request_and_plain_bearer(): void {
		$result = $this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001', 'b0shlfl002', 'B0SHLFK001' ) );
		$this->assertIsArray( $result );
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002' ), array_keys( $result['items'] ) );
		$token = self::requests( '/auth/o2/token' );
		$this->assertCount( 1, $token );
		$this->assertSame( 'creatorsapi::default', $token[0]['body']['scope'] );
		$call = self::requests( '/catalog/v1/getItems' )[0];
		$this->assertSame( 'Bearer', $call['authorization'] );
		$this->assertSame( 'www.amazon.com', $call['marketplace'] );
		$this->assertSame( 'shelftest-20', $call['body']['partnerTag'] );
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002' ), $call['body']['itemIds'], 'unique ASINs' );
		$this->assertSame( \Shelf\Creators_Client::RESOURCES, $call['body']['resources'] );
		$this->assertSame( array( 'en_US' ), $call['body']['languagesOfPreference'] );
	}

	public function test_v2_credential_sends_form_token_request_and_version_suffix(): void {
		update_option( 'shelf_credentials', array( 'NA' => array( 'id' => 'shelf-demo-id', 'secret' => \Shelf\Credentials::seal( 'shelf-demo-secret' ), 'version' => '2.1' ) ), false );
		if ( null !== \Shelf\Credentials::constant( 'version', 'NA' ) ) {
			$this->markTestIncomplete( 'wp-config.php defines the NA credential version; run on a site without it' );
		}
		$result = $this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertIsArray( $result );
		$token = self::requests( '/oauth2/token' );
		$this->assertCount( 1, $token );
		$this->assertSame( 'creatorsapi/default', $token[0]['body']['scope'] );
		$this->assertSame( 'Bearer, Version 2.1', self::requests( '/catalog/v1/getItems' )[0]['authorization'] );
	}

	public function test_token_is_shared_and_refreshed_30_seconds_before_expiry(): void {
		self::mock( 'POST', '/__mock/config', array( 'expiresIn' => 100 ) );
		$client = $this->parts()['client'];
		$client->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertSame( 1, self::calls( '/auth/o2/token' ), 'a second client (another worker) reuses the stored token' );
		$this->offset += 65;
		$client->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertSame( 1, self::calls( '/auth/o2/token' ), 'still 35 s left' );
		$this->offset += 10;
		$client->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertSame( 2, self::calls( '/auth/o2/token' ), 'refreshed 30 s before expiry' );
		$this->assertSame( 4, self::calls( '/catalog/v1/getItems' ) );
	}

	public function test_token_is_stored_sealed(): void {
		$this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		global $wpdb;
		$stored = (string) $wpdb->get_var( 'SELECT data FROM ' . \Shelf\State::table() . " WHERE name LIKE 'token:%'" );
		$this->assertStringStartsWith( 'shelf-sealed:v1:', $stored );
		$this->assertStringNotContainsString( 'Atc|', $stored );
	}

	public function test_batches_hold_at_most_ten_asins(): void {
		$error = $this->parts()['client']->get_items( 'www.amazon.com', self::synthetic( 11 ) );
		$this->assertWPError( $error, 'shelf_bad_batch' );
		$this->assertSame( 0, self::calls( '/catalog/v1/getItems' ) );
	}

	public function test_partial_errors_are_kept_per_asin_and_items_matched_by_asin(): void {
		$result = $this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFP004', 'B0SHLFX404', 'B0SHLFQ005' ) );
		$this->assertEqualsCanonicalizing( array( 'B0SHLFP004', 'B0SHLFQ005' ), array_keys( $result['items'] ) );
		$this->assertSame( 'B0SHLFQ005', $result['items']['B0SHLFQ005']['asin'] );
		$this->assertSame( array( 'B0SHLFX404' ), array_keys( $result['errors'] ) );
		$this->assertSame( 'ItemNotAccessible', $result['errors']['B0SHLFX404']['code'] );
	}

	public function test_r1_short_retry_after_is_honoured_inline(): void {
		self::faults( array( 'next' => array( array( 'target' => 'getItems', 'status' => 429, 'retryAfter' => 2 ) ) ) );
		$result = $this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertIsArray( $result );
		$this->assertSame( 2, self::calls( '/catalog/v1/getItems' ) );
		$this->assertGreaterThanOrEqual( 2.0, max( $this->slept ), 'waited at least Retry-After' );
	}

	public function test_r1_larger_of_header_and_body_hint_is_honoured(): void {
		self::faults( array( 'next' => array( array( 'target' => 'getItems', 'status' => 429, 'retryAfter' => 1, 'retryAfterSeconds' => 4 ) ) ) );
		$this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertGreaterThanOrEqual( 4.0, max( $this->slept ) );
	}

	public function test_r1_long_retry_after_opens_backoff_window_without_calls(): void {
		self::faults( array( 'rules' => array( array( 'target' => 'getItems', 'status' => 429, 'retryAfter' => 30 ) ) ) );
		$parts = $this->parts();
		$error = $parts['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertWPError( $error, 'shelf_upstream' );
		$this->assertSame( 1, self::calls( '/catalog/v1/getItems' ), 'no inline wait of 30 s' );
		$this->assertGreaterThanOrEqual( $this->now() + 29.9, $error->get_error_data()['retry_at'] );

		$this->offset += 29;
		$this->assertWPError( $parts['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) ), 'shelf_backoff' );
		$this->assertSame( 1, self::calls( '/catalog/v1/getItems' ), 'no call before the retry time' );

		self::mock( 'DELETE', '/__mock/faults' );
		$this->offset += 2;
		$this->assertIsArray( $parts['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) ) );
		$this->assertSame( 2, self::calls( '/catalog/v1/getItems' ) );
	}

	public function test_r1_at_most_three_tries_then_growing_jittered_windows(): void {
		self::faults( array( 'rules' => array( array( 'target' => 'getItems', 'status' => 429, 'retryAfter' => 1 ) ) ) );
		$parts = $this->parts();
		$error = $parts['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertWPError( $error, 'shelf_upstream' );
		$this->assertSame( 3, self::calls( '/catalog/v1/getItems' ) );
		$first = $error->get_error_data()['retry_at'] - $this->now();
		$this->assertGreaterThanOrEqual( 14.0, $first, 'window after 3 failures: 30 s with equal jitter' );
		$this->offset += $first + 1;
		$error  = $parts['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$second = $error->get_error_data()['retry_at'] - $this->now();
		$this->assertGreaterThanOrEqual( 29.0, $second, 'the window grows with consecutive failures' );
		$this->assertSame( 6, self::calls( '/catalog/v1/getItems' ) );
	}

	/**
	 * @dataProvider provide_transient_faults
	 */
	public function test_r2_transient_faults_are_retried_with_backoff( array $fault ): void {
		add_filter( 'shelf_api_timeout', static fn() => 1 );
		self::faults( array( 'next' => array( array( 'target' => 'getItems' ) + $fault ) ) );
		$result = $this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertIsArray( $result, 'the retry succeeds' );
		$this->assertSame( array( 'B0SHLFK001' ), array_keys( $result['items'] ) );
		$this->assertSame( 2, self::calls( '/catalog/v1/getItems' ) );
		$this->assertGreaterThanOrEqual( 0.5, array_sum( $this->slept ), 'backed off before retrying' );
	}

	public static function provide_transient_faults(): array {
		return array(
			'500'                   => array( array( 'status' => 500 ) ),
			'503'                   => array( array( 'status' => 503 ) ),
			'slow past the timeout' => array( array( 'delayMs' => 3000 ) ),
			'dropped connection'    => array( array( 'drop' => true ) ),
			'malformed JSON'        => array( array( 'malformed' => true ) ),
		);
	}

	public function test_r2_persistent_5xx_stops_after_three_tries_and_records_last_error(): void {
		self::faults( array( 'rules' => array( array( 'target' => 'getItems', 'status' => 500 ) ) ) );
		$error = $this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertWPError( $error, 'shelf_upstream' );
		$this->assertSame( 3, self::calls( '/catalog/v1/getItems' ) );
		$status = \Shelf\Creators_Client::status();
		$this->assertSame( 'shelf_upstream', $status['last_error']['code'] );
		$this->assertStringContainsString( 'http_500', $status['last_error']['message'] );
	}

	public function test_r2_timeout_ends_the_call_at_the_client_timeout(): void {
		add_filter( 'shelf_api_timeout', static fn() => 1 );
		self::faults( array( 'rules' => array( array( 'target' => 'getItems', 'delayMs' => 4000 ) ) ) );
		$start = microtime( true );
		$error = $this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertWPError( $error, 'shelf_upstream' );
		$this->assertLessThan( 4.5, microtime( true ) - $start, 'three tries of ~1 s, never the 4 s answer' );
	}

	public function test_401_token_expired_refreshes_the_token_once(): void {
		$client = $this->parts()['client'];
		$client->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		self::mock( 'POST', '/__mock/tokens/expire' );
		$this->assertIsArray( $client->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) ) );
		$this->assertSame( 2, self::calls( '/auth/o2/token' ) );
		$this->assertSame( 3, self::calls( '/catalog/v1/getItems' ) );
	}

	public function test_401_twice_is_an_error_not_a_loop(): void {
		self::faults( array( 'rules' => array( array( 'target' => 'getItems', 'status' => 401 ) ) ) );
		$error = $this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertWPError( $error, 'shelf_rejected' );
		$this->assertSame( 2, self::calls( '/auth/o2/token' ) );
		$this->assertSame( 2, self::calls( '/catalog/v1/getItems' ) );
	}

	public function test_token_endpoint_refusal_is_a_credential_error_without_the_secret(): void {
		update_option( 'shelf_credentials', array( 'NA' => array( 'id' => 'shelf-demo-id', 'secret' => \Shelf\Credentials::seal( 'wrong-secret-canary' ), 'version' => '3.1' ) ), false );
		if ( null !== \Shelf\Credentials::constant( 'secret', 'NA' ) ) {
			$this->markTestIncomplete( 'wp-config.php defines the NA credential; run on a site without it' );
		}
		$error = $this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->assertWPError( $error, 'shelf_token_refused' );
		$this->assertStringContainsString( 'invalid_client', $error->get_error_message() );
		$this->assertStringNotContainsString( 'wrong-secret-canary', $error->get_error_message() );
		$this->assertSame( 0, self::calls( '/catalog/v1/getItems' ) );
	}

	public function test_403_not_eligible_opens_the_circuit_and_shows_an_admin_notice(): void {
		self::faults( array( 'next' => array( array( 'target' => 'getItems', 'status' => 403, 'reason' => 'AssociateNotEligible' ) ) ) );
		$parts = $this->parts();
		$this->assertWPError( $parts['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) ), 'shelf_not_eligible' );
		$this->offset += 3 * HOUR_IN_SECONDS;
		$this->assertWPError( $parts['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) ), 'shelf_circuit_open' );
		$this->assertSame( 1, self::calls( '/catalog/v1/getItems' ), 'no retry, no call while open' );

		$this->act_as( 'administrator' );
		ob_start();
		( new \Shelf\Status_Panel( $parts['budget'] ) )->notice();
		$this->assertStringContainsString( '10 qualifying sales', (string) ob_get_clean() );
		$this->act_as( 'editor' );
		ob_start();
		( new \Shelf\Status_Panel( $parts['budget'] ) )->notice();
		$this->assertSame( '', ob_get_clean(), 'only people who can fix it see the notice' );

		$health = new \Shelf\Status_Panel( $parts['budget'] );
		$this->assertSame( 'recommended', $health->health_result()['status'], 'Site Health reports the pause' );

		$this->assertIsArray( $parts['client']->test_connection( 'www.amazon.com' ), 'an admin’s connection test closes the circuit' );
		$this->assertSame( 'good', $health->health_result()['status'] );
		$this->assertIsArray( $parts['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) ) );
	}

	public function test_circuit_reopens_only_after_hours(): void {
		self::faults( array( 'next' => array( array( 'target' => 'getItems', 'status' => 403, 'reason' => 'AssociateNotEligible' ) ) ) );
		$parts = $this->parts();
		$parts['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		$this->offset += 6 * HOUR_IN_SECONDS + 1;
		$this->assertIsArray( $parts['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) ) );
	}

	public function test_rate_budget_spaces_requests_across_clients(): void {
		add_filter( 'shelf_api_rate', static fn() => 5, 20 );
		$a = $this->parts( new \Shelf\Clock() )['client'];
		$b = $this->parts( new \Shelf\Clock() )['client'];
		for ( $i = 0; $i < 4; $i++ ) {
			$a->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
			$b->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) );
		}
		$times = array_map( static fn( array $r ): float => strtotime( $r['time'] ) + (float) ( '0.' . substr( (string) strrchr( $r['time'], '.' ), 1, 3 ) ), self::requests( '/catalog/v1/getItems' ) );
		$this->assertCount( 8, $times );
		// Spacing is enforced when a request leaves; on a busy machine one request may arrive late
		// and the next right after it, so check the rate over sliding one-second windows.
		foreach ( $times as $i => $start ) {
			$in_window = count( array_filter( $times, static fn( float $t ): bool => $t >= $start && $t < $start + 1.0 ) );
			$this->assertLessThanOrEqual( 6, $in_window, "at most 5 requests per second (+1 for arrival jitter), window from request $i" );
		}
		$this->assertGreaterThanOrEqual( 1.35, $times[7] - $times[0], '8 requests need 7 intervals of 0.2 s' );
	}

	public function test_daily_cap_is_never_exceeded(): void {
		add_filter( 'shelf_api_daily_cap', static fn() => 3 );
		$client = $this->parts()['client'];
		for ( $i = 0; $i < 3; $i++ ) {
			$this->assertIsArray( $client->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) ) );
		}
		$this->assertWPError( $client->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) ), 'shelf_daily_cap' );
		$this->assertSame( 3, self::calls( '/catalog/v1/getItems' ) );
	}

	public function test_no_call_without_credential_or_tracking_id(): void {
		delete_option( 'shelf_credentials' );
		if ( null === \Shelf\Credentials::constant( 'id', 'EU' ) ) {
			$this->assertWPError( $this->parts()['client']->get_items( 'www.amazon.de', array( 'B0SHLFD201' ) ), 'shelf_no_credential' );
		}
		$this->set_settings( array() );
		$this->assertWPError( $this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001' ) ) );
		$this->assertSame( 0, self::requests()['length'] ?? count( self::requests() ) );
	}

	public function test_requested_resources_bring_what_the_core_reads_from_listings(): void {
		// As Amazon does: only requested resources come back.
		self::mock( 'POST', '/__mock/config', array( 'filterResources' => true ) );
		$result  = $this->parts()['client']->get_items( 'www.amazon.com', array( 'B0SHLFK001', 'B0SHLFM003' ) );
		$listing = static fn( string $asin ) => $result['items'][ $asin ]['offersV2']['listings'][0] ?? array();
		// The core picks the buy box winner's offer (crate/src/product/model.rs, offer_from).
		$this->assertTrue( $listing( 'B0SHLFK001' )['isBuyBoxWinner'] ?? null, 'isBuyBoxWinner is requested' );
		// violatesMAP comes with the price: the core must hide M003's price.
		$this->assertTrue( $listing( 'B0SHLFM003' )['violatesMAP'] ?? null, 'violatesMAP comes with the price' );
		$this->assertArrayHasKey( 'price', $listing( 'B0SHLFM003' ) );
	}

	public function test_search_items_returns_items_in_amazons_order(): void {
		$result = $this->parts()['client']->search_items( 'www.amazon.com', array( 'keywords' => 'pour over kettle', 'itemCount' => 3 ) );
		$this->assertSame( array( 'B0SHLFS101', 'B0SHLFS102', 'B0SHLFS103' ), array_keys( $result['items'] ) );
		$body = self::requests( '/catalog/v1/searchItems' )[0]['body'];
		$this->assertSame( 'pour over kettle', $body['keywords'] );
		$this->assertSame( 3, $body['itemCount'] );
	}

	/**
	 * Asserts a WP_Error with a code.
	 *
	 * @param mixed  $value Value.
	 * @param string $code  Expected code.
	 */
	private function assertWPError( $value, string $code = '' ): void {
		$this->assertInstanceOf( \WP_Error::class, $value );
		if ( '' !== $code ) {
			$this->assertSame( $code, $value->get_error_code(), $value->get_error_message() );
		}
	}
}
