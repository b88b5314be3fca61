<?php
/**
 * Resolving Amazon short links (amzn.to, a.co, amzn.eu, amzn.asia) for the link audit.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Resolves short links server-side (browsers cannot: the short hosts send no CORS headers) with
 * bounded HEAD requests, and caches the answers.
 *
 * The four hosts are an outbound-request allowlist, not a judgement about Amazon: a URL on
 * another host is refused without a request, a redirect is followed only while it stays on a
 * short host (at most {@see self::MAX_HOPS} requests), and the first URL elsewhere is the
 * answer, never fetched. Whether that URL is an Amazon link is the core's decision. The list
 * equals the core's `SHORT_LINK_HOSTS` (crate/src/links/recognize.rs; a test compares them).
 *
 * Answers are cached in transients: a resolution for {@see self::TTL}, an error briefly
 * ({@see self::ERROR_TTL}) so a flaky host is asked again soon.
 *
 * @since 0.2.0
 */
final class Short_Links {

	/** Short-link hosts, the only hosts this class sends requests to. */
	public const HOSTS = array( 'amzn.to', 'a.co', 'amzn.eu', 'amzn.asia' );

	/** URLs per call. */
	public const MAX_URLS = 50;

	/** Requests per URL (the short link and redirects to other short links). */
	public const MAX_HOPS = 3;

	/** Seconds per request. */
	public const TIMEOUT = 3;

	/** Seconds for all requests of one call; URLs left over are answered "try again". */
	public const DEADLINE = 20;

	/** Seconds a resolution is kept: a short link's target does not change. */
	public const TTL = MONTH_IN_SECONDS;

	/** Seconds an error is kept. */
	public const ERROR_TTL = 10 * MINUTE_IN_SECONDS;

	/** Longest URL accepted, asked or answered. */
	public const MAX_URL_LENGTH = 2048;

	private const CACHE_PREFIX = 'shelf_short_';

	/**
	 * Constructor.
	 *
	 * @param float $deadline Seconds for all requests of one call.
	 */
	public function __construct( private float $deadline = self::DEADLINE ) {
	}

	/**
	 * Resolves short links, cached answers first.
	 *
	 * @param list<string> $urls Short links (at most MAX_URLS are resolved; more is refused by the REST route).
	 * @return array<string, array{url?: string, error?: string, cached: bool}> Per URL asked: the
	 *         URL it leads to, or why there is none.
	 */
	public function resolve( array $urls ): array {
		$answers  = array();
		$deadline = microtime( true ) + $this->deadline;
		foreach ( array_slice( array_values( array_unique( $urls ) ), 0, self::MAX_URLS ) as $url ) {
			$parts = self::short_link( $url );
			if ( null === $parts ) {
				$answers[ $url ] = array(
					'error'  => __( 'not a short link of amzn.to, a.co, amzn.eu or amzn.asia', 'shelf' ),
					'cached' => false,
				);
				continue;
			}
			$key    = self::CACHE_PREFIX . md5( $url );
			$cached = get_transient( $key );
			if ( is_array( $cached ) ) {
				$answers[ $url ] = $cached + array( 'cached' => true );
				continue;
			}
			if ( microtime( true ) >= $deadline ) {
				// Not cached: nothing was learnt about this link.
				$answers[ $url ] = array(
					'error'  => __( 'not resolved: this request took too long; try again', 'shelf' ),
					'cached' => false,
				);
				continue;
			}
			$answer = $this->follow( $url, $deadline );
			set_transient( $key, $answer, isset( $answer['url'] ) ? self::TTL : self::ERROR_TTL );
			$answers[ $url ] = $answer + array( 'cached' => false );
		}
		return $answers;
	}

	/**
	 * The parts of an absolute http(s) URL on a short-link host without credentials or port, or
	 * null.
	 *
	 * @param string $url URL.
	 * @return array{scheme: string, host: string, path: string}|null
	 */
	public static function short_link( string $url ): ?array {
		if ( strlen( $url ) > self::MAX_URL_LENGTH || preg_match( '/[\x00-\x20\x7f]/', $url ) ) {
			return null;
		}
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || isset( $parts['user'] ) || isset( $parts['pass'] ) || isset( $parts['port'] ) ) {
			return null;
		}
		$scheme = strtolower( $parts['scheme'] ?? '' );
		$host   = strtolower( $parts['host'] ?? '' );
		if ( ! in_array( $scheme, array( 'http', 'https' ), true ) || ! in_array( $host, self::HOSTS, true ) ) {
			return null;
		}
		$path = ( $parts['path'] ?? '/' ) . ( isset( $parts['query'] ) ? '?' . $parts['query'] : '' );
		return array(
			'scheme' => $scheme,
			'host'   => $host,
			'path'   => '' === $path || '/' !== $path[0] ? '/' . $path : $path,
		);
	}

	/**
	 * Follows redirects while they stay on short-link hosts.
	 *
	 * @param string $url      A valid short link.
	 * @param float  $deadline Time after which no request starts.
	 * @return array{url: string}|array{error: string}
	 */
	private function follow( string $url, float $deadline ): array {
		$current = $url;
		for ( $hop = 0; $hop < self::MAX_HOPS; $hop++ ) {
			if ( $hop > 0 && microtime( true ) >= $deadline ) {
				return array( 'error' => __( 'not resolved: this request took too long; try again', 'shelf' ) );
			}
			$parts    = (array) self::short_link( $current );
			$response = $this->head( $parts );
			if ( is_wp_error( $response ) ) {
				/* translators: 1: short-link host, 2: why the request failed. */
				return array( 'error' => sprintf( __( '%1$s could not be reached (%2$s)', 'shelf' ), $parts['host'], $response->get_error_message() ) );
			}
			$status   = (int) wp_remote_retrieve_response_code( $response );
			$location = (string) wp_remote_retrieve_header( $response, 'location' );
			if ( 404 === $status || 410 === $status ) {
				return array( 'error' => __( 'the short link does not exist', 'shelf' ) );
			}
			if ( $status < 300 || $status > 399 || '' === $location ) {
				/* translators: %d: HTTP status code. */
				return array( 'error' => sprintf( __( 'the short link did not redirect (HTTP %d)', 'shelf' ), $status ) );
			}
			$next = \WP_Http::make_absolute_url( $location, $current );
			if ( null !== self::short_link( $next ) ) {
				$current = $next;
				continue;
			}
			$scheme = strtolower( (string) wp_parse_url( $next, PHP_URL_SCHEME ) );
			if ( ! in_array( $scheme, array( 'http', 'https' ), true ) || strlen( $next ) > self::MAX_URL_LENGTH ) {
				return array( 'error' => __( 'the short link leads to something that is not a web address', 'shelf' ) );
			}
			return array( 'url' => $next );
		}
		/* translators: %d: number of redirects. */
		return array( 'error' => sprintf( __( 'more than %d redirects between short links', 'shelf' ), self::MAX_HOPS ) );
	}

	/**
	 * One HEAD request, redirects not followed. With the developer constant
	 * SHELF_DEV_SHORT_LINK_ORIGIN (set only by the test site, tests/tools/site.sh) the request goes
	 * to `<origin>/<host><path>` instead, the Creators API mock's short-link routes; it is never
	 * defined in production.
	 *
	 * @param array{scheme: string, host: string, path: string} $parts A short link's parts.
	 * @return array<string, mixed>|\WP_Error
	 */
	private function head( array $parts ) {
		$args = array(
			'timeout'     => self::TIMEOUT,
			'redirection' => 0,
		);
		if ( defined( 'SHELF_DEV_SHORT_LINK_ORIGIN' ) ) {
			return wp_remote_head( untrailingslashit( (string) constant( 'SHELF_DEV_SHORT_LINK_ORIGIN' ) ) . '/' . $parts['host'] . $parts['path'], $args );
		}
		return wp_safe_remote_head( $parts['scheme'] . '://' . $parts['host'] . $parts['path'], $args );
	}
}
