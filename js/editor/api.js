// The REST calls editor scripts make; apiFetch adds the nonce.
import apiFetch from '@wordpress/api-fetch';

/** @type {Map<string, Promise<any>>} */
const previews = new Map();

/**
 * The front end's markup and data for a block's attributes (POST /shelf/v1/admin/preview).
 * Answers are kept for the editor session: undo, redo and re-selecting render without a request.
 * @param {number} post @param {Record<string, string>} attributes
 */
export function fetchPreview(post, attributes) {
	const key = JSON.stringify([post, attributes]);
	if (!previews.has(key)) {
		const request = apiFetch({ path: '/shelf/v1/admin/preview', method: 'POST', data: { post, attributes } });
		request.catch(() => previews.delete(key));
		previews.set(key, request);
	}
	return /** @type {Promise<any>} */ (previews.get(key));
}

/** Forget cached previews (after a product was fetched for the first time, say). */
export function forgetPreviews() {
	previews.clear();
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
