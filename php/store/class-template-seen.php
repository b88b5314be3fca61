<?php
/**
 * Products that the site's own templates render, noticed as pages render.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * A shortcode that a theme runs (`do_shortcode()` in a theme file, a block theme's templates and
 * template parts from theme files) is in no post and no widget, so nothing registers its
 * products. While such a shortcode renders, its ASINs are noted here; {@see Site_Usage} registers
 * them in the next refresh run (a cron request). A page view never calls Amazon and never
 * registers anything itself.
 *
 * Only the site's own templates count, so visitors cannot choose what is noted:
 * - the shortcode is reached through a theme file or block template rendering, and not through
 *   post content, excerpts, titles, comments or descriptions (those are Post_Sync's, or are
 *   not the owner's);
 * - the request is a plain front-end GET whose URL does not hold the ASIN (a theme that builds
 *   a shortcode from the query string is not a template's fixed product);
 * - at most {@see Store_Caps::post_products()} ASINs are noted, the site's templates counting
 *   as one post; an ASIN not seen for {@see self::KEEP} days is dropped.
 *
 * A noted ASIN is written once a day at most (its "last seen" day), so pages do not write on
 * every view.
 *
 * @since 0.3.0
 */
final class Template_Seen {

	/** The State row: `{ "<market>": { "<ASIN>": <day last seen> } }`. */
	public const STATE = 'seen:templates';

	/** Days an ASIN stays noted after it was last seen. */
	public const KEEP = 30;

	/** Filters through which text that is not a template's reaches the shortcode. */
	private const OTHER_SOURCES = array( 'the_content', 'the_excerpt', 'get_the_excerpt', 'the_title', 'comment_text', 'get_comment_text', 'term_description', 'get_the_archive_description', 'the_author_description', 'widget_text', 'widget_text_content', 'widget_block_content' );

	/** Functions through which a block theme renders its templates and template parts. */
	private const TEMPLATE_RENDERERS = array( 'get_the_block_template_html', 'render_block_core_template_part' );

	/**
	 * The noted ASINs, read once per request.
	 *
	 * @var array<string, array<string, int>>|null
	 */
	private static ?array $seen = null;

	/**
	 * Notes the ASINs of a placement being rendered, when a site template renders it.
	 *
	 * @param string       $market Marketplace host.
	 * @param list<string> $asins  Validated ASINs.
	 */
	public static function note( string $market, array $asins ): void {
		if ( array() === $asins || ! self::plain_page_view() ) {
			return;
		}
		$seen  = self::seen();
		$today = self::day();
		$stale = array_values( array_filter( $asins, static fn( string $asin ): bool => ( $seen[ $market ][ $asin ] ?? -1 ) !== $today ) );
		// The costlier checks only when something would be written: at most once a day per ASIN.
		if ( array() === $stale || ! self::from_site_template() ) {
			return;
		}
		$room  = Store_Caps::post_products() - array_sum( array_map( 'count', $seen ) );
		$added = false;
		foreach ( $stale as $asin ) {
			if ( self::in_request( $asin ) ) {
				continue;
			}
			if ( ! isset( $seen[ $market ][ $asin ] ) ) {
				if ( $room <= 0 ) {
					continue;
				}
				--$room;
				$added = true;
			}
			$seen[ $market ][ $asin ] = $today;
		}
		if ( $seen === self::$seen ) {
			return;
		}
		self::$seen = $seen;
		State::put( self::STATE, 0, (string) wp_json_encode( $seen ) );
		if ( $added ) {
			Refresh::schedule_soon();
		}
	}

	/**
	 * The ASINs noted in the last {@see KEEP} days; older ones are forgotten.
	 *
	 * @return array<string, list<string>> ASINs per marketplace host.
	 */
	public static function asins(): array {
		$seen = self::seen();
		$kept = array();
		foreach ( $seen as $market => $days ) {
			$days = array_filter( $days, static fn( int $day ): bool => $day > self::day() - self::KEEP );
			if ( array() !== $days ) {
				$kept[ $market ] = $days;
			}
		}
		if ( $kept !== $seen ) {
			self::$seen = $kept;
			State::put( self::STATE, 0, (string) wp_json_encode( $kept ) );
		}
		return array_map( static fn( array $days ): array => array_map( 'strval', array_keys( $days ) ), $kept );
	}

	/**
	 * Forgets what was read in this request (tests, and after another worker wrote).
	 */
	public static function flush_memo(): void {
		self::$seen = null;
	}

	/**
	 * The stored notes, validated.
	 *
	 * @return array<string, array<string, int>>
	 */
	private static function seen(): array {
		if ( null === self::$seen ) {
			$row  = State::get( self::STATE );
			$data = null === $row ? null : json_decode( (string) $row['data'], true );
			$seen = array();
			foreach ( is_array( $data ) ? $data : array() as $market => $days ) {
				if ( ! Marketplaces::exists( (string) $market ) || ! is_array( $days ) ) {
					continue;
				}
				foreach ( $days as $asin => $day ) {
					if ( null !== Shortcode::asin( (string) $asin ) && is_int( $day ) ) {
						$seen[ (string) $market ][ (string) $asin ] = $day;
					}
				}
			}
			self::$seen = $seen;
		}
		return self::$seen;
	}

	/**
	 * Today, as days since the Unix epoch.
	 */
	private static function day(): int {
		return intdiv( Clock::time(), DAY_IN_SECONDS );
	}

	/**
	 * Whether this is a visitor's plain front-end page view, and no filter that carries posts',
	 * comments' or widgets' text is running.
	 */
	private static function plain_page_view(): bool {
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( sanitize_key( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) ) : '';
		if ( ! in_array( $method, array( 'GET', 'HEAD' ), true ) || is_admin() || wp_doing_ajax() || wp_doing_cron() || ( defined( 'REST_REQUEST' ) && REST_REQUEST ) || is_preview() || is_customize_preview() ) {
			return false;
		}
		foreach ( self::OTHER_SOURCES as $filter ) {
			if ( doing_filter( $filter ) ) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the shortcode is being rendered by the active theme's files or by a block theme's
	 * template rendering.
	 */
	private static function from_site_template(): bool {
		$dirs = array_unique( array( trailingslashit( wp_normalize_path( get_stylesheet_directory() ) ), trailingslashit( wp_normalize_path( get_template_directory() ) ) ) );
		foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) { // phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace -- where the shortcode came from decides whether it is the site's own.
			if ( in_array( $frame['function'] ?? '', self::TEMPLATE_RENDERERS, true ) ) {
				return true;
			}
			$file = isset( $frame['file'] ) ? wp_normalize_path( $frame['file'] ) : '';
			foreach ( $dirs as $dir ) {
				if ( '' !== $file && str_starts_with( $file, $dir ) ) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Whether the request's URL names the ASIN (path or query, in any letter case or encoding).
	 *
	 * @param string $asin ASIN.
	 */
	private static function in_request( string $asin ): bool {
		$uri = isset( $_SERVER['REQUEST_URI'] ) ? (string) wp_unslash( $_SERVER['REQUEST_URI'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- only searched, never output or stored.
		return str_contains( strtoupper( rawurldecode( rawurldecode( $uri ) ) ), $asin );
	}
}
