// "Apply": the selected posts are fetched again, audited again by the core, and written through
// REST with the content hash the scan saw (the server refuses a post that changed since), then
// fetched and audited once more, so the report says whether the change holds ("verified") or
// what remains (a filter of the site may have changed the content on save).
import { auditContent } from './classify.js';
import { toRow } from './scan.js';

/** Posts per fetch. */
const CHUNK = 20;

/**
 * What became of one post: `verified` (written, and the core proposes nothing more),
 * `remaining` (written, but changes are still proposed), `changed` (it changed after the scan:
 * nothing written), `gone` (deleted, or no longer the user's to edit) or `error`.
 * @typedef {{ status: 'verified' | 'remaining' | 'changed' | 'gone' | 'error', message?: string, revisionUrl?: string | null }} ApplyResult
 */

/**
 * @param {number[]} ids the selected posts
 * @param {{
 *   core: any, options: object, resolved: Map<string, import('./classify.js').Resolution>,
 *   hashes: Map<number, string>,
 *   fetchPosts: (ids: number[]) => Promise<{ posts: import('./scan.js').AuditedPost[] }>,
 *   savePost: (id: number, content: string, hash: string) => Promise<{ hash: string, revisionUrl: string | null }>,
 *   onResult: (id: number, result: ApplyResult, row?: import('./scan.js').Row) => void,
 * }} deps `hashes`: each post's content hash at scan time
 */
export async function applyPosts(ids, { core, options, resolved, hashes, fetchPosts, savePost, onResult }) {
	const message = (/** @type {any} */ e) => e?.message ?? String(e);
	for (let i = 0; i < ids.length; i += CHUNK) {
		const chunk = ids.slice(i, i + CHUNK);
		/** @type {Map<number, import('./scan.js').AuditedPost>} */
		let fresh;
		try {
			fresh = new Map((await fetchPosts(chunk)).posts.map((p) => [p.id, p]));
		} catch (e) {
			for (const id of chunk) onResult(id, { status: 'error', message: message(e) });
			continue;
		}
		/** @type {Map<number, string | null>} */
		const written = new Map();
		for (const id of chunk) {
			const post = fresh.get(id);
			if (!post) {
				onResult(id, { status: 'gone' });
				continue;
			}
			if (post.hash !== hashes.get(id)) {
				onResult(id, { status: 'changed' });
				continue;
			}
			let audit;
			try {
				audit = auditContent(core, post.content, options, resolved);
			} catch (e) { // the core trapped: this post is reported, not left half done
				onResult(id, { status: 'error', message: message(e) });
				continue;
			}
			if (!audit.changed) {
				onResult(id, { status: 'verified' }, toRow(post, audit));
				continue;
			}
			try {
				written.set(id, (await savePost(id, audit.html, post.hash)).revisionUrl);
			} catch (e) {
				const code = /** @type {any} */ (e)?.code;
				onResult(id, code === 'shelf_audit_changed' ? { status: 'changed' } : { status: 'error', message: message(e) });
			}
		}
		if (!written.size) continue;
		// The check reads what was stored, not what was sent.
		try {
			const stored = (await fetchPosts([...written.keys()])).posts;
			for (const post of stored) {
				const audit = auditContent(core, post.content, options, resolved);
				onResult(post.id, { status: audit.changed ? 'remaining' : 'verified', revisionUrl: written.get(post.id) }, toRow(post, audit));
				written.delete(post.id);
			}
		} catch (e) {
			for (const [id, revisionUrl] of written) onResult(id, { status: 'error', message: message(e), revisionUrl });
			written.clear();
		}
		for (const [id, revisionUrl] of written) onResult(id, { status: 'gone', revisionUrl });
	}
}
