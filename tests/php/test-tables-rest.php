<?php
/**
 * REST shelf/v1/tables: the capability × nonce matrix over real HTTP (cookies, nonces), the
 * answer shapes the builder is written against, validation (nothing stored on a refusal) and
 * the HTML-row rule.
 *
 * @covers \Shelf\Rest_Tables
 * @covers \Shelf\Table_Schema
 */

require_once __DIR__ . '/tools/class-shelf-tables-testcase.php';

class Test_Tables_Rest extends Shelf_Tables_TestCase {

	private const ANSWER_KEYS = array( 'id', 'title', 'table', 'author', 'modified', 'shortcode', 'editUrl', 'canUnfilteredHtml', 'rendersHtml', 'canDelete' );

	public function test_every_table_route_has_a_permission_callback_that_is_not_public(): void {
		$routes = array_filter( rest_get_server()->get_routes( 'shelf/v1' ), static fn( string $route ): bool => str_starts_with( $route, '/shelf/v1/tables' ), ARRAY_FILTER_USE_KEY );
		$this->assertSame(
			array( '/shelf/v1/tables', '/shelf/v1/tables/(?P<id>\d+)', '/shelf/v1/tables/(?P<id>\d+)/revisions', '/shelf/v1/tables/(?P<id>\d+)/revisions/(?P<revision>\d+)/restore' ),
			array_keys( $routes )
		);
		foreach ( $routes as $route => $handlers ) {
			foreach ( $handlers as $handler ) {
				$this->assertIsCallable( $handler['permission_callback'], $route );
				$this->assertNotSame( '__return_true', $handler['permission_callback'], $route );
			}
		}
	}

	/**
	 * Every route × anonymous, subscriber, contributor, author, editor, administrator × no, a
	 * wrong and a valid nonce, on an editor's table and on an administrator's table. Refused
	 * cells change nothing and leak nothing of the table.
	 */
	public function test_permission_matrix_over_http(): void {
		$body   = static fn( string $title ): array => array( 'title' => $title, 'table' => self::table( array( 'B0SHLFM003' ) ) );
		$routes = array(
			// name => [ method, path (%d: the table, %r: its first revision), body, owner, who may ].
			'list'              => array( 'GET', '/tables', null, null, 'tables' ),
			'create'            => array( 'POST', '/tables', $body( 'Created' ), null, 'tables' ),
			'get'               => array( 'GET', '/tables/%d', null, 'editor', 'tables' ),
			'update'            => array( 'PUT', '/tables/%d', $body( 'Updated' ), 'editor', 'tables' ),
			'update (POST)'     => array( 'POST', '/tables/%d', $body( 'Updated' ), 'editor', 'tables' ),
			'delete'            => array( 'DELETE', '/tables/%d', null, 'editor', 'tables' ),
			'revisions'         => array( 'GET', '/tables/%d/revisions', null, 'editor', 'tables' ),
			'restore'           => array( 'POST', '/tables/%d/revisions/%r/restore', null, 'editor', 'tables' ),
			'get admin’s'       => array( 'GET', '/tables/%d', null, 'administrator', 'admin' ),
			'update admin’s'    => array( 'PUT', '/tables/%d', $body( 'Updated' ), 'administrator', 'admin' ),
			'delete admin’s'    => array( 'DELETE', '/tables/%d', null, 'administrator', 'admin' ),
			'revisions admin’s' => array( 'GET', '/tables/%d/revisions', null, 'administrator', 'admin' ),
			'restore admin’s'   => array( 'POST', '/tables/%d/revisions/%r/restore', null, 'administrator', 'admin' ),
		);
		$can    = array(
			'tables' => array( 'editor', 'administrator' ),
			'admin'  => array( 'administrator' ),
		);
		$nonces = array();
		foreach ( self::ROLES as $role ) {
			$nonces[ $role ] = Shelf_Http::nonce( $role );
		}
		$expected = array();
		$actual   = array();
		$effects  = array();
		$tables   = array();
		foreach ( $routes as $name => [ $method, $path, $payload, $owner, $needs ] ) {
			foreach ( self::ROLES as $role ) {
				foreach ( array( 'none', 'bad', 'good' ) as $nonce ) {
					$cell    = "$name × $role × $nonce nonce";
					$allowed = 'good' === $nonce && in_array( $role, $can[ $needs ], true );
					if ( 'bad' === $nonce ) {
						$expected[ $cell ] = 403; // WordPress rejects a wrong nonce before any route runs.
					} elseif ( $allowed ) {
						$expected[ $cell ] = 'create' === $name ? 201 : 200;
					} elseif ( 'anonymous' === $role || 'none' === $nonce ) {
						$expected[ $cell ] = 401; // A cookie without a nonce counts as logged out.
					} else {
						$expected[ $cell ] = 403;
					}
					if ( isset( $tables[ $name ] ) ) {
						clean_post_cache( $tables[ $name ][0] ); // The site may have changed it.
					}
					if ( null !== $owner && ( ! isset( $tables[ $name ] ) || 'publish' !== get_post_status( $tables[ $name ][0] ) ) ) {
						// A table with two versions for the route, again after a DELETE trashed it.
						$id = $this->make_table( $owner, null, "Secret title $name" );
						self::login( $owner );
						\Shelf\Tables::save( self::table( array( 'B0SHLFL002' ) ), "Secret title $name", $id );
						wp_set_current_user( 0 );
						$tables[ $name ] = array( $id, (int) array_key_last( wp_get_post_revisions( $id ) ) );
					}
					[ $id, $revision ] = $tables[ $name ] ?? array( 0, 0 );
					$before  = count( self::table_ids() );
					$stored  = $id ? self::stored( $id ) : '';
					$headers = array( 'Content-Type: application/json' );
					if ( 'none' !== $nonce ) {
						$headers[] = 'X-WP-Nonce: ' . ( 'good' === $nonce ? $nonces[ $role ] : 'badbadbad0' );
					}
					$url    = '/wp-json/shelf/v1' . str_replace( array( '%d', '%r' ), array( (string) $id, (string) $revision ), $path );
					$answer = Shelf_Http::request( $method, $url, Shelf_Http::cookie( $role ), null === $payload ? null : (string) wp_json_encode( $payload ), $headers );

					$actual[ $cell ] = $answer['status'];
					if ( $id && ! $allowed ) {
						if ( self::stored( $id ) !== $stored || 'publish' !== get_post_status( $id ) || str_contains( $answer['body'], 'Secret title' ) || str_contains( $answer['body'], 'B0SHLF' ) ) {
							$effects[] = "$cell changed or showed the table";
						}
					}
					if ( 'create' === $name && ! $allowed && count( self::table_ids() ) !== $before ) {
						$effects[] = "$cell created a table";
					}
				}
			}
		}
		$this->assertSame( $expected, $actual );
		$this->assertSame( array(), $effects );
		$this->assertDebugLogEmpty();
	}

	public function test_create_answers_the_table_with_its_shortcode_and_the_users_rights(): void {
		$this->set_settings( array( 'shortcode' => 'shelf' ) );
		$editor   = self::login( 'editor' );
		$response = self::rest( 'POST', '/shelf/v1/tables', array( 'title' => 'Kettles <b>compared</b>', 'table' => self::table() ) );
		$this->assertSame( 201, $response->get_status() );
		$data = $response->get_data();
		$this->assertSame( self::ANSWER_KEYS, array_keys( $data ) );
		$id = $data['id'];
		$this->assertSame( rest_url( 'shelf/v1/tables/' . $id ), $response->get_headers()['Location'] );
		$this->assertSame( '[shelf table="' . $id . '"]', $data['shortcode'] );
		$this->assertSame( admin_url( 'admin.php?page=shelf-table&id=' . $id ), $data['editUrl'] );
		$this->assertSame( array( 'id' => $editor, 'name' => 'shelf-http-editor' ), $data['author'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $data['modified'] );
		$this->assertEqualsWithDelta( time(), strtotime( $data['modified'] ), 120 );
		$this->assertTrue( $data['canUnfilteredHtml'], 'editors on a single site may post unfiltered HTML' );
		$this->assertTrue( $data['rendersHtml'] );
		$this->assertTrue( $data['canDelete'] );
		$this->assertSame( wp_json_encode( \Shelf\Tables::get( $id )['table'] ), wp_json_encode( $data['table'] ) );
		$this->assertSame(
			'{"version":1,"products":["B0SHLFK001","B0SHLFL002"],"hidden":[],"rows":[{"type":"title","label":"","value":"","values":{},"url":"","urls":{},"hidden":false,"highlight":false},{"type":"text","label":"Capacity","value":"","values":{"B0SHLFK001":"1 l"},"url":"","urls":{},"hidden":false,"highlight":false}],"overrides":{},"highlight":"","ribbon":"","labels":"shown","caption":"Kettles"}',
			wp_json_encode( rest_get_server()->response_to_data( $response, false )['table'] ),
			'the stored format, with empty maps as JSON objects'
		);
		$this->assertSame( $editor, (int) get_post( $id )->post_author );

		$this->without_unfiltered_html( $editor );
		$this->assertFalse( self::rest( 'GET', '/shelf/v1/tables/' . $id )->get_data()['canUnfilteredHtml'] );
	}

	public function test_get_update_and_delete_answer_404_for_what_is_not_a_published_table(): void {
		self::login( 'editor' );
		$post    = $this->make_post( 'A post, not a table' );
		$trashed = $this->make_table( 'editor' );
		wp_trash_post( $trashed );
		foreach ( array( $post, $trashed, 999999999 ) as $id ) {
			$this->assertSame( 404, self::rest( 'GET', '/shelf/v1/tables/' . $id )->get_status(), "GET $id" );
			$this->assertSame( 404, self::rest( 'PUT', '/shelf/v1/tables/' . $id, array( 'table' => self::table() ) )->get_status(), "PUT $id" );
			$this->assertSame( 404, self::rest( 'DELETE', '/shelf/v1/tables/' . $id )->get_status(), "DELETE $id" );
			$this->assertSame( 404, self::rest( 'GET', '/shelf/v1/tables/' . $id . '/revisions' )->get_status(), "revisions $id" );
		}
		$this->assertSame( 'post', get_post_type( $post ) );
		$this->assertSame( 'trash', get_post_status( $trashed ), 'an update does not bring a trashed table back' );
		self::login( 'author' );
		$this->assertSame( 403, self::rest( 'GET', '/shelf/v1/tables/' . $post )->get_status(), 'no table rights: no answer about other posts' );
	}

	public function test_update_keeps_the_author_and_title_unless_given_and_delete_trashes(): void {
		$id = $this->make_table( 'editor', null, 'First title' );
		$this->act_as( 'editor' ); // Another editor.
		$response = self::rest( 'PUT', '/shelf/v1/tables/' . $id, array( 'table' => self::table( array( 'B0SHLFM003' ) ) ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'First title', $response->get_data()['title'] );
		$this->assertSame( self::uid( 'editor' ), $response->get_data()['author']['id'] );
		$this->assertSame( array( 'B0SHLFM003' ), $response->get_data()['table']['products'] );
		$this->assertSame( 'Second title', self::rest( 'POST', '/shelf/v1/tables/' . $id, array( 'title' => 'Second title', 'table' => self::table() ) )->get_data()['title'] );
		clean_post_cache( $id );
		$this->assertSame( self::uid( 'editor' ), (int) get_post( $id )->post_author );

		$deleted = self::rest( 'DELETE', '/shelf/v1/tables/' . $id );
		$this->assertSame( array( 'id' => $id, 'trashed' => true ), $deleted->get_data() );
		$this->assertSame( 'trash', get_post_status( $id ) );
		$this->assertNotNull( get_post( $id ), 'trashed, not deleted' );
	}

	/**
	 * A refused table (by the schema or by Tables::validate) answers 400, and the stored table,
	 * its title and its revisions stay as they were.
	 *
	 * @dataProvider provide_invalid_tables
	 */
	public function test_a_refused_update_keeps_the_stored_table( array $body, string $message ): void {
		$id = $this->make_table( 'editor', null, 'Kept' );
		self::login( 'editor' );
		$stored    = self::stored( $id );
		$revisions = count( wp_get_post_revisions( $id ) );
		$response  = self::rest( 'PUT', '/shelf/v1/tables/' . $id, $body + array( 'title' => 'Changed' ) );
		$this->assertSame( 400, $response->get_status() );
		$this->assertStringContainsString( $message, wp_json_encode( $response->get_data() ) );
		$this->assertSame( $stored, self::stored( $id ) );
		$this->assertSame( 'Kept', get_post( $id )->post_title );
		$this->assertCount( $revisions, wp_get_post_revisions( $id ) );
		$tables = count( self::table_ids() );
		$this->assertSame( 400, self::rest( 'POST', '/shelf/v1/tables', $body + array( 'title' => 'New' ) )->get_status() );
		$this->assertCount( $tables, self::table_ids(), 'nothing created' );
	}

	public static function provide_invalid_tables(): array {
		$table = array( 'version' => 1, 'products' => array( 'B0SHLFK001' ) );
		return array(
			// Tables::validate's own messages.
			'not an ASIN'           => array( array( 'table' => array( 'products' => array( 'B0SHLF"><x' ) ) + $table ), 'a table product is not a valid ASIN.' ),
			'empty ASIN'            => array( array( 'table' => array( 'products' => array( '' ) ) + $table ), 'a table product is not a valid ASIN.' ),
			// The schema.
			'version 2'             => array( array( 'table' => array( 'version' => 2 ) + $table ), 'table[version] is not 1.' ),
			'no version'            => array( array( 'table' => array( 'products' => array( 'B0SHLFK001' ) ) ), 'version is a required property of table.' ),
			'no products'           => array( array( 'table' => array( 'products' => array() ) + $table ), 'table[products] must contain at least 1 item.' ),
			'26 products'           => array( array( 'table' => array( 'products' => self::synthetic( 26 ) ) + $table ), 'table[products] must contain at most 25 items.' ),
			'unknown row type'      => array( array( 'table' => $table + array( 'rows' => array( array( 'type' => 'script' ) ) ) ), 'table[rows][0][type] is not one of' ),
			'row without type'      => array( array( 'table' => $table + array( 'rows' => array( array( 'label' => 'x' ) ) ) ), 'type is a required property of table[rows][0].' ),
			'unknown key'           => array( array( 'table' => $table + array( 'style' => 'x' ) ), 'style is not a valid property of Object.' ),
			'unknown row key'       => array( array( 'table' => $table + array( 'rows' => array( array( 'type' => 'text', 'onclick' => 'x' ) ) ) ), 'onclick is not a valid property of Object.' ),
			'label too long'        => array( array( 'table' => $table + array( 'rows' => array( array( 'type' => 'text', 'label' => str_repeat( 'x', 201 ) ) ) ) ), 'table[rows][0][label] must be at most 200 characters long.' ),
			'value not text'        => array( array( 'table' => $table + array( 'rows' => array( array( 'type' => 'text', 'values' => array( 'B0SHLFK001' => array( 'x' ) ) ) ) ) ), 'table[rows][0][values][B0SHLFK001] is not of type string.' ),
			'labels not an enum'    => array( array( 'table' => $table + array( 'labels' => 'sideways' ) ), 'table[labels] is not one of shown, hidden, and hiddenMobile.' ),
			'override unknown key'  => array( array( 'table' => $table + array( 'overrides' => array( 'B0SHLFK001' => array( 'price' => '1' ) ) ) ), 'price is not a valid property of Object.' ),
			'table not an object'   => array( array( 'table' => 'x' ), 'table is not of type object.' ),
			'title not a string'    => array( array( 'table' => $table, 'title' => array( 'x' ) ), 'title is not of type string.' ),
		);
	}

	public function test_list_searches_titles_pages_and_says_what_the_user_may_do(): void {
		$admins = $this->make_table( 'administrator', null, 'Zebra kettles (admin)' );
		$mine   = $this->make_table( 'editor', self::table( array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ) ), 'Zebra kettles (editor)' );
		$this->make_table( 'editor', null, 'Toasters' );
		$trashed = $this->make_table( 'editor', null, 'Zebra kettles (trashed)' );
		wp_trash_post( $trashed );
		self::login( 'editor' );
		$response = self::rest( 'GET', '/shelf/v1/tables?search=zebra&per_page=1' );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( '2', $response->get_headers()['X-WP-Total'] );
		$this->assertSame( '2', $response->get_headers()['X-WP-TotalPages'] );
		$data = $response->get_data();
		$this->assertSame( array( 'items', 'total', 'pages' ), array_keys( $data ) );
		$this->assertSame( 2, $data['total'] );
		$this->assertSame( 2, $data['pages'] );
		$this->assertCount( 1, $data['items'] );
		$item = $data['items'][0];
		$this->assertSame( array( 'id', 'title', 'products', 'modified', 'author', 'shortcode', 'editUrl', 'canEdit', 'canDelete' ), array_keys( $item ) );
		$this->assertSame( array( $trashed ), array_values( array_diff( array( $admins, $mine, $trashed ), array_column( array_merge( $data['items'], self::rest( 'GET', '/shelf/v1/tables?search=zebra&per_page=1&page=2' )->get_data()['items'] ), 'id' ) ) ), 'both published matches over two pages, no trashed one' );

		$all = array_column( self::rest( 'GET', '/shelf/v1/tables?search=zebra' )->get_data()['items'], null, 'id' );
		$this->assertSame( 3, $all[ $mine ]['products'] );
		$this->assertSame( '[amazon table="' . $mine . '"]', $all[ $mine ]['shortcode'] );
		$this->assertTrue( $all[ $mine ]['canEdit'] );
		$this->assertSame( admin_url( 'admin.php?page=shelf-table&id=' . $mine ), $all[ $mine ]['editUrl'] );
		$this->assertSame( array( 'id' => self::uid( 'administrator' ), 'name' => 'shelf-http-administrator' ), $all[ $admins ]['author'] );
		$this->assertFalse( $all[ $admins ]['canEdit'], 'an administrator’s table is listed, not editable' );
		$this->assertFalse( $all[ $admins ]['canDelete'] );
		$this->assertNull( $all[ $admins ]['editUrl'] );
		$this->assertArrayNotHasKey( 'table', $all[ $admins ], 'the list carries no table data' );
		$this->assertSame( array( 'items' => array(), 'total' => 2, 'pages' => 1 ), self::rest( 'GET', '/shelf/v1/tables?search=zebra&page=9' )->get_data() );
		$this->assertSame( 400, self::rest( 'GET', '/shelf/v1/tables?per_page=101' )->get_status() );
	}

	/**
	 * Only users with `unfiltered_html` may add an `html` row or change one; others get 403 and
	 * nothing is stored. An editor without it (multisite, DISALLOW_UNFILTERED_HTML) may still
	 * edit the rest of a table that has `html` rows an administrator wrote.
	 */
	public function test_html_rows_need_unfiltered_html(): void {
		$html   = array( 'type' => 'html', 'label' => 'Note', 'value' => '<strong>Best</strong>', 'values' => array( 'B0SHLFK001' => '<em>new</em>' ) );
		$editor = self::login( 'editor' );
		$this->without_unfiltered_html( $editor );
		$this->assertSame( 403, self::rest( 'POST', '/shelf/v1/tables', array( 'title' => 'x', 'table' => self::table( array( 'B0SHLFK001' ), array( $html ) ) ) )->get_status(), 'create with an html row' );

		$id     = $this->make_table( 'editor' );
		$stored = self::stored( $id );
		$added  = self::rest( 'PUT', '/shelf/v1/tables/' . $id, array( 'table' => self::table( array( 'B0SHLFK001', 'B0SHLFL002' ), array( $html ) ) ) );
		$this->assertSame( 403, $added->get_status() );
		$this->assertSame( 'shelf_table_html', $added->get_data()['code'] );
		$this->assertSame( $stored, self::stored( $id ) );

		// An administrator (with unfiltered_html) adds the row.
		self::login( 'administrator' );
		$with_html = self::table( array( 'B0SHLFK001', 'B0SHLFL002' ), array( $html ) );
		$this->assertSame( 200, self::rest( 'PUT', '/shelf/v1/tables/' . $id, array( 'table' => $with_html ) )->get_status() );
		$stored = self::stored( $id );

		self::login( 'editor' );
		$this->assertFalse( self::rest( 'GET', '/shelf/v1/tables/' . $id )->get_data()['canUnfilteredHtml'] );
		$changed                      = $with_html;
		$changed['rows'][2]['values'] = array( 'B0SHLFK001' => '<img src=x onerror=alert(1)>' );
		$this->assertSame( 403, self::rest( 'PUT', '/shelf/v1/tables/' . $id, array( 'table' => $changed ) )->get_status(), 'a per-product html value changed' );
		$changed = $with_html;
		$changed['rows'][] = array( 'type' => 'html', 'value' => '<script>alert(1)</script>' );
		$this->assertSame( 403, self::rest( 'PUT', '/shelf/v1/tables/' . $id, array( 'table' => $changed ) )->get_status(), 'a second html row' );
		$this->assertSame( $stored, self::stored( $id ) );

		// The rest of the table stays editable: html rows kept as they are, moved or removed.
		$edited            = $with_html;
		$edited['caption'] = 'New caption';
		$edited['rows']    = array_reverse( $edited['rows'] );
		$response          = self::rest( 'PUT', '/shelf/v1/tables/' . $id, array( 'table' => $edited ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertSame( 'New caption', $response->get_data()['table']['caption'] );
		$this->assertSame( '<strong>Best</strong>', $response->get_data()['table']['rows'][0]['value'] );
		$removed         = $edited;
		$removed['rows'] = array_slice( $edited['rows'], 1 );
		$this->assertSame( 200, self::rest( 'PUT', '/shelf/v1/tables/' . $id, array( 'table' => $removed ) )->get_status() );
		$this->assertStringNotContainsString( 'html', self::stored( $id ) );

		// With unfiltered_html (an editor on a single site), html rows are the editor's to write.
		$this->assertTrue( user_can( self::uid( 'editor' ), 'edit_shelf_tables' ) );
		$this->restore_unfiltered_html();
		$this->assertSame( 200, self::rest( 'PUT', '/shelf/v1/tables/' . $id, array( 'table' => $changed ) )->get_status() );
		$this->assertStringContainsString( 'alert(1)', self::stored( $id ) );
	}
}
