<?php
/**
 * PHP baseline for the rewrite benchmark: the same job as shelf-core's rewrite_links (tag every
 * Amazon store link) done with WordPress's own tools, WP_HTML_Tag_Processor + wp_parse_url,
 * inside a real WordPress.
 *
 * Usage: SHELF_WP_DIR=/path/to/wordpress php rewrite-baseline.php POST.html [TAG] [SECONDS]
 * Prints one JSON line: bytes, links, changed, runs, best and median MB/s, peak memory.
 *
 * @package Shelf
 */

declare( strict_types = 1 );

( static function ( array $argv ): void {
	$dir = getenv( 'SHELF_WP_DIR' );
	if ( ! is_string( $dir ) || ! is_file( $dir . '/wp-load.php' ) ) {
		fwrite( STDERR, "SHELF_WP_DIR must point at a WordPress install\n" );
		exit( 2 );
	}
	// wp-load.php expects a web request; these keep it quiet on the CLI.
	$_SERVER['HTTP_HOST']   = $_SERVER['HTTP_HOST'] ?? 'localhost';
	$_SERVER['REQUEST_URI'] = '/';
	define( 'WP_USE_THEMES', false );
	require $dir . '/wp-load.php';

	$html    = (string) file_get_contents( $argv[1] ?? '' );
	$tag     = $argv[2] ?? 'shelfbench-20';
	$seconds = (float) ( $argv[3] ?? 3 );
	$hosts   = array(
		'amazon.com', 'amazon.ca', 'amazon.com.mx', 'amazon.com.br', 'amazon.co.uk', 'amazon.de',
		'amazon.fr', 'amazon.it', 'amazon.es', 'amazon.nl', 'amazon.se', 'amazon.pl',
		'amazon.com.be', 'amazon.com.tr', 'amazon.ae', 'amazon.sa', 'amazon.eg', 'amazon.in',
		'amazon.co.jp', 'amazon.sg', 'amazon.com.au', 'amazon.ie',
	);
	$allowed = array_fill_keys( $hosts, true );

	$rewrite = static function ( string $html ) use ( $allowed, $tag ): array {
		$processor = new WP_HTML_Tag_Processor( $html );
		$links     = 0;
		$changed   = 0;
		while ( $processor->next_tag() ) {
			$name = $processor->get_tag();
			if ( 'A' !== $name && 'AREA' !== $name ) {
				continue;
			}
			$href = $processor->get_attribute( 'href' ); // Decoded by the HTML API.
			if ( ! is_string( $href ) ) {
				continue;
			}
			++$links;
			$url = wp_parse_url( trim( $href ) );
			if ( ! is_array( $url ) || ! isset( $url['scheme'], $url['host'] ) ) {
				continue;
			}
			$scheme = strtolower( $url['scheme'] );
			$host   = rtrim( strtolower( $url['host'] ), '.' );
			$host   = preg_replace( '/^(www|smile|m)\./', '', $host );
			if ( ( 'https' !== $scheme && 'http' !== $scheme ) || isset( $url['user'] ) || isset( $url['port'] ) || ! isset( $allowed[ $host ] ) ) {
				continue;
			}
			$query = array();
			wp_parse_str( $url['query'] ?? '', $query );
			if ( isset( $query['tag'] ) ) {
				continue; // Already tagged: keep.
			}
			$query['tag'] = $tag;
			$new          = 'https://' . $url['host'] . ( $url['path'] ?? '/' ) . '?' . http_build_query( $query );
			$processor->set_attribute( 'href', $new );
			++$changed;
		}
		return array( $processor->get_updated_html(), $links, $changed );
	};

	$times = array();
	$start = microtime( true );
	do {
		$t0 = hrtime( true );
		list( , $links, $changed ) = $rewrite( $html );
		$times[] = ( hrtime( true ) - $t0 ) / 1e9;
	} while ( microtime( true ) - $start < $seconds );
	sort( $times );
	$mb = strlen( $html ) / 1e6;
	echo wp_json_encode(
		array(
			'impl'      => 'php-wp-html-tag-processor',
			'php'       => PHP_VERSION,
			'wordpress' => get_bloginfo( 'version' ),
			'bytes'     => strlen( $html ),
			'links'     => $links,
			'changed'   => $changed,
			'runs'      => count( $times ),
			'best_mbs'  => round( $mb / $times[0], 2 ),
			'median_mbs' => round( $mb / $times[ intdiv( count( $times ), 2 ) ], 2 ),
			'peak_mem_bytes' => memory_get_peak_usage( true ),
		)
	) . "\n";
} )( $argv );
