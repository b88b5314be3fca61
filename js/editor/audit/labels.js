// The audit's words: category names and one sentence per link reason, translated here so
// classify.js, the report and the CSV share them.
import { __, sprintf } from '@wordpress/i18n';

/** @typedef {import('./classify.js').Category} Category */
/** @typedef {import('./classify.js').AuditLink} AuditLink */

/** @returns {Record<Category, string>} */
export function categoryLabels() {
	return {
		untagged: __('Untagged', 'shelf'),
		foreign: __('Another tracking ID', 'shelf'),
		tagged: __('Tagged', 'shelf'),
		short: __('Short link', 'shelf'),
		notAmazon: __('Not Amazon', 'shelf'),
		unparseable: __('Unparseable', 'shelf'),
		skipped: __('Left alone', 'shelf'),
	};
}

/**
 * What the audit found about one link, as a sentence.
 * @param {AuditLink} link
 */
export function describe(link) {
	const value = link.value ?? '';
	switch (link.reason) {
		case 'untagged':
			/* translators: %s: Amazon store host, e.g. www.amazon.com. */
			return sprintf(__('No tracking ID of yours: gets your ID for %s.', 'shelf'), value);
		case 'cleaned':
			return __('Carries your tracking ID; its tracking noise is removed.', 'shelf');
		case 'tagged':
			return __('Carries your tracking ID.', 'shelf');
		case 'replaced':
			/* translators: %s: someone else's tracking ID. */
			return sprintf(__('Carries the tracking ID “%s”, which is replaced by yours (your settings say so).', 'shelf'), value);
		case 'kept':
			/* translators: %s: someone else's tracking ID. */
			return sprintf(__('Carries the tracking ID “%s”, which is kept (your settings say so).', 'shelf'), value);
		case 'reportOnly':
			/* translators: %s: someone else's tracking ID. */
			return sprintf(__('Carries the tracking ID “%s”; your settings report it without changing it.', 'shelf'), value);
		case 'short':
			return __('A short link; it was not resolved.', 'shelf');
		case 'resolved':
			/* translators: %s: the URL a short link redirects to. */
			return sprintf(__('A short link to %s.', 'shelf'), value);
		case 'unresolved':
			/* translators: %s: why a short link could not be resolved. */
			return sprintf(__('A short link that could not be resolved: %s.', 'shelf'), value);
		case 'rejected':
			/* translators: %s: a machine-readable reason, e.g. userInfo. */
			return sprintf(__('Mentions Amazon but is not a valid, safe web address (%s); left as it is.', 'shelf'), value);
		case 'unsupportedMarketplace':
			return __('An Amazon store the Creators API does not serve; left as it is.', 'shelf');
		case 'noTagForMarketplace':
			return __('No tracking ID is set for this Amazon store; left as it is.', 'shelf');
		case 'otherAmazonHost':
			return __('An Amazon site that is not a store; left as it is.', 'shelf');
		case 'inTemplate':
			return __('Inside a <template>, which is not shown as it is; left as it is.', 'shelf');
		case 'inForeignContent':
			return __('Inside an SVG or MathML drawing; left as it is.', 'shelf');
		default:
			return '';
	}
}

/**
 * Why the core left a whole post alone.
 * @param {string} reason `tooLarge`, `ambiguousMarkup` or `coreFailed`
 */
export function unchangedText(reason) {
	switch (reason) {
		case 'tooLarge':
			return __('This post is larger than 8 MB, so its links were not checked.', 'shelf');
		case 'coreFailed':
			return __('Shelf’s core failed on this post (see the browser console), so its links were not checked or changed.', 'shelf');
		default:
			return __('This post has markup that browsers may read differently, so its links were not checked or changed.', 'shelf');
	}
}
