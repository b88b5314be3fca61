<?php
/**
 * The one shape in which product records leave the server.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * `/shelf/v1/products` and the page's `#shelf-data` block hand the core records in this shape
 * and no other:
 *
 *     { "item": {…} | null, "fetchedAt": 1795500000, "asOf": "November 24, 2026 6:00 am", "status": "ok" }
 *
 * `asOf` is `fetchedAt` as the site shows dates and times (`wp_date()`: the site's formats,
 * language and timezone, with the daylight-saving offset of that moment), for the core's "as of"
 * stamp; empty when nothing was fetched.
 * `status` is one of `ok`, `pending`, `unavailable`, `error`, `expired`. Upstream error text
 * (Amazon's messages, account or credential problems) never leaves the server: visitors only
 * need to know that there is nothing to show, and admins read the reason on the status panel.
 *
 * @since 0.2.0
 */
final class Public_Record {

	/** Statuses a visitor may see; anything else reads as `error`. */
	public const STATUSES = array( 'ok', 'pending', 'unavailable', 'error', 'expired' );

	/**
	 * A store record in its public shape.
	 *
	 * @param array{item?: ?array, fetched_at?: int, status?: string} $record A record from {@see Store::get_many()}.
	 * @return array{item: ?array, fetchedAt: int, asOf: string, status: string}
	 */
	public static function from_store( array $record ): array {
		$status = (string) ( $record['status'] ?? 'pending' );
		if ( 'unknown' === $status ) {
			$status = 'pending';
		}
		$fetched_at = (int) ( $record['fetched_at'] ?? 0 );
		return array(
			'item'      => $record['item'] ?? null,
			'fetchedAt' => $fetched_at,
			'asOf'      => $fetched_at > 0 ? (string) wp_date( self::stamp_format(), $fetched_at ) : '',
			'status'    => in_array( $status, self::STATUSES, true ) ? $status : 'error',
		);
	}

	/** The site's date format and time format, as WordPress shows a moment. */
	private static function stamp_format(): string {
		return trim( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ) );
	}
}
