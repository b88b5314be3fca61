<?php
/**
 * Plugin Name: Shelf test site: clock
 * Description: Lets PHPUnit move Shelf's clock. Not part of Shelf: the shipped plugin has no hook for it.
 *
 * Shelf\Clock::now() calls microtime() unqualified, so PHP finds Shelf\microtime() below before
 * the global function. A must-use plugin loads before Shelf, in time for the first call.
 */

namespace Shelf;

/**
 * The time source tests set (in-process only; PHPUnit loads this site's WordPress).
 */
final class Test_Time {

	/**
	 * Returns Shelf's "now" in Unix seconds; null: real time.
	 *
	 * @var (\Closure(): float)|null
	 */
	public static ?\Closure $now = null;
}

/**
 * Shelf's microtime(): the test's time when one is set.
 *
 * @param bool $as_float As the global function.
 * @return string|float As the global function.
 */
function microtime( bool $as_float = false ): string|float {
	$now = null === Test_Time::$now ? \microtime( true ) : ( Test_Time::$now )();
	if ( $as_float ) {
		return $now;
	}
	$seconds = floor( $now );
	return sprintf( '%.8F %d', $now - $seconds, $seconds );
}
