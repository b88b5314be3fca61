<?php
/**
 * A tiny HTTP client for tests that need the real request path (cookies, nonces, headers):
 * logs users in through wp-login.php and keeps their cookies.
 */

/**
 * HTTP requests against the test site.
 */
final class Shelf_Http {

	/**
	 * Cookie header per login.
	 *
	 * @var array<string, string>
	 */
	private static array $cookies = array();

	/**
	 * Creates (once) a user with a role and a known password.
	 *
	 * @param string $role Role.
	 * @return array{login: string, password: string, id: int}
	 */
	public static function user( string $role ): array {
		$login    = 'shelf-http-' . $role;
		$password = 'shelf-http-password-' . $role;
		$user     = get_user_by( 'login', $login );
		$id       = $user ? $user->ID : wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => $password,
				'user_email' => $login . '@example.test',
				'role'       => $role,
			)
		);
		if ( $user && ! wp_check_password( $password, $user->user_pass, $user->ID ) ) {
			wp_set_password( $password, $user->ID );
		}
		return array(
			'login'    => $login,
			'password' => $password,
			'id'       => (int) $id,
		);
	}

	/**
	 * The cookie header of a logged-in user ('' for anonymous).
	 *
	 * @param string $role Role, or 'anonymous'.
	 */
	public static function cookie( string $role ): string {
		if ( 'anonymous' === $role ) {
			return '';
		}
		if ( ! isset( self::$cookies[ $role ] ) ) {
			$user     = self::user( $role );
			$response = self::request(
				'POST',
				'/wp-login.php',
				'wordpress_test_cookie=WP%20Cookie%20check',
				http_build_query(
					array(
						'log'        => $user['login'],
						'pwd'        => $user['password'],
						'testcookie' => '1',
						'redirect_to' => home_url( '/wp-admin/profile.php' ),
					)
				),
				array( 'Content-Type: application/x-www-form-urlencoded' )
			);
			preg_match_all( '/^Set-Cookie:\s*([^;]+)/mi', $response['headers'], $m );
			self::$cookies[ $role ] = implode( '; ', array_filter( $m[1], static fn( string $c ): bool => ! str_contains( $c, 'deleted' ) ) );
		}
		return self::$cookies[ $role ];
	}

	/**
	 * A REST nonce for a logged-in user, from admin-ajax.php like the block editor gets it.
	 *
	 * @param string $role Role.
	 */
	public static function nonce( string $role ): string {
		if ( 'anonymous' === $role ) {
			wp_set_current_user( 0 );
			return wp_create_nonce( 'wp_rest' );
		}
		return trim( self::request( 'GET', '/wp-admin/admin-ajax.php?action=rest-nonce', self::cookie( $role ) )['body'] );
	}

	/**
	 * A valid nonce for `$action` in the logged-in session that {@see cookie()} holds for the role,
	 * as the screen that session opens would print it.
	 *
	 * @param string $role   Role.
	 * @param string $action Nonce action.
	 */
	public static function session_nonce( string $role, string $action ): string {
		parse_str( str_replace( '; ', '&', self::cookie( $role ) ), $cookies );
		$saved_cookie                = $_COOKIE;
		$saved_user                  = get_current_user_id();
		$_COOKIE[ LOGGED_IN_COOKIE ] = urldecode( (string) ( $cookies[ LOGGED_IN_COOKIE ] ?? '' ) );
		wp_set_current_user( self::user( $role )['id'] );
		$nonce   = wp_create_nonce( $action );
		$_COOKIE = $saved_cookie;
		wp_set_current_user( $saved_user );
		return $nonce;
	}

	/**
	 * Sends a request.
	 *
	 * @param string       $method  Method.
	 * @param string       $path    Path and query.
	 * @param string       $cookie  Cookie header value.
	 * @param string|null  $body    Body.
	 * @param list<string> $headers Extra headers.
	 * @return array{status: int, headers: string, body: string}
	 */
	public static function request( string $method, string $path, string $cookie = '', ?string $body = null, array $headers = array() ): array {
		$curl = curl_init( getenv( 'SHELF_SITE_URL' ) . $path );
		if ( '' !== $cookie ) {
			$headers[] = 'Cookie: ' . $cookie;
		}
		curl_setopt_array(
			$curl,
			array(
				CURLOPT_CUSTOMREQUEST  => $method,
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_HEADER         => true,
				CURLOPT_HTTPHEADER     => $headers,
				CURLOPT_TIMEOUT        => 60,
			)
		);
		if ( null !== $body ) {
			curl_setopt( $curl, CURLOPT_POSTFIELDS, $body );
		}
		$raw    = (string) curl_exec( $curl );
		$size   = (int) curl_getinfo( $curl, CURLINFO_HEADER_SIZE );
		$status = (int) curl_getinfo( $curl, CURLINFO_RESPONSE_CODE );
		curl_close( $curl );
		return array(
			'status'  => $status,
			'headers' => substr( $raw, 0, $size ),
			'body'    => substr( $raw, $size ),
		);
	}
}
