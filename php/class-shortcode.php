<?php
/**
 * The `[amazon]` shortcode (name configurable).
 *
 * @package Shelf
 */

namespace Shelf;

/**
 * Turns a shortcode into a placeholder: a JSON payload for the core plus a no-JS fallback of
 * tagged links whose text comes from the author's attributes, never from Amazon data.
 *
 * Attribute names follow AAWP so posts written for it render unchanged.
 *
 * @since 0.1.0
 */
final class Shortcode {

	/**
	 * Every attribute Shelf understands, with its default.
	 */
	private const DEFAULTS = array(
		'link'        => '',
		'title'       => '',
		'link_title'  => '',
		'link_icon'   => '',
		'tracking_id' => '',
	);

	/**
	 * Constructor.
	 *
	 * @param Assets $assets Script registration.
	 */
	public function __construct( private Assets $assets ) {
	}

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'add_shortcode' ) );
	}

	/**
	 * Hooked to `init`.
	 */
	public function add_shortcode(): void {
		add_shortcode( Settings::get()['shortcode'], array( $this, 'render' ) );
	}

	/**
	 * Shortcode callback.
	 *
	 * @param array<int|string, string>|string $atts Raw attributes ('' when none).
	 * @param string|null                      $content Enclosed content (unused).
	 * @param string                           $tag The shortcode name used.
	 */
	public function render( $atts, $content = null, string $tag = 'amazon' ): string {
		$atts     = is_array( $atts ) ? $atts : array();
		$notices  = array();
		$unknown  = array_diff( array_keys( $atts ), array_keys( self::DEFAULTS ) );
		$settings = Settings::get();
		if ( $unknown ) {
			/* translators: %s: comma-separated attribute names. */
			$notices[] = sprintf( __( 'unknown attribute(s) ignored: %s', 'shelf' ), implode( ', ', array_map( 'strval', $unknown ) ) );
		}
		$a = shortcode_atts( self::DEFAULTS, $atts, $tag );

		if ( '' === trim( $a['link'] ) ) {
			$notices[] = __( 'nothing to show: add an attribute such as link="B0…".', 'shelf' );
			return $this->notices( $notices );
		}
		$asin = strtoupper( trim( $a['link'] ) );
		if ( 1 !== preg_match( '/^[A-Z0-9]{10}$/D', $asin ) ) {
			/* translators: %s: the value given. */
			$notices[] = sprintf( __( '“%s” is not an ASIN (10 letters or digits).', 'shelf' ), $a['link'] );
			return $this->notices( $notices );
		}

		$market = $settings['default_marketplace'];
		$tag_id = Settings::tracking_id( $market );
		if ( '' !== trim( $a['tracking_id'] ) ) {
			$own = Settings::sanitize_tag( $a['tracking_id'] );
			if ( null === $own ) {
				/* translators: %s: the value given. */
				$notices[] = sprintf( __( 'tracking_id “%s” is invalid; the site’s tracking ID is used.', 'shelf' ), $a['tracking_id'] );
			} else {
				$tag_id = $own;
			}
		}
		$title = '' !== $a['title'] ? $a['title'] : ( '' !== $a['link_title'] ? $a['link_title'] : $asin );

		$payload = array(
			'kind'        => 'link',
			'marketplace' => $market,
			'asin'        => $asin,
			'tag'         => $tag_id,
			'title'       => $title,
		);
		$this->assets->enqueue_loader();
		return $this->notices( $notices ) . sprintf(
			'<span class="shelf-placement shelf-placement--link" data-shelf="%s">%s</span>',
			esc_attr( (string) wp_json_encode( $payload ) ),
			self::fallback_link( $market, $asin, $tag_id, $title )
		);
	}

	/**
	 * A plain tagged product link for visitors without JavaScript.
	 *
	 * Mirrors the core's `product_link`; both are checked against crate/tests/data/product_links.json.
	 *
	 * @param string $market Marketplace host.
	 * @param string $asin Validated ASIN.
	 * @param string $tag_id Validated tracking ID or ''.
	 * @param string $text Link text.
	 */
	public static function fallback_link( string $market, string $asin, string $tag_id, string $text ): string {
		return sprintf(
			'<a class="shelf-link" href="%s" rel="sponsored noopener" target="_blank">%s</a>',
			esc_url( self::product_url( $market, $asin, $tag_id ) ),
			esc_html( $text )
		);
	}

	/**
	 * `https://<host>/dp/<ASIN>?tag=<tag>` from validated parts.
	 *
	 * @param string $market Marketplace host.
	 * @param string $asin Validated ASIN.
	 * @param string $tag_id Validated tracking ID or ''.
	 */
	public static function product_url( string $market, string $asin, string $tag_id ): string {
		$url = 'https://' . $market . '/dp/' . rawurlencode( $asin );
		return '' === $tag_id ? $url : $url . '?tag=' . rawurlencode( $tag_id );
	}

	/**
	 * Problems with a placement, shown only to people who can edit posts.
	 *
	 * @param string[] $notices Translated messages.
	 */
	private function notices( array $notices ): string {
		if ( ! $notices || ! current_user_can( 'edit_posts' ) ) {
			return '';
		}
		$items = array_map(
			static fn( string $n ): string => sprintf(
				'<span class="shelf-notice" role="note">%s %s</span>',
				esc_html__( 'Shelf (visible to editors only):', 'shelf' ),
				esc_html( $n )
			),
			$notices
		);
		return implode( '', $items );
	}
}
