// The link audit's REST calls (php/class-rest-audit.php); apiFetch adds the nonce.
import apiFetch from '@wordpress/api-fetch';

/**
 * The next posts after an ID.
 * @param {number} after @param {number} limit
 * @returns {Promise<import('./scan.js').Batch>}
 */
export function fetchBatch(after, limit) {
	return apiFetch({ path: `/shelf/v1/audit/posts?after=${after}&limit=${limit}` });
}

/**
 * These posts as they are now.
 * @param {number[]} ids
 * @returns {Promise<{ posts: import('./scan.js').AuditedPost[] }>}
 */
export function fetchPosts(ids) {
	return apiFetch({ path: `/shelf/v1/audit/posts?include=${ids.join(',')}` });
}

/**
 * Writes a post's new content, unless it changed since the scan saw the content with `hash`.
 * @param {number} id @param {string} content @param {string} hash
 * @returns {Promise<{ hash: string, revisionUrl: string | null }>}
 */
export function savePost(id, content, hash) {
	return apiFetch({ path: `/shelf/v1/audit/posts/${id}`, method: 'POST', data: { content, hash } });
}

/**
 * Short links resolved by the server (at most 50).
 * @param {string[]} urls
 * @returns {Promise<{ results: Record<string, import('./classify.js').Resolution> }>}
 */
export function resolveShortLinks(urls) {
	return apiFetch({ path: '/shelf/v1/audit/resolve', method: 'POST', data: { urls } });
}
