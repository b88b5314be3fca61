<?php
/**
 * Which loader bundle (and so which wasm module) a visitor's page gets, and when it gets the
 * loader and the data block at all: placements, content with an Amazon link, a localising site.
 *
 * @covers \Shelf\Placements
 * @covers \Shelf\Assets
 */
class Test_Visitor_Module extends Shelf_TestCase {

	/**
	 * Posts made by a test, deleted after it.
	 *
	 * @var int[]
	 */
	private array $posts = array();

	protected function setUp(): void {
		parent::setUp();
		// The browser specs before leave localisation on; each test here says what it needs.
		$this->set_settings( array( 'tracking_ids' => array( 'www.amazon.com' => 'shelftest-20' ) ) );
	}

	protected function tearDown(): void {
		foreach ( $this->posts as $id ) {
			wp_delete_post( $id, true );
		}
		parent::tearDown();
	}

	public function test_each_page_kind_gets_the_smallest_module_that_serves_it(): void {
		$this->assertSame( 'wasm-render', \Shelf\Assets::visitor_module( true, false, false ) );
		$this->assertSame( 'wasm-links', \Shelf\Assets::visitor_module( false, true, false ) );
		$this->assertSame( 'wasm-render-links', \Shelf\Assets::visitor_module( true, true, false ) );
		$this->assertSame( 'wasm-localise', \Shelf\Assets::visitor_module( false, true, true ) );
		$this->assertSame( 'wasm-localise', \Shelf\Assets::visitor_module( false, false, true ) );
		$this->assertSame( 'wasm-render-localise', \Shelf\Assets::visitor_module( true, false, true ) );
		$this->assertSame( 'wasm-render-localise', \Shelf\Assets::visitor_module( true, true, true ) );
		foreach ( array( 'wasm-render', 'wasm-links', 'wasm-render-links', 'wasm-localise', 'wasm-render-localise' ) as $module ) {
			$this->assertFileExists( SHELF_DIR . 'js/' . $module . '/loader.js' );
			$this->assertFileExists( SHELF_DIR . 'js/' . $module . '/shelf_core_bg.wasm' );
		}
	}

	public function test_a_post_with_only_a_pasted_amazon_link_gets_the_links_module_and_the_data_block(): void {
		$page = $this->served( '<!-- wp:paragraph --><p>Buy <a href="https://amazon.com/dp/B0SHLFK001">this kettle</a>.</p><!-- /wp:paragraph -->' );
		$this->assertSame( array( 'wasm-links' ), $this->loaders( $page ) );
		$data = $this->data_block( $page );
		$this->assertSame( array(), $data['placements'] );
		$this->assertSame( array( 'www.amazon.com' => 'shelftest-20' ), $data['config']['links']['tags'] );
		$this->assertFalse( $data['config']['localise'] );
	}

	public function test_a_post_with_a_placement_only_gets_the_render_module(): void {
		// The placeholder's fallback links are Shelf's own: they do not count as content links.
		$page = $this->served( '<!-- wp:paragraph --><p>[amazon box="B0SHLFK001"]</p><!-- /wp:paragraph -->' );
		$this->assertSame( array( 'wasm-render' ), $this->loaders( $page ) );
		$this->assertCount( 1, $this->data_block( $page )['placements'] );
	}

	public function test_a_placement_and_a_pasted_link_get_the_module_with_both(): void {
		$page = $this->served( '<!-- wp:paragraph --><p>[amazon link="B0SHLFK001"] or <a href="https://www.amazon.com/dp/B0SHLFL002">that one</a></p><!-- /wp:paragraph -->' );
		$this->assertSame( array( 'wasm-render-links' ), $this->loaders( $page ) );
	}

	public function test_a_localising_site_gives_every_page_the_localising_module(): void {
		$this->set_settings(
			array(
				'tracking_ids' => array( 'www.amazon.com' => 'shelftest-20' ),
				'localise'     => true,
			)
		);
		$this->assertSame( array( 'wasm-localise' ), $this->loaders( $this->served( '<p>No links at all.</p>' ) ) );
		$this->assertSame( array( 'wasm-localise' ), $this->loaders( $this->served( '<p><a href="https://www.amazon.de/dp/B0SHLFD201">x</a></p>' ) ) );
		$this->assertSame( array( 'wasm-render-localise' ), $this->loaders( $this->served( '<p>[amazon link="B0SHLFK001"]</p>' ) ) );
	}

	public function test_pages_without_placements_or_amazon_links_get_no_loader_and_no_data_block(): void {
		$page = $this->served( '<p>See <a href="https://example.com/nile">the river</a>.</p>' );
		$this->assertSame( array(), $this->loaders( $page ) );
		$this->assertStringNotContainsString( 'id="shelf-data"', $page );
	}

	public function test_an_archive_counts_the_links_of_every_post_on_it(): void {
		$category = wp_insert_term( 'Shelf module test ' . wp_generate_password( 6, false ), 'category' );
		$this->assertIsArray( $category );
		$this->served( '<p>Plain words.</p>', array( $category['term_id'] ) );
		$this->served( '<p><a href="https://www.amazon.com/dp/B0SHLFK001">x</a></p>', array( $category['term_id'] ) );
		try {
			// The test site's stored rewrite rules may predate the category taxonomy's (the
			// installer writes them early): rebuilt here, so the archive's pretty URL resolves.
			flush_rewrite_rules();
			$page = (string) file_get_contents( (string) get_category_link( $category['term_id'] ) );
			$this->assertSame( array( 'wasm-links' ), $this->loaders( $page ) );
		} finally {
			wp_delete_term( $category['term_id'], 'category' );
		}
		$this->assertDebugLogEmpty();
	}

	/**
	 * A published post with this content, as the real site serves it to a visitor.
	 *
	 * @param string $content    Post content.
	 * @param int[]  $categories Category ids.
	 */
	private function served( string $content, array $categories = array() ): string {
		$id = wp_insert_post(
			array(
				'post_status'   => 'publish',
				'post_title'    => 'Module choice',
				'post_content'  => $content,
				'post_category' => $categories,
			)
		);
		$this->assertIsInt( $id );
		$this->posts[] = $id;
		return (string) file_get_contents( (string) get_permalink( $id ) );
	}

	/**
	 * The modules of the loader bundles a page loads.
	 *
	 * @param string $page HTML.
	 * @return string[]
	 */
	private function loaders( string $page ): array {
		preg_match_all( '~<script type="module" src="[^"]*/shelf/js/(wasm-[a-z-]+)/loader\.js[^"]*" id="@shelf/loader-js-module"~', $page, $m );
		$this->assertSame( count( $m[1] ), substr_count( $page, '@shelf/loader' ), 'every loader script is a known bundle' );
		return $m[1];
	}

	/**
	 * The page's data block, decoded.
	 *
	 * @param string $page HTML.
	 * @return array<string, mixed>
	 */
	private function data_block( string $page ): array {
		$this->assertSame( 1, preg_match( '~<script type="application/json" id="shelf-data">(.*?)</script>~s', $page, $m ) );
		return json_decode( $m[1], true );
	}
}
