<?php
/**
 * Tests move Shelf's clock through the test site's tests/tools/mu-clock.php, and the plugin that
 * ships (dist/shelf.zip, which the test site installs) has no hook for it.
 *
 * @covers \Shelf\Clock
 */
class Test_Clock extends Shelf_TestCase {

	protected function tearDown(): void {
		\Shelf\Test_Time::$now = null;
		parent::tearDown();
	}

	public function test_the_test_site_moves_shelfs_clock(): void {
		\Shelf\Test_Time::$now = static fn(): float => 2000000000.75;
		$this->assertSame( 2000000000.75, \Shelf\Clock::now() );
		$this->assertSame( 2000000000, \Shelf\Clock::time() );
		\Shelf\Test_Time::$now = null;
		$this->assertEqualsWithDelta( microtime( true ), \Shelf\Clock::now(), 1.0, 'real time when no test sets one' );
	}

	public function test_the_shipped_plugin_has_no_clock_hook(): void {
		$zip = new ZipArchive();
		$this->assertTrue( true === $zip->open( (string) getenv( 'SHELF_ZIP' ) ), 'dist/shelf.zip opens (SHELF_ZIP)' );
		$found = array();
		$clock = '';
		for ( $i = 0; $i < $zip->numFiles; $i++ ) {
			$name = (string) $zip->getNameIndex( $i );
			$text = (string) $zip->getFromIndex( $i );
			foreach ( array( 'shelf_now', 'Test_Time' ) as $needle ) {
				if ( str_contains( $text, $needle ) ) {
					$found[] = "$name: $needle";
				}
			}
			if ( 'shelf/php/class-clock.php' === $name ) {
				$clock = $text;
			}
		}
		$zip->close();
		$this->assertSame( array(), $found, 'no test clock hook or tooling ships' );
		$this->assertStringContainsString( 'function now()', $clock );
		$this->assertDoesNotMatchRegularExpression( '/\b(apply_filters|do_action)\w*\s*\(/', $clock, 'the clock reads no hook, whatever its name' );
	}
}
