<?php
/**
 * REST shelf/v1/admin/preview: who may preview (capability × nonce × which post, over real HTTP,
 * refusals leaking nothing and calling no API), the schema's refusals, attribute names the
 * shortcode does not know, and that the answer is the visitor's placement.
 *
 * @covers \Shelf\Rest_Preview
 */

require_once __DIR__ . '/tools/class-shelf-tables-testcase.php';

class Test_Rest_Preview extends Shelf_Tables_TestCase {

	private const ROUTE = '/shelf/v1/admin/preview';

	/** A product the store knows but has not fetched: an allowed preview fetches it. */
	private const ASIN = 'B0SHLFK001';

	public function test_the_route_has_a_permission_callback_and_a_schema(): void {
		$handlers = rest_get_server()->get_routes( 'shelf/v1' )[ self::ROUTE ];
		$this->assertCount( 1, $handlers );
		$this->assertSame( array( 'POST' => true ), $handlers[0]['methods'] );
		$this->assertIsCallable( $handlers[0]['permission_callback'] );
		$this->assertNotSame( '__return_true', $handlers[0]['permission_callback'] );
		$this->assertSame( array( 'post', 'attributes' ), array_keys( $handlers[0]['args'] ) );
	}

	/**
	 * Every role × no, a wrong and a valid nonce × no post, the user's own draft, an
	 * administrator's published post and a post that does not exist. Refused cells answer
	 * neither markup nor data and call no API.
	 */
	public function test_permission_matrix_over_http(): void {
		$posts = array(
			'no post'              => fn( string $role ): int => 0,
			'own draft'            => fn( string $role ): int => $this->make_post( 'Draft', 'draft', array( 'post_author' => self::uid( $role ) ) ),
			'administrator’s post' => fn( string $role ): int => $this->make_post( 'Published', 'publish', array( 'post_author' => self::uid( 'administrator' ) ) ),
			'no such post'         => fn( string $role ): int => 999999999,
		);
		$can    = array(
			'no post'              => array( 'contributor', 'author', 'editor', 'administrator' ),
			'own draft'            => array( 'contributor', 'author', 'editor', 'administrator' ),
			'administrator’s post' => array( 'editor', 'administrator' ),
			'no such post'         => array(),
		);
		$nonces = array();
		foreach ( self::ROLES as $role ) {
			$nonces[ $role ] = Shelf_Http::nonce( $role );
		}
		$expected = array();
		$actual   = array();
		$leaks    = array();
		foreach ( $posts as $which => $post ) {
			foreach ( self::ROLES as $role ) {
				if ( 'anonymous' === $role && 'own draft' === $which ) {
					continue;
				}
				$id = $post( $role );
				foreach ( array( 'none', 'bad', 'good' ) as $nonce ) {
					$cell    = "$which × $role × $nonce nonce";
					$allowed = 'good' === $nonce && in_array( $role, $can[ $which ], true );
					if ( 'bad' === $nonce ) {
						$expected[ $cell ] = 403; // WordPress rejects a wrong nonce before any route runs.
					} elseif ( $allowed ) {
						$expected[ $cell ] = 200;
					} elseif ( 'anonymous' === $role || 'none' === $nonce ) {
						$expected[ $cell ] = 401; // A cookie without a nonce counts as logged out.
					} else {
						$expected[ $cell ] = 403;
					}
					// Each cell starts with the product known and not fetched, and a fresh limit.
					self::clear_store();
					\Shelf\Store_Registry::remember( 'www.amazon.com', array( self::ASIN ) );
					$calls   = count( self::requests() );
					$headers = array( 'Content-Type: application/json' );
					if ( 'none' !== $nonce ) {
						$headers[] = 'X-WP-Nonce: ' . ( 'good' === $nonce ? $nonces[ $role ] : 'badbadbad0' );
					}
					$body   = array(
						'post'       => $id,
						'attributes' => array(
							'box'   => self::ASIN,
							'title' => 'Secret preview title',
						),
					);
					$answer = Shelf_Http::request( 'POST', '/wp-json' . self::ROUTE, Shelf_Http::cookie( $role ), (string) wp_json_encode( $body ), $headers );

					$actual[ $cell ] = $answer['status'];
					if ( $allowed ) {
						$data = json_decode( $answer['body'], true );
						if ( ! str_contains( (string) ( $data['markup'] ?? '' ), 'shelf-placement' ) || 'Secret preview title' !== ( $data['data']['placements']['p1']['options']['title'] ?? null ) ) {
							$leaks[] = "$cell answered no placement";
						}
					} else {
						foreach ( array( 'Secret preview title', self::ASIN, 'shelf-placement', '"markup"', '"records"', '"placements"' ) as $secret ) {
							if ( str_contains( $answer['body'], $secret ) ) {
								$leaks[] = "$cell answered $secret";
							}
						}
						if ( count( self::requests() ) !== $calls ) {
							$leaks[] = "$cell called the Creators API";
						}
					}
				}
			}
		}
		$this->assertSame( $expected, $actual );
		$this->assertSame( array(), $leaks );
		$this->assertDebugLogEmpty();
	}

	/**
	 * What an allowed preview answers is the visitor's placement: the shortcode's markup and
	 * data block for the same attributes in the same post, plus the fetch it made for the
	 * product it did not have yet.
	 */
	public function test_the_answer_is_the_visitors_placement_and_fetches_an_unknown_product_once(): void {
		\Shelf\Store_Registry::remember( 'www.amazon.com', array( self::ASIN ) );
		$author     = self::login( 'author' );
		$post       = $this->make_post( 'Preview post', 'draft', array( 'post_author' => $author ) );
		$attributes = array( 'box' => self::ASIN, 'title' => 'Our pick', 'style' => 'neon' );
		$response   = self::rest( 'POST', self::ROUTE, array( 'post' => $post, 'attributes' => $attributes ) );
		$this->assertSame( 200, $response->get_status() );
		$answer = self::answer( $response );
		$this->assertSame( array( 'markup', 'data', 'fetch' ), array_keys( $answer ) );
		$this->assertSame( array( 'fetched' => 1, 'error' => null ), $answer['fetch'] );
		$this->assertSame( 1, self::calls( '/catalog/v1/getItems' ) );
		$this->assertNotNull( $answer['data']['records']['www.amazon.com'][ self::ASIN ]['item'], 'the record fetched for this preview' );
		$this->assertStringContainsString( 'style=&quot;neon&quot; is unknown', $answer['markup'], 'the author sees the notices' );

		$GLOBALS['post'] = get_post( $post ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the post a visitor's page renders.
		$visitor         = self::visitor_page( $attributes );
		unset( $GLOBALS['post'] );
		$this->assertSame( $visitor['markup'], $answer['markup'] );
		$this->assertSame( $visitor['data'], wp_json_encode( $response->get_data()['data'] ) );

		$again = self::answer( self::rest( 'POST', self::ROUTE, array( 'post' => $post, 'attributes' => $attributes ) ) );
		$this->assertSame( array( 'fetched' => 0, 'error' => null ), $again['fetch'], 'a fetched product is not fetched again' );
		$this->assertSame( 1, self::calls( '/catalog/v1/getItems' ) );
	}

	/**
	 * A manual product's record has its own shape (no `item` or `status`): its preview renders
	 * it, fetches nothing and logs no PHP warning.
	 */
	public function test_a_manual_product_previews_without_a_fetch_or_a_warning(): void {
		$id     = \Shelf\Manual_Products::save( array( 'title' => 'Hand grinder', 'asin' => 'B0SHLFT009' ) );
		$author = self::login( 'author' );
		$post   = $this->make_post( 'Manual preview', 'draft', array( 'post_author' => $author ) );
		$answer = self::answer( self::rest( 'POST', self::ROUTE, array( 'post' => $post, 'attributes' => array( 'box' => 'B0SHLFT009' ) ) ) );
		wp_delete_post( $id, true );
		$this->assertSame( array( 'fetched' => 0, 'error' => null ), $answer['fetch'] );
		$this->assertSame( 0, self::calls( '/catalog/v1/getItems' ) );
		$this->assertSame( 'Hand grinder', $answer['data']['records']['www.amazon.com']['B0SHLFT009']['manual']['title'] ?? null, 'the manual record' );
		$this->assertDebugLogEmpty();
	}

	/**
	 * @dataProvider provide_refused_bodies
	 * @param array<string, mixed> $body    Request body.
	 * @param string               $message What the answer says.
	 */
	public function test_the_schema_refuses_with_a_clear_message( array $body, string $message ): void {
		self::login( 'editor' );
		$response = self::rest( 'POST', self::ROUTE, $body );
		$this->assertSame( 400, $response->get_status() );
		$this->assertStringContainsString( $message, wp_json_encode( $response->get_data(), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
		$this->assertArrayNotHasKey( 'markup', $response->get_data() );
		$this->assertSame( array(), self::requests(), 'no API call' );
	}

	public static function provide_refused_bodies(): array {
		$many = array( 'box' => self::ASIN );
		for ( $i = 1; $i <= 32; $i++ ) {
			$many[ "extra_$i" ] = 'x';
		}
		return array(
			'33 attributes'          => array( array( 'attributes' => $many ), 'attributes must contain at most 32 properties.' ),
			'a value of 2001 chars'  => array( array( 'attributes' => array( 'box' => self::ASIN, 'title' => str_repeat( 'é', 2001 ) ) ), 'attributes[title] must be at most 2,000 characters long.' ),
			'a number'               => array( array( 'attributes' => array( 'box' => self::ASIN, 'items' => 3 ) ), 'attributes[items] is not of type string.' ),
			'a boolean'              => array( array( 'attributes' => array( 'link' => self::ASIN, 'image' => true ) ), 'attributes[image] is not of type string.' ),
			'null'                   => array( array( 'attributes' => array( 'box' => null ) ), 'attributes[box] is not of type string.' ),
			'a list'                 => array( array( 'attributes' => array( 'box' => array( self::ASIN ) ) ), 'attributes[box] is not of type string.' ),
			'an object'              => array( array( 'attributes' => array( 'box' => array( 'asin' => self::ASIN ) ) ), 'attributes[box] is not of type string.' ),
			'no attributes'          => array( array( 'post' => 0 ), 'Missing parameter(s): attributes' ),
			'attributes not a map'   => array( array( 'attributes' => 'box=B0SHLFK001' ), 'attributes is not of type object.' ),
			'a negative post'        => array( array( 'post' => -1, 'attributes' => array( 'box' => self::ASIN ) ), 'post must be greater than or equal to 0' ),
			'a post that is no ID'   => array( array( 'post' => 'first', 'attributes' => array( 'box' => self::ASIN ) ), 'post is not of type integer.' ),
		);
	}

	public function test_the_limits_themselves_are_allowed(): void {
		self::login( 'contributor' );
		$many = array( 'box' => self::ASIN );
		for ( $i = 1; $i <= 31; $i++ ) {
			$many[ "extra_$i" ] = 'x';
		}
		$this->assertSame( 200, self::rest( 'POST', self::ROUTE, array( 'attributes' => $many ) )->get_status(), '32 attributes' );
		$long = self::rest( 'POST', self::ROUTE, array( 'attributes' => array( 'box' => self::ASIN, 'title' => str_repeat( 'é', 2000 ) ) ) );
		$this->assertSame( 200, $long->get_status(), '2000 characters (not bytes)' );
		$this->assertSame( str_repeat( 'é', 2000 ), self::answer( $long )['data']['placements']['p1']['options']['title'] );
	}

	/**
	 * Attribute names the shortcode does not know are not refused: the preview answers what the
	 * front end renders for a block holding them, the placement with the shortcode's notice
	 * naming them (escaped) for the people who can edit. Numeric names, which no block
	 * attribute can have, are left out as the block's render callback leaves them out.
	 */
	public function test_unknown_attribute_names_are_named_in_the_notice_as_on_the_front_end(): void {
		self::login( 'author' );
		$attributes = array(
			'box'                         => self::ASIN,
			'onclick'                     => 'alert(1)',
			'<img src=x onerror=alert(1)>' => 'x',
			''                            => 'no name',
			'7'                           => 'numeric',
			str_repeat( 'n', 5000 )       => 'long name',
		);
		$response   = self::rest( 'POST', self::ROUTE, array( 'attributes' => $attributes ) );
		$this->assertSame( 200, $response->get_status() );
		$answer = self::answer( $response );
		$this->assertStringContainsString( 'unknown attribute(s) ignored: onclick, &lt;img src=x onerror=alert(1)&gt;, , ' . str_repeat( 'n', 5000 ) . '</span>', $answer['markup'] );
		$this->assertStringContainsString( '<div class="shelf-placement shelf-placement--box" data-shelf-id="p1"', $answer['markup'] );
		$this->assertSame( array( self::ASIN ), $answer['data']['placements']['p1']['asins'] );

		$block = self::visitor_page( array(), '<!-- wp:shelf/box ' . wp_json_encode( $attributes ) . ' /-->' );
		$this->assertSame( $block['markup'], $answer['markup'] );
		$this->assertSame( $block['data'], wp_json_encode( $response->get_data()['data'] ) );
		$this->assertDebugLogEmpty();
	}

	/**
	 * A REST answer's data as a client reads it (JSON objects as arrays).
	 *
	 * @param WP_REST_Response $response Response.
	 * @return array<string, mixed>
	 */
	private static function answer( WP_REST_Response $response ): array {
		return json_decode( (string) wp_json_encode( $response->get_data() ), true );
	}

	/**
	 * A visitor's page holding one placement: the shortcode with these attributes, or some block
	 * markup, on a page of its own: its markup and its data block.
	 *
	 * @param array<string, string> $attributes Shortcode attributes.
	 * @param string|null           $blocks     Block markup instead.
	 * @return array{markup: string, data: string}
	 */
	private static function visitor_page( array $attributes, ?string $blocks = null ): array {
		global $shortcode_tags;
		self::new_page();
		return array(
			'markup' => null === $blocks ? $shortcode_tags['amazon'][0]->render( $attributes ) : do_blocks( $blocks ),
			'data'   => (string) wp_json_encode( self::hooked_placements()->data() ),
		);
	}
}
