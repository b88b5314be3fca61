<?php
/**
 * S19 on a network (security.md §7.2): Shelf network-activated on a 2-site subdirectory network
 * (site.sh's multisite mode, through tests/php-multisite/run.sh), each site used on its own, then
 * deleted through WordPress's own path. Each step runs as its own request (site-action.php or
 * HTTP); what is left is read straight from the database. The tests run in order, each on the
 * state the one before left.
 */

use PHPUnit\Framework\TestCase;

/**
 * Shelf on a WordPress network, from network activation to uninstall.
 */
final class Shelf_Network_Test extends TestCase {

	/** The second site's path. */
	private const SITE2 = '/site2/';

	public static function setUpBeforeClass(): void {
		if ( ! is_file( getenv( 'SHELF_SITE_DIR' ) . '/wp-config-network.php' ) ) {
			self::fail( 'SHELF_SITE_DIR must name a network: run tests/php-multisite/run.sh' );
		}
	}

	public function test_the_router_serves_each_site_as_subdirectory_rules_do(): void {
		$main = $this->http( '/' )['body'];
		$this->assertStringContainsString( '<title>Shelf test site', $main );
		$this->assertStringNotContainsString( 'Shelf test site 2', $main );
		$this->assertStringContainsString( '<title>Shelf test site 2', $this->http( self::SITE2 )['body'] );
		$css = $this->http( self::SITE2 . 'wp-includes/css/dashicons.min.css' );
		$this->assertSame( 200, $css['status'] );
		$this->assertStringStartsWith( 'text/css', $css['type'] );
		$this->assertSame( file_get_contents( getenv( 'SHELF_SITE_DIR' ) . '/wp-includes/css/dashicons.min.css' ), $css['body'] );
		$this->assertSame( 301, $this->http( '/site2/wp-admin' )['status'] );
		$login = $this->http( self::SITE2 . 'wp-login.php' );
		$this->assertSame( 200, $login['status'] );
		$this->assertStringContainsString( 'action="' . getenv( 'SHELF_SITE_URL' ) . '/site2/wp-login.php"', $login['body'] );
	}

	/**
	 * Network activation runs Shelf's activation on the main site only: every other site gets
	 * its tables, cron events and the scan of the posts it already has on its first request.
	 *
	 * @depends test_the_router_serves_each_site_as_subdirectory_rules_do
	 */
	public function test_network_activation_sets_up_every_site_on_its_first_request(): void {
		$this->act( self::SITE2, 'write-post', '[amazon box="B0SHLFG200"]' );
		$this->assertArrayHasKey( 'shelf/shelf.php', $this->act( '/', 'network-activate' ) );
		$this->assertSame( 200, $this->http( self::SITE2 )['status'] );
		$state = $this->act( self::SITE2, 'state' );
		$this->assertSame( 2, $state['site'] );
		$this->assertEqualsCanonicalizing( array( 'wp_2_shelf_products', 'wp_2_shelf_searches', 'wp_2_shelf_state', 'wp_2_shelf_usage' ), $state['tables'] );
		$this->assertEqualsCanonicalizing( array( 'shelf_refresh', 'shelf_expire', 'shelf_scan_content' ), $state['cron'], 'the scan of existing posts is due on the second site' );
		$this->act( self::SITE2, 'run-cron', 'shelf_scan_content' );
		$this->assertSame( array( 'B0SHLFG200' ), $this->act( self::SITE2, 'state' )['used'], 'the post written before activation is known' );
	}

	/**
	 * @depends test_network_activation_sets_up_every_site_on_its_first_request
	 */
	public function test_each_site_keeps_its_own_settings_and_store(): void {
		$one = $this->act( '/', 'use', 'siteone-20', 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFG103' );
		$this->assertSame( 2, $one['refresh']['items'] );
		sleep( 1 ); // The mock's rate budget: one request a second per credential.
		$two = $this->act( self::SITE2, 'use', 'sitetwo-20', 'B0SHLFG201', 'B0SHLFG202', 'B0SHLFG203' );
		$this->assertSame( 3, $two['refresh']['items'], 'with the product of the post written before activation' );

		$state1 = $this->act( '/', 'state' );
		$state2 = $this->act( self::SITE2, 'state' );
		$this->assertSame( array( 'siteone-20', 'sitetwo-20' ), array( $state1['tag'], $state2['tag'] ) );
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFL002' ), $state1['products'], "the main site's store holds its products only" );
		$this->assertSame( array( 'B0SHLFG200', 'B0SHLFG201', 'B0SHLFG202' ), $state2['products'], "the second site's store holds its products only" );
		$this->assertSame( array( 'siteone-20' ), $this->tags( '/products-of-siteone-20/' ) );
		$this->assertSame( array( 'sitetwo-20' ), $this->tags( '/site2/products-of-sitetwo-20/' ) );

		$this->act( self::SITE2, 'set-tag', 'sitetwo-21' );
		$this->assertSame( 'siteone-20', $this->act( '/', 'state' )['tag'] );
		$this->assertSame( 'sitetwo-21', $this->act( self::SITE2, 'state' )['tag'] );
		$this->assertSame( array( 'siteone-20' ), $this->tags( '/products-of-siteone-20/' ) );
		$this->assertSame( array( 'sitetwo-21' ), $this->tags( '/site2/products-of-sitetwo-20/' ) );
	}

	/**
	 * @depends test_each_site_keeps_its_own_settings_and_store
	 */
	public function test_a_site_made_after_network_activation_gets_shelf_and_its_deletion_drops_shelfs_tables(): void {
		$id = $this->act( '/', 'create-site', 'site3' );
		$this->assertSame( 200, $this->http( '/site3/' )['status'] );
		$state = $this->act( '/site3/', 'state' );
		$this->assertSame( $id, $state['site'] );
		$this->assertCount( 4, $state['tables'] );
		$this->assertEqualsCanonicalizing( array( 'shelf_refresh', 'shelf_expire', 'shelf_scan_content' ), $state['cron'] );

		$this->assertSame( $id, $this->act( '/', 'delete-site', (string) $id ) );
		$this->assertSame( array(), $this->query( "SHOW TABLES LIKE 'wp\\_{$id}\\_%'" ), 'every table of the deleted site is gone' );
	}

	/**
	 * @depends test_a_site_made_after_network_activation_gets_shelf_and_its_deletion_drops_shelfs_tables
	 */
	public function test_uninstall_leaves_nothing_on_any_site_or_the_network(): void {
		$before = $this->leftovers();
		foreach ( array( 'wp_', 'wp_2_' ) as $prefix ) {
			foreach ( array( "table {$prefix}shelf_products", "table {$prefix}shelf_state", "{$prefix}options option shelf_settings", "{$prefix}options option shelf_credentials", "{$prefix}options option _transient_shelf_search_", "{$prefix}options option _transient_shelf_short_", "{$prefix}options cron shelf_refresh", "{$prefix}options cron shelf_expire", "{$prefix}postmeta meta _shelf_table", "{$prefix}postmeta meta _shelf_product" ) as $expected ) {
				$this->assertNotEmpty( array_filter( $before, static fn( $found ) => str_starts_with( $found, $expected ) ), "before uninstall: {$expected}…" );
			}
		}

		$this->assertSame( array(), $this->act( '/', 'network-deactivate' ) );
		$this->assertSame( array(), array_values( array_filter( $this->leftovers(), static fn( $found ) => str_contains( $found, ' cron ' ) ) ), 'network deactivation leaves no Shelf event on any site' );
		$this->assertSame( 'deleted', $this->act( '/', 'delete-plugin' ) );

		$this->assertContains( 'wp_2_options', $this->query( 'SHOW TABLES' ), 'both sites are still there' );
		$this->assertSame( array(), $this->leftovers() );
	}

	/**
	 * Everything in the database named after Shelf: tables, and on every site options (with
	 * transients), cron events, posts and post meta; network options; site and user meta.
	 *
	 * @return list<string>
	 */
	private function leftovers(): array {
		$found = array();
		foreach ( $this->query( 'SHOW TABLES' ) as $table ) {
			if ( str_contains( $table, 'shelf' ) ) {
				$found[] = "table $table";
			}
			if ( preg_match( '/^wp_(?:\d+_)?options$/', $table ) ) {
				foreach ( $this->query( "SELECT option_name FROM `$table` WHERE option_name LIKE '%shelf%'" ) as $name ) {
					$found[] = "$table option $name";
				}
				$cron = unserialize( (string) ( $this->query( "SELECT option_value FROM `$table` WHERE option_name = 'cron'" )[0] ?? '' ), array( 'allowed_classes' => false ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.serialize_unserialize -- WordPress's own cron array, read as WordPress does.
				foreach ( is_array( $cron ) ? $cron : array() as $events ) {
					foreach ( array_keys( is_array( $events ) ? $events : array() ) as $hook ) {
						if ( str_contains( (string) $hook, 'shelf' ) ) {
							$found[] = "$table cron $hook";
						}
					}
				}
			}
			if ( preg_match( '/^wp_(?:\d+_)?postmeta$/', $table ) ) {
				foreach ( $this->query( "SELECT meta_key FROM `$table` WHERE meta_key LIKE '%shelf%'" ) as $key ) {
					$found[] = "$table meta $key";
				}
			}
			if ( preg_match( '/^wp_(?:\d+_)?posts$/', $table ) ) {
				foreach ( $this->query( "SELECT post_type FROM `$table` WHERE post_type LIKE '%shelf%'" ) as $type ) {
					$found[] = "$table post $type";
				}
			}
		}
		foreach ( $this->query( "SELECT meta_key FROM wp_sitemeta WHERE meta_key LIKE '%shelf%' OR ( meta_key = 'active_sitewide_plugins' AND meta_value LIKE '%shelf%' )" ) as $key ) {
			$found[] = "wp_sitemeta $key";
		}
		foreach ( array( 'wp_blogmeta', 'wp_usermeta' ) as $table ) {
			foreach ( $this->query( "SELECT meta_key FROM $table WHERE meta_key LIKE '%shelf%'" ) as $key ) {
				$found[] = "$table $key";
			}
		}
		return $found;
	}

	/**
	 * The first column of a query's rows, straight from MariaDB.
	 *
	 * @param string $sql Query.
	 * @return list<string>
	 */
	private function query( string $sql ): array {
		static $db = null;
		$db ??= new mysqli( 'localhost', 'shelf', 'shelf', 'wordpress', 0, (string) getenv( 'SHELF_DB_SOCKET' ) );
		return array_map( static fn( $row ) => (string) $row[0], $db->query( $sql )->fetch_all() );
	}

	/**
	 * Runs site-action.php: one request's work on the site at PATH.
	 *
	 * @param string $path   Site path.
	 * @param string $action Action.
	 * @param string ...$args Its arguments.
	 * @return mixed The decoded answer.
	 */
	private function act( string $path, string $action, string ...$args ) {
		$out  = array();
		$code = 0;
		exec( implode( ' ', array_map( 'escapeshellarg', array( PHP_BINARY, __DIR__ . '/site-action.php', $path, $action, ...$args ) ) ) . ' 2>&1', $out, $code );
		$this->assertSame( 0, $code, "$path $action: " . implode( "\n", $out ) );
		return json_decode( (string) end( $out ), true, 512, JSON_THROW_ON_ERROR );
	}

	/**
	 * A GET through the PHP server and its router; redirects are not followed.
	 *
	 * @param string $path Path.
	 * @return array{status: int, type: string, body: string}
	 */
	private function http( string $path ): array {
		$curl = curl_init( getenv( 'SHELF_SITE_URL' ) . $path );
		curl_setopt_array( $curl, array( CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30 ) );
		$body = (string) curl_exec( $curl );
		return array(
			'status' => (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE ),
			'type'   => (string) curl_getinfo( $curl, CURLINFO_CONTENT_TYPE ),
			'body'   => $body,
		);
	}

	/**
	 * The tracking IDs in the Amazon links of a page.
	 *
	 * @param string $path Page path.
	 * @return list<string>
	 */
	private function tags( string $path ): array {
		$page = $this->http( $path );
		$this->assertSame( 200, $page['status'], $path );
		// The links as rendered (the records for the browser's renderer keep Amazon's URL as fetched).
		preg_match_all( '/href="https:\/\/www\.amazon\.com\/[^"]*[?&](?:amp;|#038;)?tag=([A-Za-z0-9-]+)/', $page['body'], $m );
		$this->assertNotEmpty( $m[1], "$path has Amazon links" );
		return array_values( array_unique( $m[1] ) );
	}
}
