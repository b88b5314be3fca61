<?php
/**
 * Who may do what with stored tables (Table_Caps), and the fixes to Tables::save that the
 * builder needs: an update keeps the author, the title and the dates; only tables are tables;
 * a restored table is published again.
 *
 * @covers \Shelf\Table_Caps
 * @covers \Shelf\Tables
 */

require_once __DIR__ . '/tools/class-shelf-tables-testcase.php';

class Test_Tables_Caps extends Shelf_Tables_TestCase {

	/**
	 * Users whose capabilities a test changed in the database.
	 *
	 * @var list<WP_User>
	 */
	private array $changed = array();

	protected function tearDown(): void {
		foreach ( $this->changed as $user ) {
			foreach ( array( 'edit_shelf_tables', \Shelf\Table_Caps::ADMIN_TABLES, 'edit_pages' ) as $cap ) {
				$user->remove_cap( $cap );
			}
		}
		parent::tearDown();
	}

	/**
	 * Gives (or denies) a user one capability for this test.
	 *
	 * @param string $role  Shelf_Http's user of this role.
	 * @param string $cap   Capability.
	 * @param bool   $grant Grant or deny.
	 */
	private function set_cap( string $role, string $cap, bool $grant ): void {
		$user = new WP_User( self::uid( $role ) );
		$user->add_cap( $cap, $grant );
		$this->changed[] = $user;
	}

	public function test_table_capabilities_follow_the_page_capabilities_of_each_role(): void {
		$expected = array(
			'subscriber'    => array(),
			'contributor'   => array(),
			'author'        => array(),
			'editor'        => array_keys( \Shelf\Table_Caps::FROM_PAGES ),
			'administrator' => array_keys( \Shelf\Table_Caps::FROM_PAGES ),
		);
		foreach ( $expected as $role => $caps ) {
			$user = new WP_User( self::uid( $role ) );
			$held = array_values( array_filter( array_keys( \Shelf\Table_Caps::FROM_PAGES ), array( $user, 'has_cap' ) ) );
			$this->assertSame( $caps, $held, $role );
		}
		$type = get_post_type_object( \Shelf\Tables::POST_TYPE );
		$this->assertSame( 'edit_shelf_tables', $type->cap->edit_posts );
		$this->assertSame( 'delete_others_shelf_tables', $type->cap->delete_others_posts );
		$this->assertTrue( $type->map_meta_cap );
		$this->assertFalse( $type->public );
		$this->assertFalse( $type->publicly_queryable );
		// Nothing is written into roles: uninstall has nothing to take back.
		$this->assertArrayNotHasKey( 'edit_shelf_tables', get_role( 'editor' )->capabilities );
		$this->assertArrayNotHasKey( 'edit_shelf_tables', get_role( 'administrator' )->capabilities );
	}

	public function test_a_capability_set_on_a_user_wins_over_the_page_capability(): void {
		$this->set_cap( 'editor', 'edit_shelf_tables', false );
		$this->assertFalse( user_can( self::uid( 'editor' ), 'edit_shelf_tables' ), 'denied explicitly' );
		$this->set_cap( 'author', 'edit_shelf_tables', true );
		$this->assertTrue( user_can( self::uid( 'author' ), 'edit_shelf_tables' ), 'granted explicitly' );
		$this->assertFalse( user_can( self::uid( 'author' ), 'delete_others_shelf_tables' ) );
	}

	public function test_editors_edit_and_delete_each_others_tables_authors_none(): void {
		$other = $this->make_table( 'editor' );
		$this->act_as( 'editor' ); // A second editor (shelf-test-editor).
		$this->assertTrue( current_user_can( 'edit_post', $other ) );
		$this->assertTrue( current_user_can( 'delete_post', $other ) );
		foreach ( array( 'author', 'contributor', 'subscriber' ) as $role ) {
			self::login( $role );
			$this->assertFalse( current_user_can( 'edit_post', $other ), $role );
			$this->assertFalse( current_user_can( 'delete_post', $other ), $role );
			$this->assertFalse( \Shelf\Table_Caps::can_create(), $role );
		}
		self::login( 'administrator' );
		$this->assertTrue( current_user_can( 'edit_post', $other ) );
		$this->assertTrue( current_user_can( 'delete_post', $other ) );
	}

	public function test_an_editor_can_neither_edit_nor_delete_an_administrators_table_unless_granted(): void {
		$admins = $this->make_table( 'administrator' );
		self::login( 'administrator' );
		\Shelf\Tables::save( self::table( array( 'B0SHLFM003' ) ), 'Second version', $admins );
		$revision = (int) array_key_first( wp_get_post_revisions( $admins ) );
		$this->assertGreaterThan( 0, $revision );

		self::login( 'editor' );
		$this->assertFalse( current_user_can( 'edit_post', $admins ) );
		$this->assertFalse( current_user_can( 'delete_post', $admins ) );
		$this->assertFalse( current_user_can( 'edit_post', $revision ), 'nor through one of its revisions' );
		$this->assertTrue( current_user_can( 'edit_post', $this->make_table( 'editor' ) ), 'own tables stay editable' );

		$this->set_cap( 'editor', \Shelf\Table_Caps::ADMIN_TABLES, true );
		self::login( 'editor' );
		$this->assertTrue( current_user_can( 'edit_post', $admins ), 'shelf_manage_admin_tables lifts the rule' );
		$this->assertTrue( current_user_can( 'delete_post', $admins ) );
		// The rule protects administrators' tables, not other posts.
		$this->assertSame( user_can( self::uid( 'editor' ), 'edit_others_pages' ), current_user_can( 'edit_post', $this->make_post( 'x', 'publish', array( 'post_type' => 'page', 'post_author' => self::uid( 'administrator' ) ) ) ) );
	}

	public function test_an_update_keeps_the_author_and_the_creation_date(): void {
		$id = $this->make_table( 'administrator', null, 'Kettles' );
		global $wpdb;
		$wpdb->update( $wpdb->posts, array( 'post_date' => '2020-01-02 03:04:05', 'post_date_gmt' => '2020-01-02 03:04:05' ), array( 'ID' => $id ) );
		clean_post_cache( $id );

		self::login( 'editor' );
		$this->assertSame( $id, \Shelf\Tables::save( self::table( array( 'B0SHLFM003' ) ), 'Kettles compared', $id ) );
		clean_post_cache( $id );
		$post = get_post( $id );
		$this->assertSame( self::uid( 'administrator' ), (int) $post->post_author, 'the author, whose unfiltered_html decides how HTML rows render, stays' );
		$this->assertSame( self::uid( 'administrator' ), \Shelf\Tables::get( $id )['author'] );
		$this->assertSame( '2020-01-02 03:04:05', $post->post_date );
		$this->assertSame( 'Kettles compared', $post->post_title );
		$this->assertSame( array( 'B0SHLFM003' ), \Shelf\Tables::get( $id )['table']['products'] );
	}

	public function test_no_update_changes_a_tables_author(): void {
		$id = $this->make_table( 'administrator' );
		self::login( 'administrator' );
		$this->assertSame( $id, wp_update_post( array( 'ID' => $id, 'post_author' => self::uid( 'editor' ), 'post_title' => 'Renamed' ) ) );
		clean_post_cache( $id );
		$this->assertSame( self::uid( 'administrator' ), (int) get_post( $id )->post_author, 'as Quick Edit or the classic editor would send it' );
		$this->assertSame( 'Renamed', get_post( $id )->post_title );
		$post = $this->make_post( 'x' );
		wp_update_post( array( 'ID' => $post, 'post_author' => self::uid( 'editor' ) ) );
		clean_post_cache( $post );
		$this->assertSame( self::uid( 'editor' ), (int) get_post( $post )->post_author, 'other posts keep WordPress’s behaviour' );
	}

	public function test_a_backslash_in_a_title_is_kept(): void {
		$id = $this->make_table( 'editor', null, 'C:\\kettles' );
		$this->assertSame( 'C:\\kettles', get_post( $id )->post_title );
		self::login( 'editor' );
		\Shelf\Tables::save( self::table(), 'D:\\kettles', $id );
		clean_post_cache( $id );
		$this->assertSame( 'D:\\kettles', get_post( $id )->post_title );
	}

	public function test_save_refuses_an_id_that_is_not_a_table(): void {
		$post = $this->make_post( 'Not a table' );
		$this->assertInstanceOf( WP_Error::class, \Shelf\Tables::save( self::table(), 'x', $post ) );
		clean_post_cache( $post );
		$this->assertSame( 'post', get_post_type( $post ), 'a post never turns into a table' );
		$this->assertSame( '', self::stored( $post ) );
	}

	public function test_a_table_restored_from_the_trash_is_published_again(): void {
		$id = $this->make_table( 'editor' );
		self::login( 'editor' );
		wp_trash_post( $id );
		$this->assertInstanceOf( WP_Error::class, \Shelf\Tables::get( $id ) );
		wp_untrash_post( $id );
		$this->assertSame( 'publish', get_post_status( $id ) );
		$this->assertIsArray( \Shelf\Tables::get( $id ) );
	}

	/**
	 * @dataProvider provide_html_changes
	 */
	public function test_html_changed( ?array $before_rows, array $after_rows, bool $changed ): void {
		$table  = static fn( array $rows ): array => \Shelf\Tables::validate( array( 'version' => 1, 'products' => array( 'B0SHLFK001', '1234567890' ), 'rows' => $rows ) );
		$before = null === $before_rows ? null : $table( $before_rows );
		$this->assertSame( $changed, \Shelf\Table_Caps::html_changed( $before, $table( $after_rows ) ) );
	}

	public static function provide_html_changes(): array {
		$html  = array( 'type' => 'html', 'label' => 'Note', 'value' => '<b>x</b>', 'values' => array( 'B0SHLFK001' => '<i>k</i>', '1234567890' => '<u>n</u>' ) );
		$other = array( 'type' => 'html', 'value' => '<b>y</b>' );
		$text  = array( 'type' => 'text', 'value' => '<b>plain</b>' );
		return array(
			'new table without html'         => array( null, array( $text ), false ),
			'new table with html'            => array( null, array( $html ), true ),
			'an html row added'              => array( array( $html ), array( $html, $other ), true ),
			'the same html row twice'        => array( array( $html ), array( $html, $html ), true ),
			'value changed'                  => array( array( $html ), array( array( 'value' => '<b>z</b>' ) + $html ), true ),
			'a per-product value changed'    => array( array( $html ), array( array( 'values' => array( 'B0SHLFK001' => '<i>k</i>', '1234567890' => '<s>n</s>' ) ) + $html ), true ),
			'a text row turned html'         => array( array( $text ), array( array( 'type' => 'html' ) + $text ), true ),
			'unchanged, other rows edited'   => array( array( $html, $text ), array( array( 'value' => 'changed' ) + $text, $html ), false ),
			'relabelled and reordered'       => array( array( $html, $other ), array( $other, array( 'label' => 'New label' ) + $html ), false ),
			'values in another key order'    => array( array( $html ), array( array( 'values' => array( '1234567890' => '<u>n</u>', 'B0SHLFK001' => '<i>k</i>' ) ) + $html ), false ),
			'an html row removed'            => array( array( $html, $other ), array( $other ), false ),
			'html kept, as text now'         => array( array( $html ), array( array( 'type' => 'text' ) + $html ), false ),
			'hidden and highlighted'         => array( array( $html ), array( array( 'hidden' => true, 'highlight' => true ) + $html ), false ),
		);
	}
}
