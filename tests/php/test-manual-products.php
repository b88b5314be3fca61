<?php
/**
 * Manual products (issue 13): storage and revisions, the records placements hand the core
 * (per-product choice between API and manual data), the no-JS fallback, the Products screen's
 * actions under every capability × nonce combination, and hostile strings through every field.
 *
 * @covers \Shelf\Manual_Products
 * @covers \Shelf\Products_Page
 * @covers \Shelf\Products_Table
 * @covers \Shelf\Placements
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';
require_once __DIR__ . '/tools/trait-shelf-inert.php';

/** Thrown by wp_die() during these tests. */
final class Shelf_Test_Died extends \RuntimeException {}

/** Thrown by a redirect during these tests (before its exit). */
final class Shelf_Test_Redirected extends \RuntimeException {}

class Test_Manual_Products extends Shelf_Api_TestCase {

	use Shelf_Inert;

	/**
	 * Manual products made by the test, deleted after it.
	 *
	 * @var list<int>
	 */
	private array $made = array();

	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		// The screen renders with wp-admin's functions (list tables, submit buttons).
		require_once ABSPATH . 'wp-admin/includes/admin.php';
	}

	protected function setUp(): void {
		parent::setUp();
		\Shelf\Manual_Products::flush_memo();
		add_filter( 'wp_die_handler', array( $this, 'die_handler' ) );
		add_filter( 'wp_redirect', array( $this, 'redirected' ) );
	}

	protected function tearDown(): void {
		remove_filter( 'wp_die_handler', array( $this, 'die_handler' ) );
		remove_filter( 'wp_redirect', array( $this, 'redirected' ) );
		foreach ( $this->made as $id ) {
			wp_delete_post( $id, true );
		}
		$_GET     = array();
		$_POST    = array();
		$_REQUEST = array();
		\Shelf\Manual_Products::flush_memo();
		parent::tearDown();
	}

	/** @return callable wp_die's replacement. */
	public function die_handler(): callable {
		return static function ( $message ): void {
			throw new Shelf_Test_Died( is_string( $message ) ? $message : 'died' );
		};
	}

	/**
	 * @param string $location Redirect target.
	 * @return never
	 */
	public function redirected( $location ) {
		throw new Shelf_Test_Redirected( (string) $location );
	}

	/**
	 * Saves a manual product as an administrator, remembered for clean-up.
	 *
	 * @param array<string, mixed> $fields Fields over valid defaults.
	 */
	private function make( array $fields = array() ): int {
		$user = get_current_user_id();
		$this->act_as( 'administrator' );
		$id = \Shelf\Manual_Products::save( $fields + array( 'title' => 'Hand grinder', 'asin' => 'B0SHLFT001' ) );
		wp_set_current_user( $user );
		$this->assertIsInt( $id, is_wp_error( $id ) ? $id->get_error_message() : '' );
		$this->made[] = $id;
		return $id;
	}

	/** A Products screen wired as the plugin wires it. */
	private function page(): \Shelf\Products_Page {
		return new \Shelf\Products_Page( $this->parts()['refresh'] );
	}

	/**
	 * Runs the screen's request handler; returns 'redirect', 'died' or 'shown' (no change asked).
	 */
	private function handle(): string {
		try {
			$this->page()->handle();
			return 'shown';
		} catch ( Shelf_Test_Redirected $e ) {
			return 'redirect';
		} catch ( Shelf_Test_Died $e ) {
			return 'died';
		}
	}

	public function test_saves_reads_and_validates_a_manual_product(): void {
		$id   = $this->make(
			array(
				'features'   => " Ceramic burrs \n\n Fits in a bag ",
				'rating'     => '4.5',
				'prime'      => '1',
				'buttonText' => 'Check it',
				'buttonUrl'  => 'https://shop.example.net/grinder',
				'notes'      => 'Bought in May',
				'source'     => 'mixed',
			)
		);
		$data = \Shelf\Manual_Products::data( $id );
		$this->assertSame( 'Hand grinder', $data['title'] );
		$this->assertSame( array( 'Ceramic burrs', 'Fits in a bag' ), $data['features'] );
		$this->assertSame( 4.5, $data['rating'] );
		$this->assertTrue( $data['prime'] );
		$this->assertSame( 'mixed', $data['source'] );
		$this->assertSame( $id, \Shelf\Manual_Products::find( 'B0SHLFT001' )['id'] );

		$errors = array(
			array( 'title' => ' ' ),
			array( 'asin' => 'https://www.amazon.com/dp/B0SHLFT001' ),
			array( 'rating' => '5.5' ),
			array( 'buttonUrl' => 'javascript:alert(1)' ),
			array( 'imageId' => $id ),
		);
		foreach ( $errors as $bad ) {
			$this->assertWPError( \Shelf\Manual_Products::save( $bad + array( 'title' => 'x', 'asin' => 'B0SHLFT002' ) ), var_export( $bad, true ) );
		}
		$this->assertWPError( \Shelf\Manual_Products::save( array( 'title' => 'Twin', 'asin' => 'b0shlft001' ) ), 'one manual product per ASIN' );
	}

	/**
	 * @param mixed $value Value.
	 * @param string $message Message.
	 */
	private function assertWPError( $value, string $message = '' ): void {
		$this->assertInstanceOf( \WP_Error::class, $value, $message );
	}

	public function test_an_edit_can_be_undone_through_its_revision(): void {
		$id = $this->make( array( 'features' => 'First' ) );
		$this->act_as( 'administrator' );
		$this->assertSame( $id, \Shelf\Manual_Products::save( array( 'title' => 'Renamed', 'asin' => 'B0SHLFT003', 'features' => 'Second' ), $id ) );
		$this->assertSame( 'B0SHLFT003', \Shelf\Manual_Products::data( $id )['asin'] );
		$revisions = array_values( wp_get_post_revisions( $id, array( 'order' => 'ASC' ) ) );
		$this->assertCount( 2, $revisions );
		wp_restore_post_revision( $revisions[0]->ID );
		\Shelf\Manual_Products::flush_memo();
		$data = \Shelf\Manual_Products::data( $id );
		$this->assertSame( array( 'Hand grinder', 'B0SHLFT001', array( 'First' ) ), array( $data['title'], $data['asin'], $data['features'] ) );
		$this->assertSame( $id, \Shelf\Manual_Products::find( 'B0SHLFT001' )['id'] ?? null, 'the lookup key follows the restore' );
		$this->assertNull( \Shelf\Manual_Products::find( 'B0SHLFT003' ) );
	}

	public function test_records_follow_each_products_choice_when_fresh_api_data_exists(): void {
		$this->make( array( 'asin' => 'B0SHLFK001', 'title' => 'Own kettle', 'features' => 'Own bullet', 'source' => 'api' ) );
		$this->make( array( 'asin' => 'B0SHLFL002', 'title' => 'Own gooseneck', 'source' => 'manual' ) );
		$this->make( array( 'asin' => 'B0SHLFM003', 'title' => 'Own mixed', 'features' => 'Mixed bullet', 'source' => 'mixed' ) );
		$this->make( array( 'asin' => 'B0SHLFT001', 'title' => 'Only manual', 'source' => 'api' ) );
		$asins = array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003', 'B0SHLFT001' );

		// No API data yet: every product shows its manual data.
		$records = \Shelf\Manual_Products::records( \Shelf\Store::get_many( 'www.amazon.com', $asins ) );
		foreach ( $asins as $asin ) {
			$this->assertArrayHasKey( 'manual', $records[ $asin ], $asin );
		}

		\Shelf\Store_Registry::remember( 'www.amazon.com', array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ) );
		$this->parts()['refresh']->run();
		\Shelf\Store::flush_memo();
		$records = \Shelf\Manual_Products::records( \Shelf\Store::get_many( 'www.amazon.com', $asins ) );
		$this->assertSame( 'ok', $records['B0SHLFK001']['status'], '"api": the fresh API data' );
		$this->assertNotSame( 'Own kettle', $records['B0SHLFK001']['item']['itemInfo']['title']['displayValue'] );
		$this->assertSame( 'Own gooseneck', $records['B0SHLFL002']['manual']['title'], '"manual": always the manual data' );
		$mixed = $records['B0SHLFM003'];
		$this->assertSame( 'Own mixed', $mixed['item']['itemInfo']['title']['displayValue'], '"mixed": the owner\'s title' );
		$this->assertSame( array( 'Mixed bullet' ), $mixed['item']['itemInfo']['features']['displayValues'] );
		$this->assertArrayHasKey( 'offersV2', $mixed['item'], '"mixed": the API\'s offer (price) stays' );
		$this->assertSame( 'Only manual', $records['B0SHLFT001']['manual']['title'] );
		$this->assertArrayNotHasKey( 'notes', $records['B0SHLFT001']['manual'], 'notes never leave the server' );
	}

	public function test_every_family_places_a_manual_product_with_its_title_in_the_no_js_fallback(): void {
		$this->make( array( 'title' => 'Hand <b>grinder</b> & co' ) );
		foreach ( array( '[amazon box="B0SHLFT001"]', '[amazon table="B0SHLFT001,B0SHLFK001"]', '[amazon link="B0SHLFT001"]', '[amazon fields="B0SHLFT001" value="button"]' ) as $shortcode ) {
			self::new_page();
			$html = do_shortcode( $shortcode );
			$this->assert_inert( $html, $shortcode );
			$data = json_decode( (string) wp_json_encode( self::hooked_placements()->data() ), true );
			$this->assertSame( 'Hand <b>grinder</b> & co', $data['records']['www.amazon.com']['B0SHLFT001']['manual']['title'] ?? null, $shortcode );
			if ( str_contains( $shortcode, 'box' ) || str_contains( $shortcode, 'table' ) ) {
				$this->assertStringContainsString( '>Hand &lt;b&gt;grinder&lt;/b&gt; &amp; co</a>', $html, $shortcode );
			}
		}
		self::new_page();
	}

	/**
	 * Every row action and the save, for every role, with a valid, a missing and another
	 * object's nonce: only an administrator with the right nonce changes anything.
	 */
	public function test_capability_and_nonce_matrix_of_every_action(): void {
		global $wpdb;
		$table = \Shelf\Store_Schema::products_table();
		foreach ( array( 'administrator', 'editor', 'author', 'contributor', 'subscriber' ) as $role ) {
			foreach ( array( 'valid', 'missing', 'other' ) as $nonce ) {
				$label = "$role, $nonce nonce";
				$id    = $this->make();
				$wpdb->query( $wpdb->prepare( "INSERT INTO {$table} ( marketplace, asin, status, next_at ) VALUES ( 'www.amazon.com', 'B0SHLFK001', 'pending', %d ) ON DUPLICATE KEY UPDATE next_at = VALUES( next_at ), status = 'pending'", time() + DAY_IN_SECONDS ) ); // phpcs:ignore WordPress.DB
				\Shelf\Store::flush_memo();
				$this->act_as( $role );
				$allowed = 'administrator' === $role && 'valid' === $nonce;
				$actions = array(
					'refresh' => array( 'market' => 'www.amazon.com', 'asin' => 'B0SHLFK001' ),
					'trash'   => array( 'id' => $id ),
					'untrash' => array( 'id' => $id ),
					'remove'  => array( 'market' => 'www.amazon.com', 'asin' => 'B0SHLFK001' ),
				);
				foreach ( $actions as $action => $object ) {
					$_GET = array( 'page' => 'shelf-products', 'shelf_action' => $action ) + $object;
					if ( 'missing' !== $nonce ) {
						$for            = 'other' === $nonce ? ( isset( $object['id'] ) ? array( 'id' => $id + 1000 ) : array( 'market' => 'www.amazon.com', 'asin' => 'B0SHLFL002' ) ) : $object;
						$_GET['_wpnonce'] = wp_create_nonce( \Shelf\Products_Page::nonce_action( $action, $for ) );
					}
					$_REQUEST = $_GET;
					$this->assertSame( $allowed ? 'redirect' : 'died', $this->handle(), "$action: $label" );
					$_GET = array();
					$row  = $wpdb->get_row( "SELECT status, checked_at FROM {$table} WHERE marketplace = 'www.amazon.com' AND asin = 'B0SHLFK001'", ARRAY_A ); // phpcs:ignore WordPress.DB
					$post = get_post_status( $id );
					switch ( $action ) {
						case 'refresh':
							$this->assertSame( $allowed ? 'ok' : 'pending', $row['status'], "refresh: $label" );
							break;
						case 'trash':
							$this->assertSame( $allowed ? 'trash' : 'publish', $post, "trash: $label" );
							break;
						case 'untrash':
							$this->assertSame( 'publish', $post, "untrash: $label" );
							break;
						case 'remove':
							$this->assertSame( $allowed, null === $row, "remove: $label" );
							break;
					}
				}
				// The save.
				$_GET  = array( 'page' => 'shelf-products', 'action' => 'edit', 'id' => $id );
				$_POST = array(
					'id'            => $id,
					'shelf_product' => array( 'title' => 'Renamed by ' . $role, 'asin' => 'B0SHLFT001' ),
				);
				if ( 'missing' !== $nonce ) {
					$_POST['_wpnonce'] = wp_create_nonce( \Shelf\Products_Page::nonce_action( 'save', array( 'id' => 'other' === $nonce ? 0 : $id ) ) );
				}
				$_REQUEST = $_POST + $_GET;
				$this->assertSame( $allowed ? 'redirect' : 'died', $this->handle(), "save: $label" );
				\Shelf\Manual_Products::flush_memo();
				$this->assertSame( $allowed ? 'Renamed by ' . $role : 'Hand grinder', \Shelf\Manual_Products::data( $id )['title'], "save: $label" );
				$_POST = array();
				wp_delete_post( $id, true );
				\Shelf\Manual_Products::flush_memo();
			}
		}
	}

	public function test_the_list_shows_each_status_with_its_explanation_and_filters_by_it(): void {
		global $wpdb;
		$table = \Shelf\Store_Schema::products_table();
		$now   = time();
		$item  = static fn( string $asin, string $title ): string => (string) wp_json_encode( array( 'asin' => $asin, 'itemInfo' => array( 'title' => array( 'displayValue' => $title ) ) ) );
		$rows  = array(
			array( 'B0SHLFS001', $item( 'B0SHLFS001', 'Fresh <i>kettle</i>' ), $now - 60, null, 'ok' ),
			array( 'B0SHLFS002', $item( 'B0SHLFS002', 'Old kettle' ), $now - 3 * DAY_IN_SECONDS, null, 'ok' ),
			array( 'B0SHLFS003', null, 0, wp_json_encode( array( 'code' => 'ItemNotAccessible', 'message' => 'The item is not accessible through the API.' ) ), 'unavailable' ),
			array( 'B0SHLFS004', null, 0, wp_json_encode( array( 'code' => 'shelf_no_credential', 'message' => 'No Creators API credential for this store’s region.' ) ), 'error' ),
			array( 'B0SHLFS005', null, 0, null, 'pending' ),
		);
		foreach ( $rows as $r ) {
			$wpdb->insert( $table, array( 'marketplace' => 'www.amazon.de', 'asin' => $r[0], 'item' => $r[1], 'fetched_at' => $r[2], 'error' => $r[3], 'status' => $r[4] ) ); // phpcs:ignore WordPress.DB
		}
		$this->act_as( 'administrator' );
		$expected = array(
			'B0SHLFS001' => '#^Fresh$#',
			'B0SHLFS002' => '#^Stale The data is older than its lifetime#',
			'B0SHLFS003' => '#^Unavailable Amazon reports this item as not available in this store\. The item is not accessible through the API\.$#',
			'B0SHLFS004' => '#^Error The last fetch failed before any data arrived\. No Creators API credential#',
			'B0SHLFS005' => '#^Not fetched yet#',
		);
		$list = $this->list_html( array( 'store' => 'www.amazon.de' ) );
		foreach ( $expected as $asin => $pattern ) {
			$this->assertMatchesRegularExpression( $pattern, self::cell( $list, $asin, 'status' ), $asin );
		}
		$this->assertStringContainsString( 'Fresh &lt;i&gt;kettle&lt;/i&gt;', $list );
		foreach ( array( 'fresh' => 'B0SHLFS001', 'stale' => 'B0SHLFS002', 'unavailable' => 'B0SHLFS003', 'error' => 'B0SHLFS004', 'pending' => 'B0SHLFS005' ) as $status => $asin ) {
			preg_match_all( '#<td class=\'asin column-asin\'[^>]*><code>([A-Z0-9]{10})</code>#', $this->list_html( array( 'store' => 'www.amazon.de', 'status' => $status ) ), $m );
			$this->assertSame( array( $asin ), $m[1], $status );
		}
	}

	/**
	 * The Products list's HTML for some filters.
	 *
	 * @param array<string, string> $filters Query arguments.
	 */
	private function list_html( array $filters ): string {
		$_GET = array( 'page' => 'shelf-products' ) + $filters;
		ob_start();
		$this->page()->render();
		$_GET = array();
		return (string) ob_get_clean();
	}

	/**
	 * One cell's text in the row of an ASIN.
	 *
	 * @param string $html   List HTML.
	 * @param string $asin   ASIN.
	 * @param string $column Column key.
	 */
	private static function cell( string $html, string $asin, string $column ): string {
		foreach ( explode( '<tr', $html ) as $tr ) {
			if ( str_contains( $tr, '<code>' . $asin . '</code>' ) && preg_match( '#<td class=\'' . $column . ' column-' . $column . '\'[^>]*>(.*?)</td>#s', $tr, $m ) ) {
				return trim( (string) preg_replace( '/\s+/', ' ', html_entity_decode( wp_strip_all_tags( str_replace( '<br>', ' ', $m[1] ) ) ) ) );
			}
		}
		return '';
	}

	public function test_the_editors_product_search_lists_manual_products_first_even_when_amazon_fails(): void {
		$this->make( array( 'title' => 'Hand grinder for pour over' ) );
		$this->act_as( 'contributor' );
		$search = function ( string $keywords ): WP_REST_Response {
			// Seconds apart, as an editor types: searches have a share of the request rate.
			$this->offset += 3;
			$request = new WP_REST_Request( 'GET', '/shelf/v1/admin/search' );
			$request->set_query_params( array( 'market' => 'www.amazon.com', 'keywords' => $keywords ) );
			return rest_do_request( $request );
		};
		$answer = $search( 'grinder' );
		$this->assertSame( 200, $answer->get_status() );
		$items = $answer->get_data()['items'];
		$this->assertSame( array( 'B0SHLFT001', 'Hand grinder for pour over', true ), array( $items[0]['asin'], $items[0]['title'], $items[0]['manual'] ) );
		$this->assertSame( 1, count( array_keys( array_column( $items, 'asin' ), 'B0SHLFT001', true ) ), 'listed once' );
		$this->assertSame( 'B0SHLFT001', $search( ' b0shlft001 ' )->get_data()['items'][0]['asin'], 'found by its ASIN too' );

		// Amazon's search fails: the manual match is still the answer, with the reason.
		self::faults( array( 'next' => array( array( 'target' => 'searchItems', 'status' => 400 ) ) ) );
		$failed = $search( 'pour over' );
		$this->assertSame( 200, $failed->get_status() );
		$this->assertSame( array( 'B0SHLFT001' ), array_column( $failed->get_data()['items'], 'asin' ) );
		$this->assertNotSame( '', $failed->get_data()['notice'] );
		// Without a manual match, the failure is the answer.
		self::faults( array( 'next' => array( array( 'target' => 'searchItems', 'status' => 400 ) ) ) );
		$this->assertSame( 502, $search( 'milk frother' )->get_status() );
	}

	public function test_the_screen_itself_needs_the_capability(): void {
		$this->act_as( 'editor' );
		$this->assertSame( 'died', $this->handle() );
		$this->act_as( 'administrator' );
		$this->assertSame( 'shown', $this->handle() );
	}

	/**
	 * Every vector of the corpus through every field: stored as the text typed (control
	 * characters aside), and shown as text in the form, the list, the placeholder's fallback and
	 * the page's data block.
	 */
	public function test_hostile_strings_in_every_field_are_stored_and_shown_as_text(): void {
		$this->act_as( 'administrator' );
		$reference = array(
			'form' => self::structure( $this->form_html( $this->make( array( 'title' => 'Plain', 'features' => 'a', 'buttonText' => 'b', 'notes' => 'c' ) ) ) ),
		);
		wp_delete_post( array_pop( $this->made ), true );
		\Shelf\Manual_Products::flush_memo();
		foreach ( self::vectors() as $i => $vector ) {
			$asin  = sprintf( 'B0X%07d', $i );
			$text  = \Shelf\Manual_Products::text( $vector );
			$title = '' === $text ? 'Untitled' : $vector;
			$id    = \Shelf\Manual_Products::save(
				array(
					'title'      => $title,
					'asin'       => $asin,
					'features'   => array( $vector, 'second' ),
					'buttonText' => $vector,
					'buttonUrl'  => 'https://shop.example.net/?q=' . rawurlencode( $vector ),
					'notes'      => $vector,
				)
			);
			$this->assertIsInt( $id, var_export( $vector, true ) );
			$this->made[] = $id;
			$data         = \Shelf\Manual_Products::data( $id );
			$this->assertSame( \Shelf\Manual_Products::text( $title ), $data['title'], 'stored as typed: ' . var_export( $vector, true ) );
			$this->assertSame( $text, $data['buttonText'] );
			$this->assertSame( \Shelf\Manual_Products::text( $vector, 5000, true ), $data['notes'] );
			$form = $this->form_html( $id );
			$this->assertSame( $reference['form'], self::structure( $form ), 'the form keeps its elements: ' . var_export( $vector, true ) );
			$fields = new WP_HTML_Tag_Processor( $form );
			while ( $fields->next_tag( 'INPUT' ) ) {
				$name = (string) $fields->get_attribute( 'name' );
				if ( in_array( $name, array( 'shelf_product[title]', 'shelf_product[buttonText]' ), true ) ) {
					$this->assertSame( 'shelf_product[title]' === $name ? $data['title'] : $data['buttonText'], $fields->get_attribute( 'value' ), "$name shows, and saves back, as typed: " . var_export( $vector, true ) );
				}
			}

			self::new_page();
			$html = do_shortcode( '[amazon box="' . $asin . '"]' );
			$this->assert_inert( $html, $vector );
			ob_start();
			self::hooked_placements()->print_data();
			$block = (string) ob_get_clean();
			$this->assertSame( 1, preg_match( '#^<script type="application/json" id="shelf-data">([^<>&\']*)</script>\n$#D', $block, $json ), 'the data block stays one inert script' );
			$this->assertSame( $data['title'], json_decode( $json[1], true )['records']['www.amazon.com'][ $asin ]['manual']['title'] );
		}
		self::new_page();
		$_GET = array( 'page' => 'shelf-products', 'source' => 'manual' );
		ob_start();
		$this->page()->render();
		$list = (string) ob_get_clean();
		$tags = new WP_HTML_Tag_Processor( $list );
		while ( $tags->next_tag() ) {
			$this->assertNotContains( $tags->get_tag(), array( 'SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'STYLE', 'BASE', 'META', 'LINK' ), 'the list shows no markup from input' );
			foreach ( $tags->get_attribute_names_with_prefix( 'on' ) ?? array() as $attribute ) {
				$this->fail( "event handler $attribute in the list" );
			}
		}
	}

	/**
	 * The edit form's HTML for a product.
	 *
	 * @param int $id Manual product ID.
	 */
	private function form_html( int $id ): string {
		$_GET = array( 'page' => 'shelf-products', 'action' => 'edit', 'id' => $id );
		ob_start();
		$this->page()->render();
		$_GET = array();
		return (string) ob_get_clean();
	}

	/**
	 * The elements and attribute names of some HTML, in order.
	 *
	 * @param string $html HTML.
	 * @return list<string>
	 */
	private static function structure( string $html ): array {
		$out  = array();
		$tags = new WP_HTML_Tag_Processor( $html );
		while ( $tags->next_tag( array( 'tag_closers' => 'visit' ) ) ) {
			$names = $tags->get_attribute_names_with_prefix( '' ) ?? array();
			sort( $names );
			$out[] = ( $tags->is_tag_closer() ? '/' : '' ) . $tags->get_tag() . '[' . implode( ',', $names ) . ']';
		}
		return $out;
	}
}
