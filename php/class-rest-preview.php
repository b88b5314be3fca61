<?php
/**
 * The block editor's preview data.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * `POST /shelf/v1/admin/preview`: what the front end would print for a block's attributes — the
 * shortcode's markup (notices, placeholder, fallback) and the data block's content (payloads,
 * records, config) — made by {@see Shortcode::render()} itself, so the editor renders the very
 * placement a visitor gets, with the core, in the browser.
 *
 * Products the store does not know yet are fetched once, now, for the person waiting (the
 * editors' share of the budget and their {@see Search_Limit}; never waiting), so a product
 * picked in the editor shows its data at once. Such records are unused until a post places
 * them; the daily expiry removes them otherwise.
 *
 * @since 0.2.0
 */
final class Rest_Preview {

	/**
	 * Constructor.
	 *
	 * @param Creators_Client $client Creators API client.
	 */
	public function __construct( private Creators_Client $client ) {
	}

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Hooked to `rest_api_init`.
	 */
	public function register_routes(): void {
		register_rest_route(
			Rest::NAMESPACE,
			'/admin/preview',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'preview' ),
				'permission_callback' => array( $this, 'can_preview' ),
				'args'                => array(
					'post'       => array(
						'type'    => 'integer',
						'minimum' => 0,
						'default' => 0,
					),
					'attributes' => array(
						'type'                 => 'object',
						'required'             => true,
						'maxProperties'        => 32,
						'additionalProperties' => array(
							'type'      => 'string',
							'maxLength' => 2000,
						),
					),
				),
			)
		);
	}

	/**
	 * Permission: editing the post the block is in (any post when it has no ID yet).
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function can_preview( \WP_REST_Request $request ): bool {
		$post = (int) $request['post'];
		return $post > 0 ? current_user_can( 'edit_post', $post ) : current_user_can( 'edit_posts' );
	}

	/**
	 * The preview's markup and data.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function preview( \WP_REST_Request $request ): \WP_REST_Response {
		$post = (int) $request['post'];
		// The post's author decides what its shortcodes may do (tracking IDs, custom HTML).
		$previous        = $GLOBALS['post'] ?? null;
		$GLOBALS['post'] = $post > 0 ? get_post( $post ) : null; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- restored below.
		$attributes      = Blocks::shortcode_atts( (array) $request['attributes'] );
		$placements      = new Placements( new Assets() );
		$markup          = ( new Shortcode( $placements ) )->render( $attributes );
		$data            = $placements->data();
		$fetch           = $this->fetch_unknown( $data );
		if ( $fetch['fetched'] > 0 ) {
			$data = $placements->data(); // Read the store again only when it changed.
		}
		$GLOBALS['post'] = $previous; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- restoring.
		return new \WP_REST_Response(
			array(
				'markup' => $markup,
				'data'   => $data,
				'fetch'  => $fetch,
			)
		);
	}

	/**
	 * Fetches products that have never been fetched, at most 10, when the user's limit and the
	 * budget allow it now.
	 *
	 * @param array{placements: object, records: object} $data The data block's content.
	 * @return array{fetched: int, error: ?string} What happened, for the editor to say.
	 */
	private function fetch_unknown( array $data ): array {
		$result = array(
			'fetched' => 0,
			'error'   => null,
		);
		foreach ( (array) $data['records'] as $market => $records ) {
			$missing = array();
			foreach ( (array) $records as $asin => $record ) {
				// A manual product's record (`manual`) has neither: nothing to fetch for it.
				if ( null === ( $record['item'] ?? null ) && 'pending' === ( $record['status'] ?? '' ) ) {
					$missing[] = (string) $asin;
				}
			}
			if ( ! $missing ) {
				continue;
			}
			$allowed = Search_Limit::take( get_current_user_id() );
			if ( is_wp_error( $allowed ) ) {
				$result['error'] = $allowed->get_error_message();
				return $result;
			}
			$this->client->unlock();
			$answer = $this->client->get_items_now( (string) $market, array_slice( $missing, 0, 10 ) );
			if ( is_wp_error( $answer ) ) {
				$result['error'] = $answer->get_error_message();
				return $result;
			}
			Store_Queue::save_items( (string) $market, $answer['items'], Clock::time() + Refresh::refresh_after() );
			Store_Queue::save_errors( (string) $market, $answer['errors'], Clock::time() + 6 * HOUR_IN_SECONDS, true );
			$result['fetched'] += count( $answer['items'] );
		}
		return $result;
	}
}
