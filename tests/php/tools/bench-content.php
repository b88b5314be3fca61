<?php
/**
 * Benchmark: what the server spends on S9's hostile post (security.md §7: a 5 MB post with
 * 100,000 Amazon links, 10,000-deep nesting, a 1 MB attribute and `<select><xmp>`; budget
 * "PHP render ≤ 50 ms"), on the same post with links to another site (Shelf's substring hint
 * reads all of it), and on 10,000 `[amazon link]` placements (e2e 46's page). Each
 * `the_content` callback runs in WordPress's order on the previous one's output, timed alone;
 * Shelf's callbacks (and, for the placements, Shelf's shortcode callback inside `do_shortcode`)
 * are summed apart from WordPress's own. Each content is one page view in a PHP process of its
 * own (Shelf prints the disclosure once per request). Prints a Markdown table; exits 1 when
 * Shelf's part of a hostile post is over 50 ms.
 *
 * Usage (a site from tests/tools/site.sh with Shelf active and a tracking ID, e.g. the demo; its
 * site.env sourced): php -d memory_limit=1G tests/php/tools/bench-content.php
 */

( static function () {
	require getenv( 'SHELF_SITE_DIR' ) . '/wp-load.php';
	global $wp_filter, $shortcode_tags, $post, $wp_query;
	$budget = 50.0;

	$hostile = static fn( string $host ): string => implode(
		"\n",
		array(
			'<p>Start.</p>',
			'<div>' . str_repeat( '<div>', 10000 ) . "<a href=\"https://{$host}/dp/B0SHLFL002\">deep</a>" . str_repeat( '</div>', 10000 ) . '</div>',
			"<p><a href=\"https://{$host}/dp/B0SHLFM003\" title=\"" . str_repeat( 'x', 1000000 ) . '">wide</a></p>',
			"<select><xmp><a href=\"https://{$host}/dp/B0SHLFK001\">inside</a></xmp></select>",
			'<p>' . implode( ' ', array_map( static fn( int $i ): string => "<a href=\"https://{$host}/dp/B0SHLFK001?x={$i}\">k</a>", range( 0, 99999 ) ) ) . '</p>',
			'<p>END-OF-POST</p>',
		)
	);
	$contents = array(
		'S9 hostile post (100,000 Amazon links)'     => static fn(): string => $hostile( 'www.amazon.com' ),
		'The same with links to another site'        => static fn(): string => $hostile( 'shop.example' ),
		'10,000 `[amazon link]` placements (e2e 46)' => static fn(): string => implode( ' ', array_map( static fn( int $i ): string => "[amazon link=\"B0SHLFK001\" title=\"kettle {$i}\"]", range( 0, 9999 ) ) ),
	);
	$which = $GLOBALS['argv'][1] ?? null;
	if ( null === $which ) {
		$rows = array();
		foreach ( array_keys( $contents ) as $i => $name ) {
			$json = shell_exec( escapeshellarg( PHP_BINARY ) . ' -d memory_limit=1G ' . escapeshellarg( __FILE__ ) . ' ' . $i );
			$row  = json_decode( (string) $json, true );
			if ( ! is_array( $row ) ) {
				fwrite( STDERR, "bench-content: {$name} failed: {$json}\n" );
				exit( 1 );
			}
			$rows[ $name ] = $row;
		}
		echo "| Content | Input | Output | WordPress's own filters | Shelf's filters and shortcode |\n|---|---|---|---|---|\n";
		foreach ( $rows as $name => $row ) {
			printf( "| %s | %s B | %s B | %.0f ms | %.1f ms |\n", $name, number_format( $row['input'] ), number_format( $row['bytes'] ), $row['wordpress'], $row['shelf'] );
		}
		$shelf = max( array_column( array_slice( $rows, 0, 2 ), 'shelf' ) );
		printf( "\nBudget (security.md S9: PHP render of the hostile post ≤ %.0f ms, Shelf's part): %.1f ms at most, %s\n", $budget, $shelf, $shelf <= $budget ? 'met' : 'MISSED' );
		exit( $shelf <= $budget ? 0 : 1 );
	}
	$content = array_values( $contents )[ (int) $which ]();

	// Shelf's shortcode callback, timed inside do_shortcode.
	$shelf_shortcode = 0.0;
	foreach ( array_keys( $shortcode_tags ) as $name ) {
		$callback = $shortcode_tags[ $name ];
		if ( is_array( $callback ) && is_object( $callback[0] ) && str_starts_with( get_class( $callback[0] ), 'Shelf\\' ) ) {
			$shortcode_tags[ $name ] = static function ( ...$args ) use ( $callback, &$shelf_shortcode ) {
				$start            = hrtime( true );
				$out              = $callback( ...$args );
				$shelf_shortcode += ( hrtime( true ) - $start ) / 1e6;
				return $out;
			};
		}
	}

	/**
	 * One pass of the_content over $content as a singular view of a post: ms per side.
	 *
	 * @return array{wordpress: float, shelf: float, bytes: int}
	 */
	$pass = static function ( string $content ) use ( &$shelf_shortcode ) {
		global $wp_filter;
		$shelf_shortcode = 0.0;
		$times           = array(
			'wordpress' => 0.0,
			'shelf'     => 0.0,
		);
		$hook            = $wp_filter['the_content'];
		$priorities      = $hook->callbacks;
		ksort( $priorities );
		foreach ( $priorities as $callbacks ) {
			foreach ( $callbacks as $entry ) {
				$function = $entry['function'];
				$shelf    = is_array( $function ) && is_object( $function[0] ) && str_starts_with( get_class( $function[0] ), 'Shelf\\' );
				$before   = $shelf_shortcode;
				$start    = hrtime( true );
				$content  = call_user_func_array( $function, array_slice( array( $content ), 0, max( 1, (int) $entry['accepted_args'] ) ) );
				$took     = ( hrtime( true ) - $start ) / 1e6;
				$inner    = $shelf_shortcode - $before;
				$times[ $shelf ? 'shelf' : 'wordpress' ] += $took - ( $shelf ? 0 : $inner );
				$times['shelf'] += $shelf ? 0 : $inner;
			}
		}
		return $times + array( 'bytes' => strlen( (string) $content ) );
	};

	$author = get_users( array( 'role' => 'administrator', 'number' => 1, 'fields' => 'ID' ) );
	$post   = new WP_Post( (object) array( 'ID' => 0, 'post_type' => 'post', 'post_status' => 'publish', 'post_author' => (int) ( $author[0] ?? 1 ), 'post_content' => $content, 'filter' => 'raw' ) );
	setup_postdata( $post );
	$wp_query->is_singular = true;
	echo wp_json_encode( $pass( $content ) + array( 'input' => strlen( $content ) ) );
} )();
