// The scan loop: batches of posts over REST (keyset pagination, the next batch fetched while
// this one is audited), each post audited by the core, short links resolved by the server once
// per session, and pause/resume between batches. Only each post's report is kept, never its
// content, so memory follows the number of links, not the size of the site.
import { auditContent, emptyCounts, unresolvedShortLinks } from './classify.js';

/** Short links per resolve request (the route's limit). */
const RESOLVE_CHUNK = 50;

/**
 * A post as the batch route answers it.
 * @typedef {{ id: number, title: string, type: string, typeLabel: string, status: string, editUrl: string, content: string, hash: string }} AuditedPost
 */
/**
 * A post's row in the report: the post without its content, plus its audit without the new
 * content.
 * @typedef {Omit<AuditedPost, 'content'> & Omit<import('./classify.js').PostAudit, 'html'>} Row
 */
/** @typedef {{ posts: AuditedPost[], next: number | null, examined: number, total?: number }} Batch */
/** @typedef {'running' | 'pausing' | 'paused' | 'done' | 'error'} ScanState */

/**
 * The report's row for a post and its audit.
 * @param {AuditedPost} post @param {import('./classify.js').PostAudit} audit
 * @returns {Row}
 */
export function toRow(post, audit) {
	const { content, ...rest } = post; // eslint-disable-line no-unused-vars -- the content is dropped.
	const { html, ...report } = audit; // eslint-disable-line no-unused-vars -- so is the new content.
	return { ...rest, ...report };
}

/**
 * Resolves short links in chunks the route accepts; a failed request is recorded as every
 * one of its links' error (for this session only: the server cached nothing).
 * @param {string[]} urls @param {Map<string, import('./classify.js').Resolution>} resolved
 * @param {(urls: string[]) => Promise<{ results: Record<string, import('./classify.js').Resolution> }>} resolve
 */
export async function resolveAll(urls, resolved, resolve) {
	for (let i = 0; i < urls.length; i += RESOLVE_CHUNK) {
		const chunk = urls.slice(i, i + RESOLVE_CHUNK);
		try {
			const { results } = await resolve(chunk);
			for (const url of chunk) resolved.set(url, results[url] ?? { error: '' });
		} catch (e) {
			const error = /** @type {any} */ (e)?.message ?? String(e);
			for (const url of chunk) resolved.set(url, { error });
		}
	}
}

/**
 * Starts nothing yet: `start()` scans from the first post, `pause()` stops after the batch in
 * hand, `resume()` goes on (after an error, it retries what failed: the batch, or loading the
 * core). The core is loaded by the loop, so a pause while it compiles is kept too.
 * @param {{
 *   loadCore: () => Promise<any>, options: object, limit?: number,
 *   fetchBatch: (after: number, limit: number) => Promise<Batch>,
 *   resolve: (urls: string[]) => Promise<{ results: Record<string, import('./classify.js').Resolution> }>,
 *   onRows: (rows: Row[], progress: { examined: number, total: number }) => void,
 *   onState: (state: ScanState, error?: string) => void,
 * }} deps
 */
export function createScan({ loadCore, options, limit = 250, fetchBatch, resolve, onRows, onState }) {
	/** @type {Map<string, import('./classify.js').Resolution>} */
	const resolved = new Map();
	let cursor = 0;
	let examined = 0;
	let total = 0;
	let paused = false;
	let running = false;
	/** @type {any} */
	let core = null;
	/** @type {Promise<Batch> | null} */
	let ahead = null;

	/** A request that may be awaited later without an unhandled rejection meanwhile. @param {number} after */
	const request = (after) => {
		const promise = fetchBatch(after, limit);
		promise.catch(() => {});
		return promise;
	};

	/**
	 * A post's audit. When the core fails on it (a trap: out of memory, a bug), the post's row
	 * says so and the next post gets a fresh core (js/editor/core.js gives the broken one up).
	 * @param {string} content
	 * @returns {Promise<import('./classify.js').PostAudit>}
	 */
	const auditPost = async (content) => {
		try {
			core ??= await loadCore();
			return auditContent(core, content, options, resolved);
		} catch (e) {
			console.warn('Shelf link audit: the core failed on a post', e); // eslint-disable-line no-console
			core = null;
			return { html: content, changed: false, links: [], counts: emptyCounts(), unchanged: 'coreFailed' };
		}
	};

	const loop = async () => {
		running = true;
		onState('running');
		for (;;) {
			if (paused) {
				running = false;
				onState('paused');
				return;
			}
			/** @type {Batch} */
			let batch;
			try {
				const next = ahead ?? request(cursor);
				core ??= await loadCore(); // the first batch is on its way meanwhile
				batch = await next;
			} catch (e) {
				ahead = null;
				running = false;
				paused = true;
				onState('error', /** @type {any} */ (e)?.message ?? String(e));
				return;
			}
			ahead = batch.next === null ? null : request(batch.next);
			// A task boundary, so the browser sends that request before the audit below holds
			// the main thread: the server reads the next batch while this one is audited.
			await new Promise((resolve) => setTimeout(resolve, 0));
			if (typeof batch.total === 'number') total = batch.total;
			const audits = [];
			for (const post of batch.posts) audits.push(await auditPost(post.content));
			const shorts = [...new Set(audits.flatMap((a) => unresolvedShortLinks(a, resolved)))];
			if (shorts.length) {
				await resolveAll(shorts, resolved, resolve);
				const again = new Set(shorts);
				for (const [i, a] of audits.entries()) {
					if (a.links.some((l) => again.has(l.href))) audits[i] = await auditPost(batch.posts[i].content);
				}
			}
			examined += batch.examined;
			onRows(batch.posts.map((post, i) => toRow(post, audits[i])), { examined, total: Math.max(total, examined) });
			if (batch.next === null) {
				running = false;
				onState('done');
				return;
			}
			cursor = batch.next;
		}
	};

	return {
		resolved,
		start() {
			if (!running) loop();
		},
		pause() {
			if (running && !paused) {
				paused = true;
				onState('pausing');
			}
		},
		resume() {
			paused = false;
			if (running) onState('running');
			else loop();
		},
	};
}
