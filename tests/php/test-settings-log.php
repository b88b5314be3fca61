<?php
/**
 * The audit log of who-is-paid settings: every changed tracking ID and store setting, with who
 * and when, however the option is written; nothing for a write that changes none of them; the
 * newest 50 kept, not autoloaded.
 *
 * @covers \Shelf\Settings_Log
 * @covers \Shelf\Audit_Log
 */
class Test_Settings_Log extends Shelf_TestCase {

	public function test_each_changed_setting_is_logged_with_who_when_and_the_values(): void {
		$this->set_settings( array( 'tracking_ids' => array( 'www.amazon.com' => 'before-20' ) ) );
		delete_option( \Shelf\Settings_Log::OPTION );
		$user = $this->act_as( 'administrator' );
		$this->set_settings(
			array(
				'tracking_ids'        => array(
					'www.amazon.com' => 'after-20',
					'www.amazon.de'  => 'neu-21',
				),
				'default_marketplace' => 'www.amazon.de',
			)
		);
		$log = \Shelf\Settings_Log::entries();
		$this->assertSame(
			array(
				array( 'tracking_id www.amazon.com', 'before-20', 'after-20' ),
				array( 'tracking_id www.amazon.de', '', 'neu-21' ),
				array( 'default_marketplace', 'www.amazon.com', 'www.amazon.de' ),
			),
			array_map( static fn( array $e ): array => array( $e['what'], $e['from'], $e['to'] ), $log )
		);
		$this->assertSame( array( $user ), array_values( array_unique( array_column( $log, 'user' ) ) ) );
		$this->assertLessThan( 5, abs( time() - $log[0]['time'] ) );
		$this->assertSame( 'no', $GLOBALS['wpdb']->get_var( $GLOBALS['wpdb']->prepare( "SELECT IF( autoload IN ( 'no', 'off' ), 'no', 'yes' ) FROM {$GLOBALS['wpdb']->options} WHERE option_name = %s", \Shelf\Settings_Log::OPTION ) ) );
	}

	public function test_a_write_that_changes_no_logged_setting_logs_nothing(): void {
		$this->set_settings( array( 'tracking_ids' => array( 'www.amazon.com' => 'same-20' ) ) );
		delete_option( \Shelf\Settings_Log::OPTION );
		$this->set_settings(
			array(
				'tracking_ids' => array( 'www.amazon.com' => 'same-20' ),
				'button_text'  => 'Check the price',
			)
		);
		$this->assertSame( array(), \Shelf\Settings_Log::entries() );
		$this->assertFalse( get_option( \Shelf\Settings_Log::OPTION ), 'no empty log written either' );
	}

	public function test_the_newest_fifty_entries_are_kept(): void {
		delete_option( \Shelf\Settings_Log::OPTION );
		for ( $i = 1; $i <= 55; $i++ ) {
			$this->set_settings( array( 'tracking_ids' => array( 'www.amazon.com' => "tag{$i}-20" ) ) );
		}
		$log = \Shelf\Settings_Log::entries();
		$this->assertCount( 50, $log );
		$this->assertSame( array( 'tag5-20', 'tag6-20' ), array( $log[0]['from'], $log[0]['to'] ) );
		$this->assertSame( 'tag55-20', $log[49]['to'] );
	}
}
