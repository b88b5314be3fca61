<?php
/**
 * The background refresh: WP-Cron (or a system cron calling wp-cron.php) keeps the store fresh.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Every 15 minutes, and a few seconds after new products appear in content, one bounded run
 * fetches what is due: products in batches of 10 per GetItems, grouped by marketplace, then
 * bestseller and new-release lists. With the requests it has left after all of that, it keeps
 * other stores' copies of the most used products for visitors sent there
 * ({@see Store_Localised}); that work never asks for a run of its own. A run stops at its batch
 * limit, its time budget, or when the rate budget says stop; what is left waits for the next run. Rows are claimed atomically, so
 * overlapping runs split the work instead of repeating it.
 *
 * @since 0.1.0
 */
final class Refresh {

	public const HOOK      = 'shelf_refresh';
	public const SOON_HOOK = 'shelf_refresh_soon';
	public const SCHEDULE  = 'shelf_quarter_hour';
	public const SCAN_HOOK = 'shelf_scan_content';

	/**
	 * Seconds a claim on a row lasts (longer than any run).
	 */
	private const CLAIM_TTL = 180;

	/**
	 * Client errors that mean no request went out (budget, pause, context): the rows stay as
	 * they were instead of recording an error.
	 */
	private const NOT_SENT = array( 'shelf_rate_limited', 'shelf_daily_cap', 'shelf_backoff', 'shelf_circuit_open', 'shelf_not_now' );

	/**
	 * Constructor.
	 *
	 * @param Creators_Client $client API client.
	 * @param Rate_Budget     $budget Rate budget.
	 * @param Clock           $clock  Time and waiting.
	 */
	public function __construct( private Creators_Client $client, private Rate_Budget $budget, private Clock $clock ) {
	}

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_filter( 'cron_schedules', array( $this, 'add_schedule' ) ); // phpcs:ignore WordPress.WP.CronInterval.ChangeDetected -- 15 minutes, on purpose.
		add_action( self::HOOK, array( $this, 'run_cron' ) );
		add_action( self::SOON_HOOK, array( $this, 'run_cron' ) );
		add_action( self::SCAN_HOOK, array( self::class, 'scan_content' ) );
		add_action( 'init', array( self::class, 'ensure_scheduled' ) );
		register_activation_hook( SHELF_FILE, array( self::class, 'activate' ) );
		register_deactivation_hook( SHELF_FILE, array( self::class, 'deactivate' ) );
	}

	/**
	 * Hooked to `cron_schedules`.
	 *
	 * @param array<string, array{interval: int, display: string}> $schedules Schedules.
	 * @return array<string, array{interval: int, display: string}>
	 */
	public function add_schedule( array $schedules ): array {
		$schedules[ self::SCHEDULE ] = array(
			'interval' => 15 * MINUTE_IN_SECONDS,
			'display'  => __( 'Every 15 minutes (Shelf)', 'shelf' ),
		);
		return $schedules;
	}

	/**
	 * Activation: tables and the recurring event.
	 */
	public static function activate(): void {
		Store_Schema::install();
		self::ensure_scheduled();
		self::scan_soon();
	}

	/**
	 * Starts the background scan of every post from the first one.
	 */
	public static function scan_soon(): void {
		State::delete( 'scan:last' );
		if ( false === wp_next_scheduled( self::SCAN_HOOK ) ) {
			wp_schedule_single_event( time(), self::SCAN_HOOK );
		}
	}

	/**
	 * Cron callback: finds the products of existing posts, 200 posts per run, then asks for a
	 * refresh. Runs after activation, so posts written before (e.g. for AAWP) get their data.
	 */
	public static function scan_content(): void {
		$row  = State::get( 'scan:last' );
		$last = Post_Sync::scan_posts( null === $row ? 0 : (int) $row['num'], 200 );
		if ( null === $last ) {
			State::delete( 'scan:last' );
			return;
		}
		State::put( 'scan:last', $last );
		wp_schedule_single_event( time() + MINUTE_IN_SECONDS, self::SCAN_HOOK );
	}

	/**
	 * Deactivation only unschedules; data stays until uninstall.
	 */
	public static function deactivate(): void {
		wp_clear_scheduled_hook( self::HOOK );
		wp_clear_scheduled_hook( self::SOON_HOOK );
		wp_clear_scheduled_hook( self::SCAN_HOOK );
	}

	/**
	 * Hooked to `init`: the recurring event exists (cheap: the cron array is already loaded).
	 */
	public static function ensure_scheduled(): void {
		if ( false === wp_next_scheduled( self::HOOK ) ) {
			wp_schedule_event( time() + MINUTE_IN_SECONDS, self::SCHEDULE, self::HOOK );
		}
	}

	/**
	 * Asks for a run in a few seconds (new products in content). Never runs anything now.
	 *
	 * @param int $delay Seconds from now.
	 */
	public static function schedule_soon( int $delay = 5 ): void {
		if ( false === wp_next_scheduled( self::SOON_HOOK ) ) {
			wp_schedule_single_event( time() + $delay, self::SOON_HOOK );
		}
	}

	/**
	 * Cron callback.
	 */
	public function run_cron(): void {
		$summary = $this->run();
		if ( $summary['more_due'] && null === $summary['stopped'] ) {
			self::schedule_soon( MINUTE_IN_SECONDS );
		}
	}

	/**
	 * How old a record may get before the job refreshes it, in seconds.
	 */
	public static function refresh_after(): int {
		/**
		 * Filters how old product data may get before the background job refreshes it, in
		 * seconds. Clamped to 5 minutes – 23 hours; the data lifetime (≤ 24 h) still applies.
		 *
		 * @since 0.1.0
		 *
		 * @param int $seconds Default 12 hours.
		 */
		return Tunable::clamp( apply_filters( 'shelf_refresh_after', 12 * HOUR_IN_SECONDS ), 12 * HOUR_IN_SECONDS, 5 * MINUTE_IN_SECONDS, 23 * HOUR_IN_SECONDS );
	}

	/**
	 * Requests one run may make.
	 */
	public static function batches_per_run(): int {
		/**
		 * Filters how many Creators API requests one refresh run may make (each GetItems covers
		 * 10 products). Clamped to 1–100.
		 *
		 * @since 0.1.0
		 *
		 * @param int $batches Default 10.
		 */
		return Tunable::clamp( apply_filters( 'shelf_refresh_batches', 10 ), 10, 1, 100 );
	}

	/**
	 * Seconds one run may take.
	 */
	public static function time_budget(): float {
		/**
		 * Filters the time budget of one refresh run, in seconds. Clamped to 1–120.
		 *
		 * @since 0.1.0
		 *
		 * @param float $seconds Default 20.
		 */
		return Tunable::clamp( apply_filters( 'shelf_refresh_time_budget', 20.0 ), 20.0, 1.0, 120.0 );
	}

	/**
	 * One bounded run.
	 *
	 * @param int|null $max_batches Requests allowed (default: the filter).
	 * @return array{requests: int, items: int, unavailable: int, lists: int, errors: int, stopped: ?string, more_due: bool}
	 */
	public function run( ?int $max_batches = null ): array {
		$summary  = array(
			'requests'    => 0,
			'items'       => 0,
			'unavailable' => 0,
			'lists'       => 0,
			'errors'      => 0,
			'stopped'     => null,
			'more_due'    => false,
		);
		$left     = $max_batches ?? self::batches_per_run();
		$deadline = $this->clock->now() + self::time_budget();
		State::purge_expired();
		foreach ( Store_Queue::due_markets() as $market ) {
			if ( $left <= 0 || $this->clock->now() >= $deadline ) {
				break;
			}
			$credential = Credentials::for_market( $market );
			if ( null === $credential || '' === Settings::tracking_id( $market ) ) {
				$this->postpone_market(
					$market,
					null === $credential ? 'shelf_no_credential' : 'shelf_no_tracking_id',
					null === $credential ? __( 'No Creators API credential for this store’s region.', 'shelf' ) : __( 'No tracking ID for this store.', 'shelf' )
				);
				continue;
			}
			if ( null !== $this->budget->blocked( $credential['key'] ) ) {
				$summary['stopped'] = (string) $this->budget->blocked( $credential['key'] )->get_error_code();
				continue;
			}
			$stop = $this->products( $market, $left, $deadline, $summary ) ?? $this->lists( $market, $left, $deadline, $summary );
			if ( null !== $stop ) {
				$summary['stopped'] = $stop;
			}
		}
		$this->localised( $left, $deadline, $summary );
		$summary['more_due'] = array() !== Store_Queue::due_markets();
		return $summary;
	}

	/**
	 * After every store's own work: the other stores' copies of the most used products, with the
	 * requests the run has left and within each credential's daily share for them.
	 *
	 * @param int   $left     Requests left (decremented).
	 * @param float $deadline Time limit.
	 * @param array $summary  Counters (updated).
	 */
	private function localised( int &$left, float $deadline, array &$summary ): void {
		$markets = Store_Localised::markets();
		if ( $left <= 0 || array() === $markets ) {
			return;
		}
		$ranked = Store_Localised::ranked();
		foreach ( $markets as $market ) {
			$credential = Credentials::for_market( $market );
			if ( null === $credential || null !== $this->budget->blocked( $credential['key'] ) ) {
				continue;
			}
			$room  = min( $left, $this->budget->localised_room( $credential['key'] ) );
			$spent = $room;
			$stop  = $this->products( $market, $room, $deadline, $summary, $ranked );
			$left -= $spent - $room;
			if ( null !== $stop ) {
				$summary['stopped'] = $stop;
			}
		}
	}

	/**
	 * Refreshes due products of one marketplace: those its placements show, or with `$ranked`
	 * the copies kept for localised visitors.
	 *
	 * @param string                  $market   Marketplace host.
	 * @param int                     $left     Requests left (decremented).
	 * @param float                   $deadline Time limit.
	 * @param array                   $summary  Counters (updated).
	 * @param array<string, int>|null $ranked   The most used ASINs ({@see Store_Localised::ranked()}).
	 * @return string|null Error code that ends work on this credential, or null.
	 */
	private function products( string $market, int &$left, float $deadline, array &$summary, ?array $ranked = null ): ?string {
		while ( $left > 0 && $this->clock->now() < $deadline ) {
			$asins = null === $ranked ? Store_Queue::claim_due( $market, 10, self::CLAIM_TTL ) : Store_Localised::claim_due( $market, $ranked, 10, self::CLAIM_TTL );
			if ( array() === $asins ) {
				return null;
			}
			$result = $this->client->get_items( $market, $asins, $deadline );
			--$left;
			++$summary['requests'];
			if ( ! is_wp_error( $result ) ) {
				Store_Queue::save_items( $market, $result['items'], $this->next_refresh() );
				Store_Queue::save_errors( $market, $result['errors'], (int) $this->clock->now() + 6 * HOUR_IN_SECONDS, true );
				$summary['items']       += count( $result['items'] );
				$summary['unavailable'] += count( $result['errors'] );
				continue;
			}
			++$summary['errors'];
			$code = (string) $result->get_error_code();
			if ( in_array( $code, self::NOT_SENT, true ) ) {
				// Nothing was asked: leave the rows as they were for the next run.
				Store_Queue::release( $market, $asins );
				--$summary['requests'];
				--$summary['errors'];
				return $code;
			}
			$errors = array_fill_keys(
				$asins,
				array(
					'code'    => $code,
					'message' => $result->get_error_message(),
				)
			);
			if ( 'shelf_not_found' === $code ) {
				Store_Queue::save_errors( $market, $errors, (int) $this->clock->now() + 6 * HOUR_IN_SECONDS, true );
				continue;
			}
			Store_Queue::save_errors( $market, $errors, $this->retry_at( $result ), false );
			if ( 'shelf_rejected' === $code ) {
				// The same tag and credential would be rejected for every other batch too.
				$this->postpone_market( $market, $code, $result->get_error_message() );
			}
			return $code;
		}
		return null;
	}

	/**
	 * Refreshes due bestseller and new-release lists of one marketplace (up to 3 pages each).
	 *
	 * @param string $market   Marketplace host.
	 * @param int    $left     Requests left (decremented).
	 * @param float  $deadline Time limit.
	 * @param array  $summary  Counters (updated).
	 * @return string|null Error code that ends work on this credential, or null.
	 */
	private function lists( string $market, int &$left, float $deadline, array &$summary ): ?string {
		while ( $left > 0 && $this->clock->now() < $deadline ) {
			$search = Store_Queue::claim_due_search( $market, self::CLAIM_TTL );
			if ( null === $search ) {
				return null;
			}
			$params = ctype_digit( $search['query'] ) ? array( 'browseNodeId' => $search['query'] ) : array( 'keywords' => $search['query'] );
			if ( 'new' === $search['kind'] ) {
				$params['sortBy'] = 'NewestArrivals';
			}
			$asins = array();
			$pages = (int) ceil( $search['items'] / 10 );
			for ( $page = 1; $page <= $pages; $page++ ) {
				if ( $left <= 0 ) {
					break;
				}
				$result = $this->client->search_items( $market, $params + array( 'itemPage' => $page ), $deadline );
				--$left;
				++$summary['requests'];
				if ( is_wp_error( $result ) ) {
					++$summary['errors'];
					$code = (string) $result->get_error_code();
					if ( in_array( $code, self::NOT_SENT, true ) ) {
						Store_Queue::release_search( $market, $search['kind'], $search['query'] );
						--$summary['requests'];
						--$summary['errors'];
						return $code;
					}
					Store_Queue::save_search(
						$market,
						$search['kind'],
						$search['query'],
						null,
						array(
							'code'    => $code,
							'message' => $result->get_error_message(),
						),
						$this->retry_at( $result )
					);
					return $code;
				}
				Store_Queue::save_items( $market, $result['items'], $this->next_refresh() );
				$asins = array_merge( $asins, array_keys( $result['items'] ) );
				if ( count( $result['items'] ) < 10 ) {
					break;
				}
			}
			Store_Queue::save_search( $market, $search['kind'], $search['query'], array_slice( array_values( array_unique( $asins ) ), 0, $search['items'] ), null, $this->next_refresh() );
			++$summary['lists'];
		}
		return null;
	}

	/**
	 * Pushes a marketplace's due rows back an hour: it has no credential or no tracking ID, or
	 * Amazon rejected them, and asking again every run would change nothing.
	 *
	 * @param string $market  Marketplace host.
	 * @param string $code    Why.
	 * @param string $message Message for the admin.
	 */
	private function postpone_market( string $market, string $code, string $message ): void {
		global $wpdb;
		$now   = (int) $this->clock->now();
		$error = (string) wp_json_encode( compact( 'code', 'message' ) );
		foreach ( array( Store_Schema::products_table(), Store_Schema::searches_table() ) as $table ) {
			$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET next_at = %d, checked_at = %d, error = %s, status = IF( status = 'pending', 'error', status ) WHERE marketplace = %s AND next_at <= %d AND claimed_until < %d", $now + HOUR_IN_SECONDS, $now, $error, $market, $now, $now ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own tables.
		}
		Store::flush_memo();
	}

	/**
	 * When a successfully fetched record is due again: the threshold with ±10 % jitter, so
	 * records fetched together do not all expire together.
	 */
	private function next_refresh(): int {
		$after = self::refresh_after();
		return (int) $this->clock->now() + (int) round( $after * ( 0.9 + 0.2 * random_int( 0, 1000 ) / 1000 ) );
	}

	/**
	 * When to retry after an error: the server's window when known, else 15 minutes (an hour
	 * for a rejected request).
	 *
	 * @param \WP_Error $error Error.
	 */
	private function retry_at( \WP_Error $error ): int {
		$data = $error->get_error_data();
		$at   = is_array( $data ) && is_numeric( $data['retry_at'] ?? null ) ? (int) ceil( (float) $data['retry_at'] ) : 0;
		// A rejected request (wrong tag, bad credential) needs an admin; asking again soon is waste.
		$wait = 'shelf_rejected' === $error->get_error_code() ? HOUR_IN_SECONDS : 15 * MINUTE_IN_SECONDS;
		return max( $at, (int) $this->clock->now() + $wait );
	}
}
