<?php
/**
 * S17 (SSRF/outbound): after every feature has run (the e2e specs and PHPUnit), every request
 * Shelf made, as tests/tools/mu-outbound.php logged it, went to the Creators API's token or
 * catalog endpoints or to a short-link host (on the test site: the mock, which stands in for
 * all of them), never followed a redirect itself, and never fetched an image or any URL taken
 * from content. Each endpoint must appear, so a run that skipped a feature cannot pass.
 * Usage: php tests/tools/outbound/check.php OUTBOUND_LOG MOCK_URL
 *
 * @package Shelf
 */

[ , $log, $mock ] = $argv + array( '', '', '' );
$lines            = is_file( $log ) ? file( $log, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES ) : array();
$allowed          = array(
	'token'  => '#^/(oauth2/token|auth/o2/token)$#',
	'catalog' => '#^/catalog/v1/(getItems|searchItems)$#',
	'short'  => '#^/short/#',
);
$seen     = array_fill_keys( array_keys( $allowed ), 0 );
$findings = array();
$others   = 0;
foreach ( $lines as $n => $line ) {
	$entry = json_decode( $line, true );
	if ( ! is_array( $entry ) ) {
		$findings[] = 'line ' . ( $n + 1 ) . ': not a log entry';
		continue;
	}
	if ( ! $entry['shelf'] ) {
		++$others; // WordPress itself (update checks and the like), answered offline by mu-offline.php.
		continue;
	}
	$url  = (string) $entry['url'];
	$kind = null;
	if ( str_starts_with( $url, $mock . '/' ) ) {
		foreach ( $allowed as $name => $pattern ) {
			$kind = $kind ?? ( preg_match( $pattern, (string) parse_url( $url, PHP_URL_PATH ) ) ? $name : null );
		}
	}
	if ( null === $kind ) {
		$findings[] = "Shelf requested a URL that is not an API, token or short-link endpoint: {$entry['method']} $url";
		continue;
	}
	++$seen[ $kind ];
	if ( 0 !== $entry['redirection'] ) {
		$findings[] = "Shelf let WordPress follow redirects ({$entry['redirection']}): {$entry['method']} $url";
	}
}
foreach ( $seen as $kind => $count ) {
	if ( 0 === $count ) {
		$findings[] = "no $kind request in the log: the run did not exercise every feature that calls out";
	}
}
foreach ( $findings as $finding ) {
	echo $finding, "\n";
}
printf( "outbound (S17): %d Shelf requests (%s), %d by WordPress itself, %d findings\n", array_sum( $seen ), http_build_query( $seen, '', ', ' ), $others, count( $findings ) );
exit( array() === $findings ? 0 : 1 );
