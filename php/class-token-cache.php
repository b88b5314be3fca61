<?php
/**
 * OAuth2 access tokens for the Creators API, shared by every PHP worker.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * One token per credential, kept in Shelf's state table (sealed) until 30 s before it expires.
 * When it must be fetched, one worker does it under a lock; the others wait for its result
 * instead of asking Amazon themselves.
 *
 * @since 0.1.0
 */
final class Token_Cache {

	/**
	 * How long a worker waits for another worker's token request, in seconds.
	 */
	private const WAIT = 12.0;

	/**
	 * Constructor.
	 *
	 * @param Clock $clock Time and waiting.
	 */
	public function __construct( private Clock $clock ) {
	}

	/**
	 * A valid access token for a credential.
	 *
	 * @param array{id: string, secret: string, version: string, token_url: string, key: string} $credential Credential.
	 * @param int                                                                                 $timeout    HTTP timeout in seconds.
	 * @return string|\WP_Error
	 */
	public function get( array $credential, int $timeout = 10 ) {
		$name     = 'token:' . $credential['key'];
		$deadline = $this->clock->now() + self::WAIT;
		while ( true ) {
			$cached = $this->read( $name );
			if ( null !== $cached ) {
				return $cached;
			}
			$failed = State::get( 'token-error:' . $credential['key'] );
			if ( null !== $failed ) {
				// A worker just failed: share its answer instead of asking again at once.
				return new \WP_Error( 'shelf_token_refused', (string) $failed['data'] );
			}
			$owner = State::lock( $name, 30 );
			if ( null !== $owner ) {
				// Another worker may have finished between the read and the lock.
				$token = $this->read( $name ) ?? $this->fetch( $credential, $timeout );
				if ( is_wp_error( $token ) ) {
					State::put( 'token-error:' . $credential['key'], 0, $token->get_error_message(), (int) floor( $this->clock->now() ) + 30 );
				}
				State::unlock( $name, $owner );
				return $token;
			}
			if ( $this->clock->now() >= $deadline ) {
				return new \WP_Error( 'shelf_token_busy', __( 'Another request is fetching the Creators API token; try again shortly.', 'shelf' ) );
			}
			$this->clock->sleep( 0.1 );
		}
	}

	/**
	 * Drops a credential's token (after a 401 TokenExpired/InvalidToken).
	 *
	 * @param array{key: string} $credential Credential.
	 */
	public function forget( array $credential ): void {
		State::delete( 'token:' . $credential['key'] );
		State::delete( 'token-error:' . $credential['key'] );
	}

	/**
	 * The cached token, if still valid.
	 *
	 * @param string $name Row name.
	 */
	private function read( string $name ): ?string {
		$row = State::get( $name );
		if ( null === $row || null === $row['data'] || $row['expires_at'] <= $this->clock->now() ) {
			return null;
		}
		return Credentials::open( $row['data'] );
	}

	/**
	 * Asks the token endpoint for a new token and caches it.
	 *
	 * @param array{id: string, secret: string, version: string, token_url: string, key: string} $credential Credential.
	 * @param int                                                                                 $timeout    HTTP timeout.
	 * @return string|\WP_Error
	 */
	private function fetch( array $credential, int $timeout ) {
		$v2       = 2 === Credentials::major( $credential['version'] );
		$fields   = array(
			'grant_type'    => 'client_credentials',
			'client_id'     => $credential['id'],
			'client_secret' => $credential['secret'],
			'scope'         => $v2 ? 'creatorsapi/default' : 'creatorsapi::default',
		);
		$response = wp_remote_post(
			$credential['token_url'],
			array(
				'timeout'     => $timeout,
				'redirection' => 0,
				'user-agent'  => 'Shelf/' . SHELF_VERSION,
				'headers'     => array(
					'Content-Type' => $v2 ? 'application/x-www-form-urlencoded' : 'application/json',
					'Accept'       => 'application/json',
				),
				'body'        => $v2 ? http_build_query( $fields, '', '&' ) : (string) wp_json_encode( $fields ),
			)
		);
		if ( is_wp_error( $response ) ) {
			return new \WP_Error( 'shelf_token_unreachable', __( 'The Creators API token endpoint did not answer.', 'shelf' ) );
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		$body   = json_decode( (string) wp_remote_retrieve_body( $response ), true );
		$token  = is_array( $body ) && is_string( $body['access_token'] ?? null ) ? $body['access_token'] : '';
		if ( 200 !== $status || '' === $token ) {
			// OAuth2 error codes are short fixed words; keep only such a word, never the body.
			$code = is_array( $body ) && is_string( $body['error'] ?? null ) && 1 === preg_match( '/^[a-z_]{1,40}$/D', $body['error'] ) ? $body['error'] : 'http_' . $status;
			return new \WP_Error(
				'shelf_token_refused',
				/* translators: 1: HTTP status, 2: OAuth2 error code such as invalid_client. */
				sprintf( __( 'Amazon refused the Creators API credential (HTTP %1$d, %2$s). Check the credential ID, secret and version.', 'shelf' ), $status, $code ),
				array( 'status' => $status )
			);
		}
		$lifetime = is_numeric( $body['expires_in'] ?? null ) ? (int) $body['expires_in'] : HOUR_IN_SECONDS;
		// Refreshed 30 s before Amazon's expiry, so a request never starts with a dying token.
		$expires = (int) floor( $this->clock->now() ) + max( 1, $lifetime - 30 );
		State::put( 'token:' . $credential['key'], 0, Credentials::seal( $token ), $expires );
		return $token;
	}
}
