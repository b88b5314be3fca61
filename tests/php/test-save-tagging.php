<?php
/**
 * Save-time tagging in the classic editor: its script loads on the classic edit screen only,
 * with the site's link options.
 *
 * @covers \Shelf\Assets::enqueue_classic_tagging
 */
class Test_Save_Tagging extends Shelf_TestCase {

	protected function tearDown(): void {
		wp_dequeue_script( \Shelf\Assets::CLASSIC );
		parent::tearDown();
	}

	public function test_classic_edit_screen_loads_the_tagging_script_with_the_link_options(): void {
		$this->set_settings( array( 'rel_extra' => 'nofollow', 'link_target' => 'sameTab', 'tracking_ids' => array( 'www.amazon.com' => 'shelftest-20' ) ) );
		$post = get_post( wp_insert_post( array( 'post_title' => 'Classic' ) ) );
		try {
			$this->assertFalse( wp_script_is( \Shelf\Assets::CLASSIC, 'enqueued' ) );
			do_action( 'edit_form_top', $post );
			$this->assertTrue( wp_script_is( \Shelf\Assets::CLASSIC, 'enqueued' ) );
		} finally {
			wp_delete_post( $post->ID, true );
		}
		$links = \Shelf\Placements::page_config()['links'];
		$this->assertSame( 'nofollow', $links['rel'] );
		$this->assertFalse( $links['newTab'] );
	}

	public function test_post_types_without_content_editor_get_no_script(): void {
		register_post_type( 'shelf_no_editor', array( 'supports' => array( 'title' ) ) );
		$post = get_post( wp_insert_post( array( 'post_title' => 'No editor', 'post_type' => 'shelf_no_editor' ) ) );
		try {
			do_action( 'edit_form_top', $post );
			$this->assertFalse( wp_script_is( \Shelf\Assets::CLASSIC, 'enqueued' ) );
		} finally {
			wp_delete_post( $post->ID, true );
			unregister_post_type( 'shelf_no_editor' );
		}
	}
}
