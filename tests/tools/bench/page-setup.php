<?php
/**
 * Page benchmark helper: `post` writes the 5-placement bench post and prints its URL;
 * `on` / `off` activate or deactivate Shelf. Usage: SHELF_SITE_DIR=… php page-setup.php CMD
 */

$_SERVER['HTTP_HOST']      = (string) parse_url( (string) getenv( 'SHELF_SITE_URL' ), PHP_URL_HOST ) . ':' . (string) parse_url( (string) getenv( 'SHELF_SITE_URL' ), PHP_URL_PORT );
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';

( static function ( string $cmd ) {
	require getenv( 'SHELF_SITE_DIR' ) . '/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/plugin.php';
	if ( 'on' === $cmd ) {
		$result = activate_plugin( 'shelf/shelf.php' );
		exit( is_wp_error( $result ) ? 1 : 0 );
	}
	if ( 'off' === $cmd ) {
		deactivate_plugins( 'shelf/shelf.php', true );
		exit( 0 );
	}
	$content = implode(
		"\n",
		array(
			'<!-- wp:paragraph --><p>Five placements, as a typical review post carries them.</p><!-- /wp:paragraph -->',
			'<!-- wp:shortcode -->[amazon box="B0SHLFK001"]<!-- /wp:shortcode -->',
			'<!-- wp:paragraph --><p>See [amazon link="B0SHLFL002" title="the budget kettle"] for less.</p><!-- /wp:paragraph -->',
			'<!-- wp:shortcode -->[amazon table="B0SHLFK001,B0SHLFL002,B0SHLFM003"]<!-- /wp:shortcode -->',
			'<!-- wp:paragraph --><p>Today: [amazon fields="B0SHLFK001" value="price"]</p><!-- /wp:paragraph -->',
			'<!-- wp:shortcode -->[amazon box="B0SHLFP004,B0SHLFQ005" template="vertical"]<!-- /wp:shortcode -->',
		)
	);
	$existing = get_page_by_path( 'shelf-bench', OBJECT, 'post' );
	$id       = wp_insert_post(
		wp_slash(
			array(
				'ID'           => $existing ? $existing->ID : 0,
				'post_title'   => 'Shelf bench: five placements',
				'post_name'    => 'shelf-bench',
				'post_content' => $content,
				'post_status'  => 'publish',
				'post_author'  => 1,
			)
		)
	);
	do_action( 'shelf_refresh' );
	echo get_permalink( $id ), "\n";
} )( $argv[1] ?? 'post' );
