<?php
/**
 * The product store: schema, the known-products list from content, batch reads, lifetime.
 *
 * @covers \Shelf\Store
 * @covers \Shelf\State
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';

class Test_Store extends Shelf_Api_TestCase {

	public function test_hooks_are_registered(): void {
		$this->assertNotFalse( has_action( 'plugins_loaded', array( \Shelf\Store_Schema::class, 'maybe_install' ) ) );
		$this->assertSame( 10, has_action( 'save_post', array( $this->hooked( 'save_post', \Shelf\Post_Sync::class ), 'on_save_post' ) ) );
		$this->assertNotFalse( has_action( 'deleted_post', array( $this->hooked( 'deleted_post', \Shelf\Post_Sync::class ), 'on_deleted_post' ) ) );
		$this->assertNotFalse( has_action( 'admin_notices', array( $this->hooked( 'admin_notices', \Shelf\Store_Caps::class ), 'notice' ) ) );
		$this->assertNotFalse( has_action( \Shelf\Store_Expiry::HOOK, array( \Shelf\Store_Expiry::class, 'run' ) ) );
		$this->assertNotFalse( has_action( 'init', array( \Shelf\Store_Expiry::class, 'ensure_scheduled' ) ) );
		$this->assertNotFalse( has_action( 'rest_api_init', array( $this->hooked( 'rest_api_init', \Shelf\Rest::class ), 'register_routes' ) ) );
		$this->assertNotFalse( has_action( 'admin_notices', array( $this->hooked( 'admin_notices', \Shelf\Status_Panel::class ), 'notice' ) ) );
		$this->assertNotFalse( has_action( 'admin_init', array( $this->hooked( 'admin_init', \Shelf\Credentials::class ), 'add_section' ) ) );
		$this->assertNotFalse( has_action( 'init', array( \Shelf\Refresh::class, 'ensure_scheduled' ) ) );
	}

	public function test_install_creates_versioned_tables_and_is_idempotent(): void {
		global $wpdb;
		\Shelf\Store_Schema::install();
		\Shelf\Store_Schema::install();
		foreach ( array( 'shelf_products', 'shelf_searches', 'shelf_usage', 'shelf_state' ) as $table ) {
			$this->assertSame( $wpdb->prefix . $table, $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->prefix . $table ) ) );
		}
		$this->assertSame( \Shelf\Store_Schema::SCHEMA_VERSION, (int) get_option( \Shelf\Store_Schema::SCHEMA_OPTION ) );
		$key = $wpdb->get_results( 'SHOW INDEX FROM ' . \Shelf\Store_Schema::products_table() . " WHERE Key_name = 'PRIMARY'", ARRAY_A );
		$this->assertSame( array( 'marketplace', 'asin' ), array_column( $key, 'Column_name' ) );
	}

	public function test_scan_finds_every_shortcode_family_with_wordpress_grammar(): void {
		$content = implode(
			"\n",
			array(
				'[amazon box="B0SHLFK001, b0shlfl002"]',
				'[amazon link="B0SHLFM003" title="x"]',
				"[amazon fields='B0SHLFP004' value='title']",
				'[amazon table="B0SHLFQ005,B0SHLFK001"]',
				'[amazon table="999999"]',
				'[amazon bestseller="pour over kettle" items="3"]',
				'[amazon new="12345"]',
				'[[amazon box="B0ESCAPED1"]]',
				'[amazon box="not-an-asin,B0SHLF"]',
				'[amazonx box="B0SHLFX001"]',
			)
		);
		$found = \Shelf\Content_Scanner::scan( $content );
		$this->assertSame( array( 'www.amazon.com' => array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003', 'B0SHLFP004', 'B0SHLFQ005' ) ), $found['products'] );
		$this->assertSame(
			array(
				array( 'market' => 'www.amazon.com', 'kind' => 'bestseller', 'query' => 'pour over kettle', 'items' => 3 ),
				array( 'market' => 'www.amazon.com', 'kind' => 'new', 'query' => '12345', 'items' => 10 ),
			),
			$found['searches']
		);
		$this->assertSame( array(), $found['tables'], 'table="999999" names no stored table' );
	}

	/**
	 * The scanner registers exactly what rendering shows: its products are the rendered
	 * placement's, in the rendered marketplace (a `marketplace` attribute changes neither).
	 *
	 * @dataProvider provide_placements
	 */
	public function test_scan_reads_shortcodes_as_rendering_does( string $shortcode ): void {
		$this->set_settings( array( 'default_marketplace' => 'www.amazon.co.uk' ) );
		$rendered = array();
		foreach ( $this->payloads( do_shortcode( $shortcode ) ) as $payload ) {
			$rendered[ $payload['marketplace'] ] = $payload['asins'];
		}
		$this->assertSame( $rendered, \Shelf\Content_Scanner::scan( $shortcode )['products'] );
	}

	public static function provide_placements(): array {
		return array(
			'marketplace attribute' => array( '[amazon box="B0SHLFD201" marketplace="www.amazon.de"]' ),
			'select'                => array( '[amazon box="B0SHLFK001,B0SHLFL002,B0SHLFM003" select="1,3"]' ),
			'select range'          => array( '[amazon box="B0SHLFK001,B0SHLFL002,B0SHLFM003,B0SHLFP004" select="2-3"]' ),
			'items'                 => array( '[amazon box="B0SHLFK001,B0SHLFL002,B0SHLFM003" items="2"]' ),
			'order'                 => array( '[amazon box="B0SHLFK001,B0SHLFL002,B0SHLFM003" order="desc" items="1"]' ),
			'over 25'               => array( '[amazon box="' . implode( ',', self::synthetic( 30 ) ) . '"]' ),
			'link shows one'        => array( '[amazon link="B0SHLFK001,B0SHLFL002"]' ),
			'bad field value'       => array( '[amazon fields="B0SHLFK001" value="colour"]' ),
			'first family wins'     => array( '[amazon link="B0SHLFK001" box="B0SHLFL002"]' ),
			'inline table items'    => array( '[amazon table="B0SHLFK001,B0SHLFL002,B0SHLFM003" items="2"]' ),
		);
	}

	public function test_lists_are_fetched_as_deep_as_rendering_reads_them(): void {
		$searches = \Shelf\Content_Scanner::scan( '[amazon bestseller="a"] [amazon bestseller="b" items="3"] [amazon bestseller="c" select="2,7" items="1"] [amazon bestseller="d" items="40"] [amazon new="kettle"] [amazon new="123" select="30"]' )['searches'];
		$this->assertSame(
			array( 'a' => 10, 'b' => 3, 'c' => 2, 'd' => 25 ),
			array_column( $searches, 'items', 'query' ),
			'new="kettle" is not a browse node and select="30" picks nothing: neither renders, neither is fetched'
		);
	}

	public function test_stored_tables_make_their_products_known(): void {
		$this->act_as( 'editor' );
		$id = \Shelf\Tables::save(
			array(
				'version'  => 1,
				'products' => array( 'B0SHLFP004', 'B0SHLFQ005' ),
				'rows'     => array( array( 'type' => 'title' ) ),
			),
			'Store test table'
		);
		$this->assertIsInt( $id );
		$this->assertSame( 'pending', \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFP004' ) )['B0SHLFP004']['status'], 'known when the table is saved' );
		$found = \Shelf\Content_Scanner::scan( '[amazon table="' . $id . '" marketplace="www.amazon.de"]' );
		$this->assertSame( array( $id ), $found['tables'], 'a post placing it uses the table, whose products are its own' );
		$this->assertSame( array(), $found['products'] );
		wp_delete_post( $id, true );
	}

	public function test_scan_follows_the_configured_shortcode_name(): void {
		$this->set_settings( array( 'shortcode' => 'shelf' ) );
		$found = \Shelf\Content_Scanner::scan( '[amazon box="B0SHLFK001"] [shelf box="B0SHLFL002"]' );
		$this->assertSame( array( 'www.amazon.com' => array( 'B0SHLFL002' ) ), $found['products'] );
	}

	public function test_scan_finds_shortcodes_inside_blocks_and_ignores_block_comments(): void {
		$content = '<!-- wp:group --><div><!-- wp:shortcode -->[amazon box="B0SHLFK001"]<!-- /wp:shortcode --><!-- wp:paragraph --><p>See [amazon link="B0SHLFL002"].</p><!-- /wp:paragraph --></div><!-- /wp:group -->'
			. '<!-- wp:shelf/link {"asin":"B0SHLFD201","marketplace":"www.amazon.de"} /--><!-- wp:paragraph --><p>B0SHLFZZZZ</p><!-- /wp:paragraph -->';
		$found = \Shelf\Content_Scanner::scan( $content );
		$this->assertSame( array( 'www.amazon.com' => array( 'B0SHLFK001', 'B0SHLFL002' ) ), $found['products'], 'shelf/link without its link attribute places nothing (Test_Blocks covers the blocks themselves)' );
	}

	public function test_save_post_remembers_products_and_schedules_a_fetch_without_calling_amazon(): void {
		$this->act_as( 'author' );
		$id = wp_insert_post(
			array(
				'post_title'   => 'Store test',
				'post_content' => '[amazon box="B0SHLFK001,B0SHLFL002"] [amazon bestseller="kettle"]',
				'post_status'  => 'draft',
			)
		);
		$records = \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ) );
		$this->assertSame( 'pending', $records['B0SHLFK001']['status'] );
		$this->assertSame( 'pending', $records['B0SHLFL002']['status'] );
		$this->assertSame( 'unknown', $records['B0SHLFM003']['status'] );
		$this->assertNotFalse( wp_next_scheduled( \Shelf\Refresh::SOON_HOOK ) );
		$this->assertSame( array(), self::requests(), 'never inside the request' );
		global $wpdb;
		$this->assertSame( 1, (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . \Shelf\Store_Schema::searches_table() ) );
		wp_delete_post( $id, true );
	}

	public function test_revisions_and_autosaves_are_ignored(): void {
		$id = wp_insert_post( array( 'post_title' => 'r', 'post_content' => 'none', 'post_status' => 'draft' ) );
		$revision = _wp_put_post_revision( array( 'ID' => $id, 'post_content' => '[amazon box="B0SHLFK001"]', 'post_title' => 'r' ) );
		$this->assertIsInt( $revision );
		$this->assertSame( 'unknown', \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001' ) )['B0SHLFK001']['status'] );
		wp_delete_post( $id, true );
	}

	public function test_get_many_is_one_query_and_memoised(): void {
		\Shelf\Store_Registry::remember( 'www.amazon.com', self::synthetic( 30 ) );
		\Shelf\Store::flush_memo();
		global $wpdb;
		$before  = $wpdb->num_queries;
		$records = \Shelf\Store::get_many( 'www.amazon.com', array_merge( self::synthetic( 30 ), array( 'B0SHLFK001', 'bad' ) ) );
		$this->assertSame( 1, $wpdb->num_queries - $before );
		$this->assertCount( 31, $records );
		\Shelf\Store::get_many( 'www.amazon.com', self::synthetic( 5 ) );
		$this->assertSame( 1, $wpdb->num_queries - $before, 'the same page asking again costs nothing' );
	}

	public function test_records_past_their_lifetime_are_never_emitted(): void {
		\Shelf\Store_Registry::remember( 'www.amazon.com', array( 'B0SHLFK001' ) );
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001', 'itemInfo' => array() ) ), 0 );
		$fresh = \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001' ) )['B0SHLFK001'];
		$this->assertSame( 'ok', $fresh['status'] );
		$this->assertSame( 'B0SHLFK001', $fresh['item']['asin'] );

		add_filter( 'shelf_data_lifetime', static fn() => 2 * DAY_IN_SECONDS );
		$this->assertSame( DAY_IN_SECONDS, \Shelf\Settings::lifetime(), 'clamped to Amazon’s 24 hours' );
		$this->offset += DAY_IN_SECONDS + 1;
		\Shelf\Store::flush_memo();
		$old = \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001' ) )['B0SHLFK001'];
		$this->assertNull( $old['item'] );
		$this->assertSame( 'expired', $old['status'] );
		$this->assertGreaterThan( 0, $old['fetched_at'] );
	}

	public function test_shorter_lifetime_setting_is_respected(): void {
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), 0 );
		add_filter( 'shelf_data_lifetime', static fn() => HOUR_IN_SECONDS );
		$this->offset += HOUR_IN_SECONDS + 5;
		\Shelf\Store::flush_memo();
		$this->assertNull( \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001' ) )['B0SHLFK001']['item'] );
	}

	public function test_failed_refresh_keeps_the_last_good_item(): void {
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), 0 );
		\Shelf\Store_Queue::save_errors( 'www.amazon.com', array( 'B0SHLFK001' => array( 'code' => 'shelf_upstream', 'message' => 'down' ) ), 0, false );
		$record = \Shelf\Store::get_many( 'www.amazon.com', array( 'B0SHLFK001' ) )['B0SHLFK001'];
		$this->assertSame( 'B0SHLFK001', $record['item']['asin'] );
		$this->assertSame( 'ok', $record['status'] );
		$this->assertSame( array( 'code' => 'shelf_upstream', 'message' => 'down' ), $record['error'] );
	}

	public function test_search_results_keep_their_order_and_expire(): void {
		\Shelf\Store_Registry::remember_search( 'www.amazon.com', 'bestseller', '  pour   over kettle ', 5 );
		$this->assertNull( \Shelf\Store::get_search( 'www.amazon.com', 'bestseller', 'pour over kettle' ), 'nothing before the first fetch' );
		\Shelf\Store_Queue::save_search( 'www.amazon.com', 'bestseller', 'pour over kettle', array( 'B0SHLFS103', 'B0SHLFS101' ), null, 0 );
		$this->assertSame( array( 'B0SHLFS103', 'B0SHLFS101' ), \Shelf\Store::get_search( 'www.amazon.com', 'bestseller', 'pour over kettle' )['asins'] );
		$this->assertNull( \Shelf\Store::get_search( 'www.amazon.com', 'bad-kind', 'pour over kettle' ) );
		$this->offset += DAY_IN_SECONDS + 1;
		$this->assertNull( \Shelf\Store::get_search( 'www.amazon.com', 'bestseller', 'pour over kettle' ) );
	}

	public function test_claims_are_exclusive(): void {
		\Shelf\Store_Registry::remember( 'www.amazon.com', self::synthetic( 15 ) );
		$a = \Shelf\Store_Queue::claim_due( 'www.amazon.com', 10, 60 );
		$b = \Shelf\Store_Queue::claim_due( 'www.amazon.com', 10, 60 );
		$this->assertCount( 10, $a );
		$this->assertCount( 5, $b );
		$this->assertSame( array(), array_intersect( $a, $b ) );
		$this->assertSame( array(), \Shelf\Store_Queue::claim_due( 'www.amazon.com', 10, 60 ) );
	}

	public function test_the_store_is_not_autoloaded(): void {
		global $wpdb;
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), 0 );
		$autoloaded = $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE 'shelf%' AND autoload IN ( 'yes', 'on', 'auto', 'auto-on' )" );
		$this->assertEqualsCanonicalizing( array( 'shelf_settings', 'shelf_store_schema' ), array_values( array_intersect( $autoloaded, array( 'shelf_settings', 'shelf_store_schema', 'shelf_credentials', 'shelf_credentials_log' ) ) ) );
		$this->assertNotContains( 'shelf_credentials', $autoloaded );
	}

	public function test_uninstall_removes_tables_options_and_cron_events(): void {
		\Shelf\Refresh::ensure_scheduled();
		\Shelf\Refresh::schedule_soon();
		$table = \Shelf\Tables::save( array( 'version' => 1, 'products' => array( 'B0SHLFK001' ) ), 'Uninstall me' );
		$this->assertIsInt( $table );
		\Shelf\Store_Expiry::ensure_scheduled();
		update_option( \Shelf\Aawp_Importer::DONE, time(), false ); // An AAWP import's marker.
		$out  = array();
		$code = 0;
		exec( 'php ' . escapeshellarg( __DIR__ . '/tools/uninstall.php' ) . ' 2>&1', $out, $code );
		$left = json_decode( implode( "\n", $out ), true );
		// Put the site back for the tests that follow.
		\Shelf\Store_Schema::install();
		\Shelf\Refresh::ensure_scheduled();
		\Shelf\Store_Expiry::ensure_scheduled();
		$this->assertSame( 0, $code, implode( "\n", $out ) );
		$this->assertSame( array( 'tables' => array(), 'options' => array(), 'cron' => array(), 'posts' => array(), 'meta' => array() ), $left );
	}

	/**
	 * The object of a class hooked to an action.
	 *
	 * @param string $hook  Hook name.
	 * @param string $class Class name.
	 */
	private function hooked( string $hook, string $class ): object {
		foreach ( $GLOBALS['wp_filter'][ $hook ]->callbacks as $callbacks ) {
			foreach ( $callbacks as $cb ) {
				if ( is_array( $cb['function'] ) && $cb['function'][0] instanceof $class ) {
					return $cb['function'][0];
				}
			}
		}
		$this->fail( "$class is not hooked to $hook" );
	}
}
