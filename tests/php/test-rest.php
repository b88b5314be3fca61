<?php
/**
 * REST shelf/v1: the public routes' behaviour and the permission matrix (S11) over real HTTP:
 * anonymous / subscriber / contributor / author / editor / administrator × no nonce / bad nonce /
 * good nonce, where exactly the documented cells succeed.
 *
 * @covers \Shelf\Rest
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';
require_once __DIR__ . '/tools/class-shelf-http.php';

class Test_Rest extends Shelf_Api_TestCase {

	private const ROLES = array( 'anonymous', 'subscriber', 'contributor', 'author', 'editor', 'administrator' );

	public function test_every_route_is_in_shelf_namespace_with_permission_callback_and_args(): void {
		$routes = rest_get_server()->get_routes( 'shelf/v1' );
		$this->assertGreaterThanOrEqual( 7, count( $routes ) );
		foreach ( $routes as $route => $handlers ) {
			if ( '/shelf/v1' === $route ) {
				continue;
			}
			foreach ( $handlers as $handler ) {
				$this->assertIsCallable( $handler['permission_callback'], $route );
				$this->assertArrayHasKey( 'args', $handler, $route );
				if ( '__return_true' === $handler['permission_callback'] ) {
					$this->assertContains( $route, array( '/shelf/v1/products', '/shelf/v1/geo' ), 'only the documented public routes' );
				}
			}
		}
	}

	public function test_products_returns_known_products_only_from_the_store(): void {
		$this->make_post( '[amazon box="B0SHLFK001,B0SHLFL002"]' );
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), time() + HOUR_IN_SECONDS );
		$response = $this->get_products( 'B0SHLFK001,b0shlfl002,B0SHLFZZZZ' );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( array( 'records' ), array_keys( $response->get_data() ) );
		$data = (array) $response->get_data()['records'];
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002' ), array_keys( $data ) );
		$this->assertSame( 'B0SHLFK001', $data['B0SHLFK001']['item']['asin'] );
		$this->assertSame( array( 'item', 'fetchedAt', 'asOf', 'status' ), array_keys( $data['B0SHLFK001'] ), 'the Public_Record shape' );
		$this->assertSame( 'ok', $data['B0SHLFK001']['status'] );
		$this->assertGreaterThan( 0, $data['B0SHLFK001']['fetchedAt'] );
		$this->assertSame( array( 'item' => null, 'fetchedAt' => 0, 'asOf' => '', 'status' => 'pending' ), $data['B0SHLFL002'] );
		$this->assertMatchesRegularExpression( '/^public, max-age=\d+$/', $response->get_headers()['Cache-Control'] );
		$this->assertSame( array(), self::requests(), 'never calls Amazon, even for unfetched products' );
	}

	public function test_products_cache_lifetime_is_at_most_an_hour_and_within_the_data_lifetime(): void {
		add_filter( 'shelf_products_max_age', static fn() => 99999 );
		$this->make_post( '[amazon box="B0SHLFK001,B0SHLFL002"]' );
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), 0 );
		$this->assertSame( 'public, max-age=3600', $this->get_products( 'B0SHLFK001' )->get_headers()['Cache-Control'] );
		$this->offset += DAY_IN_SECONDS - 100;
		\Shelf\Store::flush_memo();
		$age = (int) substr( $this->get_products( 'B0SHLFK001' )->get_headers()['Cache-Control'], 22 );
		$this->assertLessThanOrEqual( 100, $age, 'a CDN never serves the record past 24 h' );
		$this->assertSame( 'public, max-age=60', $this->get_products( 'B0SHLFL002' )->get_headers()['Cache-Control'], 'no data yet: cached briefly' );
	}

	public function test_r6_products_past_24_hours_carry_no_item(): void {
		$this->make_post( '[amazon box="B0SHLFK001"]' );
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), 0 );
		self::faults( array( 'rules' => array( array( 'target' => 'catalog', 'status' => 500 ) ) ) );
		$this->offset += DAY_IN_SECONDS + 60;
		$this->parts()['refresh']->run();
		\Shelf\Store::flush_memo();
		$response = $this->get_products( 'B0SHLFK001' );
		$record   = (array) $response->get_data()['records'];
		$this->assertNull( $record['B0SHLFK001']['item'] );
		$this->assertSame( 'expired', $record['B0SHLFK001']['status'] );
		$this->assertSame( array( 'item', 'fetchedAt', 'asOf', 'status' ), array_keys( $record['B0SHLFK001'] ) );
		$json = (string) wp_json_encode( rest_get_server()->response_to_data( $response, false ) );
		$this->assertStringNotContainsString( 'shelf_upstream', $json, 'no upstream error in a public answer' );
		$this->assertStringNotContainsString( 'did not answer', $json );
	}

	public function test_products_records_is_a_json_object_even_when_empty(): void {
		$response = $this->get_products( 'B0SHLFZZZZ' );
		$this->assertSame( '{"records":{}}', wp_json_encode( rest_get_server()->response_to_data( $response, false ) ) );
		$http = Shelf_Http::request( 'GET', '/wp-json/shelf/v1/products?market=www.amazon.com&asins=B0SHLFZZZZ' );
		$this->assertSame( 200, $http['status'] );
		$this->assertSame( '{"records":{}}', $http['body'] );
		$this->assertDebugLogEmpty();
	}

	/**
	 * Item 4: WordPress applies `_fields`, `_embed`, `_envelope`, `_method` (and `_jsonp`) to every
	 * REST answer after the route ran; `_fields` on the old `(object)` answer of /products was a
	 * TypeError (a 500 and ~3 KB in debug.log per anonymous request). Every route, public and
	 * admin, over real HTTP, with each of them.
	 */
	public function test_every_route_survives_wordpress_global_parameters_over_http(): void {
		$this->make_post( '[amazon box="B0SHLFK001"]' );
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), time() + HOUR_IN_SECONDS );
		// The search goes first: its first call reaches Amazon while the budget is unused, the
		// others come from its cache (back-to-back searches have their own tests).
		$routes = array(
			'search'          => array( 'GET', '/shelf/v1/admin/search?market=www.amazon.com&keywords=kettle', null, 'items' ),
			'products'        => array( 'GET', '/shelf/v1/products?market=www.amazon.com&asins=B0SHLFK001', null, 'records' ),
			'geo'             => array( 'GET', '/shelf/v1/geo', null, 'country' ),
			'status'          => array( 'GET', '/shelf/v1/admin/status', null, 'regions' ),
			'validate-tag'    => array( 'POST', '/shelf/v1/admin/validate-tag', array( 'market' => 'www.amazon.com', 'tag' => 'shelftest-20' ), 'valid' ),
			'refresh'         => array( 'POST', '/shelf/v1/admin/refresh', array(), 'items' ),
			'test-connection' => array( 'POST', '/shelf/v1/admin/test-connection', array( 'market' => 'www.amazon.com' ), 'message' ),
		);
		$cookie   = Shelf_Http::cookie( 'administrator' );
		$nonce    = Shelf_Http::nonce( 'administrator' );
		$failures = array();
		foreach ( $routes as $name => [ $method, $path, $body, $field ] ) {
			$other   = 'GET' === $method ? 'POST' : 'GET';
			$globals = array(
				'_fields=x'              => 200,
				'_fields=' . $field      => 200,
				'_fields=' . $field . '.x,' . $field => 200,
				'_embed'                 => 200,
				'_embed=author'          => 200,
				'_envelope'              => 200,
				'_envelope&_fields=x'    => 200,
				'_method=' . $other      => 404, // No route of Shelf answers the other method.
				'_method=' . $method     => 200,
				'_jsonp=shelfCallback'   => 200,
			);
			foreach ( array( 'anonymous', 'administrator' ) as $who ) {
				foreach ( $globals as $global => $status ) {
					$headers = array( 'Content-Type: application/json' );
					if ( 'administrator' === $who ) {
						$headers[] = 'X-WP-Nonce: ' . $nonce;
					} elseif ( 'public' !== $this->route_access( $name ) ) {
						$status = str_starts_with( $global, '_method=' . $other ) ? 404 : 401;
					}
					if ( str_starts_with( $global, '_envelope' ) ) {
						$status = 200; // The envelope always answers 200 and carries the status inside.
					}
					$answer = Shelf_Http::request( $method, '/wp-json' . $path . ( str_contains( $path, '?' ) ? '&' : '?' ) . $global, 'administrator' === $who ? $cookie : '', null === $body ? null : (string) wp_json_encode( $body ), $headers );
					$json   = str_starts_with( $global, '_jsonp' ) ? preg_replace( '/^\/\*\*\/shelfCallback\((.*)\)$/s', '$1', $answer['body'] ) : $answer['body'];
					if ( $status !== $answer['status'] || ! is_array( json_decode( (string) $json, true ) ) ) {
						$failures[] = "$name as $who with $global: HTTP {$answer['status']} (expected $status) " . substr( $answer['body'], 0, 200 );
					}
				}
			}
		}
		$this->assertSame( array(), $failures );
		// The public answer, trimmed by WordPress, keeps its shape.
		$answer = Shelf_Http::request( 'GET', '/wp-json/shelf/v1/products?market=www.amazon.com&asins=B0SHLFK001&_fields=records' );
		$this->assertSame( array( 'item', 'fetchedAt', 'asOf', 'status' ), array_keys( json_decode( $answer['body'], true )['records']['B0SHLFK001'] ) );
		$this->assertDebugLogEmpty();
	}

	/**
	 * Item 11: a CDN caches a public GET by its URL, so nothing but the query string may shape
	 * the answer. WordPress merges a JSON body over the query (and validates the merged value).
	 */
	public function test_public_routes_read_only_the_query_string_over_http(): void {
		$this->make_post( '[amazon box="B0SHLFK001"]' );
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), time() + HOUR_IN_SECONDS );
		\Shelf\Store_Queue::save_items( 'www.amazon.de', array( 'B0SHLFL002' => array( 'asin' => 'B0SHLFL002' ) ), time() + HOUR_IN_SECONDS );
		$url  = '/wp-json/shelf/v1/products?market=www.amazon.com&asins=B0SHLFK001';
		$json = array( 'Content-Type: application/json' );

		$plain  = Shelf_Http::request( 'GET', $url );
		$shaped = Shelf_Http::request( 'GET', $url, '', (string) wp_json_encode( array( 'market' => 'www.amazon.de', 'asins' => 'B0SHLFL002' ) ), $json );
		$this->assertSame( 200, $shaped['status'] );
		$this->assertStringContainsString( 'B0SHLFK001', $shaped['body'], 'the body changes neither market nor ASINs' );
		$this->assertStringNotContainsString( 'B0SHLFL002', $shaped['body'] );
		$this->assertSame( $plain['body'], $shaped['body'] );
		$this->assertSame( array( 'B0SHLFK001' ), array_keys( json_decode( $shaped['body'], true )['records'] ) );

		// A valid body must not smuggle an invalid query past WordPress's validation.
		$smuggled = Shelf_Http::request( 'GET', '/wp-json/shelf/v1/products?market=www.amazon.com&asins=' . implode( ',', self::synthetic( 60 ) ), '', (string) wp_json_encode( array( 'asins' => 'B0SHLFK001' ) ), $json );
		$this->assertSame( 400, $smuggled['status'] );
		$missing = Shelf_Http::request( 'GET', '/wp-json/shelf/v1/products?market=www.amazon.com', '', (string) wp_json_encode( array( 'asins' => 'B0SHLFK001' ) ), $json );
		$this->assertSame( 400, $missing['status'] );

		// WordPress itself still reads `_fields` from a JSON body: such an answer is never cached publicly.
		$trimmed = Shelf_Http::request( 'GET', $url, '', (string) wp_json_encode( array( '_fields' => 'x' ) ), $json );
		$this->assertMatchesRegularExpression( '/^Cache-Control: no-store\r?$/mi', $trimmed['headers'] );
		$this->assertMatchesRegularExpression( '/^Cache-Control: public, max-age=\d+\r?$/mi', $plain['headers'] );

		$geo = Shelf_Http::request( 'GET', '/wp-json/shelf/v1/geo', '', (string) wp_json_encode( array( 'country' => 'DE' ) ), array_merge( $json, array( 'CF-IPCountry: FR' ) ) );
		$this->assertSame( '{"country":"FR"}', $geo['body'] );
		$this->assertMatchesRegularExpression( '/^Cache-Control: no-store\r?$/mi', $geo['headers'] );
		$this->assertDebugLogEmpty();
	}

	public function test_products_read_only_the_query_string_in_process(): void {
		$this->make_post( '[amazon box="B0SHLFK001"]' );
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), time() + HOUR_IN_SECONDS );
		\Shelf\Store_Queue::save_items( 'www.amazon.de', array( 'B0SHLFL002' => array( 'asin' => 'B0SHLFL002' ) ), time() + HOUR_IN_SECONDS );
		$request = new WP_REST_Request( 'GET', '/shelf/v1/products' );
		$request->set_query_params( array( 'market' => 'www.amazon.com', 'asins' => 'B0SHLFK001' ) );
		$request->set_header( 'Content-Type', 'application/json' );
		$request->set_body( (string) wp_json_encode( array( 'market' => 'www.amazon.de', 'asins' => 'B0SHLFL002' ) ) );
		$response = rest_do_request( $request );
		$json     = (string) wp_json_encode( $response->get_data() );
		$this->assertStringContainsString( 'B0SHLFK001', $json );
		$this->assertStringNotContainsString( 'B0SHLFL002', $json );
		$this->assertSame( 'no-store', $response->get_headers()['Cache-Control'] );
	}

	/**
	 * @dataProvider provide_bad_product_queries
	 */
	public function test_products_rejects_bad_arguments( array $query ): void {
		$request = new WP_REST_Request( 'GET', '/shelf/v1/products' );
		$request->set_query_params( $query );
		$this->assertSame( 400, rest_do_request( $request )->get_status() );
	}

	public static function provide_bad_product_queries(): array {
		$fifty_one = implode( ',', array_fill( 0, 51, 'B0SHLFK001' ) );
		return array(
			'missing asins'       => array( array( 'market' => 'www.amazon.com' ) ),
			'missing market'      => array( array( 'asins' => 'B0SHLFK001' ) ),
			'unknown market'      => array( array( 'market' => 'evil.example', 'asins' => 'B0SHLFK001' ) ),
			'51 asins'            => array( array( 'market' => 'www.amazon.com', 'asins' => $fifty_one ) ),
			'not an asin'         => array( array( 'market' => 'www.amazon.com', 'asins' => 'B0SHLF"><x' ) ),
			'trailing separator'  => array( array( 'market' => 'www.amazon.com', 'asins' => 'B0SHLFK001,' ) ),
		);
	}

	public function test_geo_reads_cdn_headers_and_is_never_cached(): void {
		$this->assertSame( array( 'country' => 'DE' ), $this->geo( array( 'CF-IPCountry' => 'de' ) )->get_data() );
		$this->assertSame( array( 'country' => 'JP' ), $this->geo( array( 'CloudFront-Viewer-Country' => 'JP' ) )->get_data() );
		$this->assertSame( array( 'country' => null ), $this->geo( array( 'CF-IPCountry' => 'XX' ) )->get_data() );
		$this->assertSame( array( 'country' => null ), $this->geo( array( 'CF-IPCountry' => '<script>' ) )->get_data() );
		$this->assertSame( array( 'country' => null ), $this->geo( array() )->get_data() );
		$this->assertSame( 'no-store', $this->geo( array() )->get_headers()['Cache-Control'] );
		add_filter( 'shelf_geo_headers', static fn() => array( 'X-My-Country' ) );
		$this->assertSame( array( 'country' => 'FR' ), $this->geo( array( 'X-My-Country' => 'FR', 'CF-IPCountry' => 'DE' ) )->get_data() );
	}

	public function test_validate_tag_applies_the_server_rule_only(): void {
		$this->act_as( 'administrator' );
		$ok = $this->post( '/shelf/v1/admin/validate-tag', array( 'market' => 'www.amazon.de', 'tag' => ' mysite-21 ' ) )->get_data();
		$this->assertSame( array( 'valid' => true, 'tag' => 'mysite-21', 'market' => 'www.amazon.de' ), $ok );
		// Suffix warnings are the core's (in the browser), not the server's.
		$this->assertTrue( $this->post( '/shelf/v1/admin/validate-tag', array( 'market' => 'www.amazon.de', 'tag' => 'mysite-20' ) )->get_data()['valid'] );
		$this->assertFalse( $this->post( '/shelf/v1/admin/validate-tag', array( 'market' => 'www.amazon.de', 'tag' => 'My Site&tag=x' ) )->get_data()['valid'] );
		$this->assertSame( 400, $this->post( '/shelf/v1/admin/validate-tag', array( 'market' => 'www.evil.test', 'tag' => 'x' ) )->get_status() );
	}

	public function test_refresh_now_and_status(): void {
		$this->act_as( 'administrator' );
		\Shelf\Store_Registry::remember( 'www.amazon.com', array( 'B0SHLFK001' ) );
		add_filter( 'shelf_api_rate', static fn() => 50 );
		$summary = $this->post( '/shelf/v1/admin/refresh', array() )->get_data();
		$this->assertSame( 1, $summary['items'] );
		$status = rest_do_request( new WP_REST_Request( 'GET', '/shelf/v1/admin/status' ) )->get_data();
		$this->assertGreaterThan( 0, $status['last_success'] );
		$this->assertSame( 1, $status['store']['by_status']['ok'] );
		$this->assertSame( 1, $status['regions'][0]['requests_today'] );
	}

	public function test_permission_matrix_over_http(): void {
		\Shelf\Store_Registry::remember( 'www.amazon.com', array( 'B0SHLFK001' ) );
		// Searches come from the cache: the refresh and connection test just before them used the
		// budget, and back-to-back searches have their own tests.
		\Shelf\Search_Cache::put( 'www.amazon.com', 'kettle', array() );
		$routes = array(
			'products'        => array( 'GET', '/shelf/v1/products?market=www.amazon.com&asins=B0SHLFK001', null, 'public' ),
			'geo'             => array( 'GET', '/shelf/v1/geo', null, 'public' ),
			'status'          => array( 'GET', '/shelf/v1/admin/status', null, 'manage_options' ),
			'validate-tag'    => array( 'POST', '/shelf/v1/admin/validate-tag', array( 'market' => 'www.amazon.com', 'tag' => 'shelftest-20' ), 'manage_options' ),
			'refresh'         => array( 'POST', '/shelf/v1/admin/refresh', array(), 'manage_options' ),
			'test-connection' => array( 'POST', '/shelf/v1/admin/test-connection', array( 'market' => 'www.amazon.com' ), 'manage_options' ),
			'search'          => array( 'GET', '/shelf/v1/admin/search?market=www.amazon.com&keywords=kettle', null, 'edit_posts' ),
		);
		$can = array(
			'public'         => self::ROLES,
			'manage_options' => array( 'administrator' ),
			'edit_posts'     => array( 'contributor', 'author', 'editor', 'administrator' ),
		);
		$nonces = array();
		foreach ( self::ROLES as $role ) {
			$nonces[ $role ] = Shelf_Http::nonce( $role );
		}
		$expected = array();
		$actual   = array();
		$public   = 0;
		foreach ( $routes as $name => [ $method, $path, $body, $needs ] ) {
			foreach ( self::ROLES as $role ) {
				foreach ( array( 'none', 'bad', 'good' ) as $nonce ) {
					$headers = array( 'Content-Type: application/json' );
					if ( 'none' !== $nonce ) {
						$headers[] = 'X-WP-Nonce: ' . ( 'good' === $nonce ? $nonces[ $role ] : 'badbadbad0' );
					}
					$cell = "$name × $role × $nonce nonce";
					if ( 'bad' === $nonce ) {
						$expected[ $cell ] = 403; // WordPress rejects a wrong nonce before any route runs.
					} elseif ( in_array( $role, $can[ $needs ], true ) && ( 'public' === $needs || 'good' === $nonce ) ) {
						$expected[ $cell ] = 200;
					} elseif ( 'anonymous' === $role || 'none' === $nonce ) {
						$expected[ $cell ] = 401; // A cookie without a nonce counts as logged out.
					} else {
						$expected[ $cell ] = 403;
					}
					$before          = 'public' === $needs ? count( self::requests() ) : 0;
					$actual[ $cell ] = Shelf_Http::request( $method, '/wp-json' . $path, Shelf_Http::cookie( $role ), null === $body ? null : (string) wp_json_encode( $body ), $headers )['status'];
					if ( 'public' === $needs ) {
						$public += count( self::requests() ) - $before;
					}
				}
			}
		}
		$this->assertSame( $expected, $actual );
		$this->assertSame( 0, $public, 'public routes make no Creators API calls' );
	}

	/**
	 * Who may call a route of the matrix below.
	 *
	 * @param string $name Route name.
	 */
	private function route_access( string $name ): string {
		return in_array( $name, array( 'products', 'geo' ), true ) ? 'public' : 'admin';
	}

	/**
	 * GET /products in-process, as an anonymous visitor.
	 *
	 * @param string $asins ASIN list.
	 */
	private function get_products( string $asins ): WP_REST_Response {
		wp_set_current_user( 0 );
		$request = new WP_REST_Request( 'GET', '/shelf/v1/products' );
		$request->set_query_params( array( 'market' => 'www.amazon.com', 'asins' => $asins ) );
		return rest_do_request( $request );
	}

	/**
	 * GET /geo in-process with headers.
	 *
	 * @param array<string, string> $headers Headers.
	 */
	private function geo( array $headers ): WP_REST_Response {
		$request = new WP_REST_Request( 'GET', '/shelf/v1/geo' );
		foreach ( $headers as $name => $value ) {
			$request->set_header( $name, $value );
		}
		return rest_do_request( $request );
	}

	/**
	 * A POST in-process.
	 *
	 * @param string $route  Route.
	 * @param array  $params Body.
	 */
	private function post( string $route, array $params ): WP_REST_Response {
		$request = new WP_REST_Request( 'POST', $route );
		$request->set_body_params( $params );
		return rest_do_request( $request );
	}
}
