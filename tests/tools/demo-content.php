<?php
/**
 * Demo settings and the demo post, created once and updated on every `./build.sh demo`.
 */

/**
 * Configures Shelf with the demo tracking ID and writes the demo post.
 *
 * @return int The demo post's ID.
 */
function shelf_demo_content(): int {
	$settings                                   = get_option( 'shelf_settings', array() );
	$settings['default_marketplace']            = 'www.amazon.com';
	$settings['tracking_ids']['www.amazon.com'] = 'shelfdemo-20';
	$settings['tracking_ids']['www.amazon.de']  = 'shelfdemo-21';
	update_option( 'shelf_settings', $settings );

	$content = <<<'HTML'
<!-- wp:paragraph -->
<p>A text link placed with a shortcode: [amazon link="B0SHLFK001" title="the Fixturo pour-over kettle"]. Without JavaScript it is a plain tagged link; with it, Shelf's WebAssembly core builds the link.</p>
<!-- /wp:paragraph -->
HTML;
	$existing = get_page_by_path( 'shelf-demo', OBJECT, 'post' );
	$postarr  = array(
		'post_title'   => 'Shelf demo',
		'post_name'    => 'shelf-demo',
		'post_content' => $content,
		'post_status'  => 'publish',
		'post_author'  => 1,
	);
	if ( $existing ) {
		$postarr['ID'] = $existing->ID;
	}
	return (int) wp_insert_post( $postarr );
}
