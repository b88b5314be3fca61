<?php
/**
 * Plugin Name: Shelf test site: outbound log
 * Description: Logs every outbound HTTP request WordPress makes, for S17 (tests/tools/outbound/check.php). Not part of Shelf.
 */

// Last on pre_http_request, so it sees every request, also those a test plugin answers itself.
add_filter(
	'pre_http_request',
	static function ( $pre, $args, $url ) {
		$shelf = false;
		foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) { // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace -- who made the request.
			$shelf = $shelf || str_contains( $frame['file'] ?? '', '/plugins/shelf/' );
		}
		$entry = array(
			'url'         => $url,
			'method'      => $args['method'] ?? 'GET',
			'redirection' => $args['redirection'] ?? 5,
			'shelf'       => $shelf,
			'answered'    => false !== $pre,
		);
		file_put_contents( dirname( WP_DEBUG_LOG ) . '/outbound.log', wp_json_encode( $entry ) . "\n", FILE_APPEND | LOCK_EX );
		return $pre;
	},
	PHP_INT_MAX,
	3
);
