<?php
/**
 * Link audit benchmark helper: `create N BYTES` writes N published posts of about BYTES bytes of
 * block content each, straight into the posts table (multi-row INSERTs: wp_insert_post would
 * take minutes for 10,000), and prints their total content bytes; `delete` removes them again.
 * Each post has paragraphs, a heading, a list and seven links: an untagged Amazon product link
 * (with tracking noise every third post), one with another tracking ID, one with the site's ID,
 * a search link, two other sites and, every tenth post, an amzn.to short link.
 * Usage: SHELF_SITE_DIR=… SHELF_SITE_URL=… php audit-posts.php create 10000 5000 | delete
 */

$_SERVER['HTTP_HOST']      = (string) parse_url( (string) getenv( 'SHELF_SITE_URL' ), PHP_URL_HOST ) . ':' . (string) parse_url( (string) getenv( 'SHELF_SITE_URL' ), PHP_URL_PORT );
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';

( static function ( array $argv ) {
	require getenv( 'SHELF_SITE_DIR' ) . '/wp-load.php';
	global $wpdb;
	$prefix = 'shelf-audit-bench-';
	if ( 'delete' === ( $argv[1] ?? '' ) ) {
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->posts} WHERE post_name LIKE %s", $wpdb->esc_like( $prefix ) . '%' ) );
		exit( 0 );
	}
	$count = (int) ( $argv[2] ?? 10000 );
	$size  = (int) ( $argv[3] ?? 5000 );
	$tag   = (string) ( get_option( 'shelf_settings' )['tracking_ids']['www.amazon.com'] ?? 'shelftest-20' );
	$words = explode( ' ', 'the kettle boils water fast and quietly while its handle stays cool a gooseneck spout pours slowly for coffee we tested every model for a month in our kitchen steel glass plastic temperature control keep warm cordless base capacity litre price value' );
	$text  = static function ( int $seed, int $n ) use ( $words ): string {
		$out = array();
		for ( $i = 0; $i < $n; $i++ ) {
			$out[] = $words[ ( $seed * 31 + $i * 7 ) % count( $words ) ];
		}
		return ucfirst( implode( ' ', $out ) ) . '.';
	};
	$link  = static fn( string $href, string $label ): string => '<a href="' . esc_attr( $href ) . '">' . esc_html( $label ) . '</a>';
	$post  = static function ( int $i ) use ( $text, $link, $size, $tag ): string {
		$asin  = sprintf( 'B0SHLF%04d', $i % 10000 );
		$noise = 0 === $i % 3 ? '?ref=sr_1_' . ( $i % 9 ) . '&qid=170000' . $i : '';
		$links = array(
			$link( "https://www.amazon.com/dp/$asin$noise", 'this kettle' ),
			$link( "https://www.amazon.com/dp/$asin?tag=someoneelse-20", 'a friend’s pick' ),
			$link( "https://www.amazon.com/dp/$asin?tag=$tag", 'our pick' ),
			$link( 'https://www.amazon.com/s?k=pour+over+kettle', 'more kettles' ),
			$link( "https://example.com/reviews/$i", 'our review' ),
			$link( 'https://en.wikipedia.org/wiki/Kettle', 'kettles' ),
		);
		if ( 0 === $i % 10 ) {
			$links[] = $link( 'https://amzn.to/shelfK001', 'short' );
		}
		$blocks = array( '<!-- wp:heading --><h2 class="wp-block-heading">' . $text( $i, 6 ) . '</h2><!-- /wp:heading -->' );
		$placed = 0;
		for ( $n = 0; strlen( implode( "\n\n", $blocks ) ) < $size - 400; $n++ ) {
			if ( 0 === $n % 5 ) {
				$blocks[] = '<!-- wp:list --><ul class="wp-block-list"><li>' . $text( $i + $n, 8 ) . '</li><li>' . $text( $i + $n + 1, 9 ) . '</li></ul><!-- /wp:list -->';
				continue;
			}
			$extra    = $placed < count( $links ) ? $links[ $placed++ ] . ' ' : '';
			$blocks[] = '<!-- wp:paragraph --><p>' . $text( $i + $n, 40 ) . ' ' . $extra . $text( $i + $n + 2, 20 ) . '</p><!-- /wp:paragraph -->';
		}
		// Links not placed yet (short posts) go in a last paragraph.
		if ( $placed < count( $links ) ) {
			$blocks[] = '<!-- wp:paragraph --><p>' . implode( ' ', array_slice( $links, $placed ) ) . '</p><!-- /wp:paragraph -->';
		}
		return implode( "\n\n", $blocks );
	};
	$now   = gmdate( 'Y-m-d H:i:s' );
	$total = 0;
	$rows  = array();
	$bytes = 0;
	$flush = static function () use ( &$rows, &$bytes, $wpdb ): void {
		if ( $rows ) {
			// phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- each row is prepared below.
			$wpdb->query( "INSERT INTO {$wpdb->posts} (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, comment_status, ping_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_parent, guid, menu_order, post_type, comment_count) VALUES " . implode( ',', $rows ) );
		}
		$rows  = array();
		$bytes = 0;
	};
	for ( $i = 1; $i <= $count; $i++ ) {
		$content = $post( $i );
		$total  += strlen( $content );
		$bytes  += strlen( $content );
		$rows[]  = $wpdb->prepare( "(1, %s, %s, %s, %s, '', 'publish', 'closed', 'closed', %s, '', '', %s, %s, '', 0, %s, 0, 'post', 0)", $now, $now, $content, "Audit bench $i", $prefix . $i, $now, $now, home_url( '/?p=bench-' . $i ) );
		if ( $bytes > 4 * 1024 * 1024 ) {
			$flush();
		}
	}
	$flush();
	echo $total, "\n";
} )( $argv );
