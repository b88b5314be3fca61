<?php
/**
 * The Associates disclosure statement in server-rendered HTML.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Prints the disclosure once, above the first post content that holds a placement or an Amazon
 * link (Link_Hint's guess), so it is in place for visitors without JavaScript and nothing
 * shifts when the page renders. The statement is the owner's wording for the site's locale,
 * else the core's default for its language (data/disclosures.php, written by build.sh from the
 * core). The loader adds it where the server's guess missed a link the core found.
 *
 * @since 0.1.0
 */
final class Disclosure {

	/**
	 * Whether this page view already has the statement.
	 *
	 * @var bool
	 */
	private bool $printed = false;

	/**
	 * Adds the hooks.
	 */
	public function register(): void {
		// After do_shortcode (priority 11), when placements are in the content.
		add_filter( 'the_content', array( $this, 'prepend' ), 20 );
	}

	/**
	 * Hooked to `the_content`.
	 *
	 * @param string $content Rendered post content.
	 */
	public function prepend( $content ) {
		if ( $this->printed || ! is_string( $content ) ) {
			return $content;
		}
		if ( ! str_contains( $content, 'class="shelf-placement ' ) && ! Link_Hint::has_amazon_link( $content ) ) {
			return $content;
		}
		$this->printed = true;
		return self::html() . $content;
	}

	/**
	 * `<p class="shelf shelf-disclosure">…</p>`: printed above the content here, and the markup
	 * the loader inserts where the core finds Amazon links on a page the server printed none on.
	 *
	 * @param string $locale Such as de_DE; the site's locale when empty.
	 */
	public static function html( string $locale = '' ): string {
		return sprintf( '<p class="shelf shelf-disclosure">%s</p>', esc_html( self::statement( '' === $locale ? get_locale() : $locale ) ) );
	}

	/**
	 * The statement for a WordPress locale: the owner's wording, else the language's default.
	 *
	 * @param string $locale Such as de_DE.
	 */
	public static function statement( string $locale ): string {
		$own = trim( Settings::get()['disclosure'][ $locale ] ?? '' );
		if ( '' !== $own ) {
			return $own;
		}
		static $defaults = null;
		if ( null === $defaults ) {
			$defaults = require SHELF_DIR . 'data/disclosures.php';
		}
		$language = strtolower( strtok( $locale, '_-' ) ?: 'en' );
		return (string) ( $defaults[ $language ] ?? $defaults['en'] ?? '' );
	}
}
