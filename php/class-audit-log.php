<?php
/**
 * An audit log kept in an option: who changed what, when.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * The storage both audit logs share ({@see Settings_Log}, {@see Credentials}): entries stamped
 * with the time and the current user, the newest 50 kept, never autoloaded (only the settings
 * screen reads them).
 *
 * @since 0.1.0
 */
final class Audit_Log {

	/** Entries kept per log, newest last. */
	private const KEEP = 50;

	/**
	 * Appends entries, each stamped now with the current user.
	 *
	 * @param string                      $option  The log's option.
	 * @param list<array<string, string>> $entries What changed, in the log's own fields.
	 */
	public static function append( string $option, array $entries ): void {
		if ( array() === $entries ) {
			return;
		}
		$log = self::entries( $option );
		foreach ( $entries as $entry ) {
			$log[] = array(
				'time' => Clock::time(),
				'user' => get_current_user_id(),
			) + $entry;
		}
		update_option( $option, array_slice( $log, -self::KEEP ), false );
	}

	/**
	 * A log's entries, newest last.
	 *
	 * @param string $option The log's option.
	 * @return list<array<string, mixed>>
	 */
	public static function entries( string $option ): array {
		$log = get_option( $option, array() );
		return is_array( $log ) ? array_values( $log ) : array();
	}
}
