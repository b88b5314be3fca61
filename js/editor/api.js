// The REST calls editor scripts make; apiFetch adds the nonce.
import apiFetch from '@wordpress/api-fetch';
import { __, sprintf } from '@wordpress/i18n';
import { loadCore } from './core.js';

/** @type {Map<string, Promise<any>>} */
const previews = new Map();

/**
 * The front end's markup and data for a block's attributes (POST /shelf/v1/admin/preview).
 * Answers are kept for the editor session: undo, redo and re-selecting render without a request.
 * @param {number} post @param {Record<string, string>} attributes
 */
function fetchPreview(post, attributes) {
	const key = JSON.stringify([post, attributes]);
	if (!previews.has(key)) {
		const request = apiFetch({ path: '/shelf/v1/admin/preview', method: 'POST', data: { post, attributes } });
		request.catch(() => previews.delete(key));
		previews.set(key, request);
	}
	return /** @type {Promise<any>} */ (previews.get(key));
}

/**
 * The core and the preview route's answer, for the block preview and the table builder alike;
 * `note` says why product data could not be fetched now, if so.
 * @param {number} post @param {Record<string, string>} attributes
 * @returns {Promise<{ core: any, answer: any, note?: string }>}
 */
export async function loadPreview(post, attributes) {
	const [core, answer] = await Promise.all([loadCore(), fetchPreview(post, attributes)]);
	// A first fetch changed the store: other cached answers may lack that product.
	if (answer.fetch?.fetched > 0) previews.clear();
	const note = answer.fetch?.error
		/* translators: %s: why product data could not be fetched now. */
		? sprintf(__('Product data could not be fetched now (%s); the preview shows what visitors would see without it.', 'shelf'), answer.fetch.error)
		: undefined;
	return { core, answer, note };
}

/**
 * Product search: `{ items: [{ asin, title, image }] }`.
 * @param {string} market @param {string} keywords
 */
export function searchProducts(market, keywords) {
	const query = new URLSearchParams({ market, keywords });
	return apiFetch({ path: `/shelf/v1/admin/search?${query}` });
}

/** Stored comparison tables, for the table block's choice. */
export function listTables() {
	return apiFetch({ path: '/shelf/v1/tables?per_page=100' });
}

/** One stored table, as the builder edits it. @param {number} id */
export function getTable(id) {
	return apiFetch({ path: `/shelf/v1/tables/${id}` });
}

/**
 * Creates (id 0) or updates a table; the answer is the stored table.
 * @param {number} id @param {string} title @param {object} table
 */
export function saveTable(id, title, table) {
	return apiFetch(id
		? { path: `/shelf/v1/tables/${id}`, method: 'PUT', data: { title, table } }
		: { path: '/shelf/v1/tables', method: 'POST', data: { title, table } });
}

/** A table's saved versions, newest first. @param {number} id */
export function listRevisions(id) {
	return apiFetch({ path: `/shelf/v1/tables/${id}/revisions?per_page=20` });
}

/** Saves a revision as the table's current version. @param {number} id @param {number} revision */
export function restoreRevision(id, revision) {
	return apiFetch({ path: `/shelf/v1/tables/${id}/revisions/${revision}/restore`, method: 'POST' });
}
