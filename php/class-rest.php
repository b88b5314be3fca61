<?php
/**
 * REST routes under shelf/v1.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Public routes read the store only and never call Amazon:
 * - `GET /shelf/v1/products?market=&asins=` — records of known products (≤ 50), cacheable;
 * - `GET /shelf/v1/geo` — the visitor's country from a CDN header, never cached.
 * They read the query string only: CDNs cache GET answers by URL, so nothing else (such as a
 * JSON body, which WordPress merges over the query) may shape them.
 *
 * Admin routes need `manage_options` (the product search `edit_posts`) and, with cookie
 * authentication, the `wp_rest` nonce (WordPress treats a cookie without it as logged out):
 * - `POST /shelf/v1/admin/validate-tag` — server-side tag check;
 * - `POST /shelf/v1/admin/refresh` — one bounded refresh run now;
 * - `GET  /shelf/v1/admin/status` — the status panel's data;
 * - `POST /shelf/v1/admin/test-connection` — a fresh token and one small search;
 * - `GET  /shelf/v1/admin/search` — SearchItems for the editor's product picker: answers are
 *   cached briefly, each user has a search limit, and a busy budget answers 429 with
 *   `Retry-After` at once instead of holding a PHP worker.
 *
 * @since 0.1.0
 */
final class Rest {

	public const NAMESPACE = 'shelf/v1';

	/**
	 * CDN headers that carry the visitor's country, in order of preference.
	 */
	public const GEO_HEADERS = array( 'CF-IPCountry', 'CloudFront-Viewer-Country', 'X-Vercel-IP-Country', 'X-AppEngine-Country', 'Fastly-Geo-Country-Code' );

	/**
	 * Constructor.
	 *
	 * @param Creators_Client $client  API client.
	 * @param Refresh         $refresh Refresh job.
	 * @param Rate_Budget     $budget  Rate budget.
	 */
	public function __construct( private Creators_Client $client, private Refresh $refresh, private Rate_Budget $budget ) {
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
		$market = array(
			'type'        => 'string',
			'enum'        => array_keys( Marketplaces::all() ),
			'description' => __( 'Marketplace host, such as www.amazon.de.', 'shelf' ),
		);
		register_rest_route(
			self::NAMESPACE,
			'/products',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'products' ),
				'permission_callback' => '__return_true', // Public: known products from the store only.
				'args'                => array(
					'market' => $market + array( 'required' => true ),
					'asins'  => array(
						'type'        => 'string',
						'required'    => true,
						'pattern'     => '^[A-Za-z0-9]{10}(,[A-Za-z0-9]{10}){0,49}$',
						'description' => __( 'Up to 50 comma-separated ASINs.', 'shelf' ),
					),
				),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			'/geo',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'geo' ),
				'permission_callback' => '__return_true', // Public: echoes a request header, reads nothing.
				'args'                => array(),
			)
		);
		$admin = array( $this, 'can_manage' );
		register_rest_route(
			self::NAMESPACE,
			'/admin/validate-tag',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'validate_tag' ),
				'permission_callback' => $admin,
				'args'                => array(
					'market' => $market + array( 'required' => true ),
					'tag'    => array(
						'type'      => 'string',
						'required'  => true,
						'maxLength' => 200,
					),
				),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			'/admin/refresh',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'refresh' ),
				'permission_callback' => $admin,
				'args'                => array( 'market' => $market ),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			'/admin/status',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'status' ),
				'permission_callback' => $admin,
				'args'                => array(),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			'/admin/test-connection',
			array(
				'methods'             => \WP_REST_Server::CREATABLE,
				'callback'            => array( $this, 'test_connection' ),
				'permission_callback' => $admin,
				'args'                => array( 'market' => $market + array( 'required' => true ) ),
			)
		);
		register_rest_route(
			self::NAMESPACE,
			'/admin/search',
			array(
				'methods'             => \WP_REST_Server::READABLE,
				'callback'            => array( $this, 'search' ),
				'permission_callback' => array( $this, 'can_edit' ),
				'args'                => array(
					'market'   => $market + array( 'required' => true ),
					'keywords' => array(
						'type'      => 'string',
						'required'  => true,
						'minLength' => 1,
						'maxLength' => 200,
					),
				),
			)
		);
	}

	/**
	 * Permission: settings, credentials, refresh.
	 */
	public function can_manage(): bool {
		return current_user_can( 'manage_options' );
	}

	/**
	 * Permission: the editor's product search.
	 */
	public function can_edit(): bool {
		return current_user_can( 'edit_posts' );
	}

	/**
	 * GET /products: `{ "records": { "<ASIN>": <Public_Record> } }` for products that published
	 * content shows, with manual products in place as their owner chose
	 * ({@see Manual_Products::records()}); other ASINs are left out.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function products( \WP_REST_Request $request ) {
		$query = self::query_args( $request );
		if ( is_wp_error( $query ) ) {
			return $query;
		}
		$market   = (string) $query['market'];
		$records  = Store::get_public( $market, explode( ',', (string) $query['asins'] ) );
		// An object, so `records` is `{}` in JSON even when empty; nested, so WordPress's `_fields`
		// and `_embed` handling (which index the top level as an array) work on the answer.
		$response = new \WP_REST_Response( array( 'records' => (object) Manual_Products::records( $records ) ) );
		if ( ! is_user_logged_in() ) {
			$response->header( 'Cache-Control', self::has_body( $request ) ? 'no-store' : 'public, max-age=' . self::max_age( $records ) );
		}
		return $response;
	}

	/**
	 * A public route's arguments, from the query string alone. WordPress validated the values it
	 * merged from the body and the query, which may not be the query's, so they are validated
	 * again here against the route's schema.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return array<string, mixed>|\WP_Error
	 */
	private static function query_args( \WP_REST_Request $request ) {
		$query = $request->get_query_params();
		$args  = array();
		foreach ( (array) ( $request->get_attributes()['args'] ?? array() ) as $name => $schema ) {
			if ( ! isset( $query[ $name ] ) ) {
				if ( ! empty( $schema['required'] ) ) {
					/* translators: %s: parameter name. */
					return new \WP_Error( 'rest_missing_callback_param', sprintf( __( 'Missing parameter in the query string: %s', 'shelf' ), $name ), array( 'status' => 400 ) );
				}
				continue;
			}
			$valid = rest_validate_value_from_schema( $query[ $name ], $schema, $name );
			if ( is_wp_error( $valid ) ) {
				return new \WP_Error( 'rest_invalid_param', $valid->get_error_message(), array( 'status' => 400 ) );
			}
			$args[ $name ] = rest_sanitize_value_from_schema( $query[ $name ], $schema, $name );
		}
		return $args;
	}

	/**
	 * Whether a request carries a body. WordPress still reads some of its own parameters (such
	 * as `_fields`) from a JSON body, so an answer to such a request must not be cached publicly.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	private static function has_body( \WP_REST_Request $request ): bool {
		return '' !== (string) $request->get_body() || array() !== $request->get_body_params();
	}

	/**
	 * The public cache lifetime of a products answer: the filter's value, at most an hour, never
	 * past the moment the oldest record's data expires, and a minute when a record has no data.
	 *
	 * @param array<string, array{item: ?array, fetched_at: int}> $records Records.
	 */
	private static function max_age( array $records ): int {
		/**
		 * Filters how long browsers and CDNs may cache `GET /shelf/v1/products`, in seconds.
		 * Clamped to 0–3600.
		 *
		 * @since 0.1.0
		 *
		 * @param int $seconds Default 300.
		 */
		$age = Tunable::clamp( apply_filters( 'shelf_products_max_age', 300 ), 300, 0, HOUR_IN_SECONDS );
		foreach ( $records as $record ) {
			// Without data the answer changes as soon as the refresh job runs: keep it short.
			$age = null === $record['item'] ? min( $age, MINUTE_IN_SECONDS ) : min( $age, max( 0, $record['fetched_at'] + Settings::lifetime() - Clock::time() ) );
		}
		return $age;
	}

	/**
	 * GET /geo: the country a CDN says the visitor is in, or null.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function geo( \WP_REST_Request $request ): \WP_REST_Response {
		/**
		 * Filters the request headers that may carry the visitor's two-letter country code, in
		 * order of preference. Only trust headers your CDN sets (and strips from clients).
		 *
		 * @since 0.1.0
		 *
		 * @param list<string> $headers Default: Cloudflare, CloudFront, Vercel, App Engine, Fastly.
		 */
		$headers = (array) apply_filters( 'shelf_geo_headers', self::GEO_HEADERS );
		$country = null;
		foreach ( $headers as $header ) {
			$value = strtoupper( trim( (string) $request->get_header( (string) $header ) ) );
			// XX = unknown, T1 = Tor (Cloudflare); neither is a country.
			if ( 1 === preg_match( '/^[A-Z]{2}$/D', $value ) && ! in_array( $value, array( 'XX', 'T1' ), true ) ) {
				$country = $value;
				break;
			}
		}
		$response = new \WP_REST_Response( array( 'country' => $country ) );
		$response->header( 'Cache-Control', 'no-store' );
		return $response;
	}

	/**
	 * POST /admin/validate-tag: the server's rule, plus a soft suffix warning.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function validate_tag( \WP_REST_Request $request ): \WP_REST_Response {
		// The server applies only its own rule (charset and length, as when saving settings);
		// the full rules and their warnings are the core's and run in the browser.
		$tag = Settings::sanitize_tag( (string) $request['tag'] );
		return new \WP_REST_Response(
			array(
				'valid'  => null !== $tag && '' !== $tag,
				'tag'    => (string) $tag,
				'market' => (string) $request['market'],
			)
		);
	}

	/**
	 * POST /admin/refresh: makes known data due and runs one bounded refresh now.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	public function refresh( \WP_REST_Request $request ): \WP_REST_Response {
		$market = null === $request['market'] ? null : (string) $request['market'];
		Store_Queue::make_due( $market );
		$this->client->unlock();
		$summary = $this->refresh->run();
		if ( $summary['more_due'] ) {
			Refresh::schedule_soon( 30 );
		}
		return new \WP_REST_Response( $summary );
	}

	/**
	 * GET /admin/status.
	 */
	public function status(): \WP_REST_Response {
		return new \WP_REST_Response( Status_Panel::data( $this->budget ) );
	}

	/**
	 * POST /admin/test-connection.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function test_connection( \WP_REST_Request $request ) {
		$this->client->unlock();
		$result = $this->client->test_connection( (string) $request['market'] );
		if ( is_wp_error( $result ) ) {
			return new \WP_Error( $result->get_error_code(), $result->get_error_message(), array( 'status' => 502 ) );
		}
		return new \WP_REST_Response( $result );
	}

	/**
	 * GET /admin/search: the site's manual products whose title or ASIN matches first, then up
	 * to 10 of Amazon's results (not stored in the product store). When Amazon's search fails
	 * (no credentials, a limit), the manual matches are still the answer, with the reason as
	 * `notice`; without any, the failure is.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function search( \WP_REST_Request $request ) {
		$keywords = (string) $request['keywords'];
		$manual   = Manual_Products::matching( $keywords );
		$found    = $this->search_amazon( (string) $request['market'], $keywords );
		if ( is_wp_error( $found ) ) {
			return array() === $manual ? self::search_error( $found ) : new \WP_REST_Response(
				array(
					'items'  => $manual,
					'notice' => $found->get_error_message(),
				)
			);
		}
		$asins = array_column( $manual, 'asin' );
		$more  = array_filter( $found, static fn( array $item ): bool => ! in_array( $item['asin'], $asins, true ) );
		return new \WP_REST_Response( array( 'items' => array_merge( $manual, array_values( $more ) ) ) );
	}

	/**
	 * Amazon's search. Repeated searches come from {@see Search_Cache}; the others count
	 * against the user's {@see Search_Limit} and take a slot from the editors' share of the
	 * budget without waiting.
	 *
	 * @param string $market   Store host.
	 * @param string $keywords Keywords.
	 * @return list<array{asin: string, title: string, image: ?string}>|\WP_Error
	 */
	private function search_amazon( string $market, string $keywords ) {
		$items = Search_Cache::get( $market, $keywords );
		if ( null !== $items ) {
			return $items;
		}
		$allowed = Search_Limit::take( get_current_user_id() );
		if ( is_wp_error( $allowed ) ) {
			return $allowed;
		}
		$this->client->unlock();
		$result = $this->client->search_now(
			$market,
			array(
				'keywords'  => $keywords,
				'itemCount' => 10,
			),
			array( 'itemInfo.title', 'images.primary.small' )
		);
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		$items = self::search_items( $result['items'] );
		Search_Cache::put( $market, $keywords, $items );
		return $items;
	}

	/**
	 * A failed search as an HTTP answer: 429 when the user's limit or the budget says "not now",
	 * 503 while Amazon's access is paused, 502 for other upstream failures; `Retry-After` (and
	 * `data.retryAfter`, in seconds) whenever the error knows when to come back.
	 *
	 * @param \WP_Error $error Error from Search_Limit or the client.
	 */
	private static function search_error( \WP_Error $error ): \WP_REST_Response {
		$status = match ( $error->get_error_code() ) {
			'shelf_search_limit', 'shelf_rate_limited', 'shelf_interactive_cap', 'shelf_daily_cap', 'shelf_backoff' => 429,
			'shelf_circuit_open' => 503,
			default              => 502,
		};
		$info = $error->get_error_data();
		$data = array( 'status' => $status );
		if ( is_array( $info ) && is_numeric( $info['retry_at'] ?? null ) ) {
			$data['retryAfter'] = max( 1, (int) ceil( (float) $info['retry_at'] - Clock::now() ) );
		}
		$response = rest_convert_error_to_response( new \WP_Error( $error->get_error_code(), $error->get_error_message(), $data ) );
		if ( isset( $data['retryAfter'] ) ) {
			$response->header( 'Retry-After', (string) $data['retryAfter'] );
		}
		return $response;
	}

	/**
	 * Search results as the picker shows them: ASIN, plain-text title, and an image only from
	 * Amazon's image host.
	 *
	 * @param array<string, array<string, mixed>> $items Items by ASIN, in Amazon's order.
	 * @return list<array{asin: string, title: string, image: ?string}>
	 */
	private static function search_items( array $items ): array {
		$out = array();
		foreach ( $items as $asin => $item ) {
			$out[] = array(
				'asin'  => (string) $asin,
				'title' => is_string( $item['itemInfo']['title']['displayValue'] ?? null ) ? wp_strip_all_tags( $item['itemInfo']['title']['displayValue'] ) : '',
				'image' => is_string( $item['images']['primary']['small']['url'] ?? null ) && str_starts_with( $item['images']['primary']['small']['url'], 'https://m.media-amazon.com/' ) ? $item['images']['primary']['small']['url'] : null,
			);
		}
		return $out;
	}
}
