// One placement's rendering, shared by visitors' loader and the block editor's preview, so the
// editor shows exactly the markup a visitor gets for the same data and time.

/** @typedef {typeof import('./wasm-render-localise/shelf_core.js')} Core */
/** @typedef {{ item: object | null, fetchedAt: number, asOf?: string, status: string }} StoredRecord */
/** @typedef {{ kind: string, marketplace: string, tag: string, asins: string[], options: object, unfilteredHtml?: boolean, notices?: boolean }} Payload */
/** @typedef {{ placements: Record<string, Payload>, records: Record<string, Record<string, StoredRecord>>, config: any }} PageData */
/** @typedef {{ html: string, errors: Array<{ record: number | null, message: string }>, amazonLinks: boolean, refetch: string[] }} Rendered */
/** @typedef {{ market: string, tag: string, mode: string }} Store the visitor's store, when the page's is not theirs (mode: the site's localisation mode) */

/**
 * Renders a placement for its own store or, given `store`, for the visitor's: that store's
 * records, host and tag (the core shows no price for a product it has no record of there).
 * @param {Core} core @param {PageData} data @param {Payload} payload @param {number} now
 * @param {Store | null} [store]
 * @returns {Rendered}
 */
export function renderPlacement(core, data, payload, now, store = null) {
	const { config } = data;
	const market = store?.market ?? payload.marketplace;
	const records = data.records[market] ?? {};
	// JSON text both ways: the core's one parser reads every input, and strings are all that
	// cross its boundary.
	return JSON.parse(core.render(JSON.stringify({
		kind: payload.kind,
		marketplace: market,
		tag: store?.tag ?? payload.tag,
		localise: store?.mode,
		now,
		lifetime: config.lifetime,
		records: payload.asins.map((asin) => ({ asin, ...(Object.hasOwn(records, asin) ? records[asin] : { item: null, status: 'pending' }) })),
		options: payload.options,
		wording: config.wording,
		site: { ...config.site, unfilteredHtml: payload.unfilteredHtml ?? false },
	})));
}

/**
 * Puts a rendered placement in the page; its problems go before it for people who may edit
 * the post (as text: the core's messages are never parsed as HTML).
 * @param {{ node: HTMLElement, payload: Payload }} placement @param {Rendered} result @param {string} prefix
 */
export function show({ node, payload }, result, prefix) {
	if (result.html === '') throw new Error(result.errors.map((e) => e.message).join('; ') || 'nothing rendered');
	node.innerHTML = result.html;
	node.classList.add('shelf-placement--ready');
	const previous = node.previousElementSibling;
	if (previous?.classList.contains('shelf-notice--core')) previous.remove();
	if (payload.notices && result.errors.length > 0) {
		const notice = document.createElement('span');
		notice.className = 'shelf-notice shelf-notice--core';
		notice.setAttribute('role', 'note');
		notice.textContent = `${prefix} ${result.errors.map((e) => e.message).join('; ')}`;
		node.before(notice);
	}
}

