<?php
/**
 * S16, open redirect, over real HTTP. Shelf has no `/go/` or other redirect endpoint: links go
 * straight to Amazon, built by the core. So: every href of the URL decision table (S5's cases,
 * crate/tests/data/urls.json) given to the paths and parameters a redirect endpoint would use
 * gets no redirect off the site; and Shelf's own admin redirects (the Products screen after an
 * action) stay on the site whatever the request carries.
 */

require_once __DIR__ . '/tools/class-shelf-http.php';

class Test_Open_Redirect extends Shelf_TestCase {

	/**
	 * The host a Location header points to, or null for none.
	 *
	 * @param string $headers Response headers.
	 */
	private static function location_host( string $headers ): ?string {
		if ( ! preg_match( '/^Location:\s*(\S+)/mi', $headers, $m ) ) {
			return null;
		}
		return (string) wp_parse_url( $m[1], PHP_URL_HOST );
	}

	public function test_no_path_or_parameter_redirects_to_a_url_it_was_given(): void {
		$site  = (string) wp_parse_url( home_url(), PHP_URL_HOST );
		$cases = json_decode( (string) file_get_contents( dirname( __DIR__, 2 ) . '/crate/tests/data/urls.json' ), true );
		$hrefs = array_unique( array_merge( array_column( $cases, 'href' ), array( 'https://evil.example/', '//evil.example/', '/\\evil.example/', 'https:evil.example' ) ) );
		$this->assertGreaterThan( 200, count( $hrefs ) );
		foreach ( array_slice( array_values( $hrefs ), -100 ) as $n => $href ) { // The last 100: the crafted cases and the hostile ones.
			$encoded = rawurlencode( $href );
			// One path or parameter per href, in turn: a redirect endpoint would use one of these.
			$paths = array( "/go/$encoded", "/?go=$encoded", "/?shelf_go=$encoded", "/?amazon=$encoded", "/wp-json/shelf/v1/go?url=$encoded", "/?redirect_to=$encoded", "/?rest_route=/shelf/v1/go&url=$encoded" );
			$path  = $paths[ $n % count( $paths ) ];
			$host  = self::location_host( Shelf_Http::request( 'GET', $path )['headers'] );
			$this->assertContains( $host, array( null, $site ), "GET $path" );
		}
	}

	public function test_the_products_screens_redirects_stay_on_the_site(): void {
		$site = (string) wp_parse_url( home_url(), PHP_URL_HOST );
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), time() + HOUR_IN_SECONDS );
		foreach ( array( 'https://evil.example/', '//evil.example/x', 'https://www.amazon.com.evil.example/' ) as $evil ) {
			$object = array(
				'market' => 'www.amazon.com',
				'asin'   => 'B0SHLFK001',
			);
			$nonce  = Shelf_Http::session_nonce( 'administrator', \Shelf\Products_Page::nonce_action( 'refresh', $object ) );
			$query  = http_build_query( array( 'page' => 'shelf-products', 'shelf_action' => 'refresh', '_wpnonce' => $nonce, '_wp_http_referer' => $evil, 'redirect_to' => $evil, 's' => $evil ) + $object );
			$answer = Shelf_Http::request( 'GET', "/wp-admin/admin.php?$query", Shelf_Http::cookie( 'administrator' ), null, array( 'Referer: ' . $evil ) );
			$this->assertSame( 302, $answer['status'], $evil );
			$this->assertSame( $site, self::location_host( $answer['headers'] ), $evil );
		}
		$this->assertDebugLogEmpty();
	}
}
