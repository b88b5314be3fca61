<?php
/**
 * Shelf → Tables over real HTTP: the menu, the list (shortcode column, copy buttons, row
 * actions, search), the builder's screen, and WordPress's edit links and screens leading to
 * the builder; none of it for authors and contributors.
 *
 * @covers \Shelf\Tables_Menu
 * @covers \Shelf\Tables_List
 */

require_once __DIR__ . '/tools/class-shelf-tables-testcase.php';

class Test_Tables_Admin extends Shelf_Tables_TestCase {

	/** A must-use plugin a test adds to the site (removed after the test). */
	private string $mu_plugin = '';

	protected function tearDown(): void {
		if ( '' !== $this->mu_plugin && is_file( $this->mu_plugin ) ) {
			unlink( $this->mu_plugin );
		}
		parent::tearDown();
	}

	/**
	 * GET a wp-admin page as Shelf_Http's user of a role.
	 *
	 * @param string $role Role.
	 * @param string $path Path under /wp-admin/.
	 * @return array{status: int, headers: string, body: string}
	 */
	private static function admin( string $role, string $path ): array {
		return Shelf_Http::request( 'GET', '/wp-admin/' . $path, Shelf_Http::cookie( $role ) );
	}

	/**
	 * The row of a table in the list's HTML.
	 *
	 * @param string $html List page.
	 * @param int    $id   Table ID.
	 */
	private function row( string $html, int $id ): string {
		$this->assertMatchesRegularExpression( '/<tr id="post-' . $id . '"/', $html );
		preg_match( '/<tr id="post-' . $id . '".*?<\/tr>/s', $html, $m );
		return $m[0];
	}

	/**
	 * The redirect target of an answer.
	 *
	 * @param array{status: int, headers: string} $answer Answer.
	 */
	private function location( array $answer ): string {
		$this->assertSame( 302, $answer['status'] );
		preg_match( '/^Location: (\S+)\r?$/mi', $answer['headers'], $m );
		return $m[1] ?? '';
	}

	public function test_the_list_shows_shortcode_products_author_and_row_actions(): void {
		$id   = $this->make_table( 'administrator', self::table( array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ) ), 'Zebra <kettles>' );
		$page = self::admin( 'administrator', 'edit.php?post_type=shelf_table' );
		$this->assertSame( 200, $page['status'] );
		$html = $page['body'];
		preg_match( '/<thead>.*?<\/thead>/s', $html, $head );
		preg_match_all( '/<th scope="col" id=[\'"](\w+)[\'"]/', $head[0], $columns );
		$this->assertSame( array( 'title', 'shelf_shortcode', 'shelf_products', 'author', 'date' ), $columns[1] );

		$row = $this->row( $html, $id );
		$this->assertStringContainsString( '<input type="text" readonly class="code shelf-shortcode" id="shelf-shortcode-' . $id . '" value="[amazon table=&quot;' . $id . '&quot;]"', $row );
		$this->assertStringContainsString( 'aria-label="Shortcode of “Zebra &lt;kettles&gt;”"', $row );
		$this->assertStringContainsString( '<button type="button" class="button button-small" data-shelf-copy="shelf-shortcode-' . $id . '">Copy</button>', $row );
		$this->assertMatchesRegularExpression( '/data-colname="Products">3</', $row );
		$this->assertStringContainsString( 'shelf-http-administrator', $row );
		$this->assertStringContainsString( 'Zebra &lt;kettles&gt;', $row );

		preg_match( '/<div class="row-actions">(.*?)<\/div>/s', $row, $actions );
		preg_match_all( "/<span class='(\w+)'>/", $actions[1], $names );
		$this->assertSame( array( 'edit', 'shelf_copy', 'trash' ), $names[1], 'Edit, Copy shortcode, Trash; no Quick Edit, no View' );
		$builder = admin_url( 'admin.php?page=shelf-table&amp;id=' . $id );
		$this->assertStringContainsString( '<a href="' . $builder . '" aria-label=', $actions[1] );
		$this->assertStringContainsString( '<button type="button" class="button-link" data-shelf-copy="shelf-shortcode-' . $id . '">Copy shortcode</button>', $actions[1] );
		$this->assertStringContainsString( 'class="row-title" href="' . $builder . '"', $row, 'the title links to the builder' );

		$this->assertDoesNotMatchRegularExpression( '/<option value="edit"/', $html, 'no bulk Edit' );
		$this->assertStringContainsString( '<option value="trash">', $html );
		$this->assertMatchesRegularExpression( '/<script type="module" src="[^"]*\/js\/copy-shortcode\.js\?ver=[^"]*" id="@shelf\/copy-shortcode-js-module"/', $html );
		$this->assertStringContainsString( '<div id="shelf-copy-status" class="screen-reader-text" aria-live="polite" data-copied="Copied"', $html );
		$this->assertMatchesRegularExpression( '/<a href=[\'"]edit\.php\?post_type=shelf_table[\'"] class="wp-first-item current" aria-current="page">Tables<\/a>/', $html );
		$this->assertStringContainsString( "<a href='admin.php?page=shelf-table'>Add table</a>", $html );
		$this->assertStringContainsString( 'dashicons-editor-table', $html );

		// The row action Trash works (post.php is redirected for action=edit only).
		preg_match( "/<span class='trash'><a href=\"([^\"]+)\"/", $actions[1], $trash );
		$this->assertSame( 302, Shelf_Http::request( 'GET', wp_parse_url( html_entity_decode( $trash[1] ), PHP_URL_PATH ) . '?' . wp_parse_url( html_entity_decode( $trash[1] ), PHP_URL_QUERY ), Shelf_Http::cookie( 'administrator' ) )['status'] );
		clean_post_cache( $id );
		$this->assertSame( 'trash', get_post_status( $id ) );
		$this->assertDebugLogEmpty();
	}

	public function test_the_list_searches_titles_and_uses_the_configured_shortcode_name(): void {
		$this->set_settings( array( 'shortcode' => 'shelf' ) );
		$zebra = $this->make_table( 'editor', null, 'Zebra kettles' );
		$other = $this->make_table( 'editor', null, 'Toasters' );
		$html  = self::admin( 'editor', 'edit.php?post_type=shelf_table&s=zebra' )['body'];
		$this->assertStringContainsString( 'value="[shelf table=&quot;' . $zebra . '&quot;]"', $this->row( $html, $zebra ) );
		$this->assertStringNotContainsString( 'id="post-' . $other . '"', $html );
	}

	public function test_an_editor_sees_no_edit_or_trash_action_on_an_administrators_table(): void {
		$admins = $this->make_table( 'administrator', null, 'Admin table' );
		$mine   = $this->make_table( 'editor', null, 'Editor table' );
		$html   = self::admin( 'editor', 'edit.php?post_type=shelf_table' )['body'];
		$row    = $this->row( $html, $admins );
		$this->assertStringNotContainsString( 'page=shelf-table', $row );
		$this->assertStringNotContainsString( 'action=trash', $row );
		$this->assertStringContainsString( 'data-shelf-copy="shelf-shortcode-' . $admins . '">Copy shortcode</button>', $row );
		$this->assertStringContainsString( 'page=shelf-table&amp;id=' . $mine, $this->row( $html, $mine ) );
		$this->assertStringContainsString( 'action=trash', $this->row( $html, $mine ) );
	}

	public function test_authors_and_contributors_get_no_table_screens(): void {
		$id = $this->make_table( 'author' );
		foreach ( array( 'subscriber', 'contributor', 'author' ) as $role ) {
			$this->assertSame( 403, self::admin( $role, 'edit.php?post_type=shelf_table' )['status'], "$role: list" );
			$this->assertSame( 403, self::admin( $role, 'admin.php?page=shelf-table' )['status'], "$role: builder" );
			$this->assertSame( 403, self::admin( $role, 'admin.php?page=shelf-table&id=' . $id )['status'], "$role: builder of a table" );
			$this->assertStringNotContainsString( 'toplevel_page_shelf-menu', self::admin( $role, 'profile.php' )['body'], "$role: no Shelf menu" );
		}
		$this->assertStringContainsString( 'toplevel_page_shelf-menu', self::admin( 'editor', 'profile.php' )['body'] );
		$this->assertDebugLogEmpty();
	}

	public function test_the_builder_screen_answers_editors_for_their_tables(): void {
		$mine    = $this->make_table( 'editor' );
		$admins  = $this->make_table( 'administrator' );
		$trashed = $this->make_table( 'editor' );
		wp_trash_post( $trashed );
		$post = $this->make_post( 'Not a table' );

		$new = self::admin( 'editor', 'admin.php?page=shelf-table' );
		$this->assertSame( 200, $new['status'] );
		$this->assertMatchesRegularExpression( '/<div id="shelf-table-builder"\s+data-table-id="0"\s+data-list-url="[^"]+edit\.php\?post_type=shelf_table"\s+data-shortcode="amazon"\s+data-can-unfiltered-html="1">/', $new['body'] );
		$this->assertStringContainsString( '<noscript>', $new['body'] );
		$this->assertStringContainsString( '<h1>Add table</h1>', $new['body'] );

		$edit = self::admin( 'editor', 'admin.php?page=shelf-table&id=' . $mine );
		$this->assertSame( 200, $edit['status'] );
		$this->assertStringContainsString( 'data-table-id="' . $mine . '"', $edit['body'] );
		$this->assertStringContainsString( '<h1>Edit table</h1>', $edit['body'] );
		$this->assertMatchesRegularExpression( '/class="wp-first-item current" aria-current="page">Tables</', $edit['body'], 'editing a table, "Tables" is the current item' );

		$this->assertSame( 403, self::admin( 'editor', 'admin.php?page=shelf-table&id=' . $admins )['status'] );
		$this->assertSame( 200, self::admin( 'administrator', 'admin.php?page=shelf-table&id=' . $admins )['status'] );
		foreach ( array( $trashed, $post, 999999999 ) as $missing ) {
			$this->assertSame( 404, self::admin( 'editor', 'admin.php?page=shelf-table&id=' . $missing )['status'], (string) $missing );
		}
		$this->assertDebugLogEmpty();
	}

	public function test_the_builder_screen_enqueues_the_builder_script_and_says_when_it_is_missing(): void {
		$builder = self::admin( 'editor', 'admin.php?page=shelf-table' )['body'];
		$this->assertMatchesRegularExpression( '/<script src="[^"]*\/js\/editor\/table-builder\.js\?ver=[0-9a-f]{20}" id="shelf-table-builder-js"><\/script>/', $builder );
		$this->assertStringContainsString( 'window.shelfEditor = {', $builder, 'with the editor settings' );
		$this->assertStringNotContainsString( 'script is missing', $builder );
		$this->assertStringNotContainsString( 'table-builder.js', self::admin( 'editor', 'edit.php?post_type=shelf_table' )['body'], 'on the builder only' );
		// A source checkout without a build has no bundle: the screen says so instead of staying blank.
		$this->mu_plugin = getenv( 'SHELF_SITE_DIR' ) . '/wp-content/mu-plugins/shelf-test-builder-script.php';
		file_put_contents( $this->mu_plugin, "<?php\nadd_action( 'admin_enqueue_scripts', static function () { wp_deregister_script( 'shelf-table-builder' ); }, 1 );\n" );
		$missing = self::admin( 'editor', 'admin.php?page=shelf-table' )['body'];
		$this->assertStringContainsString( 'The table builder’s script is missing.', $missing );
		$this->assertStringNotContainsString( 'table-builder.js', $missing );
		$this->assertDebugLogEmpty();
	}

	public function test_wordpress_editing_screens_and_links_lead_to_the_builder(): void {
		$id = $this->make_table( 'administrator' );
		$this->assertSame( admin_url( 'admin.php?page=shelf-table&id=' . $id ), $this->location( self::admin( 'administrator', 'post.php?post=' . $id . '&action=edit' ) ) );
		$this->assertSame( admin_url( 'admin.php?page=shelf-table' ), $this->location( self::admin( 'editor', 'post-new.php?post_type=shelf_table' ) ), 'Add New' );
		$this->assertSame( admin_url( 'edit.php?post_type=shelf_table' ), $this->location( self::admin( 'editor', 'admin.php?page=shelf-menu' ) ) );
		$this->assertSame( 200, self::admin( 'administrator', 'post-new.php' )['status'], 'other post types keep their editor' );

		self::login( 'administrator' );
		$this->assertSame( admin_url( 'admin.php?page=shelf-table&amp;id=' . $id ), get_edit_post_link( $id ) );
		$this->assertSame( admin_url( 'admin.php?page=shelf-table&id=' . $id ), get_edit_post_link( $id, 'raw' ) );
		self::login( 'editor' );
		$this->assertNull( get_edit_post_link( $id ), 'no link where the user may not edit' );
		$this->assertDebugLogEmpty();
	}
}
