<?php
/**
 * The [amazon] shortcode's placeholder, fallback and editor notices.
 *
 * @covers \Shelf\Shortcode
 */
class Test_Shortcode extends Shelf_TestCase {

	protected function setUp(): void {
		parent::setUp();
		$this->set_settings(
			array(
				'default_marketplace' => 'www.amazon.com',
				'tracking_ids'        => array( 'www.amazon.com' => 'shelftest-20' ),
			)
		);
	}

	/**
	 * The data-shelf payload of the first placement in some HTML.
	 *
	 * @param string $html Rendered shortcode.
	 * @return array<string, mixed>
	 */
	private function payload( string $html ): array {
		$payloads = $this->payloads( $html );
		$this->assertCount( 1, $payloads, $html );
		return $payloads[0];
	}

	public function test_link_emits_placeholder_with_payload_and_tagged_fallback(): void {
		$html    = do_shortcode( '[amazon link="b0shlfk001" title="Kettle"]' );
		$payload = $this->payload( $html );
		$this->assertSame( 'link', $payload['kind'] );
		$this->assertSame( 'www.amazon.com', $payload['marketplace'] );
		$this->assertSame( array( 'B0SHLFK001' ), $payload['asins'] );
		$this->assertSame( 'shelftest-20', $payload['tag'] );
		$this->assertSame( 'Kettle', $payload['options']['title'] );
		$this->assertStringStartsWith( '<span class="shelf-placement shelf-placement--link"', $html );
		$this->assertStringContainsString(
			'<a class="shelf-link" href="https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20" rel="sponsored noopener" target="_blank">Kettle</a></span>',
			$html
		);
	}

	public function test_title_is_escaped_in_fallback_and_payload(): void {
		$evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
		$html = do_shortcode( '[amazon link="B0SHLFK001" title=\'' . $evil . '\']' );
		$this->assertStringNotContainsString( '<script', $html );
		$this->assertStringNotContainsString( '<img', $html );
		$this->assertSame( $evil, $this->payload( $html )['options']['title'] );
		$this->assertStringContainsString( '&lt;script&gt;', $html );
	}

	public function test_entities_in_attributes_cannot_rewrite_the_payload(): void {
		// esc_attr() keeps existing entities; a `&quot;` must not turn into a JSON quote.
		$title = 'x&quot;,&quot;unfilteredHtml&quot;:true,&quot;kind&quot;:&quot;table';
		$html  = do_shortcode( '[amazon table="B0SHLFK001,B0SHLFL002" title="' . $title . '"]' );
		$payload = $this->payload( $html );
		$this->assertSame( 'table', $payload['kind'] );
		$this->assertFalse( $payload['unfilteredHtml'] );
		$link = $this->payload( do_shortcode( '[amazon link="B0SHLFK001" title="' . $title . '"]' ) );
		$this->assertSame( 'link', $link['kind'] );
		$this->assertSame( $title, $link['options']['title'] );
	}

	public function test_tracking_id_of_the_site_overrides_the_setting_for_any_author(): void {
		$this->set_settings(
			array(
				'default_marketplace' => 'www.amazon.com',
				'tracking_ids'        => array(
					'www.amazon.com' => 'shelftest-20',
					'www.amazon.de'  => 'other-21',
				),
			)
		);
		$html = $this->in_post_by( 'author', '[amazon link="B0SHLFK001" tracking_id="other-21"]' );
		$this->assertSame( 'other-21', $this->payload( $html )['tag'] );
		$this->assertStringContainsString( 'tag=other-21', $html );
	}

	public function test_foreign_tracking_id_needs_an_administrator_as_author(): void {
		$this->act_as( 'editor' );
		$html = $this->in_post_by( 'author', '[amazon link="B0SHLFK001" tracking_id="someone-else-20"]' );
		$this->assertSame( 'shelftest-20', $this->payload( $html )['tag'] );
		$this->assertStringContainsString( 'tag=shelftest-20', $html );
		$this->assertStringNotContainsString( 'someone-else-20&', $html );
		$this->assertStringContainsString( 'only administrators may use other IDs', $html );

		$html = $this->in_post_by( 'administrator', '[amazon link="B0SHLFK001" tracking_id="someone-else-20"]' );
		$this->assertSame( 'someone-else-20', $this->payload( $html )['tag'] );
		$this->assertStringNotContainsString( 'shelf-notice', $html );
	}

	/**
	 * Renders a shortcode as the content of a post by a user of the given role (the global post,
	 * as in the loop), seen by the current user.
	 *
	 * @param string $role    Author's role.
	 * @param string $content Shortcode.
	 */
	private function in_post_by( string $role, string $content ): string {
		$viewer = get_current_user_id();
		$author = $this->act_as( $role );
		wp_set_current_user( $viewer );
		$post_id = wp_insert_post(
			array(
				'post_author'  => $author,
				'post_title'   => 'tracking_id',
				'post_content' => $content,
				'post_status'  => 'draft',
			)
		);
		$GLOBALS['post'] = get_post( $post_id ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the loop's post, as when rendering.
		$html            = do_shortcode( $content );
		unset( $GLOBALS['post'] );
		wp_delete_post( $post_id, true );
		return $html;
	}

	public function test_invalid_tracking_id_attribute_falls_back_with_notice_for_editors(): void {
		$this->act_as( 'editor' );
		$html = do_shortcode( '[amazon link="B0SHLFK001" tracking_id="Bad Tag"]' );
		$this->assertSame( 'shelftest-20', $this->payload( $html )['tag'] );
		$this->assertStringContainsString( 'class="shelf-notice"', $html );
	}

	public function test_invalid_asin_shows_notice_to_editors_only(): void {
		$this->act_as( 'editor' );
		$editor = do_shortcode( '[amazon link="B0BAD<x>"]' );
		$this->assertStringContainsString( 'class="shelf-notice"', $editor );
		$this->assertStringContainsString( '“B0BAD&lt;x&gt;” is not an ASIN', $editor );
		$this->assertStringNotContainsString( 'shelf-placement', $editor );

		$this->act_as( 'subscriber' );
		$this->assertSame( '', do_shortcode( '[amazon link="B0BAD<x>"]' ) );
		wp_set_current_user( 0 );
		$this->assertSame( '', do_shortcode( '[amazon link="B0BAD<x>"]' ) );
	}

	public function test_unknown_attribute_is_reported_and_the_link_still_renders(): void {
		$this->act_as( 'author' );
		$html = do_shortcode( '[amazon link="B0SHLFK001" colour="red"]' );
		$this->assertStringContainsString( 'unknown attribute(s) ignored: colour', $html );
		$this->assertStringContainsString( 'shelf-placement', $html );

		wp_set_current_user( 0 );
		$visitor = do_shortcode( '[amazon link="B0SHLFK001" colour="red"]' );
		$this->assertStringNotContainsString( 'shelf-notice', $visitor );
		$this->assertStringContainsString( 'shelf-placement', $visitor );
	}

	public function test_missing_tracking_id_gives_an_untagged_link(): void {
		$this->set_settings( array( 'default_marketplace' => 'www.amazon.de' ) );
		$html = do_shortcode( '[amazon link="B0SHLFD201"]' );
		$this->assertStringContainsString( 'href="https://www.amazon.de/dp/B0SHLFD201"', $html );
		$this->assertSame( '', $this->payload( $html )['tag'] );
	}

	public function test_placement_enqueues_the_loader_module(): void {
		self::new_page();
		do_shortcode( '[amazon link="B0SHLFK001"]' );
		// As on wp_footer: the page's placements choose the bundle (Test_Visitor_Module has the rest).
		self::hooked_placements()->register_loader();
		ob_start();
		wp_script_modules()->print_enqueued_script_modules();
		$printed = (string) ob_get_clean();
		wp_deregister_script_module( \Shelf\Assets::LOADER );
		$this->assertStringContainsString( 'shelf/js/wasm-render/loader.js', $printed );
	}

	public function test_shortcode_name_follows_the_setting(): void {
		$this->assertTrue( shortcode_exists( 'amazon' ) );
		$this->assertSame( 'amazon', \Shelf\Settings::get()['shortcode'] );
	}

	/**
	 * The PHP fallback builds the same URLs as the core's product_link.
	 *
	 * @dataProvider product_link_vectors
	 */
	public function test_fallback_url_matches_core_vectors( string $market, string $asin, string $tag, string $url ): void {
		$this->assertSame( $url, \Shelf\Shortcode::product_url( $market, $asin, $tag ) );
	}

	/**
	 * Shared with crate/tests/product_links.rs.
	 *
	 * @return array<string, array{string, string, string, string}>
	 */
	public static function product_link_vectors(): array {
		$cases = json_decode( (string) file_get_contents( SHELF_REPO . '/crate/tests/data/product_links.json' ), true );
		$out   = array();
		foreach ( $cases as $case ) {
			$out[ $case['name'] ] = array( $case['marketplace'], $case['asin'], $case['tag'], $case['url'] );
		}
		return $out;
	}
}
