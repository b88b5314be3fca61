<?php
/**
 * Time and waiting, in one place so tests can control both.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * "Now" for every time-based decision on the server (data lifetime, token expiry, rate budget,
 * backoff), and the only place Shelf sleeps. Tests pass a sleeper that records waits instead of
 * spending wall time, and move time without any hook in the shipped plugin: see now().
 *
 * @since 0.1.0
 */
final class Clock {

	/**
	 * Constructor.
	 *
	 * @param \Closure|null $sleeper Called with the seconds to wait; null waits for real.
	 */
	public function __construct( private ?\Closure $sleeper = null ) {
	}

	/**
	 * The current Unix time with microseconds.
	 *
	 * The call is unqualified on purpose and is Shelf's only one: PHP looks for Shelf\microtime()
	 * first, which the test site defines (tests/tools/mu-clock.php, never shipped) to move time.
	 */
	public static function now(): float {
		return microtime( true );
	}

	/**
	 * The current Unix time in whole seconds.
	 */
	public static function time(): int {
		return (int) floor( self::now() );
	}

	/**
	 * Waits.
	 *
	 * @param float $seconds How long; nothing happens for zero or less.
	 */
	public function sleep( float $seconds ): void {
		if ( $seconds <= 0 ) {
			return;
		}
		if ( null !== $this->sleeper ) {
			( $this->sleeper )( $seconds );
			return;
		}
		usleep( (int) round( $seconds * 1000000 ) );
	}
}
