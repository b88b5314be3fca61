<?php
/**
 * The "as of" text each public record carries: the moment its data was fetched, as the site
 * shows dates (WordPress's `wp_date()`), which the core prints in the stamp next to a price.
 *
 * @covers \Shelf\Public_Record::from_store
 */
class Test_Public_Record extends Shelf_TestCase {

	/** @var array<string, mixed> The date options as they were. */
	private array $saved = array();

	protected function setUp(): void {
		parent::setUp();
		foreach ( array( 'timezone_string', 'gmt_offset', 'date_format', 'time_format' ) as $option ) {
			$this->saved[ $option ] = get_option( $option );
		}
	}

	protected function tearDown(): void {
		foreach ( $this->saved as $option => $value ) {
			update_option( $option, $value );
		}
		parent::tearDown();
	}

	public function test_as_of_is_the_fetch_time_in_the_sites_format_and_timezone_of_that_moment(): void {
		update_option( 'timezone_string', 'Europe/Berlin' );
		update_option( 'date_format', 'j. F Y' );
		update_option( 'time_format', 'H:i T' );
		$winter = gmmktime( 12, 0, 0, 1, 15, 2026 );
		$summer = gmmktime( 12, 0, 0, 7, 15, 2026 );
		$this->assertSame( '15. January 2026 13:00 CET', $this->as_of( $winter ) );
		$this->assertSame( '15. July 2026 14:00 CEST', $this->as_of( $summer ), 'the offset of the moment fetched, not of today' );
	}

	public function test_as_of_follows_a_manual_utc_offset_and_the_default_formats(): void {
		update_option( 'timezone_string', '' );
		update_option( 'gmt_offset', -5.5 );
		update_option( 'date_format', 'F j, Y' );
		update_option( 'time_format', 'g:i a' );
		$this->assertSame( 'November 24, 2026 2:30 am', $this->as_of( gmmktime( 8, 0, 0, 11, 24, 2026 ) ) );
	}

	public function test_a_record_never_fetched_has_no_as_of_text(): void {
		$record = \Shelf\Public_Record::from_store( array( 'status' => 'pending' ) );
		$this->assertSame( array( 'item' => null, 'fetchedAt' => 0, 'asOf' => '', 'status' => 'pending' ), $record );
	}

	/** The `asOf` of a record fetched at `$time`. */
	private function as_of( int $time ): string {
		return \Shelf\Public_Record::from_store(
			array(
				'item'       => array( 'asin' => 'B0SHLFK001' ),
				'fetched_at' => $time,
				'status'     => 'ok',
			)
		)['asOf'];
	}
}
