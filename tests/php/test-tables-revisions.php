<?php
/**
 * Undo for table edits: every saved version of a table is a WordPress revision holding that
 * version's `_shelf_table` JSON; WordPress's own restore and the builder's REST restore bring
 * it back; uninstall leaves no revision or trashed table behind.
 *
 * @covers \Shelf\Tables
 * @covers \Shelf\Rest_Tables
 */

require_once __DIR__ . '/tools/class-shelf-tables-testcase.php';

class Test_Tables_Revisions extends Shelf_Tables_TestCase {

	/**
	 * The JSON each revision of a table holds, newest first.
	 *
	 * @param int $id Table ID.
	 * @return list<string>
	 */
	private static function revision_json( int $id ): array {
		return array_values( array_map( static fn( WP_Post $revision ): string => self::stored( $revision->ID ), wp_get_post_revisions( $id ) ) );
	}

	public function test_each_saved_version_is_a_revision_holding_its_table(): void {
		$id = $this->make_table( 'editor', self::table( array( 'B0SHLFK001' ) ), 'Kettles' );
		$v1 = self::stored( $id );
		$this->assertSame( array( $v1 ), self::revision_json( $id ), 'the first version has its revision' );

		$this->act_as( 'editor' ); // Another editor saves the next versions.
		\Shelf\Tables::save( self::table( array( 'B0SHLFL002' ) ), 'Kettles', $id );
		$v2 = self::stored( $id );
		$this->assertNotSame( $v1, $v2 );
		$this->assertSame( array( $v2, $v1 ), self::revision_json( $id ), 'a change of the data alone makes a revision, taken after the data was written' );

		\Shelf\Tables::save( self::table( array( 'B0SHLFL002' ) ), 'Kettles', $id );
		$this->assertCount( 2, wp_get_post_revisions( $id ), 'saving the same version again adds none' );

		\Shelf\Tables::save( self::table( array( 'B0SHLFL002' ) ), 'Kettles compared', $id );
		$revisions = array_values( wp_get_post_revisions( $id ) );
		$this->assertCount( 3, $revisions );
		$this->assertSame( array( 'Kettles compared', 'Kettles', 'Kettles' ), array_column( $revisions, 'post_title' ) );
		$this->assertSame( array( $v2, $v2, $v1 ), self::revision_json( $id ) );
		$this->assertSame( array( get_current_user_id(), get_current_user_id(), self::uid( 'editor' ) ), array_map( 'intval', array_column( $revisions, 'post_author' ) ), 'each revision names who saved it' );
	}

	public function test_wordpress_restore_brings_the_table_back(): void {
		$id = $this->make_table( 'administrator', self::table( array( 'B0SHLFK001' ) ), 'First' );
		self::login( 'administrator' );
		\Shelf\Tables::save( self::table( array( 'B0SHLFM003' ) ), 'Second', $id );
		$first = (int) array_key_last( wp_get_post_revisions( $id ) );

		$this->assertSame( $id, wp_restore_post_revision( $first ) );
		clean_post_cache( $id );
		$this->assertSame( array( 'B0SHLFK001' ), \Shelf\Tables::get( $id )['table']['products'] );
		$this->assertSame( 'First', get_post( $id )->post_title );
		$this->assertSame( self::uid( 'administrator' ), \Shelf\Tables::get( $id )['author'] );
	}

	public function test_rest_lists_revisions_and_restores_one_as_a_new_version(): void {
		$id = $this->make_table( 'editor', self::table( array( 'B0SHLFK001' ) ), 'One' );
		$this->act_as( 'editor' );
		$other = get_current_user_id();
		\Shelf\Tables::save( self::table( array( 'B0SHLFL002' ) ), 'Two', $id );
		\Shelf\Tables::save( self::table( array( 'B0SHLFM003' ) ), 'Three', $id );

		self::login( 'editor' );
		$response = self::rest( 'GET', '/shelf/v1/tables/' . $id . '/revisions' );
		$this->assertSame( 200, $response->get_status() );
		$data = $response->get_data();
		$this->assertSame( array( 'items', 'total', 'pages' ), array_keys( $data ) );
		$this->assertSame( 3, $data['total'] );
		$items = $data['items'];
		$this->assertSame( array( 'id', 'date', 'author', 'title', 'table', 'current' ), array_keys( $items[0] ) );
		$this->assertSame( array( 'Three', 'Two', 'One' ), array_column( $items, 'title' ) );
		$this->assertSame( array( true, false, false ), array_column( $items, 'current' ) );
		$this->assertSame( array( $other, $other, self::uid( 'editor' ) ), array_column( array_column( $items, 'author' ), 'id' ) );
		$this->assertSame( array( array( 'B0SHLFM003' ), array( 'B0SHLFL002' ), array( 'B0SHLFK001' ) ), array_map( static fn( array $item ): array => $item['table']['products'], $items ) );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $items[0]['date'] );

		$paged = self::rest( 'GET', '/shelf/v1/tables/' . $id . '/revisions?per_page=2&page=2' );
		$this->assertSame( array( 'One' ), array_column( $paged->get_data()['items'], 'title' ) );
		$this->assertSame( '3', $paged->get_headers()['X-WP-Total'] );
		$this->assertSame( '2', $paged->get_headers()['X-WP-TotalPages'] );

		$restored = self::rest( 'POST', '/shelf/v1/tables/' . $id . '/revisions/' . $items[2]['id'] . '/restore' );
		$this->assertSame( 200, $restored->get_status() );
		$this->assertSame( 'One', $restored->get_data()['title'] );
		$this->assertSame( array( 'B0SHLFK001' ), $restored->get_data()['table']['products'] );
		$this->assertSame( self::uid( 'editor' ), $restored->get_data()['author']['id'] );
		$this->assertSame( array( 'B0SHLFK001' ), \Shelf\Tables::get( $id )['table']['products'] );
		$after = self::rest( 'GET', '/shelf/v1/tables/' . $id . '/revisions' )->get_data()['items'];
		$this->assertCount( 4, $after, 'the restore is a new version: restoring "Three" again undoes it' );
		$this->assertSame( array( 'One', true ), array( $after[0]['title'], $after[0]['current'] ) );

		// Only this table's revisions.
		$elsewhere = $this->make_table( 'editor' );
		$foreign   = (int) array_key_first( wp_get_post_revisions( $elsewhere ) );
		$this->assertSame( 404, self::rest( 'POST', '/shelf/v1/tables/' . $id . '/revisions/' . $foreign . '/restore' )->get_status() );
		$this->assertSame( 404, self::rest( 'POST', '/shelf/v1/tables/' . $id . '/revisions/' . $elsewhere . '/restore' )->get_status(), 'a table is not a revision' );
		$this->assertSame( array( 'B0SHLFK001' ), \Shelf\Tables::get( $id )['table']['products'] );
	}

	public function test_a_restore_is_a_save_under_the_html_row_rule(): void {
		$id = $this->make_table( 'editor', self::table(), 'No html' );
		self::login( 'administrator' );
		\Shelf\Tables::save( self::table( array( 'B0SHLFK001' ), array( array( 'type' => 'html', 'value' => '<b>A</b>' ) ) ), 'Html A', $id );
		\Shelf\Tables::save( self::table( array( 'B0SHLFK001' ), array( array( 'type' => 'html', 'value' => '<b>B</b>' ) ) ), 'Html B', $id );
		$revisions = array_column( array_values( wp_get_post_revisions( $id ) ), 'ID', 'post_title' );

		$editor = self::login( 'editor' );
		$this->without_unfiltered_html( $editor );
		$stored  = self::stored( $id );
		$refused = self::rest( 'POST', '/shelf/v1/tables/' . $id . '/revisions/' . $revisions['Html A'] . '/restore' );
		$this->assertSame( 403, $refused->get_status(), 'restoring other HTML is changing it' );
		$this->assertSame( 'shelf_table_html', $refused->get_data()['code'] );
		$this->assertSame( $stored, self::stored( $id ) );
		$this->assertSame( 200, self::rest( 'POST', '/shelf/v1/tables/' . $id . '/revisions/' . $revisions['No html'] . '/restore' )->get_status(), 'a version without the html row' );
		$this->assertStringNotContainsString( '<b>', self::stored( $id ) );
	}

	public function test_wordpress_revision_screen_of_a_table_leads_to_the_builder(): void {
		$id = $this->make_table( 'administrator', self::table( array( 'B0SHLFK001' ) ) );
		self::login( 'administrator' );
		\Shelf\Tables::save( self::table( array( 'B0SHLFL002' ) ), 'Second', $id );
		$first  = (int) array_key_last( wp_get_post_revisions( $id ) );
		$stored = self::stored( $id );
		$cookie = Shelf_Http::cookie( 'administrator' );
		$nonce  = self::session_nonce( $cookie, "restore-post_{$first}" );
		$page   = Shelf_Http::request( 'GET', '/wp-admin/revision.php?revision=' . $first, $cookie );
		$this->assertSame( 302, $page['status'] );
		$this->assertMatchesRegularExpression( '/^Location: ' . preg_quote( admin_url( 'admin.php?page=shelf-table&id=' . $id ), '/' ) . '\r?$/mi', $page['headers'] );
		$restore = Shelf_Http::request( 'GET', '/wp-admin/revision.php?action=restore&revision=' . $first . '&_wpnonce=' . $nonce, $cookie );
		$this->assertSame( 302, $restore['status'] );
		$this->assertSame( $stored, self::stored( $id ), 'no restore outside the builder' );
		$this->assertDebugLogEmpty();
	}

	/**
	 * A valid nonce of the logged-in session a cookie header carries (nonces depend on the
	 * session token), for the current user.
	 *
	 * @param string $cookie Cookie header.
	 * @param string $action Nonce action.
	 */
	private static function session_nonce( string $cookie, string $action ): string {
		parse_str( str_replace( '; ', '&', $cookie ), $cookies );
		$saved                        = $_COOKIE;
		$_COOKIE[ LOGGED_IN_COOKIE ] = urldecode( (string) ( $cookies[ LOGGED_IN_COOKIE ] ?? '' ) );
		$nonce                        = wp_create_nonce( $action );
		$_COOKIE                      = $saved;
		return $nonce;
	}

	public function test_uninstall_removes_trashed_tables_and_revisions(): void {
		$trashed = $this->make_table( 'editor' );
		self::login( 'editor' );
		\Shelf\Tables::save( self::table( array( 'B0SHLFM003' ) ), 'Second version', $trashed );
		wp_trash_post( $trashed );
		$this->make_table( 'editor' );
		$out  = array();
		$code = 0;
		exec( 'php ' . escapeshellarg( __DIR__ . '/tools/uninstall.php' ) . ' 2>&1', $out, $code );
		$left = json_decode( implode( "\n", $out ), true );
		// Put the site back for the tests that follow.
		\Shelf\Store_Schema::install();
		\Shelf\Refresh::ensure_scheduled();
		\Shelf\Store_Expiry::ensure_scheduled();
		$this->assertSame( 0, $code, implode( "\n", $out ) );
		$this->assertSame( array(), $left['posts'], 'trashed tables too' );
		$this->assertSame( array(), $left['meta'], 'revisions’ copies of the data too' );
		global $wpdb;
		$this->assertSame( '0', $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'revision' AND post_parent = %d", $trashed ) ) );
	}
}
