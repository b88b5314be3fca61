<?php
/**
 * Demo settings, a stored table and the demo post, created once and updated on every
 * `./build.sh demo`. Product data comes from the local Creators API mock through Shelf's own
 * pipeline (token → GetItems/SearchItems → store), run once here so the demo starts warm.
 */

/**
 * Configures Shelf, writes the demo post and fetches its products from the mock.
 *
 * @return int The demo post's ID.
 */
function shelf_demo_content(): int {
	wp_set_current_user( 1 );
	$settings                                   = get_option( 'shelf_settings', array() );
	$settings                                   = is_array( $settings ) ? $settings : array();
	$settings['default_marketplace']            = 'www.amazon.com';
	$settings['tracking_ids']['www.amazon.com'] = 'shelfdemo-20';
	$settings['tracking_ids']['www.amazon.de']  = 'shelfdemo-21';
	$settings['localise']                       = true;
	update_option( 'shelf_settings', $settings );

	$table_id = (int) get_option( 'shelf_demo_table' );
	$table    = Shelf\Tables::save(
		array(
			'version'   => 1,
			'products'  => array( 'B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003' ),
			'rows'      => array(
				array( 'type' => 'image' ),
				array( 'type' => 'title' ),
				array( 'type' => 'price' ),
				array(
					'type'   => 'yesNo',
					'label'  => 'Gooseneck spout',
					'values' => array(
						'B0SHLFK001' => 'yes',
						'B0SHLFL002' => 'no',
						'B0SHLFM003' => 'yes',
					),
				),
				array(
					'type'   => 'rating',
					'label'  => 'Our rating',
					'values' => array(
						'B0SHLFK001' => '4.5',
						'B0SHLFL002' => '3.5',
						'B0SHLFM003' => '4',
					),
				),
				array( 'type' => 'button' ),
			),
			'overrides' => array( 'B0SHLFL002' => array( 'title' => 'The budget pick' ) ),
			'highlight' => 'B0SHLFK001',
			'ribbon'    => 'Our pick',
			'labels'    => 'hiddenMobile',
			'caption'   => 'Pour-over kettles compared',
		),
		'Demo: kettles',
		$table_id && get_post( $table_id ) ? $table_id : 0
	);
	if ( is_wp_error( $table ) ) {
		fwrite( STDERR, 'demo table: ' . $table->get_error_message() . "\n" );
		exit( 1 );
	}
	update_option( 'shelf_demo_table', $table );
	$manual = shelf_demo_manual_product();

	$content = <<<HTML
<!-- wp:paragraph -->
<p>Every Shelf placement, written as AAWP-style shortcodes. Product data comes from the local Creators API mock; prices carry their "as of" stamp and vanish when older than 24 hours.</p>
<!-- /wp:paragraph -->

<!-- wp:heading --><h2 class="wp-block-heading">Text link</h2><!-- /wp:heading -->
<!-- wp:paragraph -->
<p>Our favourite is [amazon link="B0SHLFK001" title="the Fixturo pour-over kettle"], and a plain link to <a href="https://www.amazon.com/dp/B0SHLFL002">another kettle</a> in the text is localised for visitors from Germany.</p>
<!-- /wp:paragraph -->

<!-- wp:heading --><h2 class="wp-block-heading">Product boxes</h2><!-- /wp:heading -->
<!-- wp:shortcode -->
[amazon box="B0SHLFK001" description_items="3" badge="Best overall"]
<!-- /wp:shortcode -->
<!-- wp:shortcode -->
[amazon box="B0SHLFL002,B0SHLFM003" template="vertical"]
<!-- /wp:shortcode -->

<!-- wp:heading --><h2 class="wp-block-heading">Manual product (no API needed)</h2><!-- /wp:heading -->
<!-- wp:paragraph -->
<p>Described by hand under Shelf → Products: your own image, bullets and rating, and "See price on Amazon" instead of a price.</p>
<!-- /wp:paragraph -->
<!-- wp:shortcode -->
[amazon box="{$manual}"]
<!-- /wp:shortcode -->

<!-- wp:heading --><h2 class="wp-block-heading">Comparison table (stored)</h2><!-- /wp:heading -->
<!-- wp:shortcode -->
[amazon table="{$table}"]
<!-- /wp:shortcode -->

<!-- wp:heading --><h2 class="wp-block-heading">Comparison table (inline)</h2><!-- /wp:heading -->
<!-- wp:shortcode -->
[amazon table="B0SHLFP004,B0SHLFQ005"]
<!-- /wp:shortcode -->

<!-- wp:heading --><h2 class="wp-block-heading">Bestsellers</h2><!-- /wp:heading -->
<!-- wp:shortcode -->
[amazon bestseller="pour over kettle" items="5"]
<!-- /wp:shortcode -->

<!-- wp:heading --><h2 class="wp-block-heading">New releases</h2><!-- /wp:heading -->
<!-- wp:shortcode -->
[amazon new="284507" items="3"]
<!-- /wp:shortcode -->

<!-- wp:heading --><h2 class="wp-block-heading">Single fields</h2><!-- /wp:heading -->
<!-- wp:paragraph -->
<p>Price: [amazon fields="B0SHLFK001" value="price"] — [amazon fields="B0SHLFK001" value="button"]</p>
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
	$id = (int) wp_insert_post( wp_slash( $postarr ) );

	// Saving the post made its products known; fetch them now instead of waiting for cron.
	do_action( Shelf\Refresh::HOOK );
	return $id;
}

/**
 * The demo's manual product with a Media Library image, created once and updated after.
 *
 * @return string Its ASIN.
 */
function shelf_demo_manual_product(): string {
	$image = (int) get_option( 'shelf_demo_manual_image' );
	if ( ! $image || ! wp_attachment_is_image( $image ) ) {
		require_once ABSPATH . 'wp-admin/includes/image.php';
		$upload = wp_upload_dir();
		$file   = $upload['path'] . '/shelf-demo-grinder.png';
		// A plain picture drawn here, so the demo needs no image file of its own.
		$gd = imagecreatetruecolor( 600, 450 );
		imagefill( $gd, 0, 0, imagecolorallocate( $gd, 233, 226, 214 ) );
		imagefilledellipse( $gd, 300, 240, 260, 300, imagecolorallocate( $gd, 92, 64, 51 ) );
		imagefilledrectangle( $gd, 285, 40, 315, 120, imagecolorallocate( $gd, 60, 60, 60 ) );
		imagepng( $gd, $file );
		$image = (int) wp_insert_attachment(
			array(
				'post_title'     => 'Hand grinder',
				'post_mime_type' => 'image/png',
				'post_status'    => 'inherit',
			),
			$file
		);
		wp_update_attachment_metadata( $image, wp_generate_attachment_metadata( $image, $file ) );
		update_option( 'shelf_demo_manual_image', $image );
	}
	$existing = Shelf\Manual_Products::find( 'B0SHLFMAN1' );
	$saved    = Shelf\Manual_Products::save(
		array(
			'title'    => 'Hand coffee grinder (our own review)',
			'asin'     => 'B0SHLFMAN1',
			'imageId'  => $image,
			'features' => array( 'Ceramic conical burrs', 'Fits in a travel bag', '30 grind settings' ),
			'rating'   => 4.5,
			'source'   => 'manual',
			'notes'    => 'Demo product: described by hand, no API data.',
		),
		$existing ? (int) $existing['id'] : 0
	);
	if ( is_wp_error( $saved ) ) {
		fwrite( STDERR, 'demo manual product: ' . $saved->get_error_message() . "\n" );
		exit( 1 );
	}
	return 'B0SHLFMAN1';
}
