// Products recently picked in this browser, newest first, for the picker's "Recent" list.
const KEY = 'shelf.recentProducts';
const MAX = 8;

/** @typedef {{ asin: string, market: string, title: string, image: string | null, manual?: boolean }} Recent */

/** @returns {Recent[]} */
export function recentProducts() {
	try {
		const list = JSON.parse(window.localStorage.getItem(KEY) ?? '[]');
		return Array.isArray(list) ? list.filter((p) => p && typeof p.asin === 'string') : [];
	} catch {
		return [];
	}
}

/** @param {Recent} product */
export function rememberProduct(product) {
	const list = [product, ...recentProducts().filter((p) => p.asin !== product.asin || p.market !== product.market)];
	try {
		window.localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
	} catch {
		// Private mode or full storage: the list is a convenience.
	}
}
