<?php
/**
 * Installs WordPress (no WP-CLI offline) and, for the demo, Shelf from dist/shelf.zip.
 *
 * Usage: SHELF_SITE_DIR=… php wp-install.php URL ADMIN_PASSWORD MODE [ZIP]
 * MODE is `no-plugin` (tests install Shelf through wp-admin) or `demo`.
 * Prints `export NAME=value` lines for site.env.
 */

[ , $url, $password, $mode ] = $argv;
$zip                         = $argv[4] ?? '';
$parts                       = parse_url( $url );
$_SERVER['HTTP_HOST']        = $parts['host'] . ':' . $parts['port'];
$_SERVER['SERVER_NAME']      = $parts['host'];
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['REQUEST_METHOD']   = 'GET';

( static function () use ( $url, $password, $mode, $zip ) {
	define( 'WP_INSTALLING', true );
	require getenv( 'SHELF_SITE_DIR' ) . '/wp-load.php';
	require_once ABSPATH . 'wp-admin/includes/upgrade.php';
	require_once ABSPATH . 'wp-admin/includes/plugin.php';

	if ( ! is_blog_installed() ) {
		wp_install( 'Shelf test site', 'admin', 'admin@example.test', false, '', $password );
		update_option( 'blogdescription', 'Local site for Shelf' );
	}
	global $wp_rewrite;
	$wp_rewrite->set_permalink_structure( '/%postname%/' );
	$wp_rewrite->flush_rules( false );
	update_option( 'show_avatars', 0 );
	update_option( 'timezone_string', 'UTC' );
	// The block editor's welcome guide would cover the canvas in browser tests.
	update_user_meta( 1, 'wp_persisted_preferences', array( 'core/edit-post' => array( 'welcomeGuide' => false ), 'core' => array( 'welcomeGuide' => false ) ) );

	if ( 'demo' !== $mode ) {
		return;
	}
	$plugins = WP_CONTENT_DIR . '/plugins';
	deactivate_plugins( 'shelf/shelf.php', true );
	if ( is_dir( "$plugins/shelf" ) ) {
		$it = new RecursiveIteratorIterator( new RecursiveDirectoryIterator( "$plugins/shelf", FilesystemIterator::SKIP_DOTS ), RecursiveIteratorIterator::CHILD_FIRST );
		foreach ( $it as $f ) {
			$f->isDir() ? rmdir( $f->getPathname() ) : unlink( $f->getPathname() );
		}
		rmdir( "$plugins/shelf" );
	}
	$archive = new ZipArchive();
	if ( true !== $archive->open( $zip ) || ! $archive->extractTo( $plugins ) ) {
		fwrite( STDERR, "cannot extract $zip\n" );
		exit( 1 );
	}
	$archive->close();
	$result = activate_plugin( 'shelf/shelf.php' );
	if ( is_wp_error( $result ) ) {
		fwrite( STDERR, $result->get_error_message() . "\n" );
		exit( 1 );
	}
	require __DIR__ . '/demo-content.php';
	echo 'export SHELF_DEMO_POST=' . (int) shelf_demo_content() . "\n";
} )();
