<?php
/**
 * A cheap, conservative guess whether HTML may hold an Amazon link.
 *
 * @package Shelf
 */

namespace Shelf;

defined( 'ABSPATH' ) || exit;

/**
 * Decides only whether a page needs the disclosure and the loader (which lets the core decide
 * each link): an `href` whose value names an Amazon or short-link host. Whether a URL *is*
 * Amazon's stays the core's decision; a false positive costs a disclosure and a module load, a
 * miss leaves links as the editor or the link audit wrote them. Misses by design: hosts spelt
 * with percent-escapes or tabs inside "amazon" (browsers accept them; authors never write them).
 *
 * @since 0.2.0
 */
final class Link_Hint {

	/**
	 * Whether `$html` has an `href` that mentions amazon., amzn. or a.co/.
	 *
	 * @param string $html Post content or any markup.
	 */
	public static function has_amazon_link( string $html ): bool {
		// The disclosure and the loader ask about the same content: the second asks for free
		// (the same string compares in O(1)), which halves the time on a long post.
		static $last = null, $answer = false;
		if ( $html === $last ) {
			return $answer;
		}
		$last = $html;
		// The substring test first: most content has no Amazon host at all.
		if ( false === stripos( $html, 'amazon' ) && false === stripos( $html, 'amzn.' ) && false === stripos( $html, 'a.co/' ) ) {
			$answer = false;
		} else {
			$answer = 1 === preg_match( '~\bhref\s*=\s*(?:"[^"]*?|\'[^\']*?|[^"\'\s>]*?)(?:amazon|amzn\.|[/.]a\.co/)~i', $html );
		}
		return $answer;
	}
}
