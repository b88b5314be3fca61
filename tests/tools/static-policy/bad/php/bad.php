<?php
namespace Shelf;
// Every line below breaks one rule of the static policy (test.mjs expects each finding).
echo $x;
echo esc_html( $a ) . $b;
printf( '%s', $c );
wp_redirect( $u );
$o = unserialize( $s );
extract( $arr );
do_shortcode( $content );
register_rest_route( 'a', '/b', array( 'methods' => 'GET', 'callback' => 'f' ) );
$wpdb->get_var( "SELECT * FROM t WHERE a = '{$asin}'" );
$wpdb->query( $wpdb->prepare( "SELECT * FROM t WHERE a = '{$asin}' AND b = %s", $b ) );
wp_enqueue_script( 'x', 'https://cdn.example.com/x.js' );
add_action( 'wp_ajax_shelf_x', 'f' );
echo esc_html( $ok ), 'lit', (int) $n;
