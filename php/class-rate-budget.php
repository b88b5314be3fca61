<?php
/**
 * The request budget for the Creators API, shared by every PHP worker.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Per credential: a token bucket (1 request/s by default), a daily cap, a backoff window after
 * throttling or server errors, and a circuit that stays open for hours after Amazon says the
 * account may not use the API. All of it lives in Shelf's state table and changes through
 * single-row atomic statements, so workers cannot overspend together.
 *
 * @since 0.1.0
 */
final class Rate_Budget {

	/**
	 * Constructor.
	 *
	 * @param Clock $clock Time and waiting.
	 */
	public function __construct( private Clock $clock ) {
	}

	/**
	 * Requests per second per credential.
	 */
	public static function rate(): float {
		/**
		 * Filters the Creators API request rate per credential (requests per second). Amazon's
		 * base rate is believed to be 1/s and grows with sales. Clamped to 0.01–10.
		 *
		 * @since 0.1.0
		 *
		 * @param float $rate Default 1.
		 */
		return Tunable::clamp( apply_filters( 'shelf_api_rate', 1.0 ), 1.0, 0.01, 10.0 );
	}

	/**
	 * Bucket capacity (how many requests may go out back to back after a quiet period).
	 */
	public static function burst(): float {
		/**
		 * Filters the Creators API burst size per credential. Clamped to 1–10.
		 *
		 * @since 0.1.0
		 *
		 * @param int $burst Default 1: requests are spaced evenly.
		 */
		return (float) Tunable::clamp( apply_filters( 'shelf_api_burst', 1 ), 1, 1, 10 );
	}

	/**
	 * Requests per UTC day per credential.
	 */
	public static function daily_cap(): int {
		/**
		 * Filters the daily Creators API request cap per credential. Amazon's starting quota was
		 * 8,640 requests a day under PA-API. Clamped to 1–1,000,000.
		 *
		 * @since 0.1.0
		 *
		 * @param int $cap Default 8640.
		 */
		return Tunable::clamp( apply_filters( 'shelf_api_daily_cap', 8640 ), 8640, 1, 1000000 );
	}

	/**
	 * Waits for a request slot.
	 *
	 * @param string $key      Credential key.
	 * @param float  $max_wait Longest acceptable wait in seconds.
	 * @return true|\WP_Error
	 */
	public function acquire( string $key, float $max_wait ) {
		$blocked = $this->blocked( $key );
		if ( null !== $blocked ) {
			return $blocked;
		}
		$waited = 0.0;
		while ( true ) {
			$wait = State::take_token( 'bucket:' . $key, self::rate(), self::burst(), $this->clock->now() );
			if ( 0.0 === $wait ) {
				break;
			}
			if ( $waited + $wait > $max_wait ) {
				return new \WP_Error( 'shelf_rate_limited', __( 'Shelf’s request budget for the Creators API is used up for now.', 'shelf' ), array( 'retry_at' => $this->clock->now() + $wait ) );
			}
			$this->clock->sleep( $wait );
			$waited += $wait;
		}
		$day = gmdate( 'Ymd', (int) $this->clock->now() );
		if ( ! State::increment_below( 'day:' . $key . ':' . $day, self::daily_cap(), (int) $this->clock->now() + 2 * DAY_IN_SECONDS ) ) {
			return self::cap_reached( array() );
		}
		return true;
	}

	/**
	 * Takes a request slot for someone waiting on the answer (an editor's search), or says when
	 * to come back: it never sleeps, so no PHP worker is held while the budget refills. Such
	 * requests also pass a second, slower bucket and a daily share, so the rest of the budget
	 * stays with the background refresh however many editors search.
	 *
	 * @param string $key Credential key.
	 * @return true|\WP_Error With `retry_at` (Unix time) in its data.
	 */
	public function acquire_now( string $key ) {
		$blocked = $this->blocked( $key );
		if ( null !== $blocked ) {
			return $blocked;
		}
		$now      = $this->clock->now();
		$day      = gmdate( 'Ymd', (int) $now );
		$tomorrow = array( 'retry_at' => (float) ( ( intdiv( (int) $now, DAY_IN_SECONDS ) + 1 ) * DAY_IN_SECONDS ) );
		$share    = (int) floor( self::daily_cap() * self::interactive_daily_share() );
		// Daily limits are checked before any bucket token is spent, so requests turned away
		// for the day cost the refresh nothing.
		if ( $this->interactive_today( $key ) >= $share ) {
			return self::share_used( $tomorrow );
		}
		if ( $this->requests_today( $key ) >= self::daily_cap() ) {
			return self::cap_reached( $tomorrow );
		}
		// Both buckets are looked at first: a search turned away while the refresh holds the slot
		// does not spend the editors' token, and Retry-After is when both have one.
		$rate   = self::rate();
		$burst  = self::burst();
		$slower = $rate * self::interactive_rate_share();
		$wait   = max( State::token_wait( 'bucket:' . $key, $rate, $burst, $now ), State::token_wait( 'interactive:' . $key, $slower, 1.0, $now ) );
		if ( 0.0 === $wait ) {
			$wait = State::take_token( 'interactive:' . $key, $slower, 1.0, $now );
		}
		if ( 0.0 === $wait ) {
			$wait = State::take_token( 'bucket:' . $key, $rate, $burst, $now );
		}
		if ( $wait > 0.0 ) {
			return new \WP_Error( 'shelf_rate_limited', __( 'Shelf’s request budget for the Creators API has no free slot right now; try again in a moment.', 'shelf' ), array( 'retry_at' => $now + $wait ) );
		}
		if ( ! State::increment_below( 'iday:' . $key . ':' . $day, $share, (int) $now + 2 * DAY_IN_SECONDS ) ) {
			return self::share_used( $tomorrow );
		}
		if ( ! State::increment_below( 'day:' . $key . ':' . $day, self::daily_cap(), (int) $now + 2 * DAY_IN_SECONDS ) ) {
			return self::cap_reached( $tomorrow );
		}
		return true;
	}

	/**
	 * The daily cap is reached.
	 *
	 * @param array<string, float> $data Error data (`retry_at`).
	 */
	private static function cap_reached( array $data ): \WP_Error {
		return new \WP_Error( 'shelf_daily_cap', __( 'Shelf’s daily Creators API request cap is reached; requests resume tomorrow (UTC).', 'shelf' ), $data );
	}

	/**
	 * Interactive requests have used their daily share.
	 *
	 * @param array<string, float> $data Error data (`retry_at`).
	 */
	private static function share_used( array $data ): \WP_Error {
		return new \WP_Error( 'shelf_interactive_cap', __( 'Product searches have used their share of today’s Creators API budget; the rest is kept for refreshing product data. Searches resume tomorrow (UTC).', 'shelf' ), $data );
	}

	/**
	 * The share of the request rate that interactive requests may use.
	 */
	public static function interactive_rate_share(): float {
		/**
		 * Filters the share of the Creators API request rate that editors' product searches may
		 * use; the rest is kept for the background refresh. Clamped to 0.05–0.9.
		 *
		 * @since 0.2.0
		 *
		 * @param float $share Default 0.5: at the base rate, one search every 2 seconds site-wide.
		 */
		return Tunable::clamp( apply_filters( 'shelf_search_rate_share', 0.5 ), 0.5, 0.05, 0.9 );
	}

	/**
	 * The share of the daily cap that interactive requests may use.
	 */
	public static function interactive_daily_share(): float {
		/**
		 * Filters the share of the daily Creators API request cap that editors' product searches
		 * may use; the rest is kept for the background refresh. Clamped to 0.01–0.9.
		 *
		 * @since 0.2.0
		 *
		 * @param float $share Default 0.2: 1,728 searches a day at the default cap.
		 */
		return Tunable::clamp( apply_filters( 'shelf_search_daily_share', 0.2 ), 0.2, 0.01, 0.9 );
	}

	/**
	 * The share of the daily cap up to which the refresh may keep other stores' copies for
	 * localised visitors ({@see Store_Localised}): they stop once the day's requests reach it,
	 * so the rest of the day stays with the stores' own placements and editors' searches.
	 */
	public static function localised_daily_share(): float {
		/**
		 * Filters the share of the daily Creators API request cap up to which the refresh also
		 * fetches other stores' records for visitors sent there. Clamped to 0–0.9 (0: never).
		 *
		 * @since 0.3.0
		 *
		 * @param float $share Default 0.5.
		 */
		return Tunable::clamp( apply_filters( 'shelf_localised_daily_share', 0.5 ), 0.5, 0.0, 0.9 );
	}

	/**
	 * Requests the refresh may still spend today on other stores' copies for a credential.
	 *
	 * @param string $key Credential key.
	 */
	public function localised_room( string $key ): int {
		return max( 0, (int) floor( self::daily_cap() * self::localised_daily_share() ) - $this->requests_today( $key ) );
	}

	/**
	 * Interactive requests counted today (UTC) for a credential.
	 *
	 * @param string $key Credential key.
	 */
	public function interactive_today( string $key ): int {
		$row = State::get( 'iday:' . $key . ':' . gmdate( 'Ymd', (int) $this->clock->now() ) );
		return null === $row ? 0 : (int) $row['num'];
	}

	/**
	 * Requests counted today (UTC) for a credential.
	 *
	 * @param string $key Credential key.
	 */
	public function requests_today( string $key ): int {
		$row = State::get( 'day:' . $key . ':' . gmdate( 'Ymd', (int) $this->clock->now() ) );
		return null === $row ? 0 : (int) $row['num'];
	}

	/**
	 * Why requests are paused, if they are: an open circuit or a backoff window.
	 *
	 * @param string $key Credential key.
	 */
	public function blocked( string $key ): ?\WP_Error {
		foreach ( array( 'circuit', 'backoff' ) as $kind ) {
			$row = State::get( $kind . ':' . $key );
			if ( null !== $row && $row['stamp'] > $this->clock->now() ) {
				$info = json_decode( (string) $row['data'], true );
				return new \WP_Error(
					'circuit' === $kind ? 'shelf_circuit_open' : 'shelf_backoff',
					is_array( $info ) && is_string( $info['message'] ?? null ) ? $info['message'] : __( 'Creators API requests are paused.', 'shelf' ),
					array(
						'retry_at' => $row['stamp'],
						'code'     => is_array( $info ) ? (string) ( $info['code'] ?? '' ) : '',
					)
				);
			}
		}
		return null;
	}

	/**
	 * After a failed request (throttling, server error, timeout): no request before `$until`.
	 * Consecutive failures are counted so the window grows.
	 *
	 * @param string $key     Credential key.
	 * @param float  $until   Unix time.
	 * @param string $code    Error code.
	 * @param string $message Message for the admin.
	 */
	public function back_off( string $key, float $until, string $code, string $message ): void {
		$failures = $this->failures( $key ) + 1;
		State::put( 'backoff:' . $key, $failures, (string) wp_json_encode( compact( 'code', 'message' ) ), (int) ceil( $until ) + DAY_IN_SECONDS, $until );
	}

	/**
	 * Consecutive failed requests so far.
	 *
	 * @param string $key Credential key.
	 */
	public function failures( string $key ): int {
		$row = State::get( 'backoff:' . $key );
		return null === $row ? 0 : (int) $row['num'];
	}

	/**
	 * A request succeeded: forget failures.
	 *
	 * @param string $key Credential key.
	 */
	public function succeeded( string $key ): void {
		State::delete( 'backoff:' . $key );
	}

	/**
	 * Stops every request for a credential for a while (403 AssociateNotEligible and similar).
	 *
	 * @param string $key     Credential key.
	 * @param int    $seconds How long.
	 * @param string $code    Amazon's reason.
	 * @param string $message Message for the admin.
	 */
	public function open_circuit( string $key, int $seconds, string $code, string $message ): void {
		$until = $this->clock->now() + $seconds;
		State::put( 'circuit:' . $key, 1, (string) wp_json_encode( compact( 'code', 'message' ) ), (int) ceil( $until ) + DAY_IN_SECONDS, $until );
	}

	/**
	 * Closes the circuit and clears the backoff window (an admin's successful connection test).
	 *
	 * @param string $key Credential key.
	 */
	public function reset( string $key ): void {
		State::delete( 'circuit:' . $key );
		State::delete( 'backoff:' . $key );
	}

	/**
	 * Every open circuit, for the admin notice and the status panel.
	 *
	 * @return list<array{key: string, until: float, code: string, message: string}>
	 */
	public static function open_circuits(): array {
		global $wpdb;
		$table = State::table();
		$rows  = $wpdb->get_results( $wpdb->prepare( "SELECT name, stamp, data FROM {$table} WHERE name LIKE %s AND stamp > %f", $wpdb->esc_like( 'circuit:' ) . '%', Clock::now() ), ARRAY_A ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		$out   = array();
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$info  = json_decode( (string) $row['data'], true );
			$out[] = array(
				'key'     => substr( (string) $row['name'], 8 ),
				'until'   => (float) $row['stamp'],
				'code'    => is_array( $info ) ? (string) ( $info['code'] ?? '' ) : '',
				'message' => is_array( $info ) ? (string) ( $info['message'] ?? '' ) : '',
			);
		}
		return $out;
	}
}
