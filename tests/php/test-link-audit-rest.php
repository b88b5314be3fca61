<?php
/**
 * REST shelf/v1/audit: the capability × nonce matrix over real HTTP, the batch route's scope and
 * keyset pagination, and apply's refusal of stale posts and the revision it leaves.
 *
 * @covers \Shelf\Rest_Audit
 * @covers \Shelf\Link_Audit_Page
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';
require_once __DIR__ . '/tools/class-shelf-http.php';

class Test_Link_Audit_Rest extends Shelf_Api_TestCase {

	private const ROLES = array( 'anonymous', 'subscriber', 'contributor', 'author', 'editor', 'administrator' );

	/**
	 * Post IDs whose `edit_post` is denied to everyone during the test.
	 *
	 * @var list<int>
	 */
	private array $denied = array();

	protected function setUp(): void {
		parent::setUp();
		$this->denied = array();
		add_filter( 'map_meta_cap', array( $this, 'deny' ), 10, 4 );
	}

	protected function tearDown(): void {
		remove_filter( 'map_meta_cap', array( $this, 'deny' ), 10 );
		unregister_post_type( 'shelf_test_cpt' );
		parent::tearDown();
	}

	/**
	 * Hooked to `map_meta_cap` during the test.
	 *
	 * @param list<string> $caps Capabilities.
	 * @param string       $cap  Capability asked for.
	 * @param int          $user User.
	 * @param array        $args The post ID for `edit_post`.
	 * @return list<string>
	 */
	public function deny( $caps, $cap, $user, $args ) {
		return 'edit_post' === $cap && in_array( (int) ( $args[0] ?? 0 ), $this->denied, true ) ? array( 'do_not_allow' ) : $caps;
	}

	/**
	 * A post of any type and status by a given user, deleted after the test.
	 *
	 * @param array<string, mixed> $fields wp_insert_post() fields.
	 */
	private function post( array $fields ): int {
		return $this->make_post( (string) ( $fields['post_content'] ?? '' ), (string) ( $fields['post_status'] ?? 'publish' ), $fields );
	}

	/**
	 * A REST request in this process.
	 *
	 * @param string     $method Method.
	 * @param string     $route  Route with query.
	 * @param array|null $body   JSON body.
	 */
	private static function rest( string $method, string $route, ?array $body = null ): WP_REST_Response {
		$parts   = explode( '?', $route, 2 );
		$request = new WP_REST_Request( $method, $parts[0] );
		if ( isset( $parts[1] ) ) {
			parse_str( $parts[1], $query );
			$request->set_query_params( $query );
		}
		if ( null !== $body ) {
			$request->set_header( 'Content-Type', 'application/json' );
			$request->set_body( (string) wp_json_encode( $body ) );
		}
		return rest_do_request( $request );
	}

	/**
	 * Every post the batch route gives the current user, page by page.
	 *
	 * @param int $limit Posts per call.
	 * @return array{ids: list<int>, calls: int, total: int}
	 */
	private static function scan_all( int $limit ): array {
		$ids   = array();
		$after = 0;
		$calls = 0;
		$total = -1;
		do {
			$data = self::rest( 'GET', '/shelf/v1/audit/posts?after=' . $after . '&limit=' . $limit )->get_data();
			if ( 0 === $after ) {
				$total = $data['total'];
			} else {
				self::assertArrayNotHasKey( 'total', $data, 'only the first call counts' );
			}
			$ids   = array_merge( $ids, array_column( $data['posts'], 'id' ) );
			$after = $data['next'];
			++$calls;
		} while ( null !== $after && $calls < 1000 );
		return array(
			'ids'   => $ids,
			'calls' => $calls,
			'total' => $total,
		);
	}

	public function test_every_audit_route_has_a_permission_callback_that_is_not_public(): void {
		$routes = array_filter( rest_get_server()->get_routes( 'shelf/v1' ), static fn( string $route ): bool => str_starts_with( $route, '/shelf/v1/audit' ), ARRAY_FILTER_USE_KEY );
		$this->assertSame( array( '/shelf/v1/audit/posts', '/shelf/v1/audit/posts/(?P<id>\d+)', '/shelf/v1/audit/resolve' ), array_keys( $routes ) );
		foreach ( $routes as $route => $handlers ) {
			foreach ( $handlers as $handler ) {
				$this->assertIsCallable( $handler['permission_callback'], $route );
				$this->assertNotSame( '__return_true', $handler['permission_callback'], $route );
			}
		}
	}

	/**
	 * Every route × anonymous, subscriber, contributor, author, editor, administrator × no, a
	 * wrong and a valid nonce. Refused cells change nothing and show no content.
	 */
	public function test_permission_matrix_over_http(): void {
		$owner = array(
			'editor'        => Shelf_Http::user( 'editor' )['id'],
			'administrator' => Shelf_Http::user( 'administrator' )['id'],
		);
		$posts = array();
		foreach ( $owner as $role => $user ) {
			$posts[ $role ] = $this->post(
				array(
					'post_author'  => $user,
					'post_content' => "<p>Secret content of the $role</p>",
				)
			);
		}
		$routes = array(
			// name => [ method, path (%d: the post), body (%h: its hash now), post's owner ].
			'batch'         => array( 'GET', '/audit/posts?after=0&limit=500', null, 'editor' ),
			'include'       => array( 'GET', '/audit/posts?include=%d', null, 'editor' ),
			'apply'         => array( 'POST', '/audit/posts/%d', array( 'content' => '<p>Changed</p>', 'hash' => '%h' ), 'editor' ),
			'apply admin’s' => array( 'POST', '/audit/posts/%d', array( 'content' => '<p>Changed</p>', 'hash' => '%h' ), 'administrator' ),
			'resolve'       => array( 'POST', '/audit/resolve', array( 'urls' => array( 'https://amzn.to/shelfK001' ) ), 'editor' ),
		);
		$nonces = array();
		foreach ( self::ROLES as $role ) {
			$nonces[ $role ] = Shelf_Http::nonce( $role );
		}
		$expected = array();
		$actual   = array();
		$effects  = array();
		foreach ( $routes as $name => [ $method, $path, $payload, $owned_by ] ) {
			$id = $posts[ $owned_by ];
			foreach ( self::ROLES as $role ) {
				foreach ( array( 'none', 'bad', 'good' ) as $nonce ) {
					$cell    = "$name × $role × $nonce nonce";
					$allowed = 'good' === $nonce && in_array( $role, array( 'editor', 'administrator' ), true );
					if ( 'bad' === $nonce ) {
						$expected[ $cell ] = 403; // WordPress rejects a wrong nonce before any route runs.
					} elseif ( $allowed ) {
						$expected[ $cell ] = 200;
					} elseif ( 'anonymous' === $role || 'none' === $nonce ) {
						$expected[ $cell ] = 401; // A cookie without a nonce counts as logged out.
					} else {
						$expected[ $cell ] = 403;
					}
					clean_post_cache( $id ); // The site may have changed it.
					$before = get_post( $id )->post_content;
					// A fresh body per cell: allowed applies change the post.
					$body    = null === $payload ? null : str_replace( '%h', hash( 'sha256', $before ), (string) wp_json_encode( $payload ) );
					$headers = array( 'Content-Type: application/json' );
					if ( 'none' !== $nonce ) {
						$headers[] = 'X-WP-Nonce: ' . ( 'good' === $nonce ? $nonces[ $role ] : 'badbadbad0' );
					}
					$answer          = Shelf_Http::request( $method, '/wp-json/shelf/v1' . str_replace( '%d', (string) $id, $path ), Shelf_Http::cookie( $role ), $body, $headers );
					$actual[ $cell ] = $answer['status'];
					clean_post_cache( $id );
					if ( ! $allowed && ( get_post( $id )->post_content !== $before || str_contains( $answer['body'], 'Secret content' ) || str_contains( $answer['body'], 'amazon.com' ) ) ) {
						$effects[] = "$cell changed or showed something";
					}
					if ( $allowed && 'apply' === substr( $name, 0, 5 ) && '<p>Changed</p>' !== get_post( $id )->post_content ) {
						$effects[] = "$cell did not write the post";
					}
					if ( $allowed && 'apply' === substr( $name, 0, 5 ) ) {
						$this->post_content( $id, "<p>Secret content of the $owned_by</p>" ); // Back, for the next cell.
					}
				}
			}
		}
		$this->assertSame( $expected, $actual );
		$this->assertSame( array(), $effects );
		$this->assertDebugLogEmpty();
	}

	/**
	 * Sets a post's content behind WordPress's back, as an import or another plugin might.
	 *
	 * @param int    $id      Post.
	 * @param string $content Content.
	 */
	private function post_content( int $id, string $content ): void {
		global $wpdb;
		$wpdb->update( $wpdb->posts, array( 'post_content' => $content ), array( 'ID' => $id ) );
		clean_post_cache( $id );
	}

	public function test_the_batch_covers_public_types_patterns_and_open_statuses_in_id_order(): void {
		register_post_type(
			'shelf_test_cpt',
			array(
				'public'       => true,
				'show_in_rest' => false,
				'labels'       => array(
					'name'          => 'Recipes',
					'singular_name' => 'Recipe',
				),
			)
		);
		wp_set_current_user( Shelf_Http::user( 'editor' )['id'] );
		$in  = array(
			'post'    => $this->post( array( 'post_content' => 'published post' ) ),
			'draft'   => $this->post( array( 'post_status' => 'draft' ) ),
			'pending' => $this->post( array( 'post_status' => 'pending' ) ),
			'private' => $this->post( array( 'post_status' => 'private' ) ),
			'future'  => $this->post(
				array(
					'post_status' => 'future',
					'post_date'   => gmdate( 'Y-m-d H:i:s', time() + WEEK_IN_SECONDS ),
				)
			),
			'page'    => $this->post( array( 'post_type' => 'page' ) ),
			'cpt'     => $this->post( array( 'post_type' => 'shelf_test_cpt' ) ),
			'pattern' => $this->post( array( 'post_type' => 'wp_block' ) ),
		);
		$out = array(
			'trash'      => $this->post( array( 'post_status' => 'trash' ) ),
			'auto-draft' => $this->post( array( 'post_status' => 'auto-draft' ) ),
			'attachment' => $this->post(
				array(
					'post_type'   => 'attachment',
					'post_status' => 'inherit',
				)
			),
			'table'      => $this->post( array( 'post_type' => \Shelf\Tables::POST_TYPE ) ),
			'nav item'   => $this->post( array( 'post_type' => 'nav_menu_item' ) ),
		);
		$this->denied[] = $this->post( array( 'post_content' => 'Not yours' ) );

		$scan = self::scan_all( 3 );
		$mine = array_values( array_intersect( $scan['ids'], array_merge( array_values( $in ), array_values( $out ), $this->denied ) ) );
		$this->assertSame( array_values( $in ), $mine, 'in scope, in ID order, the denied post left out' );
		$this->assertSame( $scan['ids'], array_values( array_unique( $scan['ids'] ) ), 'no post twice' );
		$this->assertGreaterThanOrEqual( count( $scan['ids'] ) + 1, $scan['total'], 'the total counts the post the user may not edit' );

		$first = self::rest( 'GET', '/shelf/v1/audit/posts?after=' . ( $in['post'] - 1 ) . '&limit=1' )->get_data();
		$this->assertSame( array( 'posts', 'next', 'examined' ), array_keys( $first ) );
		$this->assertSame( array( 'id', 'title', 'type', 'typeLabel', 'status', 'editUrl', 'content', 'hash' ), array_keys( $first['posts'][0] ) );
		$this->assertSame( 'published post', $first['posts'][0]['content'] );
		$this->assertSame( hash( 'sha256', 'published post' ), $first['posts'][0]['hash'] );
		$this->assertSame( $in['post'], $first['next'] );
		$this->assertSame( get_edit_post_link( $in['post'], 'raw' ), $first['posts'][0]['editUrl'] );
		$cpt = self::rest( 'GET', '/shelf/v1/audit/posts?include=' . $in['cpt'] . ',' . $out['table'] . ',' . $out['trash'] )->get_data();
		$this->assertSame( array( array( $in['cpt'], 'Recipe' ) ), array_map( static fn( array $p ): array => array( $p['id'], $p['typeLabel'] ), $cpt['posts'] ) );
	}

	public function test_a_batch_stops_at_two_megabytes_but_holds_at_least_one_post(): void {
		wp_set_current_user( Shelf_Http::user( 'editor' )['id'] );
		$big   = $this->post( array( 'post_content' => str_repeat( 'a', 1536 * 1024 ) ) );
		$big2  = $this->post( array( 'post_content' => str_repeat( 'b', 1536 * 1024 ) ) );
		$huge  = $this->post( array( 'post_content' => str_repeat( 'c', 3 * 1024 * 1024 ) ) );
		$small = $this->post( array( 'post_content' => 'small' ) );
		$ids   = static fn( array $data ): array => array_column( $data['posts'], 'id' );
		$one   = self::rest( 'GET', '/shelf/v1/audit/posts?after=' . ( $big - 1 ) . '&limit=10' )->get_data();
		$this->assertSame( array( $big ), $ids( $one ) );
		$this->assertSame( $big, $one['next'] );
		$two = self::rest( 'GET', '/shelf/v1/audit/posts?after=' . $big . '&limit=10' )->get_data();
		$this->assertSame( array( $big2 ), $ids( $two ) );
		$three = self::rest( 'GET', '/shelf/v1/audit/posts?after=' . $big2 . '&limit=10' )->get_data();
		$this->assertSame( array( $huge ), $ids( $three ), 'a post over the limit comes alone' );
		$four = self::rest( 'GET', '/shelf/v1/audit/posts?after=' . $huge . '&limit=10' )->get_data();
		$this->assertSame( $small, $ids( $four )[0] );
	}

	public function test_apply_writes_the_content_with_a_revision_of_both_versions(): void {
		wp_set_current_user( Shelf_Http::user( 'editor' )['id'] );
		$before = '<p><a href="https://www.amazon.com/dp/B0SHLFK001">Kettle</a></p>';
		$after  = '<p><a href="https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20">Kettle</a></p>';
		$id     = $this->post( array( 'post_content' => 'placeholder' ) );
		// Content written behind WordPress's back, as imports do: no revision holds it yet.
		foreach ( wp_get_post_revisions( $id ) as $revision ) {
			wp_delete_post_revision( $revision );
		}
		$this->post_content( $id, $before );
		$this->assertSame( array(), wp_get_post_revisions( $id ) );

		$response = self::rest( 'POST', '/shelf/v1/audit/posts/' . $id, array( 'content' => $after, 'hash' => hash( 'sha256', $before ) ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( $after, get_post( $id )->post_content );
		$revisions = array_values( wp_get_post_revisions( $id ) );
		$this->assertSame( array( $after, $before ), array_column( $revisions, 'post_content' ), 'the old content can be restored' );
		$data = $response->get_data();
		$this->assertSame( hash( 'sha256', $after ), $data['hash'] );
		$this->assertSame( $revisions[0]->ID, $data['revision'] );
		$this->assertSame( admin_url( 'revision.php?revision=' . $revisions[0]->ID ), $data['revisionUrl'] );
	}

	public function test_apply_refuses_a_post_that_changed_since_the_scan(): void {
		wp_set_current_user( Shelf_Http::user( 'editor' )['id'] );
		$id       = $this->post( array( 'post_content' => 'edited by someone after the scan' ) );
		$before   = count( wp_get_post_revisions( $id ) );
		$response = self::rest( 'POST', '/shelf/v1/audit/posts/' . $id, array( 'content' => 'from the audit', 'hash' => hash( 'sha256', 'as the scan saw it' ) ) );
		$this->assertSame( 409, $response->get_status() );
		$this->assertSame( 'shelf_audit_changed', $response->get_data()['code'] );
		$this->assertSame( 'edited by someone after the scan', get_post( $id )->post_content );
		$this->assertCount( $before, wp_get_post_revisions( $id ), 'no revision added' );
	}

	public function test_apply_answers_404_outside_the_scope_and_403_without_edit_post(): void {
		wp_set_current_user( Shelf_Http::user( 'editor' )['id'] );
		$hash = hash( 'sha256', 'x' );
		foreach ( array(
			$this->post( array( 'post_type' => \Shelf\Tables::POST_TYPE, 'post_content' => 'x' ) ),
			$this->post( array( 'post_status' => 'trash', 'post_content' => 'x' ) ),
			999999999,
		) as $id ) {
			$this->assertSame( 404, self::rest( 'POST', '/shelf/v1/audit/posts/' . $id, array( 'content' => 'y', 'hash' => $hash ) )->get_status(), "post $id" );
		}
		$this->denied[] = $this->post( array( 'post_content' => 'x' ) );
		$this->assertSame( 403, self::rest( 'POST', '/shelf/v1/audit/posts/' . $this->denied[0], array( 'content' => 'y', 'hash' => $hash ) )->get_status() );
		$this->assertSame( 'x', get_post( $this->denied[0] )->post_content );
		$this->assertSame( 400, self::rest( 'POST', '/shelf/v1/audit/posts/' . $this->denied[0], array( 'content' => 'y', 'hash' => 'not-a-hash' ) )->get_status() );
	}

	public function test_resolve_takes_at_most_fifty_urls(): void {
		wp_set_current_user( Shelf_Http::user( 'editor' )['id'] );
		$urls = array_map( static fn( int $i ): string => "https://example.com/$i", range( 1, 51 ) );
		$this->assertSame( 400, self::rest( 'POST', '/shelf/v1/audit/resolve', array( 'urls' => $urls ) )->get_status() );
		$this->assertSame( 400, self::rest( 'POST', '/shelf/v1/audit/resolve', array( 'urls' => array() ) )->get_status() );
		$answer = self::rest( 'POST', '/shelf/v1/audit/resolve', array( 'urls' => array_slice( $urls, 0, 50 ) ) );
		$this->assertSame( 200, $answer->get_status() );
		$this->assertCount( 50, (array) $answer->get_data()['results'] );
		$this->assertSame( 0, count( self::requests() ), 'none of them is a short link: no request' );
	}
}
