<?php
/**
 * Hostile block attributes (security.md S3, issue 11): every vector of the shared corpus goes into
 * every attribute of every Shelf block, in posts saved by an author (no `unfiltered_html`: WordPress
 * filters the block attributes on save) and by an editor (who has `unfiltered_html` on a single
 * site, so the strings reach rendering as written). Rendered through do_blocks(), the placeholders,
 * fallbacks and notices carry no markup from input and the page's JSON data block cannot leave its
 * `<script>`. The editor's preview route answers the same hostile attributes inertly too.
 *
 * @covers \Shelf\Blocks
 * @covers \Shelf\Rest_Preview
 * @covers \Shelf\Placements
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';
require_once __DIR__ . '/tools/class-shelf-http.php';
require_once __DIR__ . '/tools/trait-shelf-inert.php';

class Test_Blocks_Xss extends Shelf_Api_TestCase {

	use Shelf_Inert;

	/** Valid values that make each block render its placement, for half of the rounds. */
	private const VALID = array(
		'box'    => array( 'box' => 'B0SHLFK001' ),
		'table'  => array( 'table' => 'B0SHLFK001,B0SHLFL002' ),
		'fields' => array(
			'fields' => 'B0SHLFK001',
			'value'  => 'button',
		),
		'link'   => array( 'link' => 'B0SHLFK001' ),
	);

	/** Vectors per saved post. */
	private const CHUNK = 100;

	/**
	 * @dataProvider provide_writers
	 * @param string $role Role of the post's author.
	 */
	public function test_every_vector_in_every_block_attribute_of_a_saved_post_stays_inert( string $role ): void {
		$author = $this->act_as( $role );
		$this->assertSame( 'editor' === $role, user_can( $author, 'unfiltered_html' ), 'on a single site editors have unfiltered_html, authors do not' );
		$vectors = self::vectors();
		$placed  = 0;
		$kept    = 0;
		$titles  = 0;
		foreach ( array_chunk( $vectors, self::CHUNK, true ) as $chunk ) {
			$blocks = array();
			foreach ( $chunk as $i => $vector ) {
				foreach ( self::hostile_blocks( $i, $vector ) as $block ) {
					$blocks[] = $block;
				}
			}
			$written = implode( "\n", array_map( 'serialize_block', $blocks ) );
			$this->act_as( $role );
			$post = get_post( $this->make_post( wp_slash( $written ) ) );
			$this->assertSame( $author, (int) $post->post_author );
			$this->assertCount( count( $blocks ), array_filter( array_column( parse_blocks( $post->post_content ), 'blockName' ) ), 'every block survives saving' );
			$kept += (int) ( $post->post_content === $written );

			// Viewed by an editor, who also sees the notices (which echo attribute values).
			$this->act_as( 'editor' );
			$GLOBALS['post'] = $post; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the post being rendered.
			self::new_page();
			$html = do_blocks( $post->post_content );
			$this->assert_inert( $html, "a post of vectors {$this->range( $chunk )} by an $role" );
			$data    = $this->assert_data_block_inert( "a post of vectors {$this->range( $chunk )} by an $role" );
			$placed += count( $data['placements'] );
			foreach ( $data['placements'] as $payload ) {
				$titles += (int) ( isset( $payload['options']['title'] ) && in_array( $payload['options']['title'], $chunk, true ) );
			}
			unset( $GLOBALS['post'] );
		}
		$this->assertGreaterThan( 2 * count( $vectors ), $placed, 'most blocks render a placement' );
		$posts = (int) ceil( count( $vectors ) / self::CHUNK );
		if ( 'editor' === $role ) {
			$this->assertSame( $posts, $kept, 'an editor’s posts are stored as written' );
			$this->assertGreaterThan( count( $vectors ) / 2, $titles, 'and their titles reach the data block as written' );
		} else {
			$this->assertLessThan( $posts, $kept, 'WordPress filtered the author’s attributes' );
		}
		$this->assertDebugLogEmpty();
	}

	public static function provide_writers(): array {
		return array(
			'author' => array( 'author' ),
			'editor' => array( 'editor' ),
		);
	}

	/**
	 * The preview route answers hostile attributes (which never pass WordPress's filters: the
	 * same for authors and editors) with inert markup, and its data holds the strings as given.
	 * Each vector goes into every attribute of one block, the blocks taking turns: the preview
	 * renders through the shortcode, which Test_Shortcode_Xss feeds every vector in every family.
	 */
	public function test_every_vector_in_every_attribute_of_a_block_previews_inertly(): void {
		$previews = 0;
		foreach ( self::vectors() as $i => $vector ) {
			$this->act_as( 0 === $i % 2 ? 'author' : 'editor' );
			$block   = self::hostile_blocks( $i, $vector )[ $i % count( \Shelf\Blocks::NAMES ) ];
			$request = new WP_REST_Request( 'POST', '/shelf/v1/admin/preview' );
			$request->set_header( 'Content-Type', 'application/json' );
			$request->set_body( (string) wp_json_encode( array( 'attributes' => $block['attrs'] ) ) );
			$response = rest_do_request( $request );
			if ( mb_strlen( $vector ) > 2000 ) {
				// Longer than the preview takes: refused by the schema, nothing rendered.
				$this->assertSame( 400, $response->get_status(), var_export( $vector, true ) );
				$this->assertStringContainsString( 'must be at most 2,000 characters long.', wp_json_encode( $response->get_data() ) );
				continue;
			}
			$this->assertSame( 200, $response->get_status(), var_export( $vector, true ) );
			$answer = json_decode( (string) wp_json_encode( $response->get_data() ), true );
			$this->assert_inert( $answer['markup'], $vector );
			foreach ( $answer['data']['placements'] as $payload ) {
				foreach ( array( 'title', 'badge', 'description', 'buttonText' ) as $key ) {
					if ( isset( $payload['options'][ $key ] ) ) {
						$this->assertSame( $vector, $payload['options'][ $key ], 'the data holds the text as given: the core escapes it' );
					}
				}
			}
			++$previews;
		}
		$this->assertGreaterThan( 800, $previews );

		// Over HTTP the answer is JSON (not escaped for HTML) that browsers do not sniff as HTML.
		$vector  = '</script><script>alert(1)</script><!--';
		$answer  = Shelf_Http::request(
			'POST',
			'/wp-json/shelf/v1/admin/preview',
			Shelf_Http::cookie( 'author' ),
			(string) wp_json_encode( array( 'attributes' => array( 'box' => 'B0SHLFK001', 'title' => $vector, 'badge' => $vector ) ) ),
			array( 'Content-Type: application/json', 'X-WP-Nonce: ' . Shelf_Http::nonce( 'author' ) )
		);
		$this->assertSame( 200, $answer['status'] );
		$this->assertMatchesRegularExpression( '/^Content-Type: application\/json; charset=UTF-8\r?$/mi', $answer['headers'] );
		$this->assertMatchesRegularExpression( '/^X-Content-Type-Options: nosniff\r?$/mi', $answer['headers'] );
		$this->assertSame( $vector, json_decode( $answer['body'], true )['data']['placements']['p1']['options']['title'] );
		$this->assertDebugLogEmpty();
	}

	/**
	 * One block of each kind with the vector in every attribute its block.json declares, except
	 * that in every other round the attributes that choose the placement are valid so that it
	 * renders (the list block takes turns between its two families).
	 *
	 * @param int    $round  Round.
	 * @param string $vector Hostile string.
	 * @return list<array<string, mixed>> Parsed-block arrays.
	 */
	private static function hostile_blocks( int $round, string $vector ): array {
		$blocks = array();
		foreach ( \Shelf\Blocks::NAMES as $name ) {
			$attrs = array_fill_keys( array_keys( json_decode( (string) file_get_contents( SHELF_DIR . "blocks/$name/block.json" ), true )['attributes'] ), $vector );
			if ( 'list' === $name ) {
				$attrs = array(
					array( 'bestseller' => 'kettle' ),
					array( 'bestseller' => '' ),
					array(
						'bestseller' => '',
						'new'        => '284507',
					),
					array(),
				)[ $round % 4 ] + $attrs;
			} elseif ( 0 === $round % 2 ) {
				$attrs = self::VALID[ $name ] + $attrs;
			}
			$blocks[] = array(
				'blockName'    => "shelf/$name",
				'attrs'        => $attrs,
				'innerBlocks'  => array(),
				'innerHTML'    => '',
				'innerContent' => array(),
			);
		}
		return $blocks;
	}

	/**
	 * The page's data block, as printed in the footer: one script element whose JSON holds no
	 * character that could end it or open markup, and parses back.
	 *
	 * @param string $context For failure messages.
	 * @return array<string, mixed> The data block's content.
	 */
	private function assert_data_block_inert( string $context ): array {
		ob_start();
		self::hooked_placements()->print_data();
		$printed = (string) ob_get_clean();
		$this->assertSame( 1, preg_match( '#^<script type="application/json" id="shelf-data">([^<>&]*)</script>\n$#D', $printed, $m ), "the data block keeps to its script element: $context" );
		$tags = new WP_HTML_Tag_Processor( $printed );
		$this->assertTrue( $tags->next_tag() );
		$this->assertSame( 'SCRIPT', $tags->get_tag() );
		$this->assertFalse( $tags->next_tag(), "nothing after the script element: $context" );
		$data = json_decode( $m[1], true );
		$this->assertIsArray( $data, $context );
		return $data;
	}

	/**
	 * "first–last" of a chunk's vector numbers.
	 *
	 * @param array<int, string> $chunk Vectors by number.
	 */
	private function range( array $chunk ): string {
		return array_key_first( $chunk ) . '–' . array_key_last( $chunk );
	}
}
