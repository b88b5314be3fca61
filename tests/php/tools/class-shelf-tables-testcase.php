<?php
/**
 * Base class for the table builder's tests: tables made as a given user and removed after the
 * test (with their revisions), users of each role with known passwords (Shelf_Http's, so the
 * same users serve in-process and over HTTP), and a way to take `unfiltered_html` from a user
 * as multisite or DISALLOW_UNFILTERED_HTML do.
 */

require_once __DIR__ . '/class-shelf-api-testcase.php';
require_once __DIR__ . '/class-shelf-http.php';

/**
 * Common set-up for tests of stored tables.
 */
abstract class Shelf_Tables_TestCase extends Shelf_Api_TestCase {

	protected const ROLES = array( 'anonymous', 'subscriber', 'contributor', 'author', 'editor', 'administrator' );

	/**
	 * Table IDs (any status) that existed before the test.
	 *
	 * @var list<int>
	 */
	private array $tables_before = array();

	/**
	 * Users whose `unfiltered_html` is taken away during the test.
	 *
	 * @var list<int>
	 */
	private array $filtered = array();

	protected function setUp(): void {
		parent::setUp();
		$this->tables_before = self::table_ids();
		$this->filtered      = array();
		add_filter( 'map_meta_cap', array( $this, 'filter_unfiltered_html' ), 10, 3 );
	}

	protected function tearDown(): void {
		remove_filter( 'map_meta_cap', array( $this, 'filter_unfiltered_html' ), 10 );
		wp_set_current_user( 0 );
		foreach ( array_diff( self::table_ids(), $this->tables_before ) as $id ) {
			wp_delete_post( $id, true ); // Its revisions go with it.
		}
		parent::tearDown();
	}

	/**
	 * Every table post's ID, trashed ones included.
	 *
	 * @return list<int>
	 */
	protected static function table_ids(): array {
		global $wpdb;
		return array_map( 'intval', $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = %s", \Shelf\Tables::POST_TYPE ) ) );
	}

	/**
	 * The ID of Shelf_Http's user of a role (0 for anonymous).
	 *
	 * @param string $role Role.
	 */
	protected static function uid( string $role ): int {
		return 'anonymous' === $role ? 0 : Shelf_Http::user( $role )['id'];
	}

	/**
	 * Makes the current user Shelf_Http's user of a role.
	 *
	 * @param string $role Role.
	 */
	protected static function login( string $role ): int {
		$id = self::uid( $role );
		wp_set_current_user( $id );
		return $id;
	}

	/**
	 * Takes `unfiltered_html` from a user for the rest of the test, as a multisite network or
	 * DISALLOW_UNFILTERED_HTML does for editors.
	 *
	 * @param int $user_id User.
	 */
	protected function without_unfiltered_html( int $user_id ): void {
		$this->filtered[] = $user_id;
	}

	/**
	 * Gives `unfiltered_html` back to every user the test took it from.
	 */
	protected function restore_unfiltered_html(): void {
		$this->filtered = array();
	}

	/**
	 * Hooked to `map_meta_cap` during the test.
	 *
	 * @param list<string> $caps    Capabilities.
	 * @param string       $cap     Capability asked for.
	 * @param int          $user_id User.
	 * @return list<string>
	 */
	public function filter_unfiltered_html( $caps, $cap, $user_id ) {
		return 'unfiltered_html' === $cap && in_array( (int) $user_id, $this->filtered, true ) ? array( 'do_not_allow' ) : $caps;
	}

	/**
	 * A valid table of the given products with a text row (and more rows if given).
	 *
	 * @param list<string>               $products ASINs.
	 * @param list<array<string, mixed>> $rows     Extra rows.
	 * @return array<string, mixed>
	 */
	protected static function table( array $products = array( 'B0SHLFK001', 'B0SHLFL002' ), array $rows = array() ): array {
		return array(
			'version'  => 1,
			'products' => $products,
			'rows'     => array_merge( array( array( 'type' => 'title' ), array( 'type' => 'text', 'label' => 'Capacity', 'values' => array( $products[0] => '1 l' ) ) ), $rows ),
			'caption'  => 'Kettles',
		);
	}

	/**
	 * Saves a table as Shelf_Http's user of a role, and logs out again.
	 *
	 * @param string               $role  Role of the author.
	 * @param array<string, mixed> $table Table (default: self::table()).
	 * @param string               $title Title.
	 */
	protected function make_table( string $role, ?array $table = null, string $title = 'Test table' ): int {
		$before = get_current_user_id();
		self::login( $role );
		$id = \Shelf\Tables::save( $table ?? self::table(), $title );
		wp_set_current_user( $before );
		$this->assertIsInt( $id );
		return $id;
	}

	/**
	 * The stored JSON of a table, read afresh from the database.
	 *
	 * @param int $id Table or revision ID.
	 */
	protected static function stored( int $id ): string {
		clean_post_cache( $id );
		wp_cache_delete( $id, 'post_meta' );
		return (string) get_post_meta( $id, \Shelf\Tables::META, true );
	}

	/**
	 * A request through the REST server in this process.
	 *
	 * @param string     $method Method.
	 * @param string     $route  Route with query string.
	 * @param array|null $body   JSON body.
	 */
	protected static function rest( string $method, string $route, ?array $body = null ): WP_REST_Response {
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
}
