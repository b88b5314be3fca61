<?php
/**
 * What content may register (issue 10, item 7): only content its author may publish, within
 * per-post and site limits, tracked per post so deleting a post or a placement drops it, and a
 * daily expiry of what nothing uses.
 *
 * @covers \Shelf\Post_Sync
 * @covers \Shelf\Store_Usage
 * @covers \Shelf\Store_Caps
 * @covers \Shelf\Store_Expiry
 * @covers \Shelf\Store_Registry
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';

class Test_Store_Usage extends Shelf_Api_TestCase {

	protected function tearDown(): void {
		foreach ( array( 'shelf_max_products_per_post', 'shelf_max_lists_per_post', 'shelf_max_products', 'shelf_max_lists' ) as $hook ) {
			remove_all_filters( $hook );
		}
		parent::tearDown();
	}

	public function test_a_contributors_draft_registers_nothing_until_an_editor_publishes_it(): void {
		wp_clear_scheduled_hook( \Shelf\Refresh::SOON_HOOK ); // HTTP tests before may have asked for one.
		$this->act_as( 'contributor' );
		$id = $this->make_post( '[amazon box="B0SHLFK001,B0SHLFL002"] [amazon bestseller="kettle"]', 'draft' );
		wp_update_post( array( 'ID' => $id, 'post_status' => 'pending' ) );
		$this->assertSame( array( 'unknown', 'unknown' ), array_column( \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001', 'B0SHLFL002' ) ), 'status' ) );
		$this->assertSame( 0, $this->rows( \Shelf\Store_Schema::searches_table() ) );
		$this->assertSame( array(), $this->usage( $id ) );
		$this->assertFalse( wp_next_scheduled( \Shelf\Refresh::SOON_HOOK ), 'no fetch is asked for' );

		$this->act_as( 'editor' );
		wp_update_post( array( 'ID' => $id, 'post_status' => 'publish' ) );
		\Shelf\Store::flush_memo();
		$this->assertSame( array( 'pending', 'pending' ), array_column( \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001', 'B0SHLFL002' ) ), 'status' ) );
		$this->assertSame( 1, $this->rows( \Shelf\Store_Schema::searches_table() ) );
		$this->assertCount( 3, $this->usage( $id ) );
	}

	public function test_an_authors_draft_registers_because_the_author_may_publish_it(): void {
		$this->act_as( 'author' );
		$id = $this->make_post( '[amazon box="B0SHLFK001"]', 'draft' );
		$this->assertSame( 'pending', \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001' ) )['B0SHLFK001']['status'] );
		$this->assertSame( array( array( 'www.amazon.com', 'product', 'B0SHLFK001', '0' ) ), $this->usage( $id ), 'used, not published' );
	}

	public function test_each_post_registers_at_most_its_limits_and_its_editors_are_told(): void {
		add_filter( 'shelf_max_products_per_post', static fn() => 3 );
		add_filter( 'shelf_max_lists_per_post', static fn() => 1 );
		$this->act_as( 'author' );
		$id = $this->make_post( '[amazon box="B0SHLFK001,B0SHLFL002"] [amazon box="B0SHLFM003,B0SHLFP004,B0SHLFQ005"] [amazon bestseller="kettle"] [amazon bestseller="dripper"]' );
		$statuses = array_column( \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003', 'B0SHLFP004', 'B0SHLFQ005' ) ), 'status' );
		$this->assertSame( array( 'pending', 'pending', 'pending', 'unknown', 'unknown' ), $statuses, 'the first three, in content order' );
		$this->assertSame( 1, $this->rows( \Shelf\Store_Schema::searches_table() ) );
		$this->assertCount( 4, $this->usage( $id ) );
		$notice = $this->notice();
		$this->assertStringContainsString( 'Shelf test post', $notice, 'the author sees which post' );
		$this->assertStringContainsString( 'more than 3 products or 1 lists', $notice );
		$this->assertStringContainsString( 'post.php?post=' . $id, $notice );

		$this->act_as( 'subscriber' );
		$this->assertSame( '', $this->notice(), 'only people who can edit the post' );
		$this->act_as( 'author' );
		wp_update_post( array( 'ID' => $id, 'post_content' => '[amazon box="B0SHLFK001"]' ) );
		$this->assertSame( '', $this->notice(), 'gone once the post is within its limits' );
	}

	public function test_the_site_holds_at_most_its_limits_and_admins_are_told(): void {
		add_filter( 'shelf_max_products', static fn() => 100 );
		add_filter( 'shelf_max_lists', static fn() => 1 );
		\Shelf\Store_Registry::remember( 'www.amazon.com', self::synthetic( 99 ) );
		$this->make_post( '[amazon box="B0SHLFK001,B0SHLFL002"] [amazon bestseller="kettle"] [amazon bestseller="dripper"]' );
		$this->assertSame( 100, $this->rows( \Shelf\Store_Schema::products_table() ) );
		$this->assertSame( array( 'pending', 'unknown' ), array_column( \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001', 'B0SHLFL002' ) ), 'status' ) );
		$this->assertSame( 1, $this->rows( \Shelf\Store_Schema::searches_table() ) );
		$this->act_as( 'administrator' );
		$notice = $this->notice();
		$this->assertStringContainsString( 'holds the most products it may (100)', $notice );
		$this->assertStringContainsString( 'shelf_max_products', $notice );
		$this->assertStringContainsString( 'holds the most bestseller and new-release lists it may (1)', $notice );
		$this->act_as( 'editor' );
		$this->assertStringNotContainsString( 'holds the most', $this->notice(), 'the site limits are for admins' );

		// A day later the unused products expire, and the one the post places gets its turn.
		$this->offset += DAY_IN_SECONDS + 60;
		\Shelf\Store_Expiry::run();
		\Shelf\Store::flush_memo();
		$this->assertSame( 'pending', \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFL002' ) )['B0SHLFL002']['status'] );
		$this->assertSame( 2, $this->rows( \Shelf\Store_Schema::products_table() ) );
		$this->act_as( 'administrator' );
		$this->assertStringNotContainsString( 'holds the most products', $this->notice() );
		$this->assertStringContainsString( 'lists it may (1)', $this->notice(), 'the list limit is still reached' );
	}

	public function test_removing_a_placement_or_deleting_the_post_drops_its_usage(): void {
		$this->act_as( 'editor' );
		$id = $this->make_post( '[amazon box="B0SHLFK001,B0SHLFL002"] [amazon bestseller="kettle"]' );
		$this->assertCount( 3, $this->usage( $id ) );
		wp_update_post( array( 'ID' => $id, 'post_content' => '[amazon box="B0SHLFK001"]' ) );
		$this->assertSame( array( array( 'www.amazon.com', 'product', 'B0SHLFK001', '1' ) ), $this->usage( $id ) );
		wp_update_post( array( 'ID' => $id, 'post_status' => 'draft' ) );
		$this->assertSame( array( array( 'www.amazon.com', 'product', 'B0SHLFK001', '0' ) ), $this->usage( $id ), 'unpublished: still used, no longer public' );
		wp_trash_post( $id );
		$this->assertSame( array(), $this->usage( $id ), 'a trashed post places nothing' );
		wp_untrash_post( $id );
		wp_update_post( array( 'ID' => $id, 'post_status' => 'publish' ) );
		$this->assertCount( 1, $this->usage( $id ) );
		wp_delete_post( $id, true );
		$this->assertSame( array(), $this->usage( $id ) );
	}

	public function test_the_daily_expiry_removes_products_and_lists_no_placement_uses(): void {
		$id = $this->make_post( '[amazon box="B0SHLFK001"] [amazon bestseller="kettle"] [amazon bestseller="dripper"]' );
		\Shelf\Store_Queue::save_search( 'www.amazon.com', 'bestseller', 'kettle', array( 'B0SHLFS101', 'B0SHLFS102' ), null, 0 );
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFS101' => array( 'asin' => 'B0SHLFS101' ) ), 0 );
		\Shelf\Store_Registry::remember( 'www.amazon.com', array( 'B0SHLFL002' ) );
		\Shelf\Store_Registry::remember_search( 'www.amazon.com', 'bestseller', 'orphan' );
		$this->assertSame( array( 'products' => 0, 'lists' => 1 ), \Shelf\Store_Expiry::run(), 'lists go at once; products known today stay' );

		$this->offset += DAY_IN_SECONDS + 60;
		$this->assertSame( array( 'products' => 1, 'lists' => 0 ), \Shelf\Store_Expiry::run() );
		\Shelf\Store::flush_memo();
		$this->assertSame( 'unknown', \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFL002' ) )['B0SHLFL002']['status'], 'used by nothing' );
		$this->assertSame( 'pending', \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001' ) )['B0SHLFK001']['status'], 'placed by the post' );
		$this->assertNotSame( 'unknown', \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFS101' ) )['B0SHLFS101']['status'], 'shown by a list the post places' );

		wp_update_post( array( 'ID' => $id, 'post_content' => '[amazon bestseller="dripper"]' ) );
		$this->assertSame( array( 'products' => 2, 'lists' => 1 ), \Shelf\Store_Expiry::run() );
		$this->assertSame( array( 'dripper' ), $this->column( 'SELECT query FROM ' . \Shelf\Store_Schema::searches_table() ) );
	}

	public function test_stored_tables_keep_their_products_and_nothing_expires_during_the_scan(): void {
		$this->act_as( 'administrator' );
		$table = \Shelf\Tables::save( array( 'version' => 1, 'products' => array( 'B0SHLFP004', 'B0SHLFQ005' ) ), 'Usage test table' );
		$this->assertIsInt( $table );
		$this->make_post( '[amazon table="' . $table . '"]' );
		\Shelf\Store_Registry::remember( 'www.amazon.com', array( 'B0SHLFL002' ) );
		$this->offset += DAY_IN_SECONDS + 60;

		wp_schedule_single_event( time() + 60, \Shelf\Refresh::SCAN_HOOK );
		$this->assertSame( array( 'products' => 0, 'lists' => 0 ), \Shelf\Store_Expiry::run(), 'usage of older posts may not be known yet' );
		wp_clear_scheduled_hook( \Shelf\Refresh::SCAN_HOOK );
		$this->assertSame( array( 'products' => 1, 'lists' => 0 ), \Shelf\Store_Expiry::run() );
		$this->assertEqualsCanonicalizing( array( 'B0SHLFP004', 'B0SHLFQ005' ), $this->column( 'SELECT asin FROM ' . \Shelf\Store_Schema::products_table() ) );
		wp_delete_post( $table, true );
		$this->assertSame( array( 'products' => 2, 'lists' => 0 ), \Shelf\Store_Expiry::run(), 'a deleted table keeps nothing' );
	}

	public function test_the_expiry_runs_daily_from_activation_until_deactivation(): void {
		\Shelf\Store_Expiry::unschedule();
		$this->assertFalse( wp_next_scheduled( \Shelf\Store_Expiry::HOOK ) );
		do_action( 'activate_' . plugin_basename( SHELF_FILE ) );
		$this->assertSame( 'daily', wp_get_schedule( \Shelf\Store_Expiry::HOOK ) );
		do_action( 'deactivate_' . plugin_basename( SHELF_FILE ) );
		$this->assertFalse( wp_next_scheduled( \Shelf\Store_Expiry::HOOK ) );
		\Shelf\Refresh::activate();
		\Shelf\Store_Expiry::ensure_scheduled();
		wp_clear_scheduled_hook( \Shelf\Refresh::SCAN_HOOK );
	}

	public function test_upgrading_the_schema_finds_the_usage_of_existing_posts_and_tables(): void {
		$this->act_as( 'administrator' );
		$table = \Shelf\Tables::save( array( 'version' => 1, 'products' => array( 'B0SHLFP004' ) ), 'Upgrade test table' );
		$this->assertIsInt( $table );
		$post = $this->make_post( '[amazon box="B0SHLFK001"] [amazon table="' . $table . '"]' );
		self::clear_store(); // As a version 1 store: no usage.
		wp_clear_scheduled_hook( \Shelf\Refresh::SCAN_HOOK );
		update_option( \Shelf\Store_Schema::SCHEMA_OPTION, 1 );
		\Shelf\Store_Schema::maybe_install();
		$this->assertSame( \Shelf\Store_Schema::SCHEMA_VERSION, (int) get_option( \Shelf\Store_Schema::SCHEMA_OPTION ) );
		$this->assertNotFalse( wp_next_scheduled( \Shelf\Refresh::SCAN_HOOK ) );
		do {
			wp_clear_scheduled_hook( \Shelf\Refresh::SCAN_HOOK );
			\Shelf\Refresh::scan_content();
		} while ( false !== wp_next_scheduled( \Shelf\Refresh::SCAN_HOOK ) );
		$usage = array( $this->usage( $post ), $this->usage( $table ) );
		wp_delete_post( $table, true );
		$this->assertSame( array( array( 'www.amazon.com', 'product', 'B0SHLFK001', '1' ), array( '', 'table', (string) $table, '1' ) ), $usage[0] );
		$this->assertSame( array( array( 'www.amazon.com', 'product', 'B0SHLFP004', '0' ) ), $usage[1], 'the table’s products are its own' );
		$this->assertSame( array(), $this->usage( $table ), 'and go with it' );
	}

	/**
	 * A post's usage rows: marketplace, kind, ref, published.
	 *
	 * @param int $post_id Post ID.
	 * @return list<list<string>>
	 */
	private function usage( int $post_id ): array {
		global $wpdb;
		return $wpdb->get_results( $wpdb->prepare( 'SELECT marketplace, kind, ref, published FROM ' . \Shelf\Store_Schema::usage_table() . ' WHERE post_id = %d ORDER BY kind, ref', $post_id ), ARRAY_N ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from the plugin.
	}

	/**
	 * Rows in one of Shelf's tables.
	 *
	 * @param string $table Table name.
	 */
	private function rows( string $table ): int {
		global $wpdb;
		return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$table}" ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from the plugin.
	}

	/**
	 * One column of a query.
	 *
	 * @param string $sql SQL without input.
	 * @return list<string>
	 */
	private function column( string $sql ): array {
		global $wpdb;
		return $wpdb->get_col( $sql ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- fixed test SQL.
	}

	/**
	 * What Shelf's limit notice prints for the current user.
	 */
	private function notice(): string {
		ob_start();
		( new \Shelf\Store_Caps() )->notice();
		return (string) ob_get_clean();
	}
}
