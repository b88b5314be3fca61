<?php
/**
 * Filtered numbers stay within their documented bounds.
 *
 * @covers \Shelf\Tunable
 */
class Test_Tunable extends Shelf_TestCase {

	public function test_clamps_and_keeps_the_fallbacks_type(): void {
		$this->assertSame( 30.0, \Shelf\Tunable::clamp( 99, 5.0, 0.0, 30.0 ) );
		$this->assertSame( 0.0, \Shelf\Tunable::clamp( -1, 5.0, 0.0, 30.0 ) );
		$this->assertSame( 2.5, \Shelf\Tunable::clamp( '2.5', 5.0, 0.0, 30.0 ) );
		$this->assertSame( 3, \Shelf\Tunable::clamp( '3.7', 10, 1, 100 ) );
		$this->assertSame( 100, \Shelf\Tunable::clamp( 1e9, 10, 1, 100 ) );
	}

	public function test_non_numbers_fall_back(): void {
		foreach ( array( null, 'fast', array( 3 ), true, '' ) as $junk ) {
			$this->assertSame( 10, \Shelf\Tunable::clamp( $junk, 10, 1, 100 ), var_export( $junk, true ) );
		}
	}

	public function test_a_filter_cannot_lift_amazons_limits(): void {
		add_filter( 'shelf_data_lifetime', fn() => 7 * DAY_IN_SECONDS );
		add_filter( 'shelf_api_rate', fn() => 'unlimited' );
		try {
			$this->assertSame( DAY_IN_SECONDS, \Shelf\Settings::lifetime() );
			$this->assertSame( 1.0, \Shelf\Rate_Budget::rate() );
		} finally {
			remove_all_filters( 'shelf_data_lifetime' );
			remove_all_filters( 'shelf_api_rate' );
		}
	}
}
