<?php
/**
 * Shortcodes outside post content (issue 13, "Move from AAWP"): the products of widgets and of
 * the site's own templates become known, so the background refresh fetches them, without a page
 * view ever calling Amazon or registering anything itself; visitors cannot choose what is noted.
 *
 * @covers \Shelf\Widget_Scanner
 * @covers \Shelf\Template_Seen
 * @covers \Shelf\Site_Usage
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';

class Test_Site_Usage extends Shelf_Api_TestCase {

	private const SIDEBAR = 'shelf-test-sidebar';

	private const WIDGET_OPTIONS = array( 'widget_text', 'widget_block', 'sidebars_widgets' );

	/**
	 * Widget options before the test.
	 *
	 * @var array<string, mixed>
	 */
	private array $saved = array();

	/**
	 * A folder standing in for the active theme's.
	 */
	private string $theme = '';

	protected function setUp(): void {
		parent::setUp();
		foreach ( self::WIDGET_OPTIONS as $option ) {
			$this->saved[ $option ] = get_option( $option );
		}
		register_sidebar( array( 'id' => self::SIDEBAR, 'name' => 'Shelf test sidebar' ) );
		\Shelf\Template_Seen::flush_memo();
		wp_clear_scheduled_hook( \Shelf\Refresh::SOON_HOOK );
		$this->theme = sys_get_temp_dir() . '/shelf-theme-' . wp_generate_password( 8, false );
		mkdir( $this->theme );
		$_SERVER['REQUEST_URI'] = '/a-page/';
	}

	protected function tearDown(): void {
		foreach ( $this->saved as $option => $value ) {
			false === $value ? delete_option( $option ) : update_option( $option, $value );
		}
		unregister_sidebar( self::SIDEBAR );
		remove_all_filters( 'stylesheet_directory' );
		remove_all_filters( 'template_directory' );
		remove_all_filters( 'shelf_max_products_per_post' );
		array_map( 'unlink', glob( $this->theme . '/*.php' ) );
		rmdir( $this->theme );
		$_SERVER['REQUEST_URI']    = '/';
		$_SERVER['REQUEST_METHOD'] = 'GET';
		\Shelf\Template_Seen::flush_memo();
		$this->assertSame( array(), $this->php_errors, 'no PHP notice or warning' );
		parent::tearDown();
	}

	public function test_text_and_block_widgets_in_a_registered_sidebar_register_their_products(): void {
		update_option( 'widget_text', array( 2 => array( 'text' => 'Our pick: [amazon box="B0SHLFK001"]' ), 5 => array( 'text' => '[amazon box="B0SHLFM003"]' ), '_multiwidget' => 1 ) );
		update_option(
			'widget_block',
			array(
				3              => array( 'content' => '<!-- wp:shelf/box {"box":"B0SHLFL002"} /-->' ),
				4              => array( 'content' => '<!-- wp:shortcode -->[amazon bestseller="widget kettle"]<!-- /wp:shortcode -->' ),
				'_multiwidget' => 1,
			)
		);
		$this->assertSame( array(), $this->owner_usage(), 'no sidebar holds them yet' );
		update_option(
			'sidebars_widgets',
			array(
				'wp_inactive_widgets' => array( 'text-5' ),
				self::SIDEBAR         => array( 'text-2', 'block-3', 'block-4' ),
				'array_version'       => 3,
			)
		);
		$this->assertSame( array( 'pending', 'pending', 'unknown' ), array_column( \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ) ), 'status' ), 'an inactive widget registers nothing' );
		$this->assertSame(
			array(
				array( 'www.amazon.com', 'bestseller', md5( 'widget kettle' ), '1' ),
				array( 'www.amazon.com', 'product', 'B0SHLFK001', '1' ),
				array( 'www.amazon.com', 'product', 'B0SHLFL002', '1' ),
			),
			$this->owner_usage(),
			'published usage: the public route answers and the expiry keeps them'
		);
		$this->assertNotFalse( wp_next_scheduled( \Shelf\Refresh::SOON_HOOK ), 'a refresh is asked for, in cron' );
		$this->assertSame( array(), $this->api_calls(), 'saving widgets calls no API' );

		// Moving a widget to "Inactive widgets" drops its usage.
		update_option(
			'sidebars_widgets',
			array(
				'wp_inactive_widgets' => array( 'text-5', 'text-2' ),
				self::SIDEBAR         => array( 'block-3' ),
				'array_version'       => 3,
			)
		);
		$this->assertSame( array( array( 'www.amazon.com', 'product', 'B0SHLFL002', '1' ) ), $this->owner_usage() );
	}

	public function test_widgets_in_a_sidebar_the_theme_does_not_register_place_nothing(): void {
		update_option( 'widget_text', array( 2 => array( 'text' => '[amazon box="B0SHLFK001"]' ), '_multiwidget' => 1 ) );
		update_option( 'sidebars_widgets', array( 'orphaned_widgets_1' => array( 'text-2' ), 'array_version' => 3 ) );
		$this->assertSame( array(), $this->owner_usage() );
		$this->assertSame( 'unknown', \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001' ) )['B0SHLFK001']['status'] );
	}

	public function test_a_theme_files_shortcode_is_noted_in_the_page_view_and_fetched_by_the_next_refresh(): void {
		$html = $this->theme_renders( 'echo do_shortcode( \'[amazon box="B0SHLFP004,B0SHLFQ005"]\' );' );
		$this->assertStringContainsString( 'shelf-placement--box', $html );
		\Shelf\Store::flush_memo();
		$this->assertSame( array( 'unknown', 'unknown' ), array_column( \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFP004', 'B0SHLFQ005' ) ), 'status' ), 'the page view registers nothing' );
		$this->assertSame( array( 'www.amazon.com' => array( 'B0SHLFP004', 'B0SHLFQ005' ) ), \Shelf\Template_Seen::asins() );
		$this->assertNotFalse( wp_next_scheduled( \Shelf\Refresh::SOON_HOOK ), 'a refresh is asked for, in cron' );
		$this->assertSame( array(), $this->api_calls(), 'the page view calls no API' );

		// The refresh run (a cron request) registers them first, then fetches them.
		do_action( \Shelf\Refresh::SOON_HOOK );
		$fetched = array_merge( ...array_map( static fn( array $call ): array => $call['body']['itemIds'], $this->api_calls() ) );
		$this->assertEqualsCanonicalizing( array( 'B0SHLFP004', 'B0SHLFQ005' ), $fetched );
		$this->assertSame( array( array( 'www.amazon.com', 'product', 'B0SHLFP004', '1' ), array( 'www.amazon.com', 'product', 'B0SHLFQ005', '1' ) ), $this->owner_usage() );
		\Shelf\Store::flush_memo();
		$this->assertArrayHasKey( 'B0SHLFQ005', \Shelf\Store::get_public( 'www.amazon.com', array( 'B0SHLFQ005' ) ), 'visitors may ask for fresher data' );

		// Not seen for 30 days: forgotten at the next sync, and the expiry may remove the rows.
		$this->offset = 31 * DAY_IN_SECONDS;
		\Shelf\Template_Seen::flush_memo();
		\Shelf\Site_Usage::sync();
		$this->assertSame( array(), $this->owner_usage() );
	}

	/**
	 * @dataProvider not_the_sites_own
	 *
	 * @param string $code   PHP that the "theme file" runs.
	 * @param string $method Request method.
	 * @param string $uri    Request URI.
	 */
	public function test_shortcodes_that_are_not_the_templates_own_are_not_noted( string $code, string $method, string $uri ): void {
		$_SERVER['REQUEST_METHOD'] = $method;
		$_SERVER['REQUEST_URI']    = $uri;
		$this->assertStringContainsString( 'data-shelf-id', $this->theme_renders( $code ) );
		$this->assertSame( array(), \Shelf\Template_Seen::asins() );
		$this->assertFalse( wp_next_scheduled( \Shelf\Refresh::SOON_HOOK ) );
	}

	public static function not_the_sites_own(): array {
		$box = 'echo do_shortcode( \'[amazon box="B0SHLFP004"]\' );';
		return array(
			'post content'             => array( 'echo apply_filters( \'the_content\', \'[amazon box="B0SHLFP004"]\' );', 'GET', '/a-page/' ),
			'a comment'                => array( 'add_filter( \'comment_text\', \'do_shortcode\' ); echo apply_filters( \'comment_text\', \'[amazon box="B0SHLFP004"]\' ); remove_filter( \'comment_text\', \'do_shortcode\' );', 'GET', '/a-page/' ),
			'the ASIN in the query'    => array( $box, 'GET', '/?p=1&asin=b0shlfp004' ),
			'the ASIN, encoded'        => array( $box, 'GET', '/search/%2542%30SHLFP004/' ),
			'a form post'              => array( $box, 'POST', '/a-page/' ),
		);
	}

	public function test_a_shortcode_outside_the_theme_is_not_noted(): void {
		$this->assertStringContainsString( 'data-shelf-id', do_shortcode( '[amazon box="B0SHLFP004"]' ) );
		$this->assertSame( array(), \Shelf\Template_Seen::asins() );
	}

	public function test_templates_note_at_most_what_one_post_may_register(): void {
		add_filter( 'shelf_max_products_per_post', static fn() => 2 );
		$this->theme_renders( 'echo do_shortcode( \'[amazon box="B0SHLFK001,B0SHLFL002,B0SHLFM003"]\' ) . do_shortcode( \'[amazon box="B0SHLFP004"]\' );' );
		$this->assertSame( array( 'www.amazon.com' => array( 'B0SHLFK001', 'B0SHLFL002' ) ), \Shelf\Template_Seen::asins() );
		// A widget's products come first within the same limit.
		update_option( 'widget_text', array( 2 => array( 'text' => '[amazon box="B0SHLFQ005"]' ), '_multiwidget' => 1 ) );
		update_option( 'sidebars_widgets', array( self::SIDEBAR => array( 'text-2' ), 'array_version' => 3 ) );
		$this->assertSame( array( array( 'www.amazon.com', 'product', 'B0SHLFK001', '1' ), array( 'www.amazon.com', 'product', 'B0SHLFQ005', '1' ) ), $this->owner_usage() );
	}

	/**
	 * Runs PHP from a file in the stand-in theme folder, as a theme template would.
	 *
	 * @param string $code PHP statements that print.
	 */
	private function theme_renders( string $code ): string {
		add_filter( 'stylesheet_directory', fn(): string => $this->theme );
		add_filter( 'template_directory', fn(): string => $this->theme );
		$file = $this->theme . '/footer-' . wp_generate_password( 6, false ) . '.php';
		file_put_contents( $file, "<?php\n" . $code . "\n" );
		self::new_page();
		ob_start();
		include $file;
		return (string) ob_get_clean();
	}

	/**
	 * The usage rows of widgets and templates.
	 *
	 * @return list<array{0: string, 1: string, 2: string, 3: string}>
	 */
	private function owner_usage(): array {
		global $wpdb;
		return $wpdb->get_results( $wpdb->prepare( 'SELECT marketplace, kind, ref, published FROM ' . \Shelf\Store_Schema::usage_table() . ' WHERE post_id = %d ORDER BY kind, ref', \Shelf\Site_Usage::OWNER ), ARRAY_N ); // phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from the plugin.
	}

	/**
	 * The Creators API calls the mock has seen since the test started.
	 *
	 * @return list<array<string, mixed>>
	 */
	private function api_calls(): array {
		return array_values( array_filter( (array) self::mock( 'GET', '/__mock/requests' ), static fn( $r ): bool => is_array( $r ) && str_starts_with( (string) ( $r['path'] ?? '' ), '/catalog/' ) ) );
	}
}
