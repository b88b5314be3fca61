// Front-end loader: renders every Shelf placeholder through the core, inserts the disclosure
// once, and localises Amazon links to the visitor's store. It holds no rules of its own: every
// decision (what to show, which link, which store) is the core's.
// On any failure it warns once and leaves the server's no-JS fallback in place.
import { loadCore } from './core.js';

/** @typedef {typeof import('./wasm-links/shelf_core.js')} Core */
/** @typedef {{ item: object | null, fetchedAt: number, error: object | null }} StoredRecord */

let warned = false;
/** @param {string} what @param {unknown} error */
function warnOnce(what, error) {
	if (!warned) {
		warned = true;
		console.warn(`Shelf: ${what}; showing the plain links instead.`, error);
	}
}

/** The page's data block printed by the server: records and rendering context. */
function pageData() {
	const script = document.getElementById('shelf-data');
	return script ? JSON.parse(script.textContent ?? '') : null;
}

/**
 * Records whose embedded copy is older than the data lifetime (a page cache served old HTML)
 * are fetched again from the site's own REST endpoint, which reads the store only.
 * @param {any} data @param {Array<{ payload: any }>} placements @param {number} now
 */
async function refreshStale(data, placements, now) {
	/** @type {Map<string, Set<string>>} */
	const stale = new Map();
	for (const { payload } of placements) {
		for (const asin of payload.asins) {
			const record = data.records[payload.marketplace]?.[asin];
			if (record?.item && now - record.fetchedAt > data.config.lifetime) {
				if (!stale.has(payload.marketplace)) stale.set(payload.marketplace, new Set());
				stale.get(payload.marketplace)?.add(asin);
			}
		}
	}
	for (const [market, asins] of stale) {
		const list = [...asins];
		for (let i = 0; i < list.length; i += 50) {
			const url = new URL('products', data.config.restUrl);
			url.searchParams.set('market', market);
			url.searchParams.set('asins', list.slice(i, i + 50).join(','));
			const response = await fetch(url, { credentials: 'same-origin' });
			if (!response.ok) throw new Error(`GET ${url.pathname} answered ${response.status}`);
			const body = await response.json();
			for (const [asin, row] of Object.entries(body.records ?? body)) {
				data.records[market] ??= {};
				data.records[market][asin] = { item: row.item ?? null, fetchedAt: row.fetchedAt ?? row.fetched_at ?? 0, error: row.error ?? null };
			}
		}
	}
}

/**
 * @param {Core} core @param {any} data @param {any} payload @param {number} now
 * @returns {{ html: string, errors: Array<{ record: number | null, message: string }>, amazonLinks: boolean }}
 */
function renderPlacement(core, data, payload, now) {
	const { config } = data;
	// The core reads the placement as JSON text (one parser for every input).
	return core.render(JSON.stringify({
		kind: payload.kind,
		marketplace: payload.marketplace,
		tag: payload.tag,
		now,
		records: payload.asins.map((/** @type {string} */ asin) => ({ asin, ...(data.records[payload.marketplace]?.[asin] ?? { item: null }) })),
		options: payload.options,
		time: config.time,
		wording: config.wording,
		site: { hosts: config.site.hosts, unfilteredHtml: payload.unfilteredHtml ?? false },
	}));
}

/** Where post content lives, for localisation and the disclosure. */
function contentRoots() {
	const roots = [...document.querySelectorAll('.wp-block-post-content, .entry-content')];
	return roots.length > 0 ? roots : [document.body];
}

/**
 * Sends Amazon links to the visitor's store when the owner enabled it and has a tag there.
 * @param {Core} core @param {any} config @returns {Promise<boolean>} whether Amazon links were found
 */
async function localise(core, config) {
	let country = null;
	try {
		const response = await fetch(new URL('geo', config.restUrl), { credentials: 'same-origin' });
		if (response.ok) country = (await response.json()).country ?? null;
	} catch {
		// No CDN country: browser signals decide.
	}
	const hosts = Object.keys(config.links.tags);
	const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
	const target = core.visitorMarketplace([...navigator.languages], timezone, country, hosts);
	const options = target && target !== config.market
		? { ...config.links, localise: { to: target, mode: config.localise } }
		: config.links;
	let amazon = false;
	for (const root of contentRoots()) {
		const report = core.localizeLinks(root, options);
		amazon ||= report.some((/** @type {any} */ link) => link.outcome && link.outcome !== 'notAmazon');
	}
	return amazon;
}

/** @param {Core} core @param {any} config */
function insertDisclosure(core, config) {
	if (document.querySelector('.shelf-disclosure')) return;
	const template = document.createElement('template');
	template.innerHTML = core.renderDisclosure(config.disclosure);
	const first = document.querySelector('.shelf-placement');
	const root = contentRoots()[0];
	const anchor = first && root.contains(first) ? root : first?.parentElement ?? root;
	anchor.prepend(template.content);
}

async function main() {
	const data = pageData();
	if (!data) return;
	/** @type {HTMLElement[]} */
	const nodes = [...document.querySelectorAll('.shelf-placement[data-shelf]')].filter((n) => n instanceof HTMLElement);
	let core;
	try {
		core = await loadCore();
	} catch (error) {
		warnOnce('the WebAssembly core did not load', error);
		return;
	}
	const now = Math.floor(Date.now() / 1000);
	const placements = nodes.map((node) => ({ node, payload: JSON.parse(node.dataset.shelf ?? '{}') }));
	try {
		await refreshStale(data, placements, now);
	} catch (error) {
		// Old records stay: the core hides whatever is past its lifetime.
		warnOnce('fresh product data could not be fetched', error);
	}
	let amazon = false;
	performance.mark('shelf:start'); // layout shifts from here on are Shelf's
	for (const { node, payload } of placements) {
		try {
			const result = renderPlacement(core, data, payload, now);
			if (result.html === '') throw new Error(result.errors.map((e) => e.message).join('; ') || 'nothing rendered');
			node.innerHTML = result.html;
			node.classList.add('shelf-placement--ready');
			amazon ||= result.amazonLinks;
		} catch (error) {
			warnOnce('a placement could not be rendered', error);
		}
	}
	if (data.config.localise) {
		try {
			amazon = (await localise(core, data.config)) || amazon;
		} catch (error) {
			warnOnce('links could not be localised', error);
		}
	}
	if (amazon || placements.length > 0) insertDisclosure(core, data.config);
	// For benchmarks and RUM: when every placement has its final markup.
	performance.mark('shelf:rendered');
}

main();
