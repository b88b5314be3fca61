<?php
/**
 * Shelf's settings: one option array with defaults, a sanitiser and a getter.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * The `shelf_settings` option.
 *
 * Tracking IDs are checked here only for charset and length; the full rules (suffixes, hyphens,
 * the friendly messages) live in the core and run live in the settings screen.
 *
 * @since 0.1.0
 */
final class Settings {

	public const OPTION = 'shelf_settings';
	public const GROUP  = 'shelf';

	/**
	 * Allowed values of the enumerated settings; the first is the default.
	 */
	public const CHOICES = array(
		'link_target'   => array( 'newTab', 'sameTab' ),
		'existing_tag'  => array( 'keep', 'replace', 'reportOnly' ),
		'localise_mode' => array( 'exact', 'search' ),
		'style'         => array( 'standard', 'light', 'dark' ),
		'shortcode'     => array( 'amazon', 'shelf' ),
	);

	/**
	 * The cleaned settings of this request, until the option changes.
	 *
	 * @var array<string, mixed>|null
	 */
	private static ?array $current = null;

	/** The longest a product's data may be shown: Amazon's 24 hours. */
	public const MAX_LIFETIME_HOURS = 24;

	/**
	 * Defaults for every key.
	 *
	 * @return array<string, mixed>
	 */
	public static function get_default(): array {
		return array(
			'default_marketplace' => 'www.amazon.com',
			'tracking_ids'        => array(),
			'shortcode'           => 'amazon',
			'rel_extra'           => '',
			'link_target'         => 'newTab',
			'existing_tag'        => 'keep',
			'localise'            => false,
			'localise_mode'       => 'exact',
			'strip_noise'         => false,
			'style'               => 'standard',
			'button_text'         => '',
			'disclosure'          => array(),
			'lifetime_hours'      => self::MAX_LIFETIME_HOURS,
		);
	}

	/**
	 * Registers the option with the Settings API.
	 */
	public function register(): void {
		add_action( 'init', array( $this, 'register_setting' ) );
		foreach ( array( 'add_option_', 'update_option_', 'delete_option_' ) as $change ) {
			add_action( $change . self::OPTION, array( self::class, 'forget' ) );
		}
	}

	/**
	 * Hooked to `init`: the option, its sanitiser and its default.
	 */
	public function register_setting(): void {
		register_setting(
			self::GROUP,
			self::OPTION,
			array(
				'type'              => 'object',
				'sanitize_callback' => array( $this, 'sanitize' ),
				'default'           => self::get_default(),
				'show_in_rest'      => false,
			)
		);
	}

	/**
	 * The current settings, re-sanitised so callers always get every key with a valid value.
	 *
	 * @return array<string, mixed>
	 */
	public static function get(): array {
		// Read by every placement: read and clean the option once, until it changes.
		self::$current ??= self::clean( get_option( self::OPTION, array() ), array(), false );
		return self::$current;
	}

	/**
	 * Hooked to the option's add/update/delete actions: the next get() reads it again.
	 */
	public static function forget(): void {
		self::$current = null;
	}

	/**
	 * How long Amazon data may be shown after it was fetched, in seconds: the setting, through
	 * the `shelf_data_lifetime` filter, clamped to 1 minute – 24 hours (Amazon's limit).
	 */
	public static function lifetime(): int {
		/**
		 * Filters how long fetched Amazon data may be displayed, in seconds.
		 *
		 * @since 0.1.0
		 *
		 * @param int $seconds The setting, in seconds; at most 86400.
		 */
		$seconds = apply_filters( 'shelf_data_lifetime', self::get()['lifetime_hours'] * HOUR_IN_SECONDS );
		return Tunable::clamp( $seconds, DAY_IN_SECONDS, MINUTE_IN_SECONDS, self::MAX_LIFETIME_HOURS * HOUR_IN_SECONDS );
	}

	/**
	 * The tracking ID for a marketplace host, or '' when none is set.
	 *
	 * @param string $host Marketplace host.
	 */
	public static function tracking_id( string $host ): string {
		return self::get()['tracking_ids'][ $host ] ?? '';
	}

	/**
	 * Sanitize callback: invalid values are reported and the previous value is kept, so a typo
	 * never wipes a working tracking ID.
	 *
	 * @param mixed $input Submitted value.
	 * @return array<string, mixed>
	 */
	public function sanitize( $input ): array {
		$previous = get_option( self::OPTION, array() );
		return self::clean( $input, is_array( $previous ) ? $previous : array(), true );
	}

	/**
	 * Normalises raw option data.
	 *
	 * @param mixed                $input    Raw value.
	 * @param array<string, mixed> $previous Stored value to fall back on per field.
	 * @param bool                 $report   Whether to add settings errors for rejected values.
	 * @return array<string, mixed>
	 */
	private static function clean( $input, array $previous, bool $report ): array {
		$clean = self::get_default();
		if ( ! is_array( $input ) ) {
			return $clean;
		}

		$market = is_string( $input['default_marketplace'] ?? null ) ? $input['default_marketplace'] : '';
		if ( Marketplaces::exists( $market ) ) {
			$clean['default_marketplace'] = $market;
		} elseif ( $report && '' !== $market ) {
			self::report( 'shelf-market', __( 'Unknown marketplace; the previous one was kept.', 'shelf' ) );
			$clean['default_marketplace'] = $previous['default_marketplace'] ?? $clean['default_marketplace'];
		}

		$ids = is_array( $input['tracking_ids'] ?? null ) ? $input['tracking_ids'] : array();
		foreach ( Marketplaces::all() as $host => $unused ) {
			$raw = $ids[ $host ] ?? '';
			$tag = is_string( $raw ) ? self::sanitize_tag( $raw ) : null;
			if ( null === $tag ) {
				if ( $report ) {
					self::report(
						'shelf-tag-' . $host,
						/* translators: 1: the rejected value, 2: marketplace host. */
						sprintf( __( '“%1$s” is not a valid tracking ID for %2$s: use 1–64 lower-case letters, digits and hyphens. The previous value was kept.', 'shelf' ), is_string( $raw ) ? $raw : '', $host )
					);
				}
				$tag = $previous['tracking_ids'][ $host ] ?? '';
			}
			if ( '' !== $tag ) {
				$clean['tracking_ids'][ $host ] = $tag;
			}
		}

		foreach ( self::CHOICES as $key => $allowed ) {
			$value = $input[ $key ] ?? null;
			if ( in_array( $value, $allowed, true ) ) {
				$clean[ $key ] = $value;
			}
		}
		foreach ( array( 'localise', 'strip_noise' ) as $key ) {
			$clean[ $key ] = ! empty( $input[ $key ] );
		}

		// rel may gain values (nofollow, ugc…), never lose sponsored/noopener: the core adds those.
		$rel = is_string( $input['rel_extra'] ?? null ) ? strtolower( $input['rel_extra'] ) : '';
		$tokens = preg_split( '/\s+/', trim( $rel ), -1, PREG_SPLIT_NO_EMPTY );
		$valid  = array_filter( $tokens, static fn( string $t ): bool => 1 === preg_match( '/^[a-z][a-z-]{0,31}$/D', $t ) );
		if ( $report && count( $valid ) !== count( $tokens ) ) {
			self::report( 'shelf-rel', __( 'Extra rel values may only contain letters and hyphens; the others were dropped.', 'shelf' ) );
		}
		$clean['rel_extra'] = implode( ' ', array_unique( $valid ) );

		$button               = is_string( $input['button_text'] ?? null ) ? sanitize_text_field( $input['button_text'] ) : '';
		$clean['button_text'] = mb_substr( $button, 0, 100 );

		$disclosure = is_array( $input['disclosure'] ?? null ) ? $input['disclosure'] : array();
		foreach ( $disclosure as $locale => $text ) {
			if ( is_string( $locale ) && 1 === preg_match( '/^[a-z]{2,3}(_[A-Z]{2})?$/D', $locale ) && is_string( $text ) && '' !== trim( $text ) ) {
				$clean['disclosure'][ $locale ] = mb_substr( sanitize_text_field( $text ), 0, 500 );
			}
		}

		$hours = $input['lifetime_hours'] ?? self::MAX_LIFETIME_HOURS;
		$hours = is_numeric( $hours ) ? (int) $hours : self::MAX_LIFETIME_HOURS;
		if ( $report && $hours > self::MAX_LIFETIME_HOURS ) {
			self::report( 'shelf-lifetime', __( 'Amazon allows product data to be shown for at most 24 hours; the lifetime was set to 24 hours.', 'shelf' ) );
		}
		$clean['lifetime_hours'] = max( 1, min( self::MAX_LIFETIME_HOURS, $hours ) );
		return $clean;
	}

	/**
	 * Reports a rejected value the WordPress way. The sanitiser also runs outside wp-admin
	 * (cron, REST, code calling update_option), where the settings-error API is not loaded.
	 *
	 * @param string $code    Error code.
	 * @param string $message Translated message.
	 */
	private static function report( string $code, string $message ): void {
		if ( ! function_exists( 'add_settings_error' ) ) {
			require_once ABSPATH . 'wp-admin/includes/template.php';
		}
		add_settings_error( self::OPTION, $code, $message );
	}

	/**
	 * The server-side tag check, the core's rule (`Tag::parse`) as one pattern: trimmed of Unicode
	 * white space, 1–64 of `[a-z0-9-]`, no hyphen first or last. Both are checked against the
	 * shared vectors in crate/tests/data/tags.json. The core also explains rejections and warns
	 * about suffixes; the server only needs the verdict.
	 *
	 * @param string $raw Submitted tag.
	 * @return string|null The tag ('' for none), or null when it is invalid.
	 */
	public static function sanitize_tag( string $raw ): ?string {
		// Rust's `str::trim`: the characters with Unicode's White_Space property.
		$space = '[\x{9}-\x{D}\x{20}\x{85}\x{A0}\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}]';
		$tag   = preg_replace( "/^{$space}+|{$space}+\$/uD", '', $raw );
		if ( null === $tag ) {
			return null; // Not UTF-8.
		}
		if ( '' === $tag ) {
			return '';
		}
		return 1 === preg_match( '/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/D', $tag ) ? $tag : null;
	}
}
