<?php
/**
 * AAWP's settings in Shelf's terms.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Translates AAWP's options (read by {@see Aawp_Source}) into changes to `shelf_settings`: the
 * default store, tracking IDs per store, geotargeting, the shortcode name, the buy button's
 * text, the disclaimer, how long product data is shown and the box style. Everything else AAWP
 * has is listed in plain words as not imported. Credentials and licence keys are never copied
 * nor shown.
 *
 * @since 0.3.0
 */
final class Aawp_Settings_Map {

	/**
	 * The settings this map applies or explains itself, and those without effect in AAWP
	 * (`affiliate_links` has one choice; `table_template` and `table_style` are unused); the
	 * others get a generic note.
	 */
	private const HANDLED = array(
		'aawp_api'       => array( 'key', 'secret', 'status', 'error', 'country', 'associate_tag', 'multiple_stores' ),
		'aawp_general'   => array( 'shortcode', 'affiliate_links', 'cache_duration', 'disclaimer_position', 'disclaimer_text', 'inline_info', 'inline_info_text', 'last_update_format' ),
		'aawp_output'    => array( 'button_text', 'button_detail_text' ),
		'aawp_functions' => array( 'box_style', 'geotargeting', 'geotargeting_api', 'geotargeting_mode', 'table_labels', 'table_template', 'table_style' ),
	);

	/** Plain names of AAWP settings Shelf has no equivalent for (others show their key). */
	private const NAMES = array(
		'title_length'             => 'Title length',
		'image_size'               => 'Image size',
		'image_quality'            => 'Image quality',
		'description_items'        => 'Number of description bullets',
		'description_length'       => 'Description length',
		'teaser'                   => 'Teaser',
		'star_rating_size'         => 'Star rating size',
		'star_rating_link'         => 'Star rating link',
		'star_rating_style'        => 'Star rating style',
		'show_reviews'             => 'Show review count',
		'reviews_label'            => 'Reviews label',
		'pricing_advertised_price' => 'Advertised price',
		'pricing_reduction'        => 'Price reduction format',
		'pricing_show_old_price'   => 'Show old price',
		'pricing_sale_ribbon_text' => 'Sale ribbon text',
		'check_prime'              => 'Prime check',
		'button_style'             => 'Buy button style',
		'button_icon'              => 'Buy button icon',
		'button_cart_links'        => 'Add-to-cart links',
		'button_detail_style'      => 'Detail button style',
		'custom_css'               => 'Custom CSS',
		'click_tracking'           => 'Click tracking',
		'credits_position'         => 'Credits',
		'local_images'             => 'Local images',
		'link_icon'                => 'Link icon',
		'table_highlight_bg_color' => 'Table highlight background colour',
		'table_highlight_color'    => 'Table highlight text colour',
		'bestseller_ribbon_text'   => 'Bestseller ribbon text',
		'new_releases_ribbon_text' => 'New releases ribbon text',
	);

	/**
	 * Shelf's settings after the import, with what changes and what is not imported.
	 *
	 * @param array<string, array<string, mixed>> $aawp    AAWP's options by name ({@see Aawp_Source::OPTIONS}).
	 * @param array<string, mixed>                $current Shelf's current settings ({@see Settings::get()}).
	 * @return array{settings: array<string, mixed>, changes: list<array{0: string, 1: string, 2: string}>, notes: list<string>}
	 *         `changes`: setting, value now, value after.
	 */
	public static function map( array $aawp, array $current ): array {
		$api     = $aawp['aawp_api'] ?? array();
		$general = $aawp['aawp_general'] ?? array();
		$output  = $aawp['aawp_output'] ?? array();
		$funcs   = $aawp['aawp_functions'] ?? array();
		$next    = $current;
		$notes   = array();

		$default = self::string( $api['country'] ?? '' );
		if ( '' !== $default ) {
			if ( Marketplaces::exists( self::host( $default ) ) ) {
				$next['default_marketplace'] = self::host( $default );
			} else {
				/* translators: %s: Amazon domain suffix such as cn. */
				$notes[] = sprintf( __( 'Default store amazon.%s: Shelf does not serve this store; the default store was not changed.', 'shelf' ), $default );
			}
		}

		// Tracking IDs: the default one belongs to the default store; the per-store ones to theirs.
		$tags = array();
		foreach ( $api as $key => $value ) {
			if ( is_string( $key ) && str_starts_with( $key, 'associate_tag_' ) ) {
				$tags[ substr( $key, strlen( 'associate_tag_' ) ) ] = self::string( $value );
			}
		}
		if ( '' !== $default ) {
			$tags[ $default ] = self::string( $api['associate_tag'] ?? '' );
		}
		foreach ( $tags as $store => $raw ) {
			$host = self::host( (string) $store );
			$tag  = Settings::sanitize_tag( $raw );
			if ( '' === trim( $raw ) ) {
				continue;
			}
			if ( ! Marketplaces::exists( $host ) ) {
				/* translators: 1: tracking ID, 2: Amazon domain suffix. */
				$notes[] = sprintf( __( 'Tracking ID %1$s for amazon.%2$s: Shelf does not serve this store.', 'shelf' ), $raw, $store );
			} elseif ( null === $tag ) {
				/* translators: 1: tracking ID, 2: Amazon domain suffix. */
				$notes[] = sprintf( __( 'Tracking ID “%1$s” for amazon.%2$s is not a valid tracking ID (1–64 lower-case letters, digits and hyphens) and was not imported.', 'shelf' ), $raw, $store );
			} else {
				$next['tracking_ids'][ $host ] = $tag;
			}
		}

		if ( '1' === self::string( $funcs['geotargeting'] ?? '' ) ) {
			$next['localise']      = true;
			$next['localise_mode'] = 'asin' === self::string( $funcs['geotargeting_mode'] ?? '' ) ? 'exact' : 'search';
			if ( '' !== self::string( $funcs['geotargeting_api'] ?? '' ) ) {
				$notes[] = __( 'Geotargeting lookup service: Shelf finds the visitor’s country without a third-party service, so this choice is not needed.', 'shelf' );
			}
		}

		$shortcode = self::string( $general['shortcode'] ?? '' );
		if ( 'amazon' === $shortcode ) {
			$next['shortcode'] = 'amazon';
		} elseif ( 'aawp' === $shortcode ) {
			/* translators: %s: Shelf's shortcode name. */
			$notes[] = sprintf( __( 'Shortcode name [aawp]: Shelf’s shortcode is [amazon] or [shelf], so posts using [aawp] are not rendered by Shelf; Shelf keeps [%s].', 'shelf' ), $current['shortcode'] );
		} elseif ( 'disabled' === $shortcode ) {
			$notes[] = __( 'Shortcodes disabled: Shelf has no such switch; its shortcode stays on.', 'shelf' );
		}

		$button = self::string( $output['button_text'] ?? '' );
		if ( '' !== trim( $button ) ) {
			if ( str_contains( strtolower( $button ), '%price%' ) ) {
				/* translators: %s: button text. */
				$notes[] = sprintf( __( 'Buy button text “%s” shows the price through %%price%%, which Shelf cannot fill in; Shelf keeps its own button text.', 'shelf' ), $button );
			} else {
				$next['button_text'] = mb_substr( sanitize_text_field( $button ), 0, 100 );
			}
		}
		$detail = self::string( $output['button_detail_text'] ?? '' );
		if ( '' !== trim( $detail ) ) {
			/* translators: %s: button text. */
			$notes[] = sprintf( __( 'Detail button text “%s”: Shelf shows one button per product and has no detail button.', 'shelf' ), $detail );
		}

		$notes = array_merge( $notes, self::disclaimer( $general, $next ) );

		$minutes = (int) self::string( $general['cache_duration'] ?? '' );
		if ( $minutes > 0 ) {
			$next['lifetime_hours'] = max( 1, min( Settings::MAX_LIFETIME_HOURS, intdiv( $minutes, 60 ) ) );
			if ( $minutes > Settings::MAX_LIFETIME_HOURS * 60 ) {
				/* translators: %d: hours. */
				$notes[] = sprintf( __( 'Cache duration of %d hours: Amazon allows product data to be shown for at most 24 hours, so Shelf uses 24.', 'shelf' ), intdiv( $minutes, 60 ) );
			}
		}

		$style = self::string( $funcs['box_style'] ?? '' );
		if ( in_array( $style, array( 'light', 'dark' ), true ) ) {
			$next['style'] = $style;
		} elseif ( '' !== $style && '0' !== $style ) {
			/* translators: %s: AAWP style name. */
			$notes[] = sprintf( __( 'Box style “%s”: Shelf has the styles standard, light and dark; its style was not changed.', 'shelf' ), $style );
		}

		if ( '' !== self::string( $api['key'] ?? '' ) ) {
			$notes[] = __( 'Amazon API keys: not imported. AAWP uses the Product Advertising API; Shelf uses Amazon’s Creators API, whose credentials you enter in Shelf’s settings.', 'shelf' );
		}
		if ( array() !== ( $aawp['aawp_licensing'] ?? array() ) ) {
			$notes[] = __( 'AAWP licence: Shelf needs none; not imported.', 'shelf' );
		}
		$notes = array_merge( $notes, self::others( $aawp ) );

		return array(
			'settings' => $next,
			'changes'  => self::changes( $current, $next ),
			'notes'    => $notes,
		);
	}

	/**
	 * The disclaimer becomes Shelf's disclosure statement for the site's language.
	 *
	 * @param array<string, mixed> $general AAWP's `aawp_general`.
	 * @param array<string, mixed> $next    Shelf's settings being built.
	 * @return list<string> Notes.
	 */
	private static function disclaimer( array $general, array &$next ): array {
		$notes = array();
		$text  = self::string( $general['disclaimer_text'] ?? '' );
		if ( '' !== trim( $text ) ) {
			$plain = mb_substr( sanitize_text_field( $text ), 0, 500 );
			if ( str_contains( strtolower( $text ), '%last_update%' ) ) {
				/* translators: %s: disclaimer text. */
				$notes[] = sprintf( __( 'Disclaimer “%s” shows the last update through %%last_update%%, which Shelf’s disclosure cannot; Shelf keeps its own statement (Shelf shows each price with its time).', 'shelf' ), $text );
			} elseif ( 1 !== preg_match( '/^[a-z]{2,3}(_[A-Z]{2})?$/D', get_locale() ) ) {
				/* translators: %s: WordPress locale. */
				$notes[] = sprintf( __( 'Disclaimer: Shelf keeps its own disclosure wording per language and country, which the site’s locale %s is not; Shelf keeps its default statement.', 'shelf' ), get_locale() );
			} else {
				$next['disclosure'][ get_locale() ] = $plain;
				if ( $plain !== $text ) {
					$notes[] = __( 'Disclaimer: Shelf’s disclosure is plain text, so its HTML was removed.', 'shelf' );
				}
			}
		}
		if ( '0' === self::string( $general['disclaimer_position'] ?? '' ) ) {
			$notes[] = __( 'Disclaimer hidden in AAWP: Shelf always shows the Associates disclosure where it places products, as Amazon requires.', 'shelf' );
		}
		if ( 'show' === self::string( $general['inline_info'] ?? '' ) || '' !== trim( self::string( $general['inline_info_text'] ?? '' ) ) ) {
			/* translators: %s: AAWP's info text. */
			$notes[] = sprintf( __( 'Last-update info text “%s”: Shelf has no such text; it shows when each price was fetched next to the price.', 'shelf' ), self::string( $general['inline_info_text'] ?? '' ) );
		}
		if ( '' !== self::string( $general['last_update_format'] ?? '' ) ) {
			$notes[] = __( 'Last-update date format: Shelf formats dates in the site’s language and has no choice here.', 'shelf' );
		}
		return $notes;
	}

	/**
	 * Notes for set AAWP settings this map does not handle.
	 *
	 * @param array<string, array<string, mixed>> $aawp AAWP's options.
	 * @return list<string>
	 */
	private static function others( array $aawp ): array {
		$notes = array();
		foreach ( array( 'aawp_general', 'aawp_output', 'aawp_functions' ) as $option ) {
			foreach ( $aawp[ $option ] ?? array() as $key => $value ) {
				$value = self::string( $value );
				if ( ! is_string( $key ) || '' === $value || '0' === $value || in_array( $key, self::HANDLED[ $option ], true ) || str_starts_with( $key, 'associate_tag_' ) ) {
					continue;
				}
				$name = self::NAMES[ $key ] ?? $key;
				/* translators: 1: setting name, 2: its value. */
				$notes[] = sprintf( __( '%1$s (“%2$s”): Shelf has no such setting; not imported.', 'shelf' ), $name, mb_strimwidth( $value, 0, 80, '…' ) );
			}
		}
		return $notes;
	}

	/**
	 * What differs between two settings arrays, as readable rows.
	 *
	 * @param array<string, mixed> $before Settings now.
	 * @param array<string, mixed> $after  Settings after.
	 * @return list<array{0: string, 1: string, 2: string}>
	 */
	private static function changes( array $before, array $after ): array {
		$rows = array();
		foreach ( $after as $key => $value ) {
			if ( is_array( $value ) ) {
				foreach ( $value as $sub => $text ) {
					if ( ( $before[ $key ][ $sub ] ?? null ) !== $text ) {
						$rows[] = array( self::label( $key ) . ' › ' . $sub, self::show( $before[ $key ][ $sub ] ?? '' ), self::show( $text ) );
					}
				}
			} elseif ( ( $before[ $key ] ?? null ) !== $value ) {
				$rows[] = array( self::label( $key ), self::show( $before[ $key ] ?? '' ), self::show( $value ) );
			}
		}
		return $rows;
	}

	/**
	 * A setting's name as *Settings → Shelf* shows it, so the owner finds it there.
	 *
	 * @param string $key Settings key.
	 */
	private static function label( string $key ): string {
		$labels = array(
			'default_marketplace' => __( 'Default store', 'shelf' ),
			'tracking_ids'        => __( 'Tracking ID', 'shelf' ),
			'localise'            => __( 'Localise links', 'shelf' ),
			'localise_mode'       => __( 'Localised links lead to', 'shelf' ),
			'style'               => __( 'Style', 'shelf' ),
			'button_text'         => __( 'Button text', 'shelf' ),
			'shortcode'           => __( 'Shortcode name', 'shelf' ),
			'disclosure'          => __( 'Disclosure statement', 'shelf' ),
			'lifetime_hours'      => __( 'Show product data for (hours)', 'shelf' ),
		);
		return $labels[ $key ] ?? $key;
	}

	/**
	 * A setting's value as text.
	 *
	 * @param mixed $value Value.
	 */
	private static function show( $value ): string {
		return is_bool( $value ) ? ( $value ? 'on' : 'off' ) : self::string( $value );
	}

	/**
	 * An AAWP store key (`co.uk`) as a Shelf marketplace host.
	 *
	 * @param string $store Domain suffix.
	 */
	private static function host( string $store ): string {
		return 'www.amazon.' . strtolower( trim( $store ) );
	}

	/**
	 * A scalar as a string; anything else is ''.
	 *
	 * @param mixed $value Raw value.
	 */
	private static function string( $value ): string {
		return is_scalar( $value ) ? (string) $value : '';
	}
}
