<?php
/**
 * S12, admin-ajax.php and admin-post.php, and every state change Shelf makes outside REST, over
 * real HTTP: Shelf hooks no `wp_ajax_*`/`admin_post_*` action (its browser calls are REST routes,
 * S11); posting Shelf's own forms and action names to admin-ajax.php and admin-post.php changes
 * nothing for any role; and each state-changing admin request — the settings (options.php), the
 * Products screen's row actions and its save — succeeds only for an administrator with a valid
 * nonce: anonymous / subscriber / contributor / author / editor / administrator × no nonce,
 * a made-up nonce, another action's nonce, a valid one. (The AAWP import's matrix:
 * Test_Import_Aawp_Access.)
 */

require_once __DIR__ . '/tools/class-shelf-http.php';

class Test_Admin_Entry_Points extends Shelf_TestCase {

	private const ROLES = array( 'anonymous', 'subscriber', 'contributor', 'author', 'editor', 'administrator' );

	/** A must-use plugin that lists the admin-ajax/admin-post hooks and where they are defined. */
	private string $mu_plugin = '';

	protected function tearDown(): void {
		if ( '' !== $this->mu_plugin && is_file( $this->mu_plugin ) ) {
			unlink( $this->mu_plugin );
		}
		parent::tearDown();
	}

	/**
	 * What a forged or unauthorised request could change, read from the database itself (the
	 * test's own caches do not see the site's writes).
	 *
	 * @return array<string, mixed>
	 */
	private static function state(): array {
		global $wpdb;
		$products = \Shelf\Store_Schema::products_table();
		return array(
			'options'  => $wpdb->get_results( "SELECT option_name, option_value FROM {$wpdb->options} WHERE option_name IN ( 'shelf_settings', 'shelf_credentials' ) ORDER BY option_name", ARRAY_A ), // phpcs:ignore WordPress.DB
			'products' => $wpdb->get_results( "SELECT marketplace, asin, status, checked_at FROM {$products} ORDER BY marketplace, asin", ARRAY_A ), // phpcs:ignore WordPress.DB
			'manual'   => $wpdb->get_results( "SELECT ID, post_title, post_status FROM {$wpdb->posts} WHERE post_type = 'shelf_product' ORDER BY ID", ARRAY_A ), // phpcs:ignore WordPress.DB
		);
	}

	/**
	 * The nonce a case sends: none, made up, valid for another action, or valid.
	 *
	 * @param string $role   Role.
	 * @param string $kind   none, made-up, other or valid.
	 * @param string $action The nonce action the request needs.
	 */
	private static function nonce_for( string $role, string $kind, string $action ): ?string {
		if ( 'none' === $kind || 'anonymous' === $role ) {
			return 'none' === $kind ? null : 'a1b2c3d4e5';
		}
		return match ( $kind ) {
			'made-up' => 'a1b2c3d4e5',
			'other'   => Shelf_Http::session_nonce( $role, 'shelf-other-action' ),
			default   => Shelf_Http::session_nonce( $role, $action ),
		};
	}

	public function test_shelf_hooks_no_admin_ajax_or_admin_post_action(): void {
		$this->mu_plugin = getenv( 'SHELF_SITE_DIR' ) . '/wp-content/mu-plugins/shelf-test-hook-audit.php';
		file_put_contents(
			$this->mu_plugin,
			<<<'PHP'
<?php
add_action( 'admin_init', static function () {
	if ( ! isset( $_GET['shelf-hook-audit'] ) ) { return; }
	$found = array( 'hooks' => 0, 'shelf' => array() );
	foreach ( $GLOBALS['wp_filter'] as $hook => $filter ) {
		if ( ! preg_match( '/^(wp_ajax_|wp_ajax_nopriv_|admin_post_|admin_post_nopriv_)/', $hook ) ) { continue; }
		foreach ( $filter->callbacks as $callbacks ) {
			foreach ( $callbacks as $callback ) {
				++$found['hooks'];
				$f = $callback['function'];
				try {
					$r = is_array( $f ) ? new ReflectionMethod( $f[0], $f[1] ) : ( is_string( $f ) && str_contains( $f, '::' ) ? new ReflectionMethod( $f ) : new ReflectionFunction( $f ) );
				} catch ( ReflectionException $e ) {
					continue; // A core function its entry file defines later: not Shelf's.
				}
				if ( str_contains( (string) $r->getFileName(), '/plugins/shelf/' ) ) { $found['shelf'][] = $hook; }
			}
		}
	}
	wp_send_json( $found );
}, PHP_INT_MAX );
PHP
		);
		foreach ( array( 'anonymous', 'administrator' ) as $role ) {
			foreach ( array( 'admin-ajax.php', 'admin-post.php' ) as $entry ) {
				$answer = Shelf_Http::request( 'GET', "/wp-admin/$entry?action=shelf-hook-audit&shelf-hook-audit=1", Shelf_Http::cookie( $role ) );
				$found  = json_decode( $answer['body'], true );
				$this->assertIsArray( $found, "$entry as $role: " . $answer['body'] );
				$this->assertGreaterThan( 5, $found['hooks'], "$entry as $role: WordPress's own handlers are seen, so Shelf's would be" );
				$this->assertSame( array(), $found['shelf'], "$entry as $role: Shelf hooks no admin-ajax/admin-post action" );
			}
		}
	}

	public function test_shelf_forms_and_action_names_posted_to_admin_ajax_and_admin_post_change_nothing(): void {
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), time() + HOUR_IN_SECONDS );
		$manual = \Shelf\Manual_Products::save( array( 'title' => 'Entry point', 'asin' => 'B0SHLFT010' ) );
		$before = self::state();
		$fields = array(
			'option_page'                                 => 'shelf',
			'shelf_settings[tracking_ids][www.amazon.com]' => 'forged-20',
			'shelf_credentials[NA][id]'                   => 'forged-id',
			'shelf_product[title]'                        => 'Forged',
			'market'                                      => 'www.amazon.com',
			'asin'                                        => 'B0SHLFK001',
			'id'                                          => (string) $manual,
		);
		$names = array( 'shelf', 'shelf_refresh', 'shelf_remove', 'shelf_save', 'shelf_import', 'update' );
		foreach ( self::ROLES as $role ) {
			foreach ( array( 'none', 'made-up', 'valid' ) as $kind ) {
				foreach ( $names as $name ) {
					foreach ( array( 'admin-ajax.php', 'admin-post.php' ) as $entry ) {
						$body   = $fields + array( 'action' => $name ) + ( null === ( $n = self::nonce_for( $role, $kind, 'shelf-options' ) ) ? array() : array( '_wpnonce' => $n ) );
						$answer = Shelf_Http::request( 'POST', "/wp-admin/$entry", Shelf_Http::cookie( $role ), http_build_query( $body ), array( 'Content-Type: application/x-www-form-urlencoded' ) );
						$label  = "$entry action=$name as $role, $kind nonce";
						$this->assertContains( $answer['status'], array( 200, 302, 400 ), $label );
						$this->assertNotSame( '1', trim( $answer['body'] ), $label );
					}
				}
				$this->assertSame( $before, self::state(), "$role, $kind nonce: nothing changed" );
			}
		}
		wp_delete_post( $manual, true );
		$this->assertDebugLogEmpty();
	}

	public function test_the_settings_change_only_for_an_administrator_with_a_valid_nonce(): void {
		foreach ( self::ROLES as $role ) {
			foreach ( array( 'none', 'made-up', 'other', 'valid' ) as $kind ) {
				$tag    = 'matrix' . substr( md5( $role . $kind ), 0, 6 ) . '-20';
				$before = self::state();
				$body   = array(
					'option_page'                                  => 'shelf',
					'action'                                       => 'update',
					'shelf_settings[default_marketplace]'          => 'www.amazon.com',
					'shelf_settings[tracking_ids][www.amazon.com]' => $tag,
				) + ( null === ( $n = self::nonce_for( $role, $kind, 'shelf-options' ) ) ? array() : array( '_wpnonce' => $n ) );
				$answer  = Shelf_Http::request( 'POST', '/wp-admin/options.php', Shelf_Http::cookie( $role ), http_build_query( $body ), array( 'Content-Type: application/x-www-form-urlencoded', 'Referer: ' . admin_url( 'options-general.php?page=shelf' ) ) );
				$allowed = 'administrator' === $role && 'valid' === $kind;
				$label   = "options.php as $role, $kind nonce";
				if ( $allowed ) {
					$this->assertSame( 302, $answer['status'], $label );
					$this->assertStringContainsString( 'settings-updated=true', $answer['headers'], $label );
					$this->assertStringContainsString( $tag, (string) wp_json_encode( self::state()['options'] ), $label );
				} else {
					$this->assertContains( $answer['status'], 'anonymous' === $role ? array( 302, 403 ) : array( 403 ), $label );
					$this->assertStringNotContainsString( 'settings-updated', $answer['headers'], $label );
					$this->assertSame( $before, self::state(), "$label: nothing changed" );
				}
			}
		}
		$this->assertDebugLogEmpty();
	}

	public function test_the_products_screens_actions_only_for_an_administrator_with_a_valid_nonce(): void {
		foreach ( self::ROLES as $role ) {
			foreach ( array( 'none', 'made-up', 'other', 'valid' ) as $kind ) {
				\Shelf\Store_Queue::save_items( 'www.amazon.com', array( 'B0SHLFK001' => array( 'asin' => 'B0SHLFK001' ) ), time() + HOUR_IN_SECONDS );
				$id      = \Shelf\Manual_Products::save( array( 'title' => 'Matrix', 'asin' => 'B0SHLFT011' ) );
				$allowed = 'administrator' === $role && 'valid' === $kind;
				$actions = array(
					'trash'  => array( 'id' => $id ),
					'remove' => array(
						'market' => 'www.amazon.com',
						'asin'   => 'B0SHLFK001',
					),
				);
				foreach ( $actions as $action => $object ) {
					$before = self::state();
					$nonce  = self::nonce_for( $role, $kind, \Shelf\Products_Page::nonce_action( $action, $object ) );
					$query  = http_build_query( array( 'page' => 'shelf-products', 'shelf_action' => $action ) + $object + ( null === $nonce ? array() : array( '_wpnonce' => $nonce ) ) );
					$answer = Shelf_Http::request( 'GET', "/wp-admin/admin.php?$query", Shelf_Http::cookie( $role ) );
					$label  = "$action as $role, $kind nonce";
					if ( $allowed ) {
						$this->assertSame( 302, $answer['status'], $label );
						$this->assertNotSame( $before, self::state(), "$label: done" );
					} else {
						$this->assertContains( $answer['status'], 'anonymous' === $role ? array( 302 ) : array( 403 ), $label );
						$this->assertSame( $before, self::state(), "$label: nothing changed" );
					}
				}
				// The save (POST).
				$before = self::state();
				$nonce  = self::nonce_for( $role, $kind, \Shelf\Products_Page::nonce_action( 'save', array( 'id' => $id ) ) );
				$body   = array(
					'id'                   => $id,
					'shelf_product[title]' => 'Renamed by ' . $role,
					'shelf_product[asin]'  => 'B0SHLFT011',
				) + ( null === $nonce ? array() : array( '_wpnonce' => $nonce ) );
				$answer = Shelf_Http::request( 'POST', '/wp-admin/admin.php?page=shelf-products&action=edit&id=' . $id, Shelf_Http::cookie( $role ), http_build_query( $body ), array( 'Content-Type: application/x-www-form-urlencoded' ) );
				$label  = "save as $role, $kind nonce";
				if ( $allowed ) {
					$this->assertSame( 302, $answer['status'], $label );
					$this->assertStringContainsString( 'Renamed by administrator', (string) wp_json_encode( self::state()['manual'] ), $label );
				} else {
					$this->assertContains( $answer['status'], 'anonymous' === $role ? array( 302 ) : array( 403 ), $label );
					$this->assertSame( $before, self::state(), "$label: nothing changed" );
				}
				wp_delete_post( $id, true );
			}
		}
		$this->assertDebugLogEmpty();
	}
}
