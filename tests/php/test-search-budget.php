<?php
/**
 * The editor's product search and the Creators API budget (issue 10, item 6): anyone who may
 * edit posts can search, so repeated searches come from a cache, each user has a limit, a busy
 * budget answers 429 with Retry-After at once instead of holding a PHP worker, and searches
 * never spend the share of the budget that the background refresh needs.
 *
 * @covers \Shelf\Rest::search
 * @covers \Shelf\Search_Cache
 * @covers \Shelf\Search_Limit
 * @covers \Shelf\Rate_Budget::acquire_now
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';
require_once __DIR__ . '/tools/class-shelf-http.php';

class Test_Search_Budget extends Shelf_Api_TestCase {

	private const FILTERS = array( 'shelf_search_cache_ttl', 'shelf_search_per_minute', 'shelf_search_per_day', 'shelf_search_rate_share', 'shelf_search_daily_share' );

	protected function tearDown(): void {
		foreach ( self::FILTERS as $hook ) {
			remove_all_filters( $hook );
		}
		parent::tearDown();
	}

	public function test_identical_searches_are_answered_from_the_cache(): void {
		$this->act_as( 'contributor' );
		$first = $this->search( 'Pour over  Kettle' );
		$this->assertSame( 200, $first->get_status() );
		$this->assertNotEmpty( $first->get_data()['items'] );
		$this->assertSame( 1, self::calls( '/catalog/v1/searchItems' ) );

		$this->offset += 3;
		$this->assertSame( $first->get_data(), $this->search( ' pour over kettle ' )->get_data(), 'case and spacing do not matter' );
		$this->act_as( 'editor' );
		$this->assertSame( $first->get_data(), $this->search( "POUR OVER\tKETTLE" )->get_data(), 'shared between users' );
		$this->assertSame( 1, self::calls( '/catalog/v1/searchItems' ), 'no second call to Amazon' );

		$this->offset += 3;
		$this->assertSame( 200, $this->search( 'pour over kettle', 'www.amazon.de' )->get_status() );
		$this->offset += 3;
		$this->assertSame( 200, $this->search( 'pour over kettles' )->get_status() );
		$this->assertSame( 3, self::calls( '/catalog/v1/searchItems' ), 'another store or other words are another search' );

		global $wpdb;
		$expiry = (int) $wpdb->get_var( $wpdb->prepare( "SELECT MAX( option_value ) FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( '_transient_timeout_shelf_search_' ) . '%' ) );
		$this->assertEqualsWithDelta( time() + 600, $expiry, 30, 'kept for ten minutes' );

		add_filter( 'shelf_search_cache_ttl', static fn() => 0 );
		$this->offset += 3;
		$this->assertSame( 200, $this->search( 'pour over kettle' )->get_status() );
		$this->assertSame( 4, self::calls( '/catalog/v1/searchItems' ), 'the filter can switch the cache off' );
	}

	public function test_errors_are_not_cached(): void {
		$this->act_as( 'contributor' );
		self::faults( array( 'next' => array( array( 'target' => 'searchItems', 'status' => 400 ) ) ) );
		$this->assertSame( 502, $this->search( 'milk frother' )->get_status() );
		$this->offset += 3;
		$this->assertSame( 200, $this->search( 'milk frother' )->get_status() );
		$this->assertSame( 2, self::calls( '/catalog/v1/searchItems' ) );
	}

	public function test_each_user_has_a_search_limit_per_minute_and_per_day(): void {
		$this->assertSame( 20, \Shelf\Search_Limit::per_minute() );
		$this->assertSame( 200, \Shelf\Search_Limit::per_day() );
		add_filter( 'shelf_search_per_minute', static fn() => 3 );
		add_filter( 'shelf_search_per_day', static fn() => 5 );
		$this->start_of_utc_day();
		$this->act_as( 'contributor' );
		foreach ( array( 'one', 'two', 'three' ) as $words ) {
			$this->offset += 3;
			$this->assertSame( 200, $this->search( $words )->get_status(), $words );
		}
		$this->offset += 3;
		$limited = $this->search( 'four' );
		$this->assertSame( 429, $limited->get_status() );
		$this->assertSame( 'shelf_search_limit', $limited->get_data()['code'] );
		$this->assertStringContainsString( '3 product searches', $limited->get_data()['message'] );
		$this->assertEqualsWithDelta( 47, (int) $limited->get_headers()['Retry-After'], 1, 'until the next minute' );
		$this->assertSame( (int) $limited->get_headers()['Retry-After'], $limited->get_data()['data']['retryAfter'] );
		$this->assertSame( 3, self::calls( '/catalog/v1/searchItems' ), 'a limited search does not reach Amazon' );
		$this->assertSame( 200, $this->search( 'two' )->get_status(), 'cached answers are free' );

		$this->act_as( 'editor' );
		$this->assertSame( 200, $this->search( 'five' )->get_status(), 'other users keep their own limit' );

		$this->act_as( 'contributor' );
		$this->offset += 60;
		$this->assertSame( 200, $this->search( 'six' )->get_status() );
		$this->offset += 3;
		$this->assertSame( 200, $this->search( 'seven' )->get_status() );
		$this->offset += 60;
		$daily = $this->search( 'eight' );
		$this->assertSame( 429, $daily->get_status() );
		$this->assertStringContainsString( 'today', $daily->get_data()['message'] );
		$this->assertEqualsWithDelta( DAY_IN_SECONDS - 136, (int) $daily->get_headers()['Retry-After'], 2, 'until tomorrow (UTC)' );
	}

	public function test_a_busy_budget_answers_429_with_retry_after_without_waiting(): void {
		add_filter( 'shelf_api_rate', static fn() => 0.5 );
		$this->act_as( 'contributor' );
		$this->assertSame( 200, $this->search( 'grinder' )->get_status() );
		$start = microtime( true );
		$busy  = $this->search( 'scale' );
		$this->assertLessThan( 1.0, microtime( true ) - $start, 'no PHP worker waits for the budget' );
		$this->assertSame( 429, $busy->get_status() );
		$this->assertSame( 'shelf_rate_limited', $busy->get_data()['code'] );
		$this->assertStringContainsString( 'try again in a moment', $busy->get_data()['message'] );
		$wait = (int) $busy->get_headers()['Retry-After'];
		$this->assertGreaterThanOrEqual( 1, $wait );
		$this->assertLessThanOrEqual( 4, $wait, 'editors may use half the rate: a slot every 4 s at 0.5/s' );
		$this->assertSame( 1, self::calls( '/catalog/v1/searchItems' ) );

		$this->offset += $wait;
		$this->assertSame( 200, $this->search( 'scale' )->get_status(), 'a retry after Retry-After succeeds' );

		// While Amazon's throttling pauses requests, searches answer 429 too.
		$key = \Shelf\Credentials::for_market( 'www.amazon.com' )['key'];
		$this->parts()['budget']->back_off( $key, \Shelf\Clock::now() + 30, 'throttled', 'Paused.' );
		$paused = $this->search( 'tamper' );
		$this->assertSame( 429, $paused->get_status() );
		$this->assertEqualsWithDelta( 30, (int) $paused->get_headers()['Retry-After'], 1 );
	}

	public function test_searches_leave_the_refresh_its_share_of_the_daily_cap(): void {
		add_filter( 'shelf_api_rate', static fn() => 10 );
		add_filter( 'shelf_api_daily_cap', static fn() => 10 );
		$this->start_of_utc_day();
		\Shelf\Store_Registry::remember( 'www.amazon.com', self::synthetic( 30 ) );
		$this->act_as( 'editor' );
		$statuses = array();
		for ( $i = 0; $i < 12; $i++ ) {
			$this->offset += 1;
			$answer     = $this->search( 'search ' . $i );
			$statuses[] = $answer->get_status();
		}
		$this->assertSame( array_merge( array( 200, 200 ), array_fill( 0, 10, 429 ) ), $statuses, 'searches may use 20% of the daily cap' );
		$this->assertSame( 'shelf_interactive_cap', $answer->get_data()['code'] );
		$this->assertStringContainsString( 'kept for refreshing product data', $answer->get_data()['message'] );
		$this->assertEqualsWithDelta( DAY_IN_SECONDS - 13, (int) $answer->get_headers()['Retry-After'], 2 );

		$summary = $this->parts()['refresh']->run();
		$this->assertSame( 3, $summary['requests'], 'the refresh still has its budget' );
		$this->assertSame( 30, $summary['items'] );
		$this->assertNull( $summary['stopped'] );
	}

	public function test_searches_use_at_most_their_share_of_the_request_rate(): void {
		$budget = $this->parts()['budget'];
		$key    = \Shelf\Credentials::for_market( 'www.amazon.com' )['key'];
		// 20 seconds of editors asking four times a second, alone: about half the rate of 1/s.
		$search = 0;
		for ( $step = 0; $step < 80; $step++ ) {
			$this->offset += 0.25;
			$search       += true === $budget->acquire_now( $key ) ? 1 : 0;
		}
		$this->assertGreaterThanOrEqual( 9, $search, 'editors are not shut out' );
		$this->assertLessThanOrEqual( 11, $search, 'at most half the rate' );
		$this->assertSame( $search, $budget->interactive_today( $key ) );

		// 20 more seconds of the same while the refresh asks once a second without waiting (its
		// worst case: it normally waits up to 5 s for a slot). Editors cannot crowd it out.
		$cron = 0;
		for ( $step = 0; $step < 80; $step++ ) {
			$this->offset += 0.25;
			if ( 2 === $step % 4 ) {
				$cron += true === $budget->acquire( $key, 0.0 ) ? 1 : 0;
			}
			$budget->acquire_now( $key );
		}
		$this->assertGreaterThanOrEqual( 15, $cron, 'the refresh keeps its slots' );

		// A search turned away because the refresh just took the slot keeps the editors' token.
		$this->offset += 10;
		$this->assertTrue( $budget->acquire( $key, 0.0 ) );
		$busy = $budget->acquire_now( $key );
		$this->assertSame( 'shelf_rate_limited', $busy->get_error_code() );
		$this->offset += $busy->get_error_data()['retry_at'] - \Shelf\Clock::now();
		$this->assertTrue( $budget->acquire_now( $key ) );
	}

	/**
	 * Over real HTTP: parallel searches by one contributor do not queue on the budget; the one
	 * that gets the slot calls Amazon, the others answer 429 with Retry-After at once.
	 */
	public function test_parallel_searches_over_http_answer_429_instead_of_waiting(): void {
		$cookie  = Shelf_Http::cookie( 'contributor' );
		$nonce   = Shelf_Http::nonce( 'contributor' );
		$multi   = curl_multi_init();
		$handles = array();
		foreach ( array( 'kettle', 'dripper', 'filter', 'carafe' ) as $words ) {
			$curl = curl_init( getenv( 'SHELF_SITE_URL' ) . '/wp-json/shelf/v1/admin/search?market=www.amazon.com&keywords=' . $words );
			curl_setopt_array(
				$curl,
				array(
					CURLOPT_RETURNTRANSFER => true,
					CURLOPT_HEADER         => true,
					CURLOPT_HTTPHEADER     => array( 'Cookie: ' . $cookie, 'X-WP-Nonce: ' . $nonce ),
					CURLOPT_TIMEOUT        => 60,
				)
			);
			curl_multi_add_handle( $multi, $curl );
			$handles[] = $curl;
		}
		do {
			curl_multi_exec( $multi, $running );
			curl_multi_select( $multi, 0.1 );
		} while ( $running > 0 );
		$statuses = array();
		foreach ( $handles as $curl ) {
			$status     = (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE );
			$statuses[] = $status;
			$headers    = substr( (string) curl_multi_getcontent( $curl ), 0, (int) curl_getinfo( $curl, CURLINFO_HEADER_SIZE ) );
			if ( 429 === $status ) {
				$this->assertMatchesRegularExpression( '/^Retry-After: [1-9]\d*\r?$/mi', $headers );
			}
			curl_multi_remove_handle( $multi, $curl );
			curl_close( $curl );
		}
		curl_multi_close( $multi );
		sort( $statuses );
		$this->assertSame( array(), array_diff( $statuses, array( 200, 429 ) ), 'only answers or "try again"' );
		$this->assertContains( 429, $statuses, 'no request waits for the budget' );
		$this->assertSame( count( array_keys( $statuses, 200, true ) ), self::calls( '/catalog/v1/searchItems' ) );
		$log = (string) getenv( 'SHELF_DEBUG_LOG' );
		$this->assertSame( '', is_file( $log ) ? (string) file_get_contents( $log ) : '', 'debug.log stays empty' );
	}

	/**
	 * GET /admin/search in-process as the current user.
	 *
	 * @param string $keywords Keywords.
	 * @param string $market   Marketplace host.
	 */
	private function search( string $keywords, string $market = 'www.amazon.com' ): WP_REST_Response {
		$request = new WP_REST_Request( 'GET', '/shelf/v1/admin/search' );
		$request->set_query_params( compact( 'market', 'keywords' ) );
		return rest_do_request( $request );
	}

	/**
	 * Moves Shelf's clock to one second past the next UTC midnight, so minute and day windows
	 * start with the test.
	 */
	private function start_of_utc_day(): void {
		$this->offset = ( intdiv( time(), DAY_IN_SECONDS ) + 1 ) * DAY_IN_SECONDS + 1 - microtime( true );
	}
}
