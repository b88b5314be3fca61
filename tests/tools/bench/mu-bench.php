<?php
/**
 * Plugin Name: Shelf bench probe
 * Description: Test tooling, installed only by the page benchmark. With ?shelf-bench=1 it appends
 * the request's server time and its queries on Shelf's tables as an HTML comment.
 */

if ( isset( $_GET['shelf-bench'] ) ) { // phpcs:ignore WordPress.Security.NonceVerification.Recommended -- read-only probe.
	$GLOBALS['shelf_bench_queries'] = array(
		'all'   => 0,
		'shelf' => 0,
	);
	add_filter(
		'query',
		static function ( $sql ) {
			++$GLOBALS['shelf_bench_queries']['all'];
			if ( preg_match( '/shelf_(products|searches)\b/', $sql ) ) {
				++$GLOBALS['shelf_bench_queries']['shelf'];
			}
			return $sql;
		}
	);
	add_action(
		'shutdown',
		static function () {
			printf(
				"\n<!-- shelf-bench %s -->",
				wp_json_encode(
					array(
						'ms'           => round( ( microtime( true ) - $_SERVER['REQUEST_TIME_FLOAT'] ) * 1000, 3 ),
						'queries'      => $GLOBALS['shelf_bench_queries']['all'],
						'shelfQueries' => $GLOBALS['shelf_bench_queries']['shelf'],
					)
				)
			);
		},
		PHP_INT_MAX
	);
}
