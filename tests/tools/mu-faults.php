<?php
/**
 * Plugin Name: Shelf test site: faults
 * Description: Lets a browser test move Shelf's server clock and shorten its waits over HTTP. Not part of Shelf.
 *
 * tests/e2e/specs/41-faults.spec.mjs copies this file into mu-plugins and removes it when done.
 * Every request (page view, wp-cron.php, REST, the command line) reads wp-content/shelf-faults.json:
 * - clock: seconds added to Shelf's "now" (through tests/tools/mu-clock.php, loaded before this);
 * - timeout: the Creators API HTTP timeout, so a hanging mock costs a second, not ten;
 * - rate: requests per second of the rate budget, so a bounded run takes seconds, not minutes;
 * - time_budget: seconds one refresh run may take (20 shipped);
 * - external_cron: defines DISABLE_WP_CRON, as a site whose system cron calls wp-cron.php.
 */

( static function (): void {
	$file   = WP_CONTENT_DIR . '/shelf-faults.json';
	$config = is_readable( $file ) ? json_decode( (string) file_get_contents( $file ), true ) : null;
	if ( ! is_array( $config ) ) {
		return;
	}
	if ( ! empty( $config['external_cron'] ) && ! defined( 'DISABLE_WP_CRON' ) ) {
		define( 'DISABLE_WP_CRON', true );
	}
	$offset = (float) ( $config['clock'] ?? 0 );
	if ( 0.0 !== $offset && class_exists( '\Shelf\Test_Time' ) ) {
		\Shelf\Test_Time::$now = static fn(): float => \microtime( true ) + $offset;
	}
	foreach ( array( 'timeout' => 'shelf_api_timeout', 'rate' => 'shelf_api_rate', 'time_budget' => 'shelf_refresh_time_budget' ) as $key => $hook ) {
		if ( isset( $config[ $key ] ) ) {
			$value = (float) $config[ $key ];
			add_filter( $hook, static fn(): float => $value );
		}
	}
} )();
