<?php
/**
 * Test-only must-use plugin: with SAVEQUERIES on, a request carrying the header
 * `X-Shelf-Query-Log: <32 hex>` writes every query WordPress ran for it (SQL and caller) to
 * `<temp dir>/shelf-queries-<hex>.json` at shutdown, for the query-budget test to read.
 *
 * @package Shelf
 */

if ( defined( 'SAVEQUERIES' ) && SAVEQUERIES && preg_match( '/^[0-9a-f]{32}$/', (string) ( $_SERVER['HTTP_X_SHELF_QUERY_LOG'] ?? '' ) ) ) { // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- matched against a fixed pattern.
	add_action(
		'shutdown',
		static function (): void {
			global $wpdb;
			$log = array_map( static fn( array $q ): array => array( 'sql' => $q[0], 'caller' => $q[2] ), (array) $wpdb->queries );
			file_put_contents( sys_get_temp_dir() . '/shelf-queries-' . $_SERVER['HTTP_X_SHELF_QUERY_LOG'] . '.json', wp_json_encode( $log ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions, WordPress.Security.ValidatedSanitizedInput -- test tool; token checked above.
		},
		PHP_INT_MAX
	);
}
