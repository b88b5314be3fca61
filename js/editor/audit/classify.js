// One post's links as the audit reports them: the core's rewriter decides every link (nothing
// here looks at a URL), and this sorts its outcomes into the report's categories. No WordPress
// imports, so Node tests run it against the real core.

/** The report's categories, in display order. */
export const CATEGORIES = /** @type {const} */ (['untagged', 'foreign', 'tagged', 'short', 'notAmazon', 'unparseable', 'skipped']);

/** @typedef {typeof CATEGORIES[number]} Category */
/**
 * One link in the report. `reason` names why (see labels.js), `value` is its detail (a tag, a
 * URL, an error); `to`, `rel` and `target` are the proposed new `href`, `rel` and `target`.
 * @typedef {{ category: Category, href: string, reason: string, value?: string, to?: string, rel?: string, target?: string }} AuditLink
 */
/**
 * A post's audit: the rewritten content, whether it differs, its links and their counts, and why
 * the core left the whole content alone, if it did.
 * @typedef {{ html: string, changed: boolean, links: AuditLink[], counts: Record<Category, number>, unchanged?: string }} PostAudit
 */
/** A short link's resolution: the URL it leads to, or why there is none. @typedef {{ url?: string, error?: string }} Resolution */

/** @returns {Record<Category, number>} */
export function emptyCounts() {
	return /** @type {Record<Category, number>} */ (Object.fromEntries(CATEGORIES.map((c) => [c, 0])));
}

/**
 * Audits one post's content.
 * @param {any} core the admin module (`rewriteLinks`, `processHref`)
 * @param {string} content the post's raw content
 * @param {object} options the site's link options (window.shelfEditor.links)
 * @param {Map<string, Resolution>} [resolved] short links resolved so far
 * @returns {PostAudit}
 */
export function auditContent(core, content, options, resolved = new Map()) {
	let result = core.rewriteLinks(content, options);
	// Resolved short links are decided as the links they lead to (the core's `shortLinks`
	// option); only this post's go in, so the options stay small.
	/** @type {Record<string, string>} */
	const shortLinks = {};
	for (const link of result.report.links) {
		const url = resolved.get(link.href)?.url;
		if (url !== undefined) shortLinks[link.href] = url;
	}
	if (Object.keys(shortLinks).length) result = core.rewriteLinks(content, { ...options, shortLinks });
	const counts = emptyCounts();
	const links = result.report.links.map((/** @type {any} */ link) => {
		const entry = classify(core, link, options, resolved.get(link.href));
		counts[entry.category]++;
		return entry;
	});
	const unchanged = result.report.unchanged?.reason;
	return { html: result.html, changed: result.html !== content, links, counts, ...(unchanged ? { unchanged } : {}) };
}

/**
 * The short links of an audit that have not been resolved yet.
 * @param {PostAudit} audit @param {Map<string, Resolution>} resolved
 */
export function unresolvedShortLinks(audit, resolved) {
	return audit.links.filter((l) => l.category === 'short' && !resolved.has(l.href)).map((l) => l.href);
}

/**
 * One link of the core's report as the audit lists it.
 * @param {any} core @param {any} link a `report.links` entry @param {object} options
 * @param {Resolution | undefined} resolution when the link is a short link the server resolved
 * @returns {AuditLink}
 */
function classify(core, link, options, resolution) {
	const change = proposed(link);
	if (resolution) {
		// The core decided the long link (or, before it knew `shortLinks`, still calls it short).
		return resolution.url !== undefined
			? { category: 'short', href: link.href, reason: 'resolved', value: resolution.url, ...change }
			: { category: 'short', href: link.href, reason: 'unresolved', value: resolution.error ?? '', ...change };
	}
	if ('untouched' in link) return { category: 'skipped', href: link.href, reason: link.untouched, ...change };
	switch (link.outcome) {
		case 'tagged':
			if (link.replaced) return { category: 'foreign', href: link.href, reason: 'replaced', value: link.replaced, ...change };
			// A link that already carries the site's ID and is only cleaned stays "tagged": the
			// core says so when asked without its cleaning policies. Only a link whose text holds
			// one of the site's IDs can carry it, so the others are not asked (a call per link
			// costs more than the whole rewrite of a short post).
			return ownTags(options).some((t) => link.href.toLowerCase().includes(t))
				&& core.processHref(link.href, { ...options, noise: 'keep', path: 'keep' }).outcome === 'alreadyFine'
				? { category: 'tagged', href: link.href, reason: 'cleaned', ...change }
				: { category: 'untagged', href: link.href, reason: 'untagged', value: link.marketplace, ...change };
		case 'localised':
		case 'alreadyFine':
			return { category: 'tagged', href: link.href, reason: 'tagged', ...change };
		case 'foreignTag':
			return link.urlIfReplaced
				? { category: 'foreign', href: link.href, reason: 'reportOnly', value: link.found, ...change }
				: { category: 'foreign', href: link.href, reason: 'kept', value: link.found, ...change };
		case 'short':
			return { category: 'short', href: link.href, reason: 'short', ...change };
		case 'skipped':
			return link.reason?.reason === 'rejected'
				? { category: 'unparseable', href: link.href, reason: 'rejected', value: String(link.reason.detail ?? ''), ...change }
				: { category: 'skipped', href: link.href, reason: String(link.reason?.reason ?? ''), ...change };
		default:
			return { category: 'notAmazon', href: link.href, reason: 'notAmazon', ...change };
	}
}

/** @type {WeakMap<object, string[]>} */
const ownTagsOf = new WeakMap();

/**
 * The site's tracking IDs, lower-cased, from the options bag (`tags` and `ownTags`).
 * @param {any} options
 */
function ownTags(options) {
	let tags = ownTagsOf.get(options);
	if (!tags) {
		tags = [...Object.values(options.tags ?? {}), ...(options.ownTags ?? [])].map((t) => String(t).toLowerCase());
		ownTagsOf.set(options, tags);
	}
	return tags;
}

/**
 * The proposed change of a link: the new `href`, `rel` and `target` the core reports (the last
 * two once the core writes them).
 * @param {any} link
 * @returns {{ to?: string, rel?: string, target?: string }}
 */
function proposed(link) {
	return {
		...(typeof link.newHref === 'string' ? { to: link.newHref } : {}),
		...(typeof link.newRel === 'string' ? { rel: link.newRel } : {}),
		...(typeof link.newTarget === 'string' ? { target: link.newTarget } : {}),
	};
}
