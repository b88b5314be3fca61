<?php
/**
 * Numbers that sites may tune through filters.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * A filter's result kept within its documented bounds: a site can tune Shelf, but a typo or a
 * hostile value in a filter cannot switch a limit off (Amazon's 24 h, the API's rate).
 *
 * @since 0.1.0
 */
final class Tunable {

	/**
	 * `$value` clamped to `$min`–`$max`; `$fallback` when it is not a number. An int when the
	 * fallback is an int, else a float.
	 *
	 * @param mixed     $value    What the filter returned.
	 * @param int|float $fallback Used for non-numeric values.
	 * @param int|float $min      Lowest allowed.
	 * @param int|float $max      Highest allowed.
	 * @return int|float
	 */
	public static function clamp( $value, int|float $fallback, int|float $min, int|float $max ): int|float {
		$number = is_numeric( $value ) ? $value + 0 : $fallback;
		$number = max( $min, min( $max, $number ) );
		return is_int( $fallback ) ? (int) $number : (float) $number;
	}
}
