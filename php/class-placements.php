<?php
/**
 * Placeholders on a page and the one data block they share.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Collects every placement rendered on a page, then prints one JSON block in the footer with the
 * payloads of all placements and the stored records of all their products — one store query
 * per page however many placements.
 *
 * A placeholder carries only an id (`data-shelf-id`) and a no-JS fallback; its payload (kind,
 * marketplace, tag, ASINs, options) lives in the data block, keyed by that id. So the loader
 * renders only placements this server created for this page: an author who hand-writes a
 * placeholder cannot choose its payload (say, `unfilteredHtml` or another tracking ID).
 * Records are in {@see Public_Record}'s shape, or a manual product's where the owner described
 * the product ({@see Manual_Products}); the core re-checks their age against the visitor's
 * clock (a page cache may serve this HTML later).
 *
 * @since 0.1.0
 */
final class Placements {

	/** JSON with every HTML-significant character as a \u escape: inert in attributes and scripts. */
	private const JSON_INERT = JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE;

	/**
	 * ASINs wanted per marketplace: host => ASIN => true.
	 *
	 * @var array<string, array<string, true>>
	 */
	private array $wanted = array();

	/**
	 * Payloads of this page's placements, by placeholder id.
	 *
	 * @var array<string, array<string, mixed>>
	 */
	private array $payloads = array();

	/**
	 * Whether post content on this page may hold an Amazon link (Link_Hint's guess).
	 *
	 * @var bool
	 */
	private bool $content_links = false;

	/**
	 * The `href="…"` attributes of this page's placeholder fallbacks: Shelf's own links, which
	 * the loader renders anyway, so they do not count as content links.
	 *
	 * @var array<string, true>
	 */
	private array $own_hrefs = array();

	/**
	 * Whether the user may edit each post rendered so far ("user:post", post 0: any post), asked
	 * once per post: a page with many placements asked for every one of them.
	 *
	 * @var array<string, bool>
	 */
	private array $may_edit = array();

	/**
	 * Constructor.
	 *
	 * @param Assets $assets Script and style registration.
	 */
	public function __construct( private Assets $assets ) {
	}

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		add_action( 'wp_footer', array( $this, 'print_data' ), 1 );
		add_action( 'wp_enqueue_scripts', array( $this, 'enqueue_for_localisation' ) );
		// After do_shortcode (priority 11), as the disclosure.
		add_filter( 'the_content', array( $this, 'note_links' ), 20 );
		// Before WordPress prints script modules: in wp_head for block themes (whose content
		// has rendered by then), else in wp_footer.
		add_action( 'wp_head', array( $this, 'register_loader' ), 1 );
		add_action( 'wp_footer', array( $this, 'register_loader' ), 1 );
	}

	/**
	 * Hooked to `wp_enqueue_scripts`: with localisation on, every front-end page needs the
	 * loader, placements or not, to send Amazon links in content to the visitor's store.
	 */
	public function enqueue_for_localisation(): void {
		if ( Settings::get()['localise'] ) {
			$this->assets->enqueue_loader();
		}
	}

	/**
	 * Hooked to `the_content`: content that may hold an Amazon link (any post's, archives
	 * included) asks for the loader and the data block, so the core can tag its links and mark
	 * them sponsored for visitors with JavaScript. The fallback links of Shelf's own placeholders
	 * do not count (attributes are untouched by later content filters, so they match exactly).
	 * The content is returned unchanged.
	 *
	 * @param mixed $content Rendered post content.
	 * @return mixed
	 */
	public function note_links( $content ) {
		if ( $this->content_links || ! is_string( $content ) ) {
			return $content;
		}
		$others = $this->own_hrefs ? str_replace( array_keys( $this->own_hrefs ), '', $content ) : $content;
		if ( Link_Hint::has_amazon_link( $others ) ) {
			$this->content_links = true;
			$this->assets->enqueue_loader();
		}
		return $content;
	}

	/**
	 * Hooked to `wp_head` and `wp_footer`: picks the loader bundle from what the page has
	 * rendered. In a classic theme the content renders after `wp_head`, so only the footer
	 * call decides there; registering twice keeps the first.
	 */
	public function register_loader(): void {
		if ( doing_action( 'wp_head' ) && ! wp_is_block_theme() ) {
			return;
		}
		$this->assets->register_loader( (bool) $this->payloads, $this->content_links );
	}

	/**
	 * A placeholder element: payload, fallback, and the space the rendered markup will need.
	 *
	 * Block placements reserve their height through CSS (`shelf.css`, "Reserved space") from
	 * the product and row counts given here, so nothing below them moves when the core's markup
	 * replaces the fallback. Hidden products and rows do not count (a title row renders even
	 * when hidden). Links and fields are inline and reserve nothing.
	 *
	 * @param array{kind: string, marketplace: string, asins: string[], options: array<string, mixed>} $payload Placement data for the core.
	 * @param string                                                                                      $fallback No-JS HTML (already escaped).
	 */
	public function placeholder( array $payload, string $fallback ): string {
		foreach ( $payload['asins'] as $asin ) {
			$this->wanted[ $payload['marketplace'] ][ $asin ] = true;
		}
		// Problems the core reports while rendering are shown to people who may fix them.
		$post_id            = (int) get_the_ID();
		$payload['notices'] = $this->may_edit[ get_current_user_id() . ':' . $post_id ] ??= $post_id ? current_user_can( 'edit_post', $post_id ) : current_user_can( 'edit_posts' );
		$id                    = 'p' . ( count( $this->payloads ) + 1 );
		$this->payloads[ $id ] = $payload;
		$inline                = in_array( $payload['kind'], array( 'link', 'imageLink', 'field' ), true );
		if ( ! $inline ) {
			$fallback = self::manual_fallback( $payload, $fallback );
		}
		preg_match_all( '~\bhref="[^"]*"~', $fallback, $hrefs );
		foreach ( $hrefs[0] as $href ) {
			$this->own_hrefs[ $href ] = true;
		}
		$this->assets->enqueue_loader();
		$this->assets->enqueue_style();
		$layout = 'vertical' === ( $payload['options']['layout'] ?? '' ) ? ' shelf-placement--vertical' : '';
		$rows   = array_filter( $payload['options']['rows'] ?? array(), static fn( array $row ): bool => empty( $row['hidden'] ) || 'title' === $row['type'] );
		return sprintf(
			'<%1$s class="shelf-placement shelf-placement--%2$s%3$s" data-shelf-id="%4$s"%5$s>%6$s</%1$s>',
			$inline ? 'span' : 'div',
			esc_attr( $payload['kind'] ),
			esc_attr( $layout ),
			esc_attr( $id ),
			$inline ? '' : sprintf(
				' style="--shelf-items:%d;--shelf-rows:%d"',
				count( array_diff( $payload['asins'], $payload['options']['hidden'] ?? array() ) ),
				count( $rows )
			),
			$fallback
		);
	}

	/**
	 * A product list's no-JS fallback, with the titles of the products the owner described by
	 * hand (the generic "View on Amazon" would name none of them); unchanged when there are none.
	 * Inline placements keep the author's own link text.
	 *
	 * @param array<string, mixed> $payload  Placement data.
	 * @param string               $fallback The fallback given (already escaped).
	 */
	private static function manual_fallback( array $payload, string $fallback ): string {
		$manual = Manual_Products::for_asins( $payload['asins'] );
		if ( array() === $manual ) {
			return $fallback;
		}
		$items = array_map(
			static fn( string $asin ): string => '<li>' . Shortcode::fallback_link( $payload['marketplace'], $asin, $payload['tag'], $manual[ $asin ]['title'] ?? __( 'View on Amazon', 'shelf' ) ) . '</li>',
			$payload['asins']
		);
		return '<ul class="shelf-fallback">' . implode( '', $items ) . '</ul>';
	}

	/**
	 * Hooked to `wp_footer`: the payloads of the page's placements, the records of every
	 * product they show, and the page's rendering context, as one JSON block.
	 */
	public function print_data(): void {
		if ( ! $this->payloads && ! $this->content_links && ! Settings::get()['localise'] ) {
			return;
		}
		// JSON_HEX_* keep `</script>` and quotes inert inside the script element.
		printf(
			'<script type="application/json" id="shelf-data">%s</script>' . "\n",
			wp_json_encode( $this->data(), self::JSON_INERT ) // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- JSON with every HTML-significant character hex-escaped.
		);
	}

	/**
	 * The data block's content: `{ placements: {id: payload}, records: {market: {ASIN: record}},
	 * config }`. Maps are objects even when empty, as the core reads them.
	 *
	 * @return array{placements: object, records: object, config: array<string, mixed>}
	 */
	public function data(): array {
		$records = array();
		foreach ( $this->wanted as $market => $asins ) {
			$records[ $market ] = (object) Manual_Products::records( Store::get_many( $market, array_map( 'strval', array_keys( $asins ) ) ) );
		}
		return array(
			'placements' => (object) $this->payloads,
			'records'    => (object) $records,
			'config'     => self::page_config(),
		);
	}

	/**
	 * What the core needs besides the placement and its records: wording, the disclosure, link
	 * options and where to fetch fresher records. Nothing secret.
	 *
	 * @return array<string, mixed>
	 */
	public static function page_config(): array {
		$settings = Settings::get();
		return array(
			'restUrl'    => esc_url_raw( rest_url( 'shelf/v1/' ) ),
			'lifetime'   => Settings::lifetime(),
			'wording'    => self::wording( $settings ),
			// Shown before the core's problem reports to people who can edit the post.
			'notice'     => __( 'Shelf (visible to editors only):', 'shelf' ),
			'site'       => self::site(),
			// The disclosure's markup, as the server prints it: the loader inserts it where the
			// core finds Amazon links on a page the server printed none on.
			'disclosure' => Disclosure::html(),
			'market'     => $settings['default_marketplace'],
			// The core's link options (LinkOptionsInput) and whether to localise per visitor.
			'links'      => array(
				'tags'        => (object) $settings['tracking_ids'],
				'existingTag' => $settings['existing_tag'],
				'noise'       => $settings['strip_noise'] ? 'strip' : 'keep',
				'rel'         => $settings['rel_extra'],
				'newTab'      => 'newTab' === $settings['link_target'],
			),
			'localise'   => $settings['localise'] ? $settings['localise_mode'] : false,
		);
	}

	/**
	 * The site facts the core checks images against: the site's own host (manual products) and,
	 * only when the developer constant SHELF_DEV_IMAGE_ORIGINS is defined, extra origins whose
	 * image URLs pass besides Amazon's image host and the site's https URLs. That constant is a developer setting for local
	 * demos (the Creators API mock serves the fixtures' pictures), never for production: there,
	 * product images come from Amazon's image host only.
	 *
	 * @return array{hosts: list<string>, imageOrigins?: list<string>}
	 */
	private static function site(): array {
		$site = array( 'hosts' => array( (string) wp_parse_url( home_url(), PHP_URL_HOST ) ) );
		if ( defined( 'SHELF_DEV_IMAGE_ORIGINS' ) ) {
			$site['imageOrigins'] = array_values( array_map( 'strval', (array) constant( 'SHELF_DEV_IMAGE_ORIGINS' ) ) );
		}
		return $site;
	}

	/**
	 * Visible fixed texts, translated here because WordPress translates PHP strings.
	 *
	 * @param array<string, mixed> $settings Current settings.
	 * @return array<string, string>
	 */
	private static function wording( array $settings ): array {
		return array(
			'buy'            => '' !== $settings['button_text'] ? $settings['button_text'] : __( 'Buy on Amazon', 'shelf' ),
			'seePrice'       => __( 'See price on Amazon', 'shelf' ),
			'view'           => __( 'View on Amazon', 'shelf' ),
			'shop'           => __( 'View offer', 'shelf' ),
			'asOf'           => __( 'as of', 'shelf' ),
			'details'        => __( 'Details', 'shelf' ),
			'disclaimer'     => __( 'Product prices and availability are accurate as of the date/time indicated and are subject to change. Any price and availability information displayed on Amazon at the time of purchase will apply to the purchase of this product.', 'shelf' ),
			'save'           => __( 'Save', 'shelf' ),
			'ownRating'      => __( 'Our rating', 'shelf' ),
			'customerRating' => __( 'Customer rating', 'shelf' ),
			'reviews'        => __( 'reviews', 'shelf' ),
			'yes'            => __( 'Yes', 'shelf' ),
			'no'             => __( 'No', 'shelf' ),
			'lastUpdate'     => __( 'Last update:', 'shelf' ),
			'tableCaption'   => __( 'Product comparison', 'shelf' ),
			'product'        => __( 'Product', 'shelf' ),
		);
	}
}
