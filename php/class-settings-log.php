<?php
/**
 * The audit log of the settings that decide who is paid: tracking IDs, default store, the
 * policy for links with another tracking ID, localisation.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Appends who changed which of those settings, when, from what to what, however the option was
 * written (settings screen, the AAWP import, code). Tracking IDs are public (every link shows
 * them), so values are logged; credentials have their own log without values
 * ({@see Credentials}).
 *
 * @since 0.1.0
 */
final class Settings_Log {

	public const OPTION = 'shelf_settings_log';

	/** The logged keys of {@see Settings}, besides the tracking ID of each store. */
	private const KEYS = array( 'default_marketplace', 'existing_tag', 'localise', 'localise_mode' );

	/**
	 * Hooks the option's writes.
	 */
	public function register(): void {
		add_action( 'update_option_' . Settings::OPTION, array( self::class, 'updated' ), 10, 2 );
		add_action( 'add_option_' . Settings::OPTION, static fn( $name, $value ) => self::updated( array(), $value ), 10, 2 );
	}

	/**
	 * Logs what changed between two values of the option.
	 *
	 * @param mixed $old Previous value.
	 * @param mixed $new New value.
	 */
	public static function updated( $old, $new ): void {
		$before  = ( is_array( $old ) ? $old : array() ) + Settings::get_default();
		$after   = ( is_array( $new ) ? $new : array() ) + Settings::get_default();
		$changes = array();
		$ids     = array( (array) $before['tracking_ids'], (array) $after['tracking_ids'] );
		foreach ( array_unique( array_merge( array_keys( $ids[0] ), array_keys( $ids[1] ) ) ) as $host ) {
			$changes[] = array( 'tracking_id ' . $host, (string) ( $ids[0][ $host ] ?? '' ), (string) ( $ids[1][ $host ] ?? '' ) );
		}
		foreach ( self::KEYS as $key ) {
			$changes[] = array( $key, self::text( $before[ $key ] ), self::text( $after[ $key ] ) );
		}
		$entries = array();
		foreach ( $changes as [ $what, $from, $to ] ) {
			if ( $from !== $to ) {
				$entries[] = compact( 'what', 'from', 'to' );
			}
		}
		Audit_Log::append( self::OPTION, $entries );
	}

	/**
	 * The log, newest last.
	 *
	 * @return list<array{time: int, user: int, what: string, from: string, to: string}>
	 */
	public static function entries(): array {
		return Audit_Log::entries( self::OPTION );
	}

	/**
	 * A setting's value as logged text.
	 *
	 * @param mixed $value Value.
	 */
	private static function text( $value ): string {
		return is_bool( $value ) ? ( $value ? 'on' : 'off' ) : (string) ( is_scalar( $value ) ? $value : wp_json_encode( $value ) );
	}
}
