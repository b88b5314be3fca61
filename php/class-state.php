<?php
/**
 * Small shared state for every PHP worker: locks, counters, the rate bucket, tokens, status.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Rows of `{prefix}shelf_state` (created by Store_Schema::install()). Each operation that must hold
 * under concurrency is one SQL statement on one primary-key row, so MariaDB's row lock makes it
 * atomic across workers: no read-modify-write in PHP. Options are not used for this on purpose:
 * they are cached per request (and by object caches), and `add_option()` is not a mutex.
 *
 * @since 0.1.0
 */
final class State {

	public const TABLE = 'shelf_state';

	/**
	 * The table name with the site's prefix.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . self::TABLE;
	}

	/**
	 * Reads a row that has not expired.
	 *
	 * @param string $name Row name.
	 * @return array{num: float, stamp: float, data: ?string, expires_at: int}|null
	 */
	public static function get( string $name ): ?array {
		global $wpdb;
		$table = self::table();
		$row   = $wpdb->get_row( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table; must not be cached across workers.
			$wpdb->prepare( "SELECT num, stamp, data, expires_at FROM {$table} WHERE name = %s AND ( expires_at = 0 OR expires_at > %d )", $name, Clock::time() ), // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from prefix + constant.
			ARRAY_A
		);
		if ( ! is_array( $row ) ) {
			return null;
		}
		return array(
			'num'        => (float) $row['num'],
			'stamp'      => (float) $row['stamp'],
			'data'       => null === $row['data'] ? null : (string) $row['data'],
			'expires_at' => (int) $row['expires_at'],
		);
	}

	/**
	 * Writes (replaces) a row.
	 *
	 * @param string      $name       Row name.
	 * @param float       $num        Number.
	 * @param string|null $data       Text.
	 * @param int         $expires_at Unix time after which the row is ignored; 0 for never.
	 * @param float       $stamp      A second number (a time).
	 */
	public static function put( string $name, float $num, ?string $data = null, int $expires_at = 0, float $stamp = 0.0 ): void {
		global $wpdb;
		$wpdb->replace( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			self::table(),
			array(
				'name'       => $name,
				'num'        => $num,
				'stamp'      => $stamp,
				'data'       => $data,
				'expires_at' => $expires_at,
			),
			array( '%s', '%f', '%f', '%s', '%d' )
		);
	}

	/**
	 * Deletes a row.
	 *
	 * @param string $name Row name.
	 */
	public static function delete( string $name ): void {
		global $wpdb;
		$wpdb->delete( self::table(), array( 'name' => $name ), array( '%s' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
	}

	/**
	 * Takes a lock: the first worker to insert the row wins; a lock older than its lifetime is
	 * removed first, so a crashed worker never blocks the others for long (the pattern of core's
	 * WP_Upgrader::create_lock()).
	 *
	 * @param string $name Lock name.
	 * @param int    $ttl  Seconds after which the lock counts as abandoned.
	 * @return string|null An owner id for unlock(), or null when another worker holds it.
	 */
	public static function lock( string $name, int $ttl ): ?string {
		global $wpdb;
		$table = self::table();
		$now   = Clock::time();
		$owner = wp_generate_password( 20, false );
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE name = %s AND expires_at > 0 AND expires_at <= %d", 'lock:' . $name, $now ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		$done = $wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$table} ( name, num, stamp, data, expires_at ) VALUES ( %s, 0, 0, %s, %d )", 'lock:' . $name, $owner, $now + max( 1, $ttl ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		return 1 === $done ? $owner : null;
	}

	/**
	 * Releases a lock, only if this owner still holds it.
	 *
	 * @param string $name  Lock name.
	 * @param string $owner Id returned by lock().
	 */
	public static function unlock( string $name, string $owner ): void {
		global $wpdb;
		$wpdb->delete( self::table(), array( 'name' => 'lock:' . $name, 'data' => $owner ), array( '%s', '%s' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
	}

	/**
	 * Adds one to a counter unless it has reached its cap, atomically.
	 *
	 * @param string $name       Counter name.
	 * @param int    $cap        Highest value.
	 * @param int    $expires_at When the counter is dropped.
	 * @return bool Whether the counter was below the cap (and now counts one more).
	 */
	public static function increment_below( string $name, int $cap, int $expires_at ): bool {
		global $wpdb;
		$table = self::table();
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$table} ( name, num, stamp, data, expires_at ) VALUES ( %s, 0, 0, NULL, %d )", $name, $expires_at ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		return 1 === $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET num = num + 1 WHERE name = %s AND num < %d", $name, $cap ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
	}

	/**
	 * Takes one token from a token bucket, atomically. The bucket holds up to `$burst` tokens and
	 * refills at `$rate` per second; `num` is the token count and `stamp` the time of the last
	 * refill. MariaDB applies the SET list left to right, so `num` is computed from the old stamp.
	 * A stamp far in the future (a clock set back) counts as a full bucket.
	 *
	 * @param string $name  Bucket name.
	 * @param float  $rate  Tokens per second (> 0).
	 * @param float  $burst Capacity (≥ 1).
	 * @param float  $now   Current time.
	 * @return float 0 when a token was taken, else the seconds until one is available.
	 */
	public static function take_token( string $name, float $rate, float $burst, float $now ): float {
		global $wpdb;
		$table   = self::table();
		$full    = $burst / $rate;
		$elapsed = 'IF( stamp > %f + 60, %f, GREATEST( 0, %f - stamp ) )';
		$wpdb->query( $wpdb->prepare( "INSERT IGNORE INTO {$table} ( name, num, stamp, data, expires_at ) VALUES ( %s, %f, %f, NULL, 0 )", $name, $burst, $now ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
		$taken = $wpdb->query( // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- Shelf's own table.
			$wpdb->prepare(
				"UPDATE {$table} SET num = LEAST( %f, num + {$elapsed} * %f ) - 1, stamp = IF( stamp > %f + 60, %f, GREATEST( stamp, %f ) ) WHERE name = %s AND LEAST( %f, num + {$elapsed} * %f ) >= 1", // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name and a fixed SQL fragment.
				$burst,
				$now,
				$full,
				$now,
				$rate,
				$now,
				$now,
				$now,
				$name,
				$burst,
				$now,
				$full,
				$now,
				$rate
			)
		);
		if ( 1 === $taken ) {
			return 0.0;
		}
		$row = self::get( $name );
		if ( null === $row ) {
			return 1.0 / $rate;
		}
		return max( 0.001, ( 1.0 - self::tokens( $row, $rate, $burst, $now ) ) / $rate );
	}

	/**
	 * Seconds until a token bucket holds a token, without taking one (0 when it holds one now
	 * or does not exist yet). A read: another worker may take the token first.
	 *
	 * @param string $name  Bucket name.
	 * @param float  $rate  Tokens per second (> 0).
	 * @param float  $burst Capacity (≥ 1).
	 * @param float  $now   Current time.
	 */
	public static function token_wait( string $name, float $rate, float $burst, float $now ): float {
		$row = self::get( $name );
		return null === $row ? 0.0 : max( 0.0, ( 1.0 - self::tokens( $row, $rate, $burst, $now ) ) / $rate );
	}

	/**
	 * The tokens a bucket row holds at `$now`.
	 *
	 * @param array{num: float, stamp: float} $row   Bucket row.
	 * @param float                           $rate  Tokens per second.
	 * @param float                           $burst Capacity.
	 * @param float                           $now   Current time.
	 */
	private static function tokens( array $row, float $rate, float $burst, float $now ): float {
		return min( $burst, $row['num'] + max( 0.0, $now - $row['stamp'] ) * $rate );
	}

	/**
	 * Deletes rows whose lifetime ended more than an hour ago (housekeeping from the cron job).
	 */
	public static function purge_expired(): void {
		global $wpdb;
		$table = self::table();
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE expires_at > 0 AND expires_at < %d", Clock::time() - HOUR_IN_SECONDS ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
	}

	/**
	 * Deletes every row whose name starts with a prefix (tests and "reset" actions).
	 *
	 * @param string $prefix Name prefix.
	 */
	public static function delete_prefix( string $prefix ): void {
		global $wpdb;
		$table = self::table();
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$table} WHERE name LIKE %s", $wpdb->esc_like( $prefix ) . '%' ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Shelf's own table.
	}
}
