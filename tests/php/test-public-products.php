<?php
/**
 * What anonymous visitors may read from `GET /shelf/v1/products` (issue 10, item 8): only
 * products that published content shows, and never upstream error text.
 *
 * @covers \Shelf\Store::get_public
 * @covers \Shelf\Store_Usage::published
 * @covers \Shelf\Rest::products
 */

require_once __DIR__ . '/tools/class-shelf-api-testcase.php';

class Test_Public_Products extends Shelf_Api_TestCase {

	public function test_products_of_unpublished_content_do_not_answer(): void {
		$this->act_as( 'editor' );
		$draft = $this->make_post( '[amazon box="B0SHLFK001"]', 'draft' );
		$this->make_post( '[amazon box="B0SHLFL002"]', 'private' );
		$this->make_post( '[amazon box="B0SHLFM003"]', 'publish', array( 'post_password' => 'secret' ) );
		$this->make_post( '[amazon box="B0SHLFP004"]' );
		\Shelf\Store_Registry::remember( 'www.amazon.com', array( 'B0SHLFQ005' ) );
		$all = array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003', 'B0SHLFP004', 'B0SHLFQ005' );
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array_fill_keys( $all, array( 'itemInfo' => array() ) ), 0 );
		$this->assertSame( array( 'B0SHLFP004' ), array_keys( $this->records( $all ) ), 'drafts, private and password-protected posts, and ASINs nothing places stay unknown' );

		$this->act_as( 'editor' );
		wp_update_post( array( 'ID' => $draft, 'post_status' => 'publish' ) );
		\Shelf\Store::flush_memo();
		$this->assertSame( array( 'B0SHLFK001', 'B0SHLFP004' ), array_keys( $this->records( $all ) ), 'published now' );
	}

	public function test_products_of_published_tables_and_lists_answer(): void {
		$this->act_as( 'administrator' );
		$table = \Shelf\Tables::save( array( 'version' => 1, 'products' => array( 'B0SHLFP004' ) ), 'Public test table' );
		$hidden = \Shelf\Tables::save( array( 'version' => 1, 'products' => array( 'B0SHLFQ005' ) ), 'Unplaced test table' );
		$this->make_post( '[amazon table="' . $table . '"] [amazon bestseller="kettle"]' );
		$this->make_post( '[amazon bestseller="drafted"] [amazon table="' . $hidden . '"]', 'draft' );
		\Shelf\Store_Queue::save_search( 'www.amazon.com', 'bestseller', 'kettle', array( 'B0SHLFS101', 'B0SHLFS102' ), null, 0 );
		\Shelf\Store_Queue::save_search( 'www.amazon.com', 'bestseller', 'drafted', array( 'B0SHLFS103' ), null, 0 );
		\Shelf\Store_Queue::save_items( 'www.amazon.com', array_fill_keys( array( 'B0SHLFS101', 'B0SHLFS102', 'B0SHLFS103' ), array( 'itemInfo' => array() ) ), 0 );
		$records = $this->records( array( 'B0SHLFP004', 'B0SHLFQ005', 'B0SHLFS101', 'B0SHLFS102', 'B0SHLFS103' ) );
		wp_delete_post( $table, true );
		wp_delete_post( $hidden, true );
		$this->assertSame( array( 'B0SHLFP004', 'B0SHLFS101', 'B0SHLFS102' ), array_keys( $records ) );
	}

	public function test_public_answers_carry_no_upstream_error_text(): void {
		$this->make_post( '[amazon box="B0SHLFK001,B0SHLFL002"]' );
		\Shelf\Store_Queue::save_errors( 'www.amazon.com', array( 'B0SHLFK001' => array( 'code' => 'InvalidPartnerTag', 'message' => 'The account needs 10 qualifying sales.' ) ), 0, false );
		\Shelf\Store_Queue::save_errors( 'www.amazon.com', array( 'B0SHLFL002' => array( 'code' => 'shelf_rejected', 'message' => 'Token refused for shelf-demo-id' ) ), 0, true );
		$response = $this->get( 'B0SHLFK001,B0SHLFL002' );
		$body     = (string) wp_json_encode( rest_get_server()->response_to_data( $response, false ) );
		foreach ( array( 'InvalidPartnerTag', 'qualifying', 'shelf_rejected', 'Token', 'shelf-demo-id' ) as $secret ) {
			$this->assertStringNotContainsString( $secret, $body );
		}
		$this->assertSame(
			array(
				'B0SHLFK001' => array( 'item' => null, 'fetchedAt' => 0, 'asOf' => '', 'status' => 'error' ),
				'B0SHLFL002' => array( 'item' => null, 'fetchedAt' => 0, 'asOf' => '', 'status' => 'unavailable' ),
			),
			$this->records( array( 'B0SHLFK001', 'B0SHLFL002' ) )
		);
	}

	/**
	 * The records an anonymous GET /products answers with.
	 *
	 * @param list<string> $asins ASINs.
	 * @return array<string, array<string, mixed>>
	 */
	private function records( array $asins ): array {
		return (array) $this->get( implode( ',', $asins ) )->get_data()['records'];
	}

	/**
	 * GET /products in-process, as an anonymous visitor.
	 *
	 * @param string $asins ASIN list.
	 */
	private function get( string $asins ): WP_REST_Response {
		wp_set_current_user( 0 );
		$request = new WP_REST_Request( 'GET', '/shelf/v1/products' );
		$request->set_query_params( array( 'market' => 'www.amazon.com', 'asins' => $asins ) );
		$response = rest_do_request( $request );
		$this->assertSame( 200, $response->get_status() );
		return $response;
	}
}
