<?php
/**
 * One request's worth of work on one site of the test network, in its own PHP process as a real
 * request would be (WP-CLI's --url does the same): the request URI picks the site.
 *
 * Usage: SHELF_SITE_URL=… SHELF_SITE_DIR=… php site-action.php PATH ACTION [ARG…]
 * PATH is the site's path (`/`, `/site2/`); the answer is JSON on stdout. Actions:
 * - network-activate, network-deactivate, delete-plugin: what the Network Admin's Plugins screen
 *   does (delete-plugin runs Shelf's uninstall.php through delete_plugins());
 * - write-post CONTENT: a published post by the administrator;
 * - use TAG ASIN ASIN ASIN: everything on this site that leaves Shelf state behind (settings,
 *   credentials, a post placing a product and a stored table, a manual product, a refresh
 *   against the mock, a search, a short link, an AAWP import marker);
 * - set-tag TAG: the tracking ID for amazon.com only, the rest of the settings kept;
 * - run-cron HOOK: runs a cron hook now;
 * - create-site SLUG, delete-site ID: what Network Admin → Sites does;
 * - state: what Shelf keeps on this site.
 */

[ , $path, $action ] = $argv; // WordPress sets $action itself: the closure takes its own names.
$parts                     = parse_url( (string) getenv( 'SHELF_SITE_URL' ) );
$_SERVER['HTTP_HOST']      = $parts['host'] . ':' . $parts['port'];
$_SERVER['SERVER_NAME']    = $parts['host'];
$_SERVER['REQUEST_URI']    = $path;
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR']    = '127.0.0.1';

( static function ( string $shelf_action, array $shelf_args ) {
	require getenv( 'SHELF_SITE_DIR' ) . '/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/plugin.php';
	require_once ABSPATH . 'wp-admin/includes/file.php';
	require_once ABSPATH . 'wp-admin/includes/ms.php';
	global $wpdb;
	wp_set_current_user( 1 );
	$fail = static function ( string $message ) {
		fwrite( STDERR, $message . "\n" );
		exit( 1 );
	};
	switch ( $shelf_action ) {
		case 'network-activate':
			$result = activate_plugin( 'shelf/shelf.php', '', true );
			if ( is_wp_error( $result ) ) {
				$fail( $result->get_error_message() );
			}
			$out = get_site_option( 'active_sitewide_plugins' );
			break;
		case 'network-deactivate':
			deactivate_plugins( 'shelf/shelf.php', false, true );
			$out = get_site_option( 'active_sitewide_plugins' );
			break;
		case 'delete-plugin':
			$result = delete_plugins( array( 'shelf/shelf.php' ) );
			if ( true !== $result ) {
				$fail( is_wp_error( $result ) ? $result->get_error_message() : 'delete_plugins failed' );
			}
			$out = is_dir( WP_PLUGIN_DIR . '/shelf' ) ? 'files left' : 'deleted';
			break;
		case 'write-post':
			$out = wp_insert_post( array( 'post_title' => 'Written on ' . get_bloginfo( 'name' ), 'post_content' => $shelf_args[0], 'post_status' => 'publish', 'post_author' => 1 ), true );
			break;
		case 'use':
			[ $tag, $boxed, $tabled, $manual ] = $shelf_args;
			update_option( \Shelf\Settings::OPTION, array( 'tracking_ids' => array( 'www.amazon.com' => $tag ) ) + \Shelf\Settings::get() );
			update_option( \Shelf\Credentials::OPTION, array( 'NA' => array( 'id' => 'shelf-demo-id', 'secret' => 'shelf-demo-secret', 'version' => '3.1' ) ) );
			$table = \Shelf\Tables::save( array( 'version' => 1, 'products' => array( $tabled ) ), 'Table of ' . $tag );
			$post  = wp_insert_post( array( 'post_title' => 'Products of ' . $tag, 'post_name' => 'products-of-' . $tag, 'post_content' => "[amazon box=\"$boxed\"]\n\n" . \Shelf\Tables::shortcode( (int) $table ), 'post_status' => 'publish', 'post_author' => 1 ), true );
			$made  = \Shelf\Manual_Products::save( array( 'title' => 'Made by hand for ' . $tag, 'asin' => $manual ) );
			$rest  = static function ( string $method, string $route, array $params = array() ) use ( $fail ) {
				$request = new WP_REST_Request( $method, $route );
				$request->set_query_params( $params );
				$response = rest_do_request( $request );
				if ( $response->is_error() ) {
					$fail( "$route: " . wp_json_encode( $response->get_data() ) );
				}
				return $response->get_data();
			};
			$out = array(
				'table'   => $table,
				'post'    => $post,
				'manual'  => $made,
				// First: the refresh takes the rate budget's slot of this second.
				'search'  => count( $rest( 'GET', '/shelf/v1/admin/search', array( 'keywords' => 'kettle', 'market' => 'www.amazon.com' ) ) ),
				'refresh' => $rest( 'POST', '/shelf/v1/admin/refresh' ),
				'short'   => ( new \Shelf\Short_Links() )->resolve( array( 'https://amzn.to/shelfK001' ) ),
			);
			update_option( \Shelf\Aawp_Importer::DONE, time(), false );
			\Shelf\Refresh::schedule_soon();
			break;
		case 'set-tag':
			$settings                                   = \Shelf\Settings::get();
			$settings['tracking_ids']['www.amazon.com'] = $shelf_args[0];
			$out                                        = update_option( \Shelf\Settings::OPTION, $settings );
			break;
		case 'run-cron':
			do_action( $shelf_args[0] );
			$out = $shelf_args[0];
			break;
		case 'create-site':
			$out = wp_insert_site( array( 'domain' => get_network()->domain, 'path' => '/' . $shelf_args[0] . '/', 'title' => $shelf_args[0], 'user_id' => 1 ) );
			break;
		case 'delete-site':
			$out = wp_delete_site( (int) $shelf_args[0] );
			$out = is_wp_error( $out ) ? $out : $out->id;
			break;
		case 'state':
			$crons = array();
			foreach ( (array) _get_cron_array() as $events ) {
				$crons = array_merge( $crons, array_filter( array_keys( (array) $events ), static fn( $hook ) => str_starts_with( (string) $hook, 'shelf' ) ) );
			}
			$shelf = class_exists( \Shelf\Settings::class );
			$out   = array(
				'site'     => get_current_blog_id(),
				'tables'   => $wpdb->get_col( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( $wpdb->prefix . 'shelf_' ) . '%' ) ),
				'options'  => $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%shelf%' ORDER BY option_name" ),
				'cron'     => array_values( array_unique( $crons ) ),
				'tag'      => $shelf ? \Shelf\Settings::tracking_id( 'www.amazon.com' ) : null,
				'products' => $shelf ? $wpdb->get_col( 'SELECT asin FROM ' . \Shelf\Store_Schema::products_table() . " WHERE status = 'ok' ORDER BY asin" ) : null, // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- a table name.
				'used'     => $shelf ? $wpdb->get_col( 'SELECT DISTINCT ref FROM ' . \Shelf\Store_Schema::usage_table() . ' ORDER BY ref' ) : null, // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- a table name.
			);
			break;
		default:
			$fail( "unknown action $shelf_action" );
	}
	if ( is_wp_error( $out ) ) {
		$fail( $out->get_error_message() );
	}
	echo wp_json_encode( $out ), "\n";
} )( (string) $action, array_slice( $argv, 3 ) );
