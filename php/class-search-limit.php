<?php
/**
 * How many product searches one user may send to Amazon.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Per user, a count per clock minute and per UTC day of the searches that would call Amazon
 * (cached answers are free). Anyone who may edit posts can search, so without this one
 * contributor could spend the editors' whole share of the Creators API budget. The counters
 * are rows of Shelf's state table, incremented atomically, and expire by themselves.
 *
 * @since 0.2.0
 */
final class Search_Limit {

	/**
	 * Counts one search for a user, or says when the user may search again.
	 *
	 * @param int $user_id User.
	 * @return true|\WP_Error `shelf_search_limit`, with `retry_at` (Unix time) in its data.
	 */
	public static function take( int $user_id ) {
		$now    = Clock::time();
		$minute = intdiv( $now, MINUTE_IN_SECONDS ) * MINUTE_IN_SECONDS;
		if ( ! State::increment_below( 'search-minute:' . $user_id . ':' . $minute, self::per_minute(), $minute + 2 * MINUTE_IN_SECONDS ) ) {
			return new \WP_Error(
				'shelf_search_limit',
				/* translators: %d: searches per minute. */
				sprintf( __( 'You have made %d product searches in the last minute; try again in a moment.', 'shelf' ), self::per_minute() ),
				array( 'retry_at' => (float) ( $minute + MINUTE_IN_SECONDS ) )
			);
		}
		$day = intdiv( $now, DAY_IN_SECONDS ) * DAY_IN_SECONDS;
		if ( ! State::increment_below( 'search-day:' . $user_id . ':' . $day, self::per_day(), $day + 2 * DAY_IN_SECONDS ) ) {
			return new \WP_Error(
				'shelf_search_limit',
				/* translators: %d: searches per day. */
				sprintf( __( 'You have made %d product searches today, the most allowed per person; searching resumes tomorrow (UTC).', 'shelf' ), self::per_day() ),
				array( 'retry_at' => (float) ( $day + DAY_IN_SECONDS ) )
			);
		}
		return true;
	}

	/**
	 * Searches per user and minute.
	 */
	public static function per_minute(): int {
		/**
		 * Filters how many product searches that reach Amazon one user may make per minute.
		 * Clamped to 1–600.
		 *
		 * @since 0.2.0
		 *
		 * @param int $searches Default 20.
		 */
		return Tunable::clamp( apply_filters( 'shelf_search_per_minute', 20 ), 20, 1, 600 );
	}

	/**
	 * Searches per user and UTC day.
	 */
	public static function per_day(): int {
		/**
		 * Filters how many product searches that reach Amazon one user may make per UTC day.
		 * Clamped to 1–100,000.
		 *
		 * @since 0.2.0
		 *
		 * @param int $searches Default 200.
		 */
		return Tunable::clamp( apply_filters( 'shelf_search_per_day', 200 ), 200, 1, 100000 );
	}
}
