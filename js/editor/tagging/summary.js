// The sentence an editor reads after Shelf tagged links on save, from the core's report.
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Counts of what the rewriter did, by what an editor cares about.
 * @param {Array<any>} links `rewriteLinks` report entries
 */
export function countLinks(links) {
	const counts = { tagged: 0, replaced: 0, foreign: 0, marked: 0, short: 0 };
	for (const link of links) {
		if (link.outcome === 'tagged' && link.newHref) {
			counts[link.replaced ? 'replaced' : 'tagged']++;
		} else if (link.outcome === 'foreignTag') {
			counts.foreign++;
		} else if (link.outcome === 'short') {
			counts.short++;
		} else if (link.newRel || link.newTarget) {
			counts.marked++;
		}
	}
	return counts;
}

/**
 * "3 links tagged, 1 link with another tracking ID kept", or '' when nothing is worth saying.
 * @param {ReturnType<typeof countLinks>} c
 */
export function summarise(c) {
	const parts = [];
	/* translators: %d: number of links */
	if (c.tagged) parts.push(sprintf(_n('%d Amazon link tagged', '%d Amazon links tagged', c.tagged, 'shelf'), c.tagged));
	/* translators: %d: number of links */
	if (c.replaced) parts.push(sprintf(_n('%d link now carries your tag instead of another tracking ID', '%d links now carry your tag instead of another tracking ID', c.replaced, 'shelf'), c.replaced));
	/* translators: %d: number of links */
	if (c.marked) parts.push(sprintf(_n('%d link marked as sponsored', '%d links marked as sponsored', c.marked, 'shelf'), c.marked));
	/* translators: %d: number of links */
	if (c.foreign) parts.push(sprintf(_n('%d link with another tracking ID kept', '%d links with another tracking ID kept', c.foreign, 'shelf'), c.foreign));
	/* translators: %d: number of links */
	if (c.short) parts.push(sprintf(_n('%d short link left as written (the link audit resolves it)', '%d short links left as written (the link audit resolves them)', c.short, 'shelf'), c.short));
	return parts.length ? sprintf(
		/* translators: %s: list of what happened to the post's links */
		__('Shelf: %s.', 'shelf'), parts.join(', ')) : '';
}
