// What a pasted text names, decided by the core: an Amazon product link, or an ASIN (tried as
// the default store's product link), or neither (then it is search keywords).
import { loadCore } from './core.js';

/**
 * @param {string} text @param {string} market default store host
 * @returns {Promise<{ asin: string, market: string, url: string | null } | null>}
 */
export async function recogniseProduct(text, market) {
	const core = await loadCore();
	const value = text.trim();
	if (value === '' || /\s/.test(value)) return null;
	const links = window.shelfEditor.links;
	for (const href of [value, `https://${market}/dp/${encodeURIComponent(value)}`]) {
		const outcome = core.processHref(href, links);
		if (outcome.asin) {
			return { asin: outcome.asin, market: outcome.marketplace ?? market, url: outcome.url ?? outcome.urlIfReplaced ?? null };
		}
		if (outcome.outcome !== 'notAmazon') break;
	}
	return null;
}
