<?php
/**
 * Plugin Name: Shelf test site: offline
 * Description: Keeps a local test or demo site quiet offline. Not part of Shelf.
 */

// WordPress phones home (updates, browse-happy, events). Answer with a fake 503 instead of
// letting the request fail: a WP_Error makes core log warnings on admin screens.
add_filter(
	'pre_http_request',
	static function ( $pre, $args, $url ) {
		$host = (string) wp_parse_url( $url, PHP_URL_HOST );
		if ( preg_match( '/(^|\.)(wordpress\.org|w\.org|gravatar\.com|wordpress\.com)$/', $host ) ) {
			return array(
				'headers'  => array(),
				'body'     => '',
				'response' => array( 'code' => 503, 'message' => 'Offline' ),
				'cookies'  => array(),
				'filename' => null,
			);
		}
		return $pre;
	},
	10,
	3
);
add_filter( 'pre_wp_mail', '__return_true' );
add_filter( 'pre_option_show_avatars', '__return_zero' );
add_action(
	'wp_dashboard_setup',
	static function () {
		remove_meta_box( 'dashboard_primary', 'dashboard', 'side' );
	}
);
// The block inserter searches wordpress.org's block directory, which answers 500 offline.
remove_action( 'enqueue_block_editor_assets', 'wp_enqueue_editor_block_directory_assets' );
// The block editor's welcome guide shows an image from s.w.org; users made by tests start
// without it, like the admin (tests/tools/wp-install.php).
add_action(
	'user_register',
	static function ( int $user_id ): void {
		update_user_meta( $user_id, 'wp_persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ), 'core' => array( 'welcomeGuide' => false ) ) );
	}
);
