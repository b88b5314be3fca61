<?php
/**
 * Base class for tests of the product store, the Creators API client, the refresh job and REST:
 * a clean store and budget, the local mock reset, a known credential and tracking IDs, and
 * helpers to read the mock's request log and to move Shelf's clock (through the test site's
 * tests/tools/mu-clock.php: the shipped plugin has no hook for it).
 */

/**
 * Common set-up for tests that talk to the Creators API mock.
 */
abstract class Shelf_Api_TestCase extends Shelf_TestCase {

	/**
	 * Seconds added to the real time by the test clock.
	 */
	protected float $offset = 0.0;

	/**
	 * Waits the code under test asked for (seconds), when the recording sleeper is used.
	 *
	 * @var list<float>
	 */
	protected array $slept = array();

	/**
	 * Posts made by make_post(), deleted after the test.
	 *
	 * @var list<int>
	 */
	private array $posts = array();

	/**
	 * The stored credentials option before the test.
	 *
	 * @var mixed
	 */
	private $saved_credentials;

	/**
	 * PHP notices, warnings and deprecations raised during the test.
	 *
	 * @var list<string>
	 */
	protected array $php_errors = array();

	/**
	 * Checks the test site can move Shelf's clock, and waits for a WP-Cron run that a page view
	 * may have spawned before these tests, so it cannot call the mock in the middle of one.
	 */
	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		if ( ! class_exists( \Shelf\Test_Time::class ) ) {
			self::fail( 'The test site lacks tests/tools/mu-clock.php: start it with tests/tools/site.sh.' );
		}
		global $wpdb;
		$deadline = microtime( true ) + 30;
		while ( microtime( true ) < $deadline ) {
			$lock = (float) $wpdb->get_var( "SELECT option_value FROM {$wpdb->options} WHERE option_name = '_transient_doing_cron'" );
			if ( $lock < microtime( true ) - 60 || $lock > microtime( true ) + 60 ) {
				break;
			}
			usleep( 200000 );
		}
	}

	public static function tearDownAfterClass(): void {
		delete_transient( 'doing_cron' );
		parent::tearDownAfterClass();
	}

	protected function setUp(): void {
		parent::setUp();
		// Page views by HTTP tests (and the R3 workers) must not spawn WP-Cron runs that would
		// call the mock behind the test's back: hold core's cron lock for the whole test. A cron
		// run may have deleted the lock row behind this process's option cache, and an update of
		// a cached row that is gone writes nothing: read the options afresh first.
		wp_cache_flush();
		set_transient( 'doing_cron', sprintf( '%.22F', microtime( true ) + 5 * MINUTE_IN_SECONDS ) );
		$this->saved_credentials = get_option( 'shelf_credentials' );
		\Shelf\Store_Schema::maybe_install();
		self::clear_store();
		self::mock( 'POST', '/__mock/reset' );
		$this->offset = 0.0;
		$this->slept  = array();
		\Shelf\Test_Time::$now = $this->now( ... );
		$this->set_settings(
			array(
				'tracking_ids' => array(
					'www.amazon.com' => 'shelftest-20',
					'www.amazon.de'  => 'shelftest-21',
				),
			)
		);
		update_option(
			'shelf_credentials',
			array(
				'NA' => array( 'id' => 'shelf-demo-id', 'secret' => \Shelf\Credentials::seal( 'shelf-demo-secret' ), 'version' => '3.1' ),
				'EU' => array( 'id' => 'shelf-demo-id', 'secret' => \Shelf\Credentials::seal( 'shelf-demo-secret' ), 'version' => '3.2' ),
			),
			false
		);
		$this->php_errors = array();
		set_error_handler(
			function ( int $no, string $message, string $file, int $line ): bool {
				$this->php_errors[] = "$message at $file:$line";
				return false;
			},
			E_ALL & ~E_USER_DEPRECATED
		);
	}

	protected function tearDown(): void {
		foreach ( $this->posts as $id ) {
			wp_delete_post( $id, true );
		}
		restore_error_handler();
		\Shelf\Test_Time::$now = null;
		foreach ( array( 'shelf_api_rate', 'shelf_api_burst', 'shelf_api_daily_cap', 'shelf_api_max_wait', 'shelf_api_timeout', 'shelf_refresh_batches', 'shelf_refresh_time_budget', 'shelf_data_lifetime', 'shelf_circuit_seconds', 'shelf_products_max_age', 'shelf_geo_headers', 'shelf_refresh_after' ) as $hook ) {
			remove_all_filters( $hook );
		}
		self::mock( 'DELETE', '/__mock/faults' );
		self::clear_store();
		if ( false === $this->saved_credentials ) {
			delete_option( 'shelf_credentials' );
		} else {
			update_option( 'shelf_credentials', $this->saved_credentials, false );
		}
		wp_clear_scheduled_hook( \Shelf\Refresh::SOON_HOOK );
		$this->assertSame( array(), $this->php_errors, 'no PHP notices or warnings' );
		parent::tearDown();
	}

	/**
	 * A post by the current user, saved through WordPress (so Shelf's save hooks run), deleted
	 * after the test.
	 *
	 * @param string $content Post content.
	 * @param string $status  Post status.
	 * @param array  $more    More wp_insert_post() fields.
	 */
	protected function make_post( string $content, string $status = 'publish', array $more = array() ): int {
		$id = wp_insert_post( array( 'post_title' => 'Shelf test post', 'post_content' => $content, 'post_status' => $status ) + $more, true );
		$this->assertIsInt( $id );
		$this->posts[] = $id;
		return $id;
	}

	/**
	 * Shelf's "now" during the test: real time plus the test's offset.
	 */
	public function now(): float {
		return microtime( true ) + $this->offset;
	}

	/**
	 * A clock whose waits are recorded and skipped by moving the offset instead.
	 */
	protected function recording_clock(): \Shelf\Clock {
		return new \Shelf\Clock(
			function ( float $seconds ): void {
				$this->slept[] = $seconds;
				$this->offset += $seconds;
			}
		);
	}

	/**
	 * A client, budget and refresh job sharing one clock.
	 *
	 * @param \Shelf\Clock|null $clock Clock (default: recording).
	 * @return array{client: \Shelf\Creators_Client, budget: \Shelf\Rate_Budget, refresh: \Shelf\Refresh, tokens: \Shelf\Token_Cache}
	 */
	protected function parts( ?\Shelf\Clock $clock = null ): array {
		$clock  = $clock ?? $this->recording_clock();
		$budget = new \Shelf\Rate_Budget( $clock );
		$tokens = new \Shelf\Token_Cache( $clock );
		$client = new \Shelf\Creators_Client( $tokens, $budget, $clock );
		return array(
			'client'  => $client,
			'budget'  => $budget,
			'tokens'  => $tokens,
			'refresh' => new \Shelf\Refresh( $client, $budget, $clock ),
		);
	}

	/**
	 * Empties Shelf's tables (products, lists, usage, state) and the product search's cache.
	 */
	protected static function clear_store(): void {
		global $wpdb;
		foreach ( array( \Shelf\Store_Schema::products_table(), \Shelf\Store_Schema::searches_table(), \Shelf\Store_Schema::usage_table(), \Shelf\State::table() ) as $table ) {
			$wpdb->query( "DELETE FROM {$table}" ); // phpcs:ignore WordPress.DB -- test clean-up of Shelf's own tables.
		}
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->options} WHERE option_name LIKE %s OR option_name LIKE %s", $wpdb->esc_like( '_transient_shelf_search_' ) . '%', $wpdb->esc_like( '_transient_timeout_shelf_search_' ) . '%' ) ); // phpcs:ignore WordPress.DB -- test clean-up.
		wp_cache_flush(); // Transients read earlier in this process stay in the runtime cache.
		\Shelf\Store::flush_memo();
	}

	/**
	 * Calls a control or API endpoint of the mock.
	 *
	 * @param string     $method HTTP method.
	 * @param string     $path   Path.
	 * @param array|null $body   JSON body.
	 * @return mixed Decoded answer.
	 */
	protected static function mock( string $method, string $path, ?array $body = null ) {
		$curl = curl_init( getenv( 'SHELF_MOCK_URL' ) . $path );
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_HTTPHEADER     => array( 'Content-Type: application/json' ),
				CURLOPT_POSTFIELDS     => null === $body ? '' : json_encode( $body ),
				CURLOPT_TIMEOUT        => 10,
			)
		);
		$answer = curl_exec( $curl );
		curl_close( $curl );
		return json_decode( (string) $answer, true );
	}

	/**
	 * Adds faults to the mock.
	 *
	 * @param array $faults Fault spec (see the mock's README).
	 */
	protected static function faults( array $faults ): void {
		self::mock( 'POST', '/__mock/faults', $faults );
	}

	/**
	 * The mock's request log, optionally for one path.
	 *
	 * @param string $path Path filter.
	 * @return list<array<string, mixed>>
	 */
	protected static function requests( string $path = '' ): array {
		$log = self::mock( 'GET', '/__mock/requests' . ( '' === $path ? '' : '?path=' . rawurlencode( $path ) ) );
		return is_array( $log ) ? ( isset( $log['requests'] ) ? $log['requests'] : $log ) : array();
	}

	/**
	 * Number of logged requests to a path.
	 *
	 * @param string $path Path.
	 */
	protected static function calls( string $path ): int {
		return count( self::requests( $path ) );
	}

	/**
	 * Synthetic ASINs the mock always knows: B0SHLFG000, B0SHLFG001, …
	 *
	 * @param int $count How many.
	 * @param int $from  First index.
	 * @return list<string>
	 */
	protected static function synthetic( int $count, int $from = 0 ): array {
		$out = array();
		for ( $i = $from; $i < $from + $count; $i++ ) {
			$out[] = 'B0SHLFG' . strtoupper( str_pad( base_convert( (string) $i, 10, 36 ), 3, '0', STR_PAD_LEFT ) );
		}
		return $out;
	}
}
