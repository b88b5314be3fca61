// Front-end loader: renders every Shelf placeholder through the core, tags the Amazon links of
// post content (and sends them to the visitor's store where the owner enabled it), and inserts
// the disclosure once. It holds no rules of its own: every decision (what to show, which link,
// which store) is the core's. The visitor's store is chosen before anything renders: placements
// render once, from that store's records.
// On any failure it warns once and leaves the server's no-JS fallback in place.
import { loadCore } from './core.js';
import { renderPlacement, show } from './placement.js';

/** @typedef {import('./placement.js').Core} Core */
/** @typedef {import('./placement.js').Payload} Payload */
/** @typedef {import('./placement.js').PageData} PageData */
/** @typedef {import('./placement.js').Store} Store */

let warned = false;
/** @param {string} what @param {unknown} error */
function warnOnce(what, error) {
	if (!warned) {
		warned = true;
		console.warn(`Shelf: ${what}; showing the plain links instead.`, error);
	}
}

/**
 * Warns of a failure the page can go on without; a trap (the core panicked, read outside its
 * memory or ran out of it) leaves the core's memory in no known state, so it ends the loader:
 * nothing calls the core again on this page.
 * @param {string} what @param {unknown} error
 */
function recover(what, error) {
	warnOnce(what, error);
	if (error instanceof WebAssembly.RuntimeError) throw error;
}

/**
 * The work the loader does before it lets the page handle input and paint (ms): as long as the
 * browser's last turn, within these bounds. On a page with thousands of placements that turn
 * (style and layout of the whole page) is long: slices of a fixed 30 ms left the loader a tenth
 * of the main thread, and 10,000 placements took 13 times as long.
 */
const SLICE = { min: 30, max: 200 };
let slice = SLICE.min;
let sliceStart = performance.now();

/**
 * Yields to the main thread once the current slice is used up, so a page with thousands of
 * placements or links stays responsive while they render (security.md §7, S9).
 */
async function breathe() {
	if (performance.now() - sliceStart < slice) return;
	/** @type {any} */
	const { scheduler } = globalThis;
	const left = performance.now();
	await (scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve)));
	sliceStart = performance.now();
	slice = Math.min(SLICE.max, Math.max(SLICE.min, sliceStart - left));
}

/** The page's data block printed by the server: payloads, records and rendering context. */
function pageData() {
	const script = document.getElementById('shelf-data');
	return script ? /** @type {PageData} */ (JSON.parse(script.textContent ?? '')) : null;
}

/**
 * The placeholders this server created for this page: an element is rendered only when the
 * data block holds a payload under its id, so hand-written placeholders stay inert.
 * @param {PageData} data
 */
function placementsOf(data) {
	/** @type {Array<{ node: HTMLElement, payload: Payload }>} */
	const found = [];
	for (const node of document.querySelectorAll('.shelf-placement[data-shelf-id]')) {
		const id = node instanceof HTMLElement ? node.dataset.shelfId ?? '' : '';
		if (node instanceof HTMLElement && Object.hasOwn(data.placements ?? {}, id)) {
			found.push({ node, payload: data.placements[id] });
		}
	}
	return found;
}

/**
 * Fetches records from the site's own REST endpoint (which reads the store only): the visitor's
 * store's, or those the core asked for again (a page cache served old embedded copies).
 * @param {PageData} data @param {Map<string, Set<string>>} wanted market → ASINs
 */
async function fetchRecords(data, wanted) {
	for (const [market, asins] of wanted) {
		const list = [...asins];
		for (let i = 0; i < list.length; i += 50) {
			const url = new URL('products', data.config.restUrl);
			url.searchParams.set('market', market);
			url.searchParams.set('asins', list.slice(i, i + 50).join(','));
			const response = await fetch(url, { credentials: 'same-origin' });
			if (!response.ok) throw new Error(`GET ${url.pathname} answered ${response.status}`);
			const { records } = await response.json();
			data.records[market] = { ...data.records[market], ...records };
		}
	}
}

/** Links handed to the core at once: a batch takes a few milliseconds. */
const LINK_BATCH = 1000;

/** Where post content lives, for its links and the disclosure. */
function contentRoots() {
	const roots = [...document.querySelectorAll('.wp-block-post-content, .entry-content')];
	return roots.length > 0 ? roots : [document.body];
}

/** The visitor's country from a CDN header, when a CDN sends one. @param {any} config */
async function cdnCountry(config) {
	try {
		const response = await fetch(new URL('geo', config.restUrl), { credentials: 'same-origin' });
		if (response.ok) return (await response.json()).country ?? null;
	} catch {
		// No CDN country: browser signals decide.
	}
	return null;
}

/**
 * The visitor's store when the site has a tag there and it is not the page's, else null.
 * @param {Core} core @param {any} config @param {string | null} country @returns {Store | null}
 */
function visitorStore(core, config, country) {
	const hosts = Object.keys(config.links.tags);
	const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
	const target = core.visitorMarketplace(JSON.stringify({ languages: navigator.languages, timezone, country, hosts }));
	return target && target !== config.market ? { market: target, tag: config.links.tags[target], mode: config.localise } : null;
}

/**
 * Tags, cleans and marks the Amazon links of post content (the core decides each link's href,
 * rel and target; this sets them), sending them to the visitor's store, if any. Only modules
 * with the link engine export `processLinks`: PHP gives a page one when its content has Amazon
 * links or the site localises.
 * @param {Core} core @param {any} config @param {Store | null} store
 * @returns {Promise<boolean>} whether Amazon links were found
 */
async function handleLinks(core, config, store) {
	const options = store
		? { ...config.links, localise: { to: store.market, mode: store.mode } }
		: config.links;
	let amazon = false;
	for (const root of contentRoots()) {
		// HTML links only: as the core's rewriter, links inside SVG or MathML are left alone.
		const all = [...root.querySelectorAll('a[href], area[href]')].filter((a) => a.namespaceURI === 'http://www.w3.org/1999/xhtml' && !a.closest('svg, math'));
		// In batches, between which the page may handle input and paint.
		for (let from = 0; from < all.length; from += LINK_BATCH) {
			await breathe();
			const links = all.slice(from, from + LINK_BATCH);
			const changes = JSON.parse(core.processLinks(JSON.stringify(links.map((a) => [a.getAttribute('href'), a.getAttribute('rel'), a.getAttribute('target')])), JSON.stringify(options)));
			if (!Array.isArray(changes)) throw new Error(changes.error);
			changes.forEach((/** @type {any} */ [found, href, rel, target], /** @type {number} */ i) => {
				amazon ||= found === 1;
				if (href !== null) links[i].setAttribute('href', href);
				if (rel !== null) links[i].setAttribute('rel', rel);
				if (target !== null) links[i].setAttribute('target', target);
			});
		}
	}
	return amazon;
}

/**
 * Puts the server's disclosure markup (php/class-disclosure.php) above the content, unless the
 * server printed it already.
 * @param {any} config
 */
function insertDisclosure(config) {
	if (document.querySelector('.shelf-disclosure')) return;
	const template = document.createElement('template');
	template.innerHTML = config.disclosure;
	const first = document.querySelector('.shelf-placement');
	const root = contentRoots()[0];
	const anchor = first && root.contains(first) ? root : first?.parentElement ?? root;
	anchor.prepend(template.content);
}

async function main() {
	const data = pageData();
	if (!data) return;
	const { config } = data;
	const placements = placementsOf(data);
	let core;
	let country = null;
	try {
		[core, country] = await Promise.all([loadCore(), config.localise ? cdnCountry(config) : null]);
	} catch (error) {
		warnOnce('the WebAssembly core did not load', error);
		return;
	}
	/** @type {Store | null} */
	let store = null;
	try {
		store = config.localise ? visitorStore(core, config, country) : null;
	} catch (error) {
		recover('the visitor\'s store could not be chosen', error);
	}
	/** The visitor's store, unless it is the placement's own. @param {Payload} payload */
	const storeFor = (payload) => (store && store.market !== payload.marketplace ? store : null);
	if (store) {
		const asins = new Set(placements.filter((p) => storeFor(p.payload)).flatMap((p) => p.payload.asins));
		try {
			await fetchRecords(data, new Map([[store.market, asins]]));
		} catch (error) {
			warnOnce('product data of the visitor\'s store could not be fetched', error);
		}
	}
	const now = Math.floor(Date.now() / 1000);
	let amazon = false;
	/** @type {Map<string, Set<string>>} */
	const wanted = new Map();
	/** @type {Set<{ node: HTMLElement, payload: Payload }>} */
	const again = new Set();
	performance.mark('shelf:start'); // layout shifts from here on are Shelf's
	for (const placement of placements) {
		await breathe();
		try {
			const result = renderPlacement(core, data, placement.payload, now, storeFor(placement.payload));
			show(placement, result, config.notice);
			amazon ||= result.amazonLinks;
			const market = storeFor(placement.payload)?.market ?? placement.payload.marketplace;
			for (const asin of result.refetch) {
				if (!wanted.has(market)) wanted.set(market, new Set());
				wanted.get(market)?.add(asin);
				again.add(placement);
			}
		} catch (error) {
			recover('a placement could not be rendered', error);
		}
	}
	if (again.size > 0) {
		try {
			await fetchRecords(data, wanted);
			for (const placement of again) {
				await breathe();
				show(placement, renderPlacement(core, data, placement.payload, now, storeFor(placement.payload)), config.notice);
			}
		} catch (error) {
			// What is shown stays: the core already hid whatever is past Amazon's limit.
			recover('fresh product data could not be fetched', error);
		}
	}
	if ('processLinks' in core) {
		try {
			amazon = (await handleLinks(core, config, store)) || amazon;
		} catch (error) {
			recover('links could not be handled', error);
		}
	}
	if (amazon || placements.length > 0) insertDisclosure(config);
	// For benchmarks and RUM: when every placement has its final markup.
	performance.mark('shelf:rendered');
}

// A trap, or a failure outside the steps above: what the page shows stays, warned of once.
main().catch((error) => warnOnce('the WebAssembly core failed', error));
