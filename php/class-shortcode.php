<?php
/**
 * The `[amazon]` shortcode (name configurable).
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Turns a shortcode into a placeholder: a JSON payload for the core plus a no-JS fallback of
 * tagged links whose text comes from the author's attributes, never from Amazon data.
 *
 * Attribute names follow AAWP so posts written for it render unchanged. Problems show as notices
 * to people who can edit posts; visitors never see a broken placement.
 *
 * @since 0.1.0
 */
final class Shortcode {

	/** The families; a shortcode uses exactly one. */
	private const FAMILIES = array( 'box', 'link', 'table', 'bestseller', 'new', 'fields' );

	/** Most products one placement may show. */
	public const MAX_ITEMS = 25;

	/**
	 * Every attribute Shelf understands, with its default.
	 */
	private const DEFAULTS = array(
		'box'               => '',
		'link'              => '',
		'table'             => '',
		'bestseller'        => '',
		'new'               => '',
		'fields'            => '',
		'value'             => '',
		'title'             => '',
		'link_title'        => '',
		'link_icon'         => '',
		'image'             => '',
		'description'       => '',
		'description_items' => '',
		'button_text'       => '',
		'badge'             => '',
		'tracking_id'       => '',
		'template'          => '',
		'style'             => '',
		'items'             => '',
		'select'            => '',
		'order'             => '',
		'orderby'           => '',
	);

	/**
	 * AAWP's `template` values (its product templates, layouts and deprecated names, as
	 * documented) → how Shelf shows the products: a box laid out horizontally or vertically, a
	 * ranked list, or a comparison table. Grids and widgets are vertical boxes.
	 */
	private const TEMPLATES = array(
		'horizontal'          => 'horizontal',
		'box'                 => 'horizontal',
		'loop'                => 'horizontal',
		'amp'                 => 'horizontal',
		'vertical'            => 'vertical',
		'grid'                => 'vertical',
		'widget'              => 'vertical',
		'widget-vertical'     => 'vertical',
		'widget-small'        => 'vertical',
		'box_widget'          => 'vertical',
		'bestseller_widget'   => 'vertical',
		'new_releases_widget' => 'vertical',
		'list'                => 'list',
		'bestseller'          => 'list',
		'new_releases'        => 'list',
		'table'               => 'table',
		'comparison'          => 'table',
		'box_table'           => 'table',
		'bestseller_table'    => 'table',
	);

	/** AAWP's `orderby` values that Shelf sorts by (the core's `orderBy`). */
	private const ORDER_BY = array( 'price', 'title', 'rating' );

	/** AAWP's `link_icon` values → the class suffix shelf.css draws the icon for. */
	private const LINK_ICONS = array(
		'none'        => 'none',
		'amazon'      => 'amazon',
		'amazon-logo' => 'amazonLogo',
		'cart'        => 'cart',
	);

	/** The rows of a table placed without a stored table. */
	private const DEFAULT_ROWS = array( 'image', 'title', 'price', 'button' );

	/** AAWP's `value` names → the core's field kinds. */
	private const FIELDS = array(
		'title'       => 'title',
		'price'       => 'price',
		'image'       => 'image',
		'thumb'       => 'image',
		'button'      => 'button',
		'url'         => 'url',
		'link'        => 'link',
		'features'    => 'features',
		'description' => 'features',
		'rating'      => 'rating',
		'star_rating' => 'rating',
		'last_update' => 'lastUpdate',
	);

	/**
	 * Problems with the shortcode being rendered.
	 *
	 * @var string[]
	 */
	private array $notices = array();

	/**
	 * The link icon of the text link being rendered (a LINK_ICONS value).
	 *
	 * @var string
	 */
	private string $icon = 'none';

	/**
	 * Constructor.
	 *
	 * @param Placements $placements The page's placements.
	 */
	public function __construct( private Placements $placements ) {
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
	 * Validates and upper-cases an ASIN.
	 *
	 * @param string $raw Author input.
	 * @return string|null The ASIN, or null when it is not one.
	 */
	public static function asin( string $raw ): ?string {
		$asin = strtoupper( trim( $raw ) );
		return 1 === preg_match( '/^[A-Z0-9]{10}$/D', $asin ) ? $asin : null;
	}

	/**
	 * Shortcode callback.
	 *
	 * @param array<int|string, string>|string $atts Raw attributes ('' when none).
	 * @param string|null                      $content Enclosed content (unused).
	 * @param string                           $tag The shortcode name used.
	 */
	public function render( $atts, $content = null, string $tag = 'amazon' ): string {
		$atts          = is_array( $atts ) ? $atts : array();
		$this->notices = array();
		$this->icon    = 'none';
		$unknown       = array_diff( array_keys( $atts ), array_keys( self::DEFAULTS ) );
		if ( $unknown ) {
			/* translators: %s: comma-separated attribute names. */
			$this->notice( sprintf( __( 'unknown attribute(s) ignored: %s', 'shelf' ), implode( ', ', array_map( 'strval', $unknown ) ) ) );
		}
		$a        = shortcode_atts( self::DEFAULTS, $atts, $tag );
		$families = array_values( array_filter( self::FAMILIES, static fn( string $f ): bool => '' !== trim( $a[ $f ] ) ) );
		if ( ! $families ) {
			$this->notice( __( 'nothing to show: add box="…", link="…", table="…", bestseller="…", new="…" or fields="…".', 'shelf' ) );
			return $this->notices_html();
		}
		if ( count( $families ) > 1 ) {
			/* translators: %s: the first family attribute, which is used. */
			$this->notice( sprintf( __( 'use one of box, link, table, bestseller, new and fields; only %s is shown.', 'shelf' ), $families[0] ) );
		}

		$market  = Settings::get()['default_marketplace'];
		$payload = array(
			'kind'        => '',
			'marketplace' => $market,
			'tag'         => $this->tag_for( $market, $a['tracking_id'] ),
			'asins'       => array(),
			'options'     => $this->common_options( $a ),
		);
		$placement = match ( $families[0] ) {
			'box'        => $this->box( $a, $payload ),
			'link'       => $this->link( $a, $payload ),
			'table'      => $this->table( $a, $payload ),
			'bestseller' => $this->search_list( $a, $payload, 'bestseller' ),
			'new'        => $this->search_list( $a, $payload, 'new' ),
			'fields'     => $this->field( $a, $payload ),
		};
		if ( null === $placement ) {
			return $this->notices_html();
		}
		[ $payload, $fallback ] = $placement;
		// A shortcode outside post content (a theme's) places products no post registers.
		Template_Seen::note( $payload['marketplace'], $payload['asins'] );
		$html = $this->placements->placeholder( $payload, $fallback );
		if ( 'none' !== $this->icon ) {
			// shelf.css draws the icon after the link inside, the no-JS one and the core's alike.
			$html = '<span class="shelf-icon-' . esc_attr( $this->icon ) . '">' . $html . '</span>';
		}
		return $this->notices_html() . $html;
	}

	/**
	 * `[amazon box="A,B"]`: one box per product.
	 *
	 * @param array<string, string> $a       Attributes.
	 * @param array<string, mixed>  $payload Payload so far.
	 * @return array{0: array<string, mixed>, 1: string}|null
	 */
	private function box( array $a, array $payload ): ?array {
		$asins = $this->asin_list( $a['box'] );
		if ( ! $asins ) {
			return null;
		}
		$payload['asins'] = $this->limit( $this->select( $asins, $a ), $a );
		$payload          = $this->sorted( $a, $this->shown_as( $this->template( $a ), $payload ) );
		foreach ( array( 'title' => 'title', 'description' => 'description', 'badge' => 'badge' ) as $attr => $key ) {
			if ( '' !== $a[ $attr ] ) {
				$payload['options'][ $key ] = $a[ $attr ];
			}
		}
		if ( '' !== $a['description_items'] ) {
			$payload['options']['bullets'] = max( 0, min( 10, (int) $a['description_items'] ) );
		}
		return array( $payload, $this->fallback_list( $payload, 1 === count( $payload['asins'] ) ? $a['title'] : '' ) );
	}

	/**
	 * The payload shown as the template says: a box (with its layout, if given), a ranked list or
	 * a comparison table with the default rows.
	 *
	 * @param string|null          $template `horizontal`, `vertical`, `list`, `table` or null.
	 * @param array<string, mixed> $payload  Payload with its products.
	 * @return array<string, mixed>
	 */
	private function shown_as( ?string $template, array $payload ): array {
		switch ( $template ) {
			case 'list':
				$payload['kind']             = 'list';
				$payload['options']['items'] = count( $payload['asins'] );
				break;
			case 'table':
				$payload['kind']            = 'table';
				$payload['unfilteredHtml']  = false;
				$payload['options']['rows'] = array_map( static fn( string $type ): array => array( 'type' => $type ), self::DEFAULT_ROWS );
				break;
			default:
				$payload['kind'] = 'box';
				if ( null !== $template ) {
					$payload['options']['layout'] = $template;
				}
		}
		return $payload;
	}

	/**
	 * `[amazon link="A" title="…"]`: a text link, or an image link with `image="1"`.
	 *
	 * @param array<string, string> $a       Attributes.
	 * @param array<string, mixed>  $payload Payload so far.
	 * @return array{0: array<string, mixed>, 1: string}|null
	 */
	private function link( array $a, array $payload ): ?array {
		$asins = $this->asin_list( $a['link'] );
		if ( ! $asins ) {
			return null;
		}
		if ( count( $asins ) > 1 ) {
			$this->notice( __( 'a link shows one product; the first ASIN is used.', 'shelf' ) );
		}
		$title            = '' !== $a['title'] ? $a['title'] : $a['link_title'];
		$payload['kind']  = in_array( strtolower( $a['image'] ), array( '1', 'true', 'yes' ), true ) ? 'imageLink' : 'link';
		$payload['asins'] = array( $asins[0] );
		$payload['options']['title'] = $title;
		$icon = $this->link_icon( $a['link_icon'] );
		if ( 'link' === $payload['kind'] ) {
			$this->icon = $icon;
		}
		$text = '' !== $title ? $title : $asins[0];
		return array( $payload, self::fallback_link( $payload['marketplace'], $asins[0], $payload['tag'], $text ) );
	}

	/**
	 * `[amazon table="12"]` (a stored table) or `[amazon table="A,B,C"]` (default rows).
	 *
	 * @param array<string, string> $a       Attributes.
	 * @param array<string, mixed>  $payload Payload so far.
	 * @return array{0: array<string, mixed>, 1: string}|null
	 */
	private function table( array $a, array $payload ): ?array {
		$payload['kind'] = 'table';
		$ref             = trim( $a['table'] );
		if ( ctype_digit( $ref ) ) {
			// Every stored table the page places, with its meta, in one batch.
			_prime_post_caches( array_map( 'intval', Page_Usage::refs( Store_Usage::TABLE ) ), false, true );
			$stored = Tables::get( Tables::placed( (int) $ref ) );
			if ( is_wp_error( $stored ) ) {
				$this->notice( $stored->get_error_message() );
				return null;
			}
			$table                       = $stored['table'];
			$payload['asins']            = $table['products'];
			$payload['unfilteredHtml']   = user_can( $stored['author'], 'unfiltered_html' );
			$payload['options']         += array_intersect_key( $table, array_flip( array( 'hidden', 'rows', 'overrides', 'highlight', 'ribbon', 'labels', 'caption' ) ) );
			// A hidden row's texts are the owner's, not for the page's source: the core skips the
			// row by its flag alone (kept, so that a table whose rows are all hidden does not get
			// the default rows). A title row renders even when hidden, so it keeps its texts.
			foreach ( $payload['options']['rows'] as $n => $row ) {
				if ( $row['hidden'] && 'title' !== $row['type'] ) {
					$payload['options']['rows'][ $n ] = array_intersect_key( $row, array_flip( array( 'type', 'hidden' ) ) );
				}
			}
		} else {
			$asins = $this->asin_list( $ref );
			if ( ! $asins ) {
				return null;
			}
			$payload['asins'] = $this->limit( $asins, $a );
			$payload          = $this->shown_as( 'table', $payload );
		}
		// Hidden products stay in the payload, as in the builder's preview: the core leaves them
		// out, and so do the links visitors see before it renders.
		$shown = array( 'asins' => array_values( array_diff( $payload['asins'], $payload['options']['hidden'] ?? array() ) ) ) + $payload;
		return array( $payload, $this->fallback_list( $shown, '' ) );
	}

	/**
	 * `[amazon bestseller="keywords"]` and `[amazon new="browse node"]`: ranked lists from
	 * stored search results.
	 *
	 * @param array<string, string> $a       Attributes.
	 * @param array<string, mixed>  $payload Payload so far.
	 * @param string                $kind    bestseller or new.
	 * @return array{0: array<string, mixed>, 1: string}|null
	 */
	private function search_list( array $a, array $payload, string $kind ): ?array {
		$query = trim( $a[ $kind ] );
		if ( 'new' === $kind && ! ctype_digit( $query ) ) {
			/* translators: %s: the value given. */
			$this->notice( sprintf( __( 'new="%s" must be a browse node ID (digits).', 'shelf' ), $query ) );
			return null;
		}
		$payload['search'] = array(
			'kind'  => $kind,
			'query' => $query,
		);
		$stored            = Store::get_search( $payload['marketplace'], $kind, $query );
		$payload['asins']  = $stored ? $this->limit( $this->select( $stored['asins'], $a ), $a, 10 ) : array();
		// A ranked list, unless the author asked for a table; AAWP's box templates keep the list.
		$payload = $this->sorted( $a, $this->shown_as( 'table' === $this->template( $a ) ? 'table' : 'list', $payload ) );
		if ( ! $payload['asins'] ) {
			// Not fetched yet: a link to the same list on Amazon until the refresh has run.
			$url = 'bestseller' === $kind
				? add_query_arg( array_filter( array( 'k' => rawurlencode( $query ), 'tag' => $payload['tag'] ) ), 'https://' . $payload['marketplace'] . '/s' )
				: add_query_arg( array_filter( array( 'node' => $query, 'tag' => $payload['tag'] ) ), 'https://' . $payload['marketplace'] . '/b' );
			$text = 'bestseller' === $kind
				/* translators: %s: search keywords. */
				? sprintf( __( 'Bestsellers for “%s” on Amazon', 'shelf' ), $query )
				: __( 'New releases on Amazon', 'shelf' );
			return array( $payload, self::anchor( $url, $text ) );
		}
		return array( $payload, $this->fallback_list( $payload, '' ) );
	}

	/**
	 * `[amazon fields="A" value="price"]`: one value of one product.
	 *
	 * @param array<string, string> $a       Attributes.
	 * @param array<string, mixed>  $payload Payload so far.
	 * @return array{0: array<string, mixed>, 1: string}|null
	 */
	private function field( array $a, array $payload ): ?array {
		$asins = $this->asin_list( $a['fields'] );
		$value = strtolower( trim( $a['value'] ) );
		if ( ! $asins ) {
			return null;
		}
		if ( ! isset( self::FIELDS[ $value ] ) ) {
			/* translators: 1: the value given, 2: the accepted values. */
			$this->notice( sprintf( __( 'value="%1$s" is not a field; use one of: %2$s.', 'shelf' ), $value, implode( ', ', array_keys( self::FIELDS ) ) ) );
			return null;
		}
		$payload['kind']             = 'field';
		$payload['asins']            = array( $asins[0] );
		$payload['options']['field'] = self::FIELDS[ $value ];
		// Only link-like fields have a meaningful no-JS form; the others stay empty until rendered.
		$fallback = in_array( $value, array( 'button', 'link', 'url' ), true )
			? self::fallback_link( $payload['marketplace'], $asins[0], $payload['tag'], '' !== $a['title'] ? $a['title'] : __( 'View on Amazon', 'shelf' ) )
			: '';
		return array( $payload, $fallback );
	}

	/**
	 * Options every family shares: site-wide link and style settings, then the attributes
	 * style and button text.
	 *
	 * @param array<string, string> $a Attributes.
	 * @return array<string, mixed>
	 */
	private function common_options( array $a ): array {
		$settings = Settings::get();
		$options  = array(
			'style'  => $settings['style'],
			'rel'    => $settings['rel_extra'],
			'target' => $settings['link_target'],
		);
		$style    = strtolower( trim( $a['style'] ) );
		if ( '' !== $style ) {
			if ( in_array( $style, Settings::CHOICES['style'], true ) ) {
				$options['style'] = $style;
			} else {
				/* translators: %s: the value given. */
				$this->notice( sprintf( __( 'style="%s" is unknown; use standard, light or dark.', 'shelf' ), $style ) );
			}
		}
		if ( '' !== $a['button_text'] ) {
			$options['buttonText'] = $a['button_text'];
		}
		return $options;
	}

	/**
	 * `orderby` and `order` for the core's sort, as AAWP reads them for boxes and lists.
	 *
	 * @param array<string, string> $a       Attributes.
	 * @param array<string, mixed>  $payload Payload so far.
	 * @return array<string, mixed>
	 */
	private function sorted( array $a, array $payload ): array {
		$order_by = $this->order_by( $a );
		if ( null !== $order_by ) {
			$payload['options']['orderBy'] = $order_by;
			$payload['options']['order']   = self::order( $a ) ?? 'desc'; // AAWP's default direction.
		}
		return $payload;
	}

	/**
	 * How the `template` attribute shows products (see TEMPLATES), or null when it is absent or
	 * unknown (reported).
	 *
	 * @param array<string, string> $a Attributes.
	 */
	private function template( array $a ): ?string {
		$template = strtolower( trim( $a['template'] ) );
		if ( '' === $template ) {
			return null;
		}
		if ( ! isset( self::TEMPLATES[ $template ] ) ) {
			/* translators: %s: the value given. */
			$this->notice( sprintf( __( 'template="%s" is unknown; use horizontal, vertical, list or table.', 'shelf' ), $template ) );
			return null;
		}
		return self::TEMPLATES[ $template ];
	}

	/**
	 * What `orderby` sorts by, or null for the given order (absent, `rank`, or not one Shelf
	 * sorts by: reported). A bad `order` is reported here too.
	 *
	 * @param array<string, string> $a Attributes.
	 */
	private function order_by( array $a ): ?string {
		$order = strtolower( trim( $a['order'] ) );
		if ( '' !== $order && null === self::order( $a ) ) {
			/* translators: %s: the value given. */
			$this->notice( sprintf( __( 'order="%s" is unknown; use asc or desc.', 'shelf' ), $order ) );
		}
		$by = strtolower( trim( $a['orderby'] ) );
		if ( '' === $by || 'rank' === $by ) {
			return null;
		}
		if ( ! in_array( $by, self::ORDER_BY, true ) ) {
			/* translators: %s: the value given. */
			$this->notice( sprintf( __( 'orderby="%s" is not supported; use price, title or rating. Products keep their given order.', 'shelf' ), $by ) );
			return null;
		}
		return $by;
	}

	/**
	 * The `order` attribute, `asc` or `desc`, or null when absent or unknown.
	 *
	 * @param array<string, string> $a Attributes.
	 */
	private static function order( array $a ): ?string {
		$order = strtolower( trim( $a['order'] ) );
		return in_array( $order, array( 'asc', 'desc' ), true ) ? $order : null;
	}

	/**
	 * The icon for a `link_icon` value (see LINK_ICONS); `none` when absent or unknown (reported).
	 *
	 * @param string $raw Attribute value.
	 */
	private function link_icon( string $raw ): string {
		$icon = strtolower( trim( $raw ) );
		if ( '' === $icon || '0' === $icon ) {
			return 'none';
		}
		if ( ! isset( self::LINK_ICONS[ $icon ] ) ) {
			/* translators: %s: the value given. */
			$this->notice( sprintf( __( 'link_icon="%s" is unknown; use amazon, amazon-logo, cart or none. The link is shown without an icon.', 'shelf' ), $icon ) );
			return 'none';
		}
		return self::LINK_ICONS[ $icon ];
	}

	/**
	 * The tracking ID for a placement: the `tracking_id` attribute when it is one of the site's
	 * own tracking IDs (any store), or when the post's author may manage the site; else the
	 * setting. Authors cannot send a placement's commission to an account of their own.
	 *
	 * @param string $market Marketplace host.
	 * @param string $own    The attribute's value.
	 */
	private function tag_for( string $market, string $own ): string {
		if ( '' === trim( $own ) ) {
			return Settings::tracking_id( $market );
		}
		$tag = Settings::sanitize_tag( $own );
		if ( null === $tag ) {
			/* translators: %s: the value given. */
			$this->notice( sprintf( __( 'tracking_id “%s” is invalid; the site’s tracking ID is used.', 'shelf' ), $own ) );
		} elseif ( in_array( $tag, Settings::get()['tracking_ids'], true ) || self::author_can( 'manage_options' ) ) {
			return $tag;
		} else {
			/* translators: %s: the value given. */
			$this->notice( sprintf( __( 'tracking_id “%s” is not one of this site’s tracking IDs (Settings → Shelf), and only administrators may use other IDs; the site’s tracking ID is used.', 'shelf' ), $tag ) );
		}
		return Settings::tracking_id( $market );
	}

	/**
	 * Whether the author of the post being rendered has a capability. The author, not the
	 * visitor: the post's content is what the author was allowed to write.
	 *
	 * @param string $capability Capability.
	 */
	private static function author_can( string $capability ): bool {
		$post = get_post();
		return $post instanceof \WP_Post && $post->post_author && user_can( (int) $post->post_author, $capability );
	}

	/**
	 * Comma-separated ASINs, validated and de-duplicated; invalid ones are reported and dropped.
	 *
	 * @param string $raw Attribute value.
	 * @return string[]
	 */
	private function asin_list( string $raw ): array {
		$asins = array();
		foreach ( array_filter( array_map( 'trim', explode( ',', $raw ) ), 'strlen' ) as $part ) {
			$asin = self::asin( $part );
			if ( null === $asin ) {
				/* translators: %s: the value given. */
				$this->notice( sprintf( __( '“%s” is not an ASIN (10 letters or digits).', 'shelf' ), $part ) );
			} else {
				$asins[] = $asin;
			}
		}
		return array_values( array_unique( $asins ) );
	}

	/**
	 * Applies `select` (1-based positions and ranges, as AAWP: "3", "2-5", "1,3", "1-2,5") and
	 * `order="desc"` without an `orderby` the core sorts by (then the core orders them).
	 *
	 * @param string[]              $asins Products in their given order.
	 * @param array<string, string> $a     Attributes.
	 * @return string[]
	 */
	private function select( array $asins, array $a ): array {
		$spec = trim( $a['select'] );
		if ( '' !== $spec ) {
			$positions = self::positions( $spec );
			if ( null === $positions ) {
				/* translators: %s: the value given. */
				$this->notice( sprintf( __( 'select="%s" is not a list of positions or ranges such as "3", "1,3" or "2-5"; every product is shown.', 'shelf' ), $spec ) );
			} else {
				$picked = array();
				foreach ( $positions as $position ) {
					if ( isset( $asins[ $position - 1 ] ) ) {
						$picked[] = $asins[ $position - 1 ];
					}
				}
				$asins = array_values( array_unique( $picked ) );
			}
		}
		$sorted = in_array( strtolower( trim( $a['orderby'] ) ), self::ORDER_BY, true );
		return ! $sorted && 'desc' === self::order( $a ) ? array_reverse( $asins ) : $asins;
	}

	/**
	 * The positions a `select` value names, in the order given, or null when it is not a list
	 * of positions ("3") and ascending ranges ("2-5") separated by commas. Positions past the
	 * most any placement shows are dropped, so a range like "1-999999999" costs nothing.
	 *
	 * @param string $spec Attribute value.
	 * @return list<int>|null
	 */
	public static function positions( string $spec ): ?array {
		$positions = array();
		foreach ( explode( ',', $spec ) as $part ) {
			if ( 1 !== preg_match( '/^\s*(\d{1,9})\s*(?:-\s*(\d{1,9})\s*)?$/D', $part, $m ) ) {
				return null;
			}
			$from = (int) $m[1];
			$to   = isset( $m[2] ) ? (int) $m[2] : $from;
			if ( $from < 1 || $to < $from ) {
				return null;
			}
			for ( $i = $from; $i <= min( $to, self::MAX_ITEMS ); $i++ ) {
				$positions[] = $i;
			}
		}
		return array_values( array_unique( $positions ) );
	}

	/**
	 * Applies `items` and the 25-product cap.
	 *
	 * @param string[]              $asins   Products.
	 * @param array<string, string> $a       Attributes.
	 * @param int                   $default Count when `items` is absent (0: all).
	 * @return string[]
	 */
	private function limit( array $asins, array $a, int $default = 0 ): array {
		$items = '' !== trim( $a['items'] ) ? (int) $a['items'] : ( $default ? $default : count( $asins ) );
		if ( $items > self::MAX_ITEMS ) {
			/* translators: %d: the maximum. */
			$this->notice( sprintf( __( 'at most %d products per placement; the rest are left out.', 'shelf' ), self::MAX_ITEMS ) );
		}
		return array_slice( $asins, 0, max( 1, min( self::MAX_ITEMS, $items ) ) );
	}

	/**
	 * A no-JS list of tagged links, one per product.
	 *
	 * @param array<string, mixed> $payload Placement payload.
	 * @param string               $title   Author's text for a single product, or ''.
	 */
	private function fallback_list( array $payload, string $title ): string {
		$items = array_map(
			fn( string $asin ): string => '<li>' . self::fallback_link( $payload['marketplace'], $asin, $payload['tag'], '' !== $title ? $title : __( 'View on Amazon', 'shelf' ) ) . '</li>',
			$payload['asins']
		);
		return '<ul class="shelf-fallback">' . implode( '', $items ) . '</ul>';
	}

	/**
	 * A plain tagged product link for visitors without JavaScript.
	 *
	 * @param string $market Marketplace host.
	 * @param string $asin Validated ASIN.
	 * @param string $tag_id Validated tracking ID or ''.
	 * @param string $text Link text.
	 */
	public static function fallback_link( string $market, string $asin, string $tag_id, string $text ): string {
		return self::anchor( self::product_url( $market, $asin, $tag_id ), $text );
	}

	/**
	 * `<a>` with the attributes every Amazon link carries.
	 *
	 * @param string $url  Amazon URL built from validated parts.
	 * @param string $text Link text.
	 */
	private static function anchor( string $url, string $text ): string {
		return sprintf(
			'<a class="shelf-link" href="%s" rel="sponsored noopener" target="_blank">%s</a>',
			esc_url( $url ),
			esc_html( $text )
		);
	}

	/**
	 * `https://<host>/dp/<ASIN>?tag=<tag>` from validated parts.
	 *
	 * Mirrors the core's `product_link`; both are checked against crate/tests/data/product_links.json.
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
	 * Records a problem with the current shortcode.
	 *
	 * @param string $message Translated message.
	 */
	private function notice( string $message ): void {
		$this->notices[] = $message;
	}

	/**
	 * The current shortcode's problems, shown only to people who can edit posts.
	 */
	private function notices_html(): string {
		if ( ! $this->notices || ! current_user_can( 'edit_posts' ) ) {
			return '';
		}
		$html = '';
		foreach ( $this->notices as $notice ) {
			$html .= sprintf(
				'<span class="shelf-notice" role="note">%s %s</span>',
				esc_html__( 'Shelf (visible to editors only):', 'shelf' ),
				esc_html( $notice )
			);
		}
		return $html;
	}

	/**
	 * What a shortcode with these attributes displays, read exactly as {@see render()} reads it,
	 * so the store registers what pages show and nothing else: the first family wins, ASINs go
	 * through the same validation, `select` and `items`, and the marketplace is the site's
	 * default (rendering has no per-placement marketplace). A stored table is named by its ID:
	 * its products are the table's own.
	 *
	 * @param array<int|string, string> $atts Raw attributes, as `shortcode_parse_atts()` gives them.
	 * @return array{products: array<string, list<string>>, searches: list<array{market: string, kind: string, query: string, items: int}>, tables: list<int>}
	 */
	public static function wanted( array $atts ): array {
		// Only the validation helpers run: no placement is made, and their notices go nowhere.
		$parser   = ( new \ReflectionClass( self::class ) )->newInstanceWithoutConstructor();
		$settings = Settings::get();
		$market   = $settings['default_marketplace'];
		$a        = shortcode_atts( self::DEFAULTS, $atts, $settings['shortcode'] );
		$families = array_values( array_filter( self::FAMILIES, static fn( string $f ): bool => '' !== trim( $a[ $f ] ) ) );
		$wanted   = array(
			'products' => array(),
			'searches' => array(),
			'tables'   => array(),
		);
		$asins    = array();
		switch ( $families[0] ?? '' ) {
			case 'box':
				$asins = $parser->limit( $parser->select( $parser->asin_list( $a['box'] ), $a ), $a );
				break;
			case 'link':
				$asins = array_slice( $parser->asin_list( $a['link'] ), 0, 1 );
				break;
			case 'fields':
				$asins = isset( self::FIELDS[ strtolower( trim( $a['value'] ) ) ] ) ? array_slice( $parser->asin_list( $a['fields'] ), 0, 1 ) : array();
				break;
			case 'table':
				$ref = trim( $a['table'] );
				if ( ! ctype_digit( $ref ) ) {
					$asins = $parser->limit( $parser->asin_list( $ref ), $a );
				} elseif ( ! is_wp_error( Tables::get( Tables::placed( (int) $ref ) ) ) ) {
					$wanted['tables'][] = Tables::placed( (int) $ref );
				}
				break;
			case 'bestseller':
			case 'new':
				$kind  = $families[0];
				$query = trim( $a[ $kind ] );
				// Positions stand in for the stored result: the deepest one shown is how many to fetch
				// (`order` only reverses what was fetched).
				$depth = array( 'order' => '' ) + $a;
				$shown = $parser->limit( $parser->select( array_map( 'strval', range( 1, self::MAX_ITEMS ) ), $depth ), $depth, 10 );
				if ( $shown && ( 'bestseller' === $kind || ctype_digit( $query ) ) ) {
					$wanted['searches'][] = array(
						'market' => $market,
						'kind'   => $kind,
						'query'  => $query,
						'items'  => max( array_map( 'intval', $shown ) ),
					);
				}
				break;
		}
		if ( $asins ) {
			$wanted['products'][ $market ] = array_values( $asins );
		}
		return $wanted;
	}
}
