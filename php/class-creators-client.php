<?php
/**
 * The Amazon Creators API client.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * GetItems and SearchItems over `wp_remote_post`, with the shared token cache and rate budget.
 *
 * Only the refresh job, admin actions and the command line may call it: on any other request
 * (a visitor's page, a public REST route) every call returns an error without touching the
 * network, so a page render can never wait on Amazon. Retries follow amazon.md §3.6: 429 and 5xx
 * and timeouts back off with jitter (honouring `Retry-After`/`retryAfterSeconds`, at most three
 * tries), 401 TokenExpired refreshes the token once, 403 opens the circuit for hours.
 *
 * @since 0.1.0
 */
final class Creators_Client {

	public const API_BASE = 'https://creatorsapi.amazon';
	public const MAX_TRIES = 3;

	/**
	 * The item resources Shelf requests: exactly what the core's product model reads
	 * (crate/src/product/model.rs) for boxes, tables, lists, fields and links. Anything else costs bytes
	 * on every refresh and storage for nothing. `violatesMAP` and the saving basis come inside the
	 * listing's price; the detail page URL and ASIN come with every item.
	 */
	public const RESOURCES = array(
		'itemInfo.title',                   // Title everywhere.
		'itemInfo.byLineInfo',              // Brand (then manufacturer).
		'itemInfo.features',                // Bullet points.
		'images.primary.small',             // Image sizes with width/height.
		'images.primary.medium',
		'images.primary.large',
		'offersV2.listings.price',          // Price, price per unit, saving basis, savings, violatesMAP.
		'offersV2.listings.availability',   // Availability type and message.
		'offersV2.listings.dealDetails',    // Deal badge.
		'offersV2.listings.isBuyBoxWinner', // Which listing's offer is shown.
		'customerReviews.count',            // Rendered only when Amazon returns them.
		'customerReviews.starRating',
	);

	/**
	 * Whether this request may call Amazon although it is not cron or the command line.
	 */
	private bool $unlocked = false;

	/**
	 * Constructor.
	 *
	 * @param Token_Cache $tokens Token cache.
	 * @param Rate_Budget $budget Rate budget.
	 * @param Clock       $clock  Time and waiting.
	 */
	public function __construct( private Token_Cache $tokens, private Rate_Budget $budget, private Clock $clock ) {
	}

	/**
	 * Allows calls during this request: only for admin actions that already checked capability
	 * and nonce.
	 */
	public function unlock(): void {
		$this->unlocked = true;
	}

	/**
	 * Whether this request may call Amazon: the cron job, the command line, or an unlocked admin
	 * action. A visitor's page render is none of these.
	 */
	public function may_call(): bool {
		return $this->unlocked || wp_doing_cron() || 'cli' === PHP_SAPI;
	}

	/**
	 * The API base URL: SHELF_CREATORS_API_BASE when defined (tests and the demo use the local
	 * mock), else Amazon's host.
	 */
	public static function api_base(): string {
		return defined( 'SHELF_CREATORS_API_BASE' ) ? untrailingslashit( (string) SHELF_CREATORS_API_BASE ) : self::API_BASE;
	}

	/**
	 * GetItems for up to 10 unique ASINs of one marketplace.
	 *
	 * @param string       $market   Marketplace host.
	 * @param list<string> $asins    ASINs (de-duplicated here; at most 10 after that).
	 * @param float        $deadline Unix time by which the caller must be done (limits waits).
	 * @param bool         $interactive Whether someone is waiting (see get_items_now()).
	 * @return array{items: array<string, array<string, mixed>>, errors: array<string, array{code: string, message: string}>}|\WP_Error
	 */
	public function get_items( string $market, array $asins, float $deadline = INF, bool $interactive = false ) {
		$asins = Store::clean_asins( $asins );
		if ( array() === $asins || count( $asins ) > 10 ) {
			return new \WP_Error( 'shelf_bad_batch', __( 'GetItems takes 1 to 10 ASINs.', 'shelf' ) );
		}
		$body = $this->call(
			$market,
			'/catalog/v1/getItems',
			array(
				'itemIds'    => $asins,
				'itemIdType' => 'ASIN',
				'resources'  => self::RESOURCES,
			),
			$deadline,
			$interactive
		);
		if ( is_wp_error( $body ) ) {
			return $body;
		}
		$result = is_array( $body['itemsResult'] ?? null ) ? $body['itemsResult'] : ( is_array( $body['itemResults'] ?? null ) ? $body['itemResults'] : array() );
		$items  = self::items_by_asin( $result['items'] ?? array(), $asins );
		$errors = array();
		foreach ( (array) ( $body['errors'] ?? array() ) as $error ) {
			$asin = is_array( $error ) ? self::asin_in( (string) ( $error['message'] ?? '' ), $asins ) : null;
			if ( null !== $asin && ! isset( $items[ $asin ] ) ) {
				$errors[ $asin ] = array(
					'code'    => self::word( $error['code'] ?? '' ),
					'message' => self::short( (string) ( $error['message'] ?? '' ) ),
				);
			}
		}
		foreach ( $asins as $asin ) {
			if ( ! isset( $items[ $asin ] ) && ! isset( $errors[ $asin ] ) ) {
				$errors[ $asin ] = array(
					'code'    => 'ItemNotReturned',
					'message' => __( 'Amazon returned no data for this item.', 'shelf' ),
				);
			}
		}
		return array(
			'items'  => $items,
			'errors' => $errors,
		);
	}

	/**
	 * GetItems for someone waiting on the answer (the block editor's preview of a product the
	 * store does not know yet): like {@see self::search_now()}, from the editors' share of the
	 * budget, never waiting or retrying.
	 *
	 * @param string       $market Marketplace host.
	 * @param list<string> $asins  1 to 10 ASINs.
	 * @return array{items: array<string, array<string, mixed>>, errors: array<string, array{code: string, message: string}>}|\WP_Error
	 */
	public function get_items_now( string $market, array $asins ) {
		return $this->get_items( $market, $asins, $this->clock->now(), true );
	}

	/**
	 * SearchItems: one page of results.
	 *
	 * @param string               $market   Marketplace host.
	 * @param array<string, mixed> $params   `keywords` or `browseNodeId`, optional `sortBy`, `itemCount` (1–10), `itemPage` (1–10).
	 * @param float                $deadline Unix time by which the caller must be done.
	 * @param list<string>|null    $resources Resources (default: RESOURCES).
	 * @return array{items: array<string, array<string, mixed>>, total: int}|\WP_Error Items in Amazon's order.
	 */
	public function search_items( string $market, array $params, float $deadline = INF, ?array $resources = null ) {
		return $this->search( $market, $params, $deadline, $resources, false );
	}

	/**
	 * SearchItems for someone waiting on the answer (the editor's product picker): it takes its
	 * slot from the editors' share of the budget ({@see Rate_Budget::acquire_now()}) and never
	 * waits or retries, so a busy budget answers at once with a `retry_at` instead of holding a
	 * PHP worker.
	 *
	 * @param string               $market    Marketplace host.
	 * @param array<string, mixed> $params    As for {@see self::search_items()}.
	 * @param list<string>         $resources Resources.
	 * @return array{items: array<string, array<string, mixed>>, total: int}|\WP_Error Items in Amazon's order.
	 */
	public function search_now( string $market, array $params, array $resources ) {
		return $this->search( $market, $params, $this->clock->now(), $resources, true );
	}

	/**
	 * SearchItems, for the refresh job or a waiting person.
	 *
	 * @param string               $market      Marketplace host.
	 * @param array<string, mixed> $params      Search parameters.
	 * @param float                $deadline    Unix time by which the caller must be done.
	 * @param list<string>|null    $resources   Resources (default: RESOURCES).
	 * @param bool                 $interactive Whether someone is waiting (see search_now()).
	 * @return array{items: array<string, array<string, mixed>>, total: int}|\WP_Error
	 */
	private function search( string $market, array $params, float $deadline, ?array $resources, bool $interactive ) {
		$body = array();
		if ( is_string( $params['keywords'] ?? null ) && '' !== trim( $params['keywords'] ) ) {
			$body['keywords'] = mb_substr( trim( $params['keywords'] ), 0, 255 );
		} elseif ( is_string( $params['browseNodeId'] ?? null ) && 1 === preg_match( '/^[1-9][0-9]{0,19}$/D', $params['browseNodeId'] ) ) {
			$body['browseNodeId'] = $params['browseNodeId'];
		} else {
			return new \WP_Error( 'shelf_bad_search', __( 'A search needs keywords or a browse node id.', 'shelf' ) );
		}
		$sorts = array( 'AvgCustomerReviews', 'Featured', 'NewestArrivals', 'Price:HighToLow', 'Price:LowToHigh', 'Relevance' );
		if ( in_array( $params['sortBy'] ?? null, $sorts, true ) ) {
			$body['sortBy'] = $params['sortBy'];
		}
		$body['itemCount'] = max( 1, min( 10, (int) ( $params['itemCount'] ?? 10 ) ) );
		$body['itemPage']  = max( 1, min( 10, (int) ( $params['itemPage'] ?? 1 ) ) );
		$body['resources'] = $resources ?? self::RESOURCES;
		$answer            = $this->call( $market, '/catalog/v1/searchItems', $body, $deadline, $interactive );
		if ( is_wp_error( $answer ) ) {
			return $answer;
		}
		$result = is_array( $answer['searchResult'] ?? null ) ? $answer['searchResult'] : array();
		return array(
			'items' => self::items_by_asin( $result['items'] ?? array(), null ),
			'total' => (int) ( $result['totalResultCount'] ?? 0 ),
		);
	}

	/**
	 * "Test connection": a fresh token, then one small search in the marketplace. Succeeding
	 * closes an open circuit, since an admin acted.
	 *
	 * @param string $market Marketplace host.
	 * @return array{message: string, requests: int}|\WP_Error
	 */
	public function test_connection( string $market ) {
		$credential = Credentials::for_market( $market );
		if ( null === $credential ) {
			return new \WP_Error( 'shelf_no_credential', __( 'No complete Creators API credential for this store’s region.', 'shelf' ) );
		}
		$this->budget->reset( $credential['key'] );
		$this->tokens->forget( $credential );
		$result = $this->search_items(
			$market,
			array(
				'keywords'  => 'kindle',
				'itemCount' => 1,
			),
			$this->clock->now() + 15,
			array( 'itemInfo.title' )
		);
		if ( is_wp_error( $result ) ) {
			return $result;
		}
		return array(
			/* translators: 1: marketplace host, 2: tracking ID. */
			'message'  => sprintf( __( 'Connected: Amazon accepted the credential and answered a search on %1$s for tracking ID %2$s.', 'shelf' ), $market, Settings::tracking_id( $market ) ),
			'requests' => $this->budget->requests_today( $credential['key'] ),
		);
	}

	/**
	 * Sends one catalog operation with retries.
	 *
	 * @param string               $market      Marketplace host.
	 * @param string               $path        Operation path.
	 * @param array<string, mixed> $fields      Operation fields.
	 * @param float                $deadline    Unix time limit for waits (now: no waits, no retries).
	 * @param bool                 $interactive Whether the slot comes from the editors' share.
	 * @return array<string, mixed>|\WP_Error Decoded body.
	 */
	private function call( string $market, string $path, array $fields, float $deadline, bool $interactive = false ) {
		if ( ! $this->may_call() ) {
			return new \WP_Error( 'shelf_not_now', __( 'Shelf calls Amazon only from its background job or an admin action.', 'shelf' ) );
		}
		$credential = Credentials::for_market( $market );
		if ( null === $credential ) {
			return new \WP_Error( 'shelf_no_credential', __( 'No complete Creators API credential for this store’s region.', 'shelf' ) );
		}
		$tag = Settings::tracking_id( $market );
		if ( '' === $tag ) {
			return new \WP_Error( 'shelf_no_tracking_id', __( 'No tracking ID is set for this store.', 'shelf' ) );
		}
		$key       = $credential['key'];
		$market_at = Marketplaces::all()[ $market ];
		$body      = array_merge(
			array(
				'partnerTag'            => $tag,
				'marketplace'           => $market,
				'languagesOfPreference' => array( $market_at['locale'] ),
			),
			$fields
		);
		$refreshed = false;
		$tries     = 0;
		while ( true ) {
			$max_wait = max( 0.0, min( self::max_wait(), $deadline - $this->clock->now() ) );
			$slot     = $interactive ? $this->budget->acquire_now( $key ) : $this->budget->acquire( $key, $max_wait );
			if ( is_wp_error( $slot ) ) {
				return $slot;
			}
			$token = $this->tokens->get( $credential, (int) ceil( self::timeout() ) );
			if ( is_wp_error( $token ) ) {
				$this->budget->back_off( $key, $this->clock->now() + 5 * MINUTE_IN_SECONDS, $token->get_error_code(), $token->get_error_message() );
				return self::failed( $token, $market );
			}
			++$tries;
			// A background call ends by the run's deadline (its time budget), not a whole timeout
			// after it; someone waiting (deadline "now": no retries) gets the full timeout.
			$timeout  = $interactive ? self::timeout() : min( self::timeout(), max( 0.5, $deadline - $this->clock->now() ) );
			$auth     = 'Bearer ' . $token . ( 2 === Credentials::major( $credential['version'] ) ? ', Version ' . $credential['version'] : '' );
			$response = wp_remote_post(
				self::api_base() . $path,
				array(
					'timeout'     => $timeout,
					'redirection' => 0,
					'user-agent'  => 'Shelf/' . SHELF_VERSION,
					'headers'     => array(
						'Authorization' => $auth,
						'Content-Type'  => 'application/json; charset=utf-8',
						'Accept'        => 'application/json',
						'x-marketplace' => $market,
					),
					'body'        => (string) wp_json_encode( $body ),
				)
			);
			$status  = is_wp_error( $response ) ? 0 : (int) wp_remote_retrieve_response_code( $response );
			$decoded = is_wp_error( $response ) ? null : json_decode( (string) wp_remote_retrieve_body( $response ), true );
			$reason  = is_array( $decoded ) ? self::word( $decoded['reason'] ?? ( $decoded['type'] ?? '' ) ) : '';

			if ( 200 === $status && is_array( $decoded ) ) {
				$this->budget->succeeded( $key );
				State::put( 'status:success', Clock::now(), (string) wp_json_encode( array( 'market' => $market ) ) );
				return $decoded;
			}
			if ( 401 === $status && ! $refreshed && in_array( $reason, array( 'TokenExpired', 'InvalidToken' ), true ) ) {
				// The token died early: one fresh token, one retry, never a loop.
				$this->tokens->forget( $credential );
				$refreshed = true;
				--$tries;
				continue;
			}
			if ( 403 === $status ) {
				$message = 'AssociateNotEligible' === $reason
					? __( 'Amazon says this Associates account may not use the Creators API now (it needs 10 qualifying sales in the last 30 days). Shelf pauses requests and keeps showing the last good data or plain links.', 'shelf' )
					: __( 'Amazon denied access to the Creators API for this credential. Shelf pauses requests; check the credential and its store in Associates Central.', 'shelf' );
				$this->budget->open_circuit( $key, self::circuit_seconds(), '' === $reason ? 'AccessDenied' : $reason, $message );
				return self::failed( new \WP_Error( 'shelf_not_eligible', $message, array( 'status' => 403 ) ), $market );
			}
			if ( 401 === $status || 400 === $status || 404 === $status ) {
				$code = 404 === $status ? 'shelf_not_found' : 'shelf_rejected';
				/* translators: 1: HTTP status, 2: Amazon's reason such as InvalidPartnerTag. */
				$message = sprintf( __( 'Amazon rejected the request (HTTP %1$d, %2$s). Check the tracking ID and credential for this store.', 'shelf' ), $status, '' === $reason ? 'unknown' : $reason );
				if ( 401 === $status ) {
					$this->budget->back_off( $key, $this->clock->now() + HOUR_IN_SECONDS, $reason, $message );
				}
				return self::failed( new \WP_Error( $code, $message, array( 'status' => $status, 'reason' => $reason ) ), $market );
			}

			// Throttling, server errors, timeouts, dropped connections, malformed JSON: transient.
			$hint  = 429 === $status || $status >= 500 ? self::retry_hint( $response, $decoded ) : 0.0;
			$delay = max( $hint, self::jittered( min( 30.0, (float) ( 2 ** ( $tries - 1 ) ) ) ) );
			$what  = match ( true ) {
				429 === $status => 'throttled',
				0 === $status   => 'unreachable',
				200 === $status => 'malformed',
				default         => 'http_' . $status,
			};
			if ( $tries >= self::MAX_TRIES || $delay > $max_wait || $this->clock->now() + $delay > $deadline ) {
				$failures = $this->budget->failures( $key ) + 1;
				$window   = max( $hint, self::jittered( min( (float) HOUR_IN_SECONDS, 30.0 * ( 2 ** ( $failures - 1 ) ) ) ) );
				/* translators: %s: short error code such as throttled or http_503. */
				$message = sprintf( __( 'The Creators API did not answer successfully (%s). Shelf backs off and keeps showing the last good data.', 'shelf' ), $what );
				$this->budget->back_off( $key, $this->clock->now() + $window, $what, $message );
				return self::failed(
					new \WP_Error(
						'shelf_upstream',
						$message,
						array(
							'retry_at' => $this->clock->now() + $window,
							'reason'   => $what,
						)
					),
					$market
				);
			}
			$this->clock->sleep( $delay );
		}
	}

	/**
	 * Records the last error for the status panel and returns it.
	 *
	 * @param \WP_Error $error  Error.
	 * @param string    $market Marketplace host.
	 */
	private static function failed( \WP_Error $error, string $market ): \WP_Error {
		State::put(
			'status:error',
			Clock::now(),
			(string) wp_json_encode(
				array(
					'code'    => $error->get_error_code(),
					'message' => $error->get_error_message(),
					'market'  => $market,
				)
			)
		);
		return $error;
	}

	/**
	 * Last success and last error, for the status panel.
	 *
	 * @return array{last_success: float, last_error: ?array{time: float, code: string, message: string, market: string}}
	 */
	public static function status(): array {
		$ok    = State::get( 'status:success' );
		$error = State::get( 'status:error' );
		$info  = null === $error ? null : json_decode( (string) $error['data'], true );
		return array(
			'last_success' => null === $ok ? 0.0 : $ok['num'],
			'last_error'   => is_array( $info ) ? array(
				'time'    => $error['num'],
				'code'    => (string) ( $info['code'] ?? '' ),
				'message' => (string) ( $info['message'] ?? '' ),
				'market'  => (string) ( $info['market'] ?? '' ),
			) : null,
		);
	}

	/**
	 * The server's wait hint in seconds: the larger of `Retry-After` (seconds or an HTTP date)
	 * and the body's `retryAfterSeconds`, capped at a day.
	 *
	 * @param array|\WP_Error $response Response.
	 * @param mixed           $decoded  Decoded body.
	 */
	private static function retry_hint( $response, $decoded ): float {
		$hint   = 0.0;
		$header = is_wp_error( $response ) ? '' : trim( (string) wp_remote_retrieve_header( $response, 'retry-after' ) );
		if ( '' !== $header ) {
			if ( is_numeric( $header ) ) {
				$hint = (float) $header;
			} else {
				$date = strtotime( $header );
				$hint = false === $date ? 0.0 : (float) ( $date - time() );
			}
		}
		if ( is_array( $decoded ) && is_numeric( $decoded['retryAfterSeconds'] ?? null ) ) {
			$hint = max( $hint, (float) $decoded['retryAfterSeconds'] );
		}
		return max( 0.0, min( (float) DAY_IN_SECONDS, $hint ) );
	}

	/**
	 * "Equal jitter": half the delay fixed, half random, so parallel clients spread out.
	 *
	 * @param float $delay Base delay.
	 */
	private static function jittered( float $delay ): float {
		return $delay / 2 + $delay / 2 * ( random_int( 0, 1000 ) / 1000 );
	}

	/**
	 * How long a retry may wait inside one run, in seconds (longer waits end the run and open
	 * the backoff window instead).
	 */
	public static function max_wait(): float {
		/**
		 * Filters the longest wait before a retry inside one refresh run, in seconds. Clamped 0–30.
		 *
		 * @since 0.1.0
		 *
		 * @param float $seconds Default 5.
		 */
		return Tunable::clamp( apply_filters( 'shelf_api_max_wait', 5.0 ), 5.0, 0.0, 30.0 );
	}

	/**
	 * HTTP timeout for Creators API calls, in seconds.
	 */
	public static function timeout(): float {
		/**
		 * Filters the HTTP timeout of Creators API calls, in seconds. Clamped 0.5–10.
		 *
		 * @since 0.1.0
		 *
		 * @param float $seconds Default 10.
		 */
		return Tunable::clamp( apply_filters( 'shelf_api_timeout', 10.0 ), 10.0, 0.5, 10.0 );
	}

	/**
	 * How long the circuit stays open after a 403, in seconds.
	 */
	public static function circuit_seconds(): int {
		/**
		 * Filters how long Shelf stops calling the Creators API after Amazon denies access (403),
		 * in seconds. Clamped to 15 minutes – 24 hours. "Test connection" closes it earlier.
		 *
		 * @since 0.1.0
		 *
		 * @param int $seconds Default 6 hours.
		 */
		return Tunable::clamp( apply_filters( 'shelf_circuit_seconds', 6 * HOUR_IN_SECONDS ), 6 * HOUR_IN_SECONDS, 15 * MINUTE_IN_SECONDS, DAY_IN_SECONDS );
	}

	/**
	 * Items keyed by their own `asin` (never by position), optionally only requested ones.
	 *
	 * @param mixed             $items     Raw list.
	 * @param list<string>|null $requested Requested ASINs, or null for any.
	 * @return array<string, array<string, mixed>>
	 */
	private static function items_by_asin( $items, ?array $requested ): array {
		$out = array();
		foreach ( is_array( $items ) ? $items : array() as $item ) {
			$asin = is_array( $item ) && is_string( $item['asin'] ?? null ) ? strtoupper( $item['asin'] ) : '';
			if ( 1 === preg_match( '/^[A-Z0-9]{10}$/D', $asin ) && ( null === $requested || in_array( $asin, $requested, true ) ) ) {
				$out[ $asin ] = $item;
			}
		}
		return $out;
	}

	/**
	 * The requested ASIN an error message names (Amazon puts it in the message text).
	 *
	 * @param string       $message   Message.
	 * @param list<string> $requested Requested ASINs.
	 */
	private static function asin_in( string $message, array $requested ): ?string {
		foreach ( $requested as $asin ) {
			if ( str_contains( strtoupper( $message ), $asin ) ) {
				return $asin;
			}
		}
		return null;
	}

	/**
	 * An identifier-like word from Amazon (reason, code), or ''.
	 *
	 * @param mixed $value Raw value.
	 */
	private static function word( $value ): string {
		return is_string( $value ) && 1 === preg_match( '/^[A-Za-z0-9_.:-]{1,64}$/D', $value ) ? $value : '';
	}

	/**
	 * Plain text, at most 256 bytes (error messages are stored, never trusted).
	 *
	 * @param string $text Text.
	 */
	private static function short( string $text ): string {
		return mb_strcut( wp_strip_all_tags( $text ), 0, 256 );
	}
}
