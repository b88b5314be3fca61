<?php
/**
 * The short-link resolver against the mock's short-link routes (SHELF_DEV_SHORT_LINK_ORIGIN):
 * its host allowlist (equal to the core's), redirects followed only between short hosts and at
 * most three times, the per-call limits, and the cache.
 *
 * @covers \Shelf\Short_Links
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';

class Test_Short_Links extends Shelf_Api_TestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->assertTrue( defined( 'SHELF_DEV_SHORT_LINK_ORIGIN' ), 'the test site sends short-link requests to the mock' );
		self::forget();
	}

	protected function tearDown(): void {
		self::forget();
		parent::tearDown();
	}

	/** Empties the resolver's cache. */
	private static function forget(): void {
		global $wpdb;
		$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_%shelf\\_short\\_%'" );
		wp_cache_flush();
	}

	/**
	 * Paths of the short-link requests the mock saw, with their methods.
	 *
	 * @return list<string>
	 */
	private static function asked(): array {
		return array_map( static fn( array $r ): string => $r['method'] . ' ' . $r['path'], self::requests() );
	}

	/**
	 * Seconds until a URL's cached answer expires.
	 *
	 * @param string $url Short link.
	 */
	private static function expires_in( string $url ): int {
		return (int) get_option( '_transient_timeout_shelf_short_' . md5( $url ) ) - time();
	}

	public function test_the_allowlist_is_the_cores_list_of_short_hosts(): void {
		$source = (string) file_get_contents( SHELF_REPO . '/crate/src/links/recognize.rs' );
		$this->assertSame( 1, preg_match( '/pub static SHORT_LINK_HOSTS: \[&str; \d+\] = \[([^\]]*)\];/', $source, $m ) );
		preg_match_all( '/"([^"]+)"/', $m[1], $hosts );
		$this->assertSame( $hosts[1], \Shelf\Short_Links::HOSTS );
	}

	public function test_only_short_links_are_requested(): void {
		$urls    = array(
			'https://example.com/shelfK001',
			'https://amzn.to.evil.example/shelfK001',
			'https://evil.example/amzn.to/shelfK001',
			'https://user@amzn.to/shelfK001',
			'https://amzn.to:8443/shelfK001',
			'ftp://amzn.to/shelfK001',
			'//amzn.to/shelfK001',
			"https://amzn.to/shelf\nK001",
			'http://127.0.0.1/wp-admin/',
			'https://www.amazon.com/dp/B0SHLFK001',
		);
		$answers = ( new \Shelf\Short_Links() )->resolve( $urls );
		$this->assertSame( $urls, array_keys( $answers ) );
		foreach ( $answers as $url => $answer ) {
			$this->assertSame( array( 'error', 'cached' ), array_keys( $answer ), $url );
			$this->assertStringContainsString( 'not a short link', $answer['error'], $url );
		}
		$this->assertSame( array(), self::asked() );
	}

	public function test_a_short_link_resolves_with_one_head_request_and_is_cached(): void {
		$url    = 'https://amzn.to/shelfK001';
		$answer = ( new \Shelf\Short_Links() )->resolve( array( $url ) );
		$this->assertSame(
			array(
				$url => array(
					'url'    => 'https://www.amazon.com/dp/B0SHLFK001?ref_=shelf_share&th=1',
					'cached' => false,
				),
			),
			$answer
		);
		$this->assertSame( array( 'HEAD /short/amzn.to/shelfK001' ), self::asked() );
		$this->assertEqualsWithDelta( \Shelf\Short_Links::TTL, self::expires_in( $url ), 60 );
		$again = ( new \Shelf\Short_Links() )->resolve( array( $url, $url ) );
		$this->assertSame( array( $url ), array_keys( $again ) );
		$this->assertTrue( $again[ $url ]['cached'] );
		$this->assertSame( $answer[ $url ]['url'], $again[ $url ]['url'] );
		$this->assertSame( array( 'HEAD /short/amzn.to/shelfK001' ), self::asked(), 'answered from the cache' );
	}

	public function test_redirects_are_followed_only_between_short_hosts(): void {
		$answers = ( new \Shelf\Short_Links() )->resolve( array( 'https://amzn.to/shelfHop', 'https://amzn.to/shelfRelative', 'https://amzn.to/shelfOffsite', 'https://amzn.to/shelfInternal', 'https://amzn.eu/d/shelfD201' ) );
		$this->assertSame(
			array(
				'https://amzn.to/shelfHop'      => 'https://www.amazon.com/dp/B0SHLFM003',
				'https://amzn.to/shelfRelative' => 'https://www.amazon.com/dp/B0SHLFK001?ref_=shelf_share&th=1',
				'https://amzn.to/shelfOffsite'  => 'https://example.com/elsewhere',
				'https://amzn.to/shelfInternal' => 'http://127.0.0.1/wp-admin/',
				'https://amzn.eu/d/shelfD201'   => 'https://www.amazon.de/dp/B0SHLFD201',
			),
			array_map( static fn( array $a ): ?string => $a['url'] ?? null, $answers )
		);
		// A target off the short hosts is the answer, never fetched (whether it is Amazon's is the core's call).
		$this->assertSame(
			array(
				'HEAD /short/amzn.to/shelfHop',
				'HEAD /short/a.co/d/shelfM003',
				'HEAD /short/amzn.to/shelfRelative',
				'HEAD /short/amzn.to/shelfK001',
				'HEAD /short/amzn.to/shelfOffsite',
				'HEAD /short/amzn.to/shelfInternal',
				'HEAD /short/amzn.eu/d/shelfD201',
			),
			self::asked()
		);
	}

	public function test_a_loop_stops_after_three_requests(): void {
		$answer = ( new \Shelf\Short_Links() )->resolve( array( 'https://amzn.to/shelfLoop' ) )['https://amzn.to/shelfLoop'];
		$this->assertSame( 'more than 3 redirects between short links', $answer['error'] );
		$this->assertSame( array( 'HEAD /short/amzn.to/shelfLoop', 'HEAD /short/amzn.eu/d/shelfLoop', 'HEAD /short/amzn.to/shelfLoop' ), self::asked() );
	}

	public function test_errors_are_reported_per_url_and_cached_briefly(): void {
		$answers = ( new \Shelf\Short_Links() )->resolve( array( 'https://amzn.to/unknown', 'https://amzn.to/shelfPlain', 'https://a.co/d/shelfM003' ) );
		$this->assertSame(
			array(
				'https://amzn.to/unknown'    => array( 'error' => 'the short link does not exist', 'cached' => false ),
				'https://amzn.to/shelfPlain' => array( 'error' => 'the short link did not redirect (HTTP 200)', 'cached' => false ),
				'https://a.co/d/shelfM003'   => array( 'url' => 'https://www.amazon.com/dp/B0SHLFM003', 'cached' => false ),
			),
			$answers
		);
		$this->assertEqualsWithDelta( \Shelf\Short_Links::ERROR_TTL, self::expires_in( 'https://amzn.to/unknown' ), 60 );
		$this->assertTrue( ( new \Shelf\Short_Links() )->resolve( array( 'https://amzn.to/unknown' ) )['https://amzn.to/unknown']['cached'] );
		$this->assertCount( 3, self::asked() );
	}

	public function test_a_slow_host_times_out_and_the_deadline_stops_later_requests(): void {
		$start   = microtime( true );
		$answers = ( new \Shelf\Short_Links( 1.0 ) )->resolve( array( 'https://amzn.to/shelfSlow', 'https://amzn.to/shelfK001' ) );
		$took    = microtime( true ) - $start;
		$this->assertStringStartsWith( 'amzn.to could not be reached', $answers['https://amzn.to/shelfSlow']['error'] );
		$this->assertSame( 'not resolved: this request took too long; try again', $answers['https://amzn.to/shelfK001']['error'] );
		$this->assertLessThan( \Shelf\Short_Links::TIMEOUT + 1.5, $took );
		$this->assertSame( array( 'HEAD /short/amzn.to/shelfSlow' ), self::asked() );
		$this->assertFalse( get_transient( 'shelf_short_' . md5( 'https://amzn.to/shelfK001' ) ), 'a link not tried is not cached' );
	}

	public function test_one_call_takes_at_most_fifty_urls(): void {
		$urls = array_map( static fn( int $i ): string => "https://example.com/$i", range( 1, 60 ) );
		$this->assertSame( array_slice( $urls, 0, 50 ), array_keys( ( new \Shelf\Short_Links() )->resolve( $urls ) ) );
	}
}
