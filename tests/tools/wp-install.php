<?php
/**
 * Installs WordPress (no WP-CLI offline) and, for the demo, Shelf from dist/shelf.zip.
 *
 * Usage: SHELF_SITE_DIR=… php wp-install.php URL ADMIN_PASSWORD MODE [ZIP]
 * MODE is `no-plugin` (tests install Shelf through wp-admin) or `demo`; a subdirectory network
 * takes two runs: `multisite` (the main site becomes a network, as wp-admin/network.php does)
 * then `multisite-sites` (the second site, /site2/, and Shelf's files, not activated).
 * Prints `export NAME=value` lines for site.env.
 */

[ , $url, $password, $mode ] = $argv;
$zip                         = $argv[4] ?? '';
$parts                       = parse_url( $url );
$_SERVER['HTTP_HOST']        = $parts['host'] . ':' . $parts['port'];
$_SERVER['SERVER_NAME']      = $parts['host'];
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['REQUEST_METHOD']   = 'GET';
$_SERVER['REMOTE_ADDR']      = '127.0.0.1';

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

	$domain = $_SERVER['HTTP_HOST'];
	if ( 'multisite' === $mode && ! is_multisite() ) {
		global $wpdb;
		// As wp-admin/network.php does: a single site's $wpdb does not name the network's tables.
		foreach ( $wpdb->tables( 'ms_global' ) as $table => $prefixed_table ) {
			$wpdb->$table = $prefixed_table;
		}
		install_network();
		$network = populate_network( 1, $domain, 'admin@example.test', 'Shelf test network', '/', false );
		if ( is_wp_error( $network ) ) {
			fwrite( STDERR, $network->get_error_message() . "\n" );
			exit( 1 );
		}
		// What network.php asks the administrator to add to wp-config.php.
		$constants = array(
			'MULTISITE'            => true,
			'SUBDOMAIN_INSTALL'    => false,
			'DOMAIN_CURRENT_SITE'  => $domain,
			'PATH_CURRENT_SITE'    => '/',
			'SITE_ID_CURRENT_SITE' => 1,
			'BLOG_ID_CURRENT_SITE' => 1,
		);
		$config    = "<?php\n// Written by tests/tools/wp-install.php: this site is a subdirectory network.\n";
		foreach ( $constants as $name => $value ) {
			$config .= 'define( ' . var_export( $name, true ) . ', ' . var_export( $value, true ) . " );\n";
		}
		file_put_contents( ABSPATH . 'wp-config-network.php', $config );
		return;
	}
	if ( 'multisite-sites' === $mode ) {
		$site2 = domain_exists( $domain, '/site2/' );
		if ( ! $site2 ) {
			$site2 = wp_insert_site( array( 'domain' => $domain, 'path' => '/site2/', 'title' => 'Shelf test site 2', 'user_id' => 1 ) );
			if ( is_wp_error( $site2 ) ) {
				fwrite( STDERR, $site2->get_error_message() . "\n" );
				exit( 1 );
			}
			switch_to_blog( $site2 );
			$wp_rewrite->init();
			$wp_rewrite->set_permalink_structure( '/%postname%/' );
			$wp_rewrite->flush_rules( false );
			update_option( 'timezone_string', 'UTC' );
			restore_current_blog();
		}
		echo 'export SHELF_SITE2_URL=' . esc_url_raw( get_home_url( $site2 ) ) . "\n";
	} elseif ( 'demo' !== $mode ) {
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
	if ( 'demo' !== $mode ) {
		return;
	}
	$result = activate_plugin( 'shelf/shelf.php' );
	if ( is_wp_error( $result ) ) {
		fwrite( STDERR, $result->get_error_message() . "\n" );
		exit( 1 );
	}
	require __DIR__ . '/demo-content.php';
	echo 'export SHELF_DEMO_POST=' . (int) shelf_demo_content() . "\n";
} )();
