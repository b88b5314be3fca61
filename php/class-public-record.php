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
 *     { "item": {…} | null, "fetchedAt": 1795500000, "status": "ok" }
 *
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
	 * @return array{item: ?array, fetchedAt: int, status: string}
	 */
	public static function from_store( array $record ): array {
		$status = (string) ( $record['status'] ?? 'pending' );
		if ( 'unknown' === $status ) {
			$status = 'pending';
		}
		return array(
			'item'      => $record['item'] ?? null,
			'fetchedAt' => (int) ( $record['fetched_at'] ?? 0 ),
			'status'    => in_array( $status, self::STATUSES, true ) ? $status : 'error',
		);
	}
}
