<?php
/**
 * The AAWP importer's screen and Import action over real HTTP: listed under Tools → Import for
 * administrators; the dry run shows the report (escaped, without secrets) and changes nothing;
 * only an administrator with a valid nonce imports (subscriber, author, editor and
 * administrator × missing, bad and valid nonce); the result page reports what was done, and a
 * second import reports "already imported".
 *
 * @covers \Shelf\Aawp_Import_Page
 */

require_once __DIR__ . '/tools/class-shelf-aawp-testcase.php';

class Test_Import_Aawp_Access extends Shelf_Aawp_TestCase {

	/** A must-use plugin a test adds to the site (removed after the test). */
	private string $mu_plugin = '';

	protected function tearDown(): void {
		if ( '' !== $this->mu_plugin && is_file( $this->mu_plugin ) ) {
			unlink( $this->mu_plugin );
		}
		parent::tearDown();
	}

	/**
	 * A valid Import nonce of the role's logged-in session.
	 *
	 * @param string $role Role whose session it is.
	 */
	private static function session_nonce( string $role ): string {
		return Shelf_Http::session_nonce( $role, \Shelf\Aawp_Import_Page::NONCE );
	}

	/**
	 * Posts the Import form.
	 *
	 * @param string      $role  Role.
	 * @param string|null $nonce Nonce, or null for none.
	 * @return array{status: int, headers: string, body: string}
	 */
	private static function import( string $role, ?string $nonce ): array {
		$fields = array( 'shelf-aawp-import' => 'Import' ) + ( null === $nonce ? array() : array( '_wpnonce' => $nonce ) );
		return Shelf_Http::request( 'POST', '/wp-admin/admin.php?import=shelf-aawp', Shelf_Http::cookie( $role ), http_build_query( $fields ), array( 'Content-Type: application/x-www-form-urlencoded', 'Referer: ' . admin_url( 'admin.php?import=shelf-aawp' ) ) );
	}

	public function test_only_an_administrator_with_a_valid_nonce_imports(): void {
		foreach ( array( 'subscriber', 'author', 'editor', 'administrator' ) as $role ) {
			foreach ( array( 'missing' => null, 'bad' => 'not-a-nonce', 'valid' => self::session_nonce( $role ) ) as $case => $nonce ) {
				if ( 'administrator' === $role && 'valid' === $case ) {
					continue;
				}
				$before = self::snapshot();
				$answer = self::import( $role, $nonce );
				$this->assertContains( $answer['status'], array( 403, 500 ), "{$role}, {$case} nonce: refused" );
				$this->assertStringNotContainsString( 'done=1', $answer['headers'], "{$role}, {$case} nonce" );
				$this->assertSame( $before, self::snapshot(), "{$role}, {$case} nonce: nothing imported" );
			}
		}
		$answer = self::import( 'administrator', self::session_nonce( 'administrator' ) );
		$this->assertSame( 302, $answer['status'] );
		$this->assertMatchesRegularExpression( '/^Location: ' . preg_quote( admin_url( 'admin.php?import=shelf-aawp&done=1' ), '/' ) . '\r?$/mi', $answer['headers'] );
		wp_cache_flush();
		$this->assertGreaterThan( 0, \Shelf\Aawp_Table_Ids::find( $this->aawp['kettles'] ) );
		$this->assertSame( 'www.amazon.de', \Shelf\Settings::get()['default_marketplace'] );
		$this->assertDebugLogEmpty();
	}

	public function test_an_editor_allowed_to_import_still_may_not_use_this_importer(): void {
		// Role plugins may give editors WordPress's `import`; Shelf's settings still need manage_options.
		$this->mu_plugin = getenv( 'SHELF_SITE_DIR' ) . '/wp-content/mu-plugins/shelf-test-editor-import.php';
		file_put_contents( $this->mu_plugin, "<?php\nadd_filter( 'user_has_cap', static function ( \$all ) { if ( ! empty( \$all['edit_others_posts'] ) ) { \$all['import'] = true; } return \$all; } );\n" );
		$page = Shelf_Http::request( 'GET', '/wp-admin/admin.php?import=shelf-aawp', Shelf_Http::cookie( 'editor' ) );
		$this->assertSame( 200, $page['status'], 'WordPress lets the editor reach the importer' );
		$this->assertStringContainsString( 'Only administrators may import into Shelf.', $page['body'] );
		$this->assertStringNotContainsString( 'Kettles compared', $page['body'] );
		$before = self::snapshot();
		$answer = self::import( 'editor', self::session_nonce( 'editor' ) );
		$this->assertSame( 403, $answer['status'] );
		$this->assertSame( $before, self::snapshot(), 'nothing imported' );
		$this->assertDebugLogEmpty();
	}

	public function test_only_administrators_get_the_screen_and_the_dry_run_changes_nothing(): void {
		foreach ( array( 'subscriber', 'author', 'editor' ) as $role ) {
			$page = Shelf_Http::request( 'GET', '/wp-admin/admin.php?import=shelf-aawp', Shelf_Http::cookie( $role ) );
			$this->assertStringNotContainsString( 'Kettles compared', $page['body'], $role );
			$this->assertStringNotContainsString( 'name="_wpnonce"', $page['body'], $role );
		}
		$list = Shelf_Http::request( 'GET', '/wp-admin/import.php', Shelf_Http::cookie( 'administrator' ) );
		$this->assertStringContainsString( 'admin.php?import=shelf-aawp', $list['body'], 'listed under Tools → Import' );

		$before = self::snapshot();
		$page   = Shelf_Http::request( 'GET', '/wp-admin/admin.php?import=shelf-aawp', Shelf_Http::cookie( 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertSame( $before, self::snapshot(), 'showing the dry run writes nothing' );
		$html = $page['body'];
		$this->assertStringContainsString( 'This is a dry run', $html );
		$this->assertStringContainsString( 'Kettles compared (ID ' . $this->aawp['kettles'] . ')', $html );
		$this->assertStringContainsString( 'Will be imported as a new Shelf table; [amazon table=&quot;' . $this->aawp['kettles'] . '&quot;] will show it.', $html );
		$this->assertStringContainsString( 'Not imported: its status in AAWP is “draft”', $html );
		$this->assertStringContainsString( 'Grinders &lt;script&gt;alert(1)&lt;/script&gt;', $html, 'titles escaped' );
		$this->assertStringNotContainsString( '<script>alert(1)', $html );
		$this->assertStringNotContainsString( 'onerror=alert', $html );
		$this->assertStringContainsString( '<td>Default store</td><td>www.amazon.com</td><td>www.amazon.de</td>', $html );
		$this->assertStringContainsString( 'Detail button text “More details”', $html );
		$this->assertStringContainsString( '6 products of www.amazon.de', $html );
		$this->assertStringNotContainsString( 'fixture-secret-never-shown', $html );
		$this->assertStringNotContainsString( 'AKIAFIXTUREKEY', $html );
		$this->assertMatchesRegularExpression( '/<form method="post" action="[^"]*admin\.php\?import=shelf-aawp">.*name="_wpnonce"/s', $html );
	}

	public function test_the_result_page_reports_the_import_and_a_second_run_already_imported(): void {
		$cookie = Shelf_Http::cookie( 'administrator' );
		self::import( 'administrator', self::session_nonce( 'administrator' ) );
		wp_cache_flush();
		$shelf  = \Shelf\Aawp_Table_Ids::find( $this->aawp['kettles'] );
		$result = Shelf_Http::request( 'GET', '/wp-admin/admin.php?import=shelf-aawp&done=1', $cookie )['body'];
		$this->assertStringContainsString( 'The import is done.', $result );
		$this->assertStringContainsString( 'Imported as Shelf table ' . $shelf . '; [amazon table=&quot;' . $this->aawp['kettles'] . '&quot;] shows it.', $result );
		$this->assertStringContainsString( 'These Shelf settings were changed:', $result );

		$before = self::snapshot();
		$again  = self::import( 'administrator', self::session_nonce( 'administrator' ) );
		$this->assertSame( 302, $again['status'] );
		$this->assertSame( $before, self::snapshot(), 'the second import changed nothing' );
		$second = Shelf_Http::request( 'GET', '/wp-admin/admin.php?import=shelf-aawp&done=1', $cookie )['body'];
		$this->assertStringContainsString( 'Already imported as Shelf table ' . $shelf . '; [amazon table=&quot;' . $this->aawp['kettles'] . '&quot;] shows it. Nothing changes.', $second );
		$this->assertStringContainsString( 'Already imported on ', $second );

		wp_trash_post( $shelf );
		$trashed = Shelf_Http::request( 'GET', '/wp-admin/admin.php?import=shelf-aawp', $cookie )['body'];
		$this->assertStringContainsString( 'Already imported as Shelf table ' . $shelf . ', which is in the Trash: restore it to show it again.', $trashed );
		$this->assertDebugLogEmpty();
	}
}
