<?php
/**
 * Issue 14, query budget: a page with every family (box, stored and ad-hoc tables, lists by
 * keyword, browse node and hand-picked ASINs, fields, links, manual products) reads Shelf's
 * store once for all lists and once for all product records, and costs the same number of
 * Shelf queries when it has twice the placements. Counted from `$wpdb->queries` (SAVEQUERIES)
 * of the real page, requested over HTTP from a PHP server of its own that runs the test site
 * with `SHELF_SAVEQUERIES=1` (tools/mu-query-log.php writes the log).
 *
 * Budget per page, however many placements: 1 query for every stored list the page's posts
 * place, 1 for every product record (a list's ASINs are only known from its stored result, so
 * the two cannot be one), and a fixed few for manual products and stored tables.
 *
 * @covers \Shelf\Store::get_search
 * @covers \Shelf\Store::get_many
 * @covers \Shelf\Manual_Products::for_asins
 */
class Test_Page_Queries extends Shelf_TestCase {

	private const MU_PLUGIN = 'shelf-query-log.php';

	/**
	 * The PHP server with SAVEQUERIES on.
	 *
	 * @var resource|null
	 */
	private static $server = null;

	/** Its port. */
	private static int $port = 0;

	/**
	 * Posts and attachments to delete afterwards.
	 *
	 * @var list<int>
	 */
	private array $made = array();

	public static function setUpBeforeClass(): void {
		parent::setUpBeforeClass();
		$site = (string) getenv( 'SHELF_SITE_DIR' );
		copy( __DIR__ . '/tools/mu-query-log.php', "$site/wp-content/mu-plugins/" . self::MU_PLUGIN );
		$socket = stream_socket_server( 'tcp://127.0.0.1:0' );
		self::$port = (int) substr( (string) strrchr( (string) stream_socket_get_name( $socket, false ), ':' ), 1 );
		fclose( $socket );
		$env = array_diff_key( getenv(), array( 'PHP_CLI_SERVER_WORKERS' => true ) );
		self::$server = proc_open(
			array( PHP_BINARY, '-d', 'opcache.enable_cli=1', '-S', '127.0.0.1:' . self::$port, '-t', $site, SHELF_REPO . '/tests/tools/router.php' ),
			array( array( 'file', '/dev/null', 'r' ), array( 'file', '/dev/null', 'w' ), array( 'file', '/dev/null', 'w' ) ),
			$pipes,
			null,
			array( 'SHELF_SAVEQUERIES' => '1' ) + $env
		);
		$deadline = microtime( true ) + 20;
		while ( microtime( true ) < $deadline && ! @fsockopen( '127.0.0.1', self::$port ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- refused until the server listens.
			usleep( 100000 );
		}
	}

	public static function tearDownAfterClass(): void {
		if ( self::$server ) {
			proc_terminate( self::$server );
			proc_close( self::$server );
		}
		unlink( getenv( 'SHELF_SITE_DIR' ) . '/wp-content/mu-plugins/' . self::MU_PLUGIN );
		parent::tearDownAfterClass();
	}

	protected function tearDown(): void {
		wp_set_current_user( 1 );
		foreach ( $this->made as $id ) {
			wp_delete_post( $id, true );
		}
		parent::tearDown();
	}

	public function test_store_reads_stay_per_page_not_per_placement(): void {
		$this->set_settings( array( 'default_marketplace' => 'www.amazon.com', 'tracking_ids' => array( 'www.amazon.com' => 'shelfqueries-20' ) ) );
		wp_set_current_user( 1 );
		$one = $this->families( 1 );
		$two = $one . $this->families( 2 );
		$few  = $this->page_queries( $this->publish( $one ) );
		$many = $this->page_queries( $this->publish( $two ) );

		foreach ( array( 'one of each family' => $few, 'two of each family' => $many ) as $page => $queries ) {
			$this->assertSame( 1, count( $this->matching( $queries, '/\b' . $GLOBALS['wpdb']->prefix . 'shelf_searches\b/' ) ), "$page: every list in one store query\n" . $this->listing( $queries ) );
			$this->assertSame( 1, count( $this->matching( $queries, '/\b' . $GLOBALS['wpdb']->prefix . 'shelf_products\b/' ) ), "$page: every product record in one store query\n" . $this->listing( $queries ) );
		}
		$this->assertSame( count( $few ), count( $many ), "twice the placements, the same Shelf queries\none of each:\n" . $this->listing( $few ) . "\ntwo of each:\n" . $this->listing( $many ) );
		$this->assertDebugLogEmpty();
	}

	/**
	 * One placement of every family, with products and lists of their own (`$n` tells sets apart):
	 * its records are stored fresh, its manual product has an image.
	 *
	 * @param int $n Set number.
	 */
	private function families( int $n ): string {
		$asin   = static fn( int $i ): string => sprintf( 'B0SHLQ%d%03d', $n, $i );
		$image  = wp_insert_attachment( array( 'post_mime_type' => 'image/png', 'post_title' => "Queries $n", 'post_status' => 'inherit' ), "shelf-queries-$n.png" );
		$manual = \Shelf\Manual_Products::save( array( 'title' => "Manual $n", 'asin' => $asin( 9 ), 'imageId' => $image ) );
		$table  = \Shelf\Tables::save( array( 'version' => 1, 'products' => array( $asin( 5 ), $asin( 6 ) ) ), "Queries table $n" );
		$this->assertIsInt( $manual );
		$this->assertIsInt( $table );
		array_push( $this->made, $image, $manual, $table );
		$this->lists[] = array( "queries kettle $n", (string) ( 4000 + $n ), array( $asin( 7 ), $asin( 8 ) ) );
		$this->fresh[] = array( $asin( 1 ), $asin( 2 ), $asin( 3 ), $asin( 4 ), $asin( 5 ), $asin( 6 ), $asin( 7 ), $asin( 8 ) );
		return "[amazon box=\"{$asin(1)}\"]\n[amazon box=\"{$asin(9)}\"]\n[amazon table=\"$table\"]\n[amazon table=\"{$asin(2)},{$asin(3)}\"]\n"
			. "[amazon box=\"{$asin(3)},{$asin(4)}\" template=\"list\"]\n[amazon bestseller=\"queries kettle $n\" items=\"2\"]\n[amazon new=\"" . ( 4000 + $n ) . "\" items=\"2\"]\n"
			. "<p>[amazon fields=\"{$asin(1)}\" value=\"price\"] [amazon link=\"{$asin(2)}\" title=\"Kettle $n\"]</p>\n";
	}

	/**
	 * Lists to store: keywords, browse node, result.
	 *
	 * @var list<array{0: string, 1: string, 2: list<string>}>
	 */
	private array $lists = array();

	/**
	 * ASIN sets to store fresh records for.
	 *
	 * @var list<list<string>>
	 */
	private array $fresh = array();

	/**
	 * Publishes a post and stores fresh data for everything it places.
	 *
	 * @param string $content Post content.
	 * @return string Its path.
	 */
	private function publish( string $content ): string {
		$id = wp_insert_post( array( 'post_title' => 'Query budget', 'post_content' => $content, 'post_status' => 'publish' ) );
		$this->made[] = $id;
		foreach ( $this->lists as [ $keywords, $node, $asins ] ) {
			\Shelf\Store_Queue::save_search( 'www.amazon.com', 'bestseller', $keywords, $asins, null, 0 );
			\Shelf\Store_Queue::save_search( 'www.amazon.com', 'new', $node, $asins, null, 0 );
		}
		foreach ( $this->fresh as $asins ) {
			\Shelf\Store_Queue::save_items( 'www.amazon.com', array_fill_keys( $asins, array( 'itemInfo' => array( 'title' => array( 'displayValue' => 'Kettle' ) ) ) ), 0 );
		}
		return (string) wp_parse_url( (string) get_permalink( $id ), PHP_URL_PATH );
	}

	/**
	 * The queries of an anonymous page view that concern Shelf: its tables, options and post
	 * types, or called from its code.
	 *
	 * @param string $path Page path.
	 * @return list<array{sql: string, caller: string}>
	 */
	private function page_queries( string $path ): array {
		$token = bin2hex( random_bytes( 16 ) );
		$file  = sys_get_temp_dir() . "/shelf-queries-$token.json";
		$curl  = curl_init( 'http://127.0.0.1:' . self::$port . $path );
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_TIMEOUT        => 60,
				// The site's own host, so WordPress serves the page instead of redirecting to it.
				CURLOPT_HTTPHEADER     => array( 'Host: ' . wp_parse_url( home_url(), PHP_URL_HOST ) . ':' . wp_parse_url( home_url(), PHP_URL_PORT ), "X-Shelf-Query-Log: $token" ),
			)
		);
		$html   = (string) curl_exec( $curl );
		$status = (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE );
		curl_close( $curl );
		$this->assertSame( 200, $status, $html );
		$this->assertStringContainsString( 'id="shelf-data"', $html );
		$this->assertFileExists( $file, 'the query log: is SAVEQUERIES on?' );
		$all = json_decode( (string) file_get_contents( $file ), true );
		unlink( $file );
		$this->assertGreaterThan( 10, count( $all ), 'WordPress itself queries' );
		global $wpdb;
		$ours = '/\b' . $wpdb->prefix . 'shelf_|\bshelf_(product|table)\b|option_name = \'shelf_|_shelf_/';
		return array_values( array_filter( $all, static fn( array $q ): bool => 1 === preg_match( $ours, $q['sql'] ) || str_contains( $q['caller'], 'Shelf\\' ) ) );
	}

	/**
	 * Queries whose SQL matches a pattern.
	 *
	 * @param list<array{sql: string, caller: string}> $queries Queries.
	 * @param string                                   $pattern Regular expression.
	 * @return list<array{sql: string, caller: string}>
	 */
	private function matching( array $queries, string $pattern ): array {
		return array_values( array_filter( $queries, static fn( array $q ): bool => 1 === preg_match( $pattern, $q['sql'] ) ) );
	}

	/**
	 * Queries for a failure message: SQL start and the innermost callers.
	 *
	 * @param list<array{sql: string, caller: string}> $queries Queries.
	 */
	private function listing( array $queries ): string {
		return implode( "\n", array_map( static fn( array $q ): string => '  ' . substr( (string) preg_replace( '/\s+/', ' ', $q['sql'] ), 0, 120 ) . '  <- ' . implode( ', ', array_slice( explode( ', ', $q['caller'] ), -3 ) ), $queries ) );
	}
}
