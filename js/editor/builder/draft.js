// The table being edited: the stored format (`_shelf_table` v1, see php/class-tables.php) plus
// a client-side key per row for React, and the edits the builder makes to it. Pure functions:
// every edit returns a new table, so the undo history can keep the old ones.

/** @typedef {{ title?: string, description?: string, badge?: string, buttonText?: string }} Override */
/** @typedef {{ key: number, type: string, label: string, value: string, values: Record<string, string>,
 *   url: string, urls: Record<string, string>, hidden: boolean, highlight: boolean }} Row */
/** @typedef {{ version: 1, products: string[], hidden: string[], rows: Row[], overrides: Record<string, Override>,
 *   highlight: string, ribbon: string, labels: string, caption: string }} Table */

export const MAX_PRODUCTS = 25;
export const MAX_ROWS = 50;
/** Row types whose cells authors write per product. */
export const PER_PRODUCT = ['text', 'yesNo', 'html', 'customButton'];

let nextKey = 1;

/** @param {Partial<Row> & { type: string }} row @returns {Row} */
export function makeRow(row) {
	return { label: '', value: '', values: {}, url: '', urls: {}, hidden: false, highlight: false, ...row, key: nextKey++ };
}

/** A new table's starting point: the rows an inline table shows, no products yet. @returns {Table} */
export function emptyTable() {
	return {
		version: 1, products: [], hidden: [], overrides: {}, highlight: '', ribbon: '', labels: 'shown', caption: '',
		rows: ['image', 'title', 'price', 'button'].map((type) => makeRow({ type })),
	};
}

/** A stored table as the builder edits it. @param {any} stored @returns {Table} */
export function fromStored(stored) {
	return {
		...emptyTable(),
		...stored,
		hidden: stored.hidden ?? [],
		overrides: { ...stored.overrides },
		rows: stored.rows.map((/** @type {any} */ r) => makeRow({ ...r, values: { ...r.values }, urls: { ...r.urls } })),
	};
}

/** What the REST route stores: the format without the builder's keys. @param {Table} t */
export function toStored(t) {
	return { ...t, rows: t.rows.map(({ key, ...row }) => row) };
}

/** @template T @param {T[]} list @param {number} from @param {number} to @returns {T[]} */
export function move(list, from, to) {
	const copy = [...list];
	copy.splice(to, 0, ...copy.splice(from, 1));
	return copy;
}

/** @param {Table} t @param {string} asin @returns {Table} */
export function addProduct(t, asin) {
	if (t.products.includes(asin) || t.products.length >= MAX_PRODUCTS) return t;
	return { ...t, products: [...t.products, asin] };
}

/** Removes a product and everything written for it. @param {Table} t @param {string} asin @returns {Table} */
export function removeProduct(t, asin) {
	const drop = (/** @type {Record<string, any>} */ map) => Object.fromEntries(Object.entries(map).filter(([k]) => k !== asin));
	return {
		...t,
		products: t.products.filter((a) => a !== asin),
		hidden: t.hidden.filter((a) => a !== asin),
		overrides: drop(t.overrides),
		highlight: t.highlight === asin ? '' : t.highlight,
		rows: t.rows.map((r) => ({ ...r, values: drop(r.values), urls: drop(r.urls) })),
	};
}

/** @param {Table} t @param {string} asin @returns {Table} */
export function toggleHidden(t, asin) {
	return { ...t, hidden: t.hidden.includes(asin) ? t.hidden.filter((a) => a !== asin) : [...t.hidden, asin] };
}

/** @param {Table} t @param {string} asin @param {Override} change @returns {Table} */
export function setOverride(t, asin, change) {
	const next = Object.fromEntries(Object.entries({ ...t.overrides[asin], ...change }).filter(([, v]) => v !== ''));
	const overrides = { ...t.overrides };
	if (Object.keys(next).length) overrides[asin] = next;
	else delete overrides[asin];
	return { ...t, overrides };
}

/** @param {Table} t @param {number} key @param {Partial<Row>} change @returns {Table} */
export function updateRow(t, key, change) {
	return { ...t, rows: t.rows.map((r) => (r.key === key ? { ...r, ...change } : r)) };
}

/** A per-product map with one value changed; '' removes it (the row's value applies then).
 * @param {Record<string, string>} map @param {string} asin @param {string} value */
export function withValue(map, asin, value) {
	const next = { ...map, [asin]: value };
	if (value === '') delete next[asin];
	return next;
}

/** Why the table cannot be saved yet, or '' (the server checks everything again).
 * @param {Table} t @param {string} title */
export function problem(t, title) {
	if (title.trim() === '') return 'title';
	if (t.products.length === 0) return 'products';
	if (t.products.every((a) => t.hidden.includes(a))) return 'hidden';
	return '';
}
