<?php
/**
 * Router for PHP's built-in server: existing files are served as they are, everything else
 * goes to WordPress's front controller (what Apache's rewrite rules do).
 */
$path = parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH );
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
// A subdirectory network (site.sh's multisite mode): what WordPress's .htaccess for one does.
// A site's /site2/wp-admin, wp-includes, wp-content and *.php paths are the root's files;
// REQUEST_URI stays as asked, which is how WordPress knows the site.
if ( getenv( 'SHELF_MULTISITE' ) && ! file_exists( $file ) ) {
	if ( preg_match( '#^/[_0-9a-zA-Z-]+/wp-admin$#', $path ) ) {
		header( 'Location: ' . $path . '/', true, 301 );
		return true;
	}
	if ( preg_match( '#^/[_0-9a-zA-Z-]+(/(?:wp-(?:content|admin|includes).*|.*\.php))$#', $path, $m ) ) {
		$path = $m[1];
		$file = $_SERVER['DOCUMENT_ROOT'] . $path;
		if ( is_file( $file ) && ! str_ends_with( $path, '.php' ) ) {
			// The built-in server would look for the path as asked: serve the file here.
			$types = array( 'css' => 'text/css', 'js' => 'text/javascript', 'mjs' => 'text/javascript', 'json' => 'application/json', 'wasm' => 'application/wasm', 'svg' => 'image/svg+xml', 'png' => 'image/png', 'jpg' => 'image/jpeg', 'jpeg' => 'image/jpeg', 'gif' => 'image/gif', 'webp' => 'image/webp', 'woff2' => 'font/woff2', 'txt' => 'text/plain' );
			header( 'Content-Type: ' . ( $types[ strtolower( pathinfo( $path, PATHINFO_EXTENSION ) ) ] ?? 'application/octet-stream' ) );
			header( 'Content-Length: ' . filesize( $file ) );
			readfile( $file );
			return true;
		}
	}
}
if ( '/' !== $path && is_file( $file ) ) {
	if ( str_ends_with( $path, '.php' ) ) {
		$_SERVER['SCRIPT_NAME']     = $path;
		$_SERVER['SCRIPT_FILENAME'] = $file;
		chdir( dirname( $file ) );
		require $file;
		return true;
	}
	// The built-in server knows .wasm and .js MIME types; let it serve static files itself.
	return false;
}
if ( is_dir( $file ) && is_file( rtrim( $file, '/' ) . '/index.php' ) ) {
	$_SERVER['SCRIPT_NAME']     = rtrim( $path, '/' ) . '/index.php';
	$_SERVER['SCRIPT_FILENAME'] = rtrim( $file, '/' ) . '/index.php';
	chdir( rtrim( $file, '/' ) );
	require rtrim( $file, '/' ) . '/index.php';
	return true;
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
chdir( $_SERVER['DOCUMENT_ROOT'] );
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
