// node --test tests/tools/link-audit/test.mjs (after ./build.sh build: it loads the admin core
// from dist/shelf/js/wasm-admin)
//
// The link audit's browser logic without a browser: classification of the real core's report,
// the scan loop (batches, pause/resume, retry, short links resolved once), apply (stale posts,
// verification) and the CSV.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { auditContent } from '../../../js/editor/audit/classify.js';
import { createScan } from '../../../js/editor/audit/scan.js';
import { applyPosts } from '../../../js/editor/audit/apply.js';
import { csvCell, reportCsv } from '../../../js/editor/audit/csv.js';

const DIR = fileURLToPath(new URL('../../../dist/shelf/js/wasm-admin/', import.meta.url));
const core = await import(`${DIR}shelf_core.js`);
core.initSync({ module: readFileSync(`${DIR}shelf_core_bg.wasm`) });

const OPTIONS = { tags: { 'www.amazon.com': 'shelftest-20' }, existingTag: 'keep', noise: 'strip', rel: '', newTab: false };
const a = (href) => `<a href="${href}">x</a>`;
const sha = async (text) => Buffer.from(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex');

describe('classification of the core’s report', () => {
	it('sorts every kind of link into its category with the proposed change', () => {
		const content = `<p>${[
			'https://www.amazon.com/dp/B0SHLFK001?ref=x',
			'https://amazon.com/dp/B0SHLFK001?tag=other-20',
			'https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20',
			'https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20&qid=1',
			'https://amzn.to/shelfK001',
			'https://example.com/',
			'https://user@amazon.com/dp/B0SHLFK001',
			'https://www.amazon.cn/dp/B0SHLFK001',
			'https://www.amazon.de/dp/B0SHLFD201',
		].map(a).join(' ')}<svg>${a('https://amazon.com/dp/B0SHLFK001')}</svg></p>`;
		// The loader's DOM filter (js/loader.js) must agree: e2e 14 checks the same cases in a page.
		const audit = auditContent(core, content, OPTIONS);
		assert.deepEqual(audit.links.map((l) => [l.category, l.reason]), [
			['untagged', 'untagged'], ['foreign', 'kept'], ['tagged', 'tagged'], ['tagged', 'cleaned'], ['short', 'short'],
			['notAmazon', 'notAmazon'], ['unparseable', 'rejected'], ['skipped', 'unsupportedMarketplace'],
			['skipped', 'noTagForMarketplace'], ['skipped', 'inForeignContent'],
		]);
		assert.deepEqual(audit.counts, { untagged: 1, foreign: 1, tagged: 2, short: 1, notAmazon: 1, unparseable: 1, skipped: 3 });
		assert.equal(audit.links[0].to, 'https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20');
		assert.equal(audit.links[0].value, 'www.amazon.com');
		assert.equal(audit.links[1].value, 'other-20');
		assert.equal(audit.links[1].to, undefined, 'another ID is kept under "keep"');
		assert.equal(audit.links[3].to, 'https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20', 'own ID, cleaned');
		assert.equal(audit.links[6].value, 'userInfo');
		assert.equal(audit.changed, true);
		assert.equal(audit.html.split('tag=shelftest-20').length - 1, 3, 'the untagged link gains the ID; the cleaned one keeps it');
	});

	it('follows the existing-tag policy the site chose', () => {
		const content = a('https://www.amazon.com/dp/B0SHLFK001?tag=other-20');
		const replaced = auditContent(core, content, { ...OPTIONS, existingTag: 'replace' }).links[0];
		assert.deepEqual([replaced.category, replaced.reason, replaced.value, replaced.to],
			['foreign', 'replaced', 'other-20', 'https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20']);
		const reported = auditContent(core, content, { ...OPTIONS, existingTag: 'reportOnly' });
		assert.deepEqual([reported.links[0].reason, reported.links[0].to], ['reportOnly', undefined]);
	});

	it('gives resolved short links of this post only to the core, and reports where they lead', () => {
		const seen = [];
		const spy = { ...core, rewriteLinks: (html, options) => (seen.push(options), core.rewriteLinks(html, options)) };
		const resolved = new Map([
			['https://amzn.to/shelfK001', { url: 'https://www.amazon.com/dp/B0SHLFK001?th=1' }],
			['https://amzn.to/other', { url: 'https://www.amazon.com/dp/B0SHLFL002' }],
			['https://a.co/d/gone', { error: 'the short link does not exist' }],
		]);
		const audit = auditContent(spy, a('https://amzn.to/shelfK001') + a('https://a.co/d/gone'), OPTIONS, resolved);
		assert.deepEqual(seen.map((o) => o.shortLinks), [undefined, { 'https://amzn.to/shelfK001': 'https://www.amazon.com/dp/B0SHLFK001?th=1' }]);
		assert.deepEqual(audit.links.map((l) => [l.category, l.reason, l.value]), [
			['short', 'resolved', 'https://www.amazon.com/dp/B0SHLFK001?th=1'],
			['short', 'unresolved', 'the short link does not exist'],
		]);
	});

	it('lists the new rel and target the core reports, and a resolved short link’s new href', () => {
		// The report fields a core that writes rel/target and decides short links as their
		// targets adds (newRel, newTarget; newHref on a short link).
		const fake = {
			...core,
			rewriteLinks: (html, options) => {
				const result = core.rewriteLinks(html, options);
				for (const link of result.report.links) {
					if (options.shortLinks?.[link.href]) link.newHref = options.shortLinks[link.href] + '&tag=shelftest-20';
					else Object.assign(link, { newRel: 'sponsored noopener', newTarget: '_blank' });
				}
				return { ...result, html: `${result.html} ` };
			},
		};
		const resolved = new Map([['https://amzn.to/shelfK001', { url: 'https://www.amazon.com/dp/B0SHLFK001?th=1' }]]);
		const audit = auditContent(fake, a('https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20') + a('https://amzn.to/shelfK001'), OPTIONS, resolved);
		assert.deepEqual(audit.links.map(({ category, to, rel, target }) => ({ category, to, rel, target })), [
			{ category: 'tagged', to: undefined, rel: 'sponsored noopener', target: '_blank' },
			// The real core marks the resolved short link sponsored itself (an affiliate link).
			{ category: 'short', to: 'https://www.amazon.com/dp/B0SHLFK001?th=1&tag=shelftest-20', rel: 'sponsored noopener', target: undefined },
		]);
		assert.equal(audit.changed, true);
	});

	it('says why the core left a whole post alone', () => {
		const audit = auditContent(core, `<select><xmp>${a('https://amazon.com/dp/B0SHLFK001')}`, OPTIONS);
		assert.deepEqual([audit.unchanged, audit.links.length, audit.changed], ['ambiguousMarkup', 0, false]);
	});
});

/** A site of posts for the fake batch route, keyset-paginated by ID like the real one. */
function site(posts) {
	const calls = [];
	return {
		calls,
		async fetchBatch(after, limit) {
			calls.push(after);
			const rest = posts.filter((p) => p.id > after);
			const page = rest.slice(0, limit);
			return {
				posts: page.map((p) => ({ title: `Post ${p.id}`, type: 'post', typeLabel: 'Post', status: 'publish', editUrl: '', hash: '', ...p })),
				next: rest.length > limit ? page[page.length - 1].id : null,
				examined: page.length,
				...(after === 0 ? { total: posts.length } : {}),
			};
		},
	};
}

/** Runs a scan until it reports one of `until`. */
function scanning(deps, until = ['done', 'paused', 'error']) {
	const rows = [];
	const states = [];
	let settle;
	const finished = new Promise((resolve) => { settle = resolve; });
	const scan = createScan({
		loadCore: async () => core, options: OPTIONS, limit: 2, resolve: async () => ({ results: {} }), ...deps,
		onRows: (more, progress) => rows.push(...more.map((r) => ({ ...r, progress }))),
		onState: (state, error) => {
			states.push(error ? `${state}: ${error}` : state);
			if (until.includes(state)) settle(state);
		},
	});
	return { scan, rows, states, finished: () => finished };
}

describe('the scan loop', () => {
	const posts = Array.from({ length: 5 }, (_, i) => ({ id: (i + 1) * 10, content: a(`https://amzn.to/s${i % 2}`) + a('https://amazon.com/dp/B0SHLFK001') }));

	it('audits every post in batches, keeps no content, and resolves each short link once', async () => {
		const resolveCalls = [];
		const s = site(posts);
		const run = scanning({ fetchBatch: s.fetchBatch, resolve: async (urls) => (resolveCalls.push(urls), { results: Object.fromEntries(urls.map((u) => [u, { url: 'https://www.amazon.com/dp/B0SHLFL002' }])) }) });
		run.scan.start();
		assert.equal(await run.finished(), 'done');
		assert.deepEqual(s.calls, [0, 20, 40]);
		assert.deepEqual(run.rows.map((r) => r.id), [10, 20, 30, 40, 50]);
		assert.ok(run.rows.every((r) => !('content' in r) && !('html' in r)));
		assert.deepEqual(run.rows.at(-1).progress, { examined: 5, total: 5 });
		assert.deepEqual(resolveCalls, [['https://amzn.to/s0', 'https://amzn.to/s1']]);
		assert.deepEqual(run.rows.map((r) => r.links[0].reason), ['resolved', 'resolved', 'resolved', 'resolved', 'resolved']);
		assert.deepEqual(run.states, ['running', 'done']);
	});

	it('pauses after the batch in hand and resumes where it stopped', async () => {
		const s = site(posts);
		const run = scanning({ fetchBatch: s.fetchBatch });
		const first = run.scan;
		// Pause as soon as the first rows arrive.
		const onRows = run.rows.push.bind(run.rows);
		run.rows.push = (...r) => (first.pause(), onRows(...r));
		first.start();
		assert.equal(await run.finished(), 'paused');
		assert.deepEqual(run.rows.map((r) => r.id), [10, 20]);
		assert.deepEqual(run.states, ['running', 'pausing', 'paused']);
		run.rows.push = onRows;
		const done = new Promise((resolve) => {
			const check = setInterval(() => run.states.at(-1) === 'done' && (clearInterval(check), resolve()), 5);
		});
		first.resume();
		await done;
		assert.deepEqual(run.rows.map((r) => r.id), [10, 20, 30, 40, 50]);
		assert.deepEqual(s.calls, [0, 20, 40], 'the batch fetched ahead during the pause is used, not fetched again');
	});

	it('keeps a pause pressed while the core is still loading', async () => {
		const s = site(posts);
		let loaded = () => {};
		const run = scanning({ fetchBatch: s.fetchBatch, loadCore: () => new Promise((resolve) => { loaded = () => resolve(core); }) });
		run.scan.start();
		run.scan.pause();
		loaded();
		assert.equal(await run.finished(), 'paused');
		assert.deepEqual(run.states, ['running', 'pausing', 'paused']);
		assert.deepEqual(run.rows.map((r) => r.id), [10, 20], 'the batch requested while the core loaded is audited');
	});

	it('stops when the core fails to load and loads it again on resume', async () => {
		const s = site(posts);
		let failures = 1;
		const run = scanning({ fetchBatch: s.fetchBatch, loadCore: async () => (failures-- > 0 ? Promise.reject(new Error('wasm fetch failed')) : core) });
		run.scan.start();
		assert.equal(await run.finished(), 'error');
		assert.deepEqual(run.states, ['running', 'error: wasm fetch failed']);
		const done = new Promise((resolve) => {
			const check = setInterval(() => run.states.at(-1) === 'done' && (clearInterval(check), resolve()), 5);
		});
		run.scan.resume();
		await done;
		assert.deepEqual(run.rows.map((r) => r.id), [10, 20, 30, 40, 50]);
	});

	it('reports a post the core fails on and goes on with a fresh core', async () => {
		const s = site(posts.map((p) => (p.id === 20 ? { ...p, content: `${p.content}trap` } : p)));
		const instances = [];
		const loadCore = async () => {
			// Each load is a new instance; the first one is broken for good once it trapped.
			const instance = { ...core, broken: false };
			instance.rewriteLinks = (html, options) => {
				if (html.endsWith('trap')) instance.broken = true;
				if (instance.broken) throw new WebAssembly.RuntimeError('unreachable');
				return core.rewriteLinks(html, options);
			};
			instances.push(instance);
			return instance;
		};
		const warned = [];
		const warn = console.warn;
		console.warn = (...args) => warned.push(args[0]);
		try {
			const run = scanning({ fetchBatch: s.fetchBatch, loadCore });
			run.scan.start();
			assert.equal(await run.finished(), 'done');
			assert.deepEqual(run.rows.map((r) => [r.id, r.unchanged ?? r.counts.tagged + r.counts.untagged]), [[10, 1], [20, 'coreFailed'], [30, 1], [40, 1], [50, 1]]);
			assert.equal(instances.length, 2, 'one fresh core after the failure');
			assert.equal(warned.length, 1);
		} finally {
			console.warn = warn;
		}
	});

	it('stops on a failed batch and retries it on resume', async () => {
		const s = site(posts);
		let failures = 1;
		const run = scanning({ fetchBatch: (after, limit) => (after === 20 && failures-- > 0 ? Promise.reject(new Error('HTTP 500')) : s.fetchBatch(after, limit)) });
		run.scan.start();
		assert.equal(await run.finished(), 'error');
		assert.deepEqual(run.states, ['running', 'error: HTTP 500']);
		const done = new Promise((resolve) => {
			const check = setInterval(() => run.states.at(-1) === 'done' && (clearInterval(check), resolve()), 5);
		});
		run.scan.resume();
		await done;
		assert.deepEqual(run.rows.map((r) => r.id), [10, 20, 30, 40, 50]);
	});
});

describe('apply', () => {
	/** A store of posts behind fake fetch and save routes; `onSave` may change what is stored. */
	async function store(contents, onSave = (c) => c) {
		const posts = new Map();
		for (const [id, content] of Object.entries(contents)) posts.set(Number(id), content);
		const saved = [];
		return {
			posts,
			saved,
			fetchPosts: async (ids) => ({ posts: await Promise.all(ids.filter((id) => posts.has(id)).map(async (id) => ({ id, title: '', type: 'post', typeLabel: 'Post', status: 'publish', editUrl: '', content: posts.get(id), hash: await sha(posts.get(id)) }))) }),
			savePost: async (id, content, hash) => {
				if (hash !== await sha(posts.get(id))) throw Object.assign(new Error('changed'), { code: 'shelf_audit_changed' });
				saved.push(id);
				posts.set(id, onSave(content));
				return { hash: await sha(posts.get(id)), revisionUrl: `revision.php?revision=${id}` };
			},
		};
	}
	const untagged = a('https://www.amazon.com/dp/B0SHLFK001');

	it('writes changed posts, verifies them, and refuses posts edited after the scan', async () => {
		const s = await store({ 1: untagged, 2: untagged, 3: untagged });
		const hashes = new Map([[1, await sha(untagged)], [2, await sha(untagged)], [3, await sha(untagged)]]);
		s.posts.set(2, `${untagged} edited`);
		s.posts.delete(3);
		const results = {};
		const rows = {};
		await applyPosts([1, 2, 3], { core, options: OPTIONS, resolved: new Map(), hashes, fetchPosts: s.fetchPosts, savePost: s.savePost,
			onResult: (id, result, row) => { results[id] = result; if (row) rows[id] = row; } });
		assert.deepEqual(results, { 1: { status: 'verified', revisionUrl: 'revision.php?revision=1' }, 2: { status: 'changed' }, 3: { status: 'gone' } });
		assert.deepEqual(s.saved, [1]);
		assert.match(s.posts.get(1), /tag=shelftest-20/);
		assert.equal(rows[1].changed, false);
		assert.equal(rows[1].hash, await sha(s.posts.get(1)), 'the row carries the stored content’s hash for a later apply');
	});

	it('says what remains when the site changed the content on save', async () => {
		const s = await store({ 1: untagged }, (content) => `${content}${a('https://amazon.com/dp/B0SHLFL002')}`);
		const results = {};
		await applyPosts([1], { core, options: OPTIONS, resolved: new Map(), hashes: new Map([[1, await sha(untagged)]]), fetchPosts: s.fetchPosts, savePost: s.savePost,
			onResult: (id, result, row) => { results[id] = [result.status, row?.links.filter((l) => l.to).length]; } });
		assert.deepEqual(results, { 1: ['remaining', 1] });
	});

	it('reports a post the server refuses as changed', async () => {
		const s = await store({ 1: untagged });
		const hashes = new Map([[1, await sha(untagged)]]);
		const results = {};
		await applyPosts([1], { core, options: OPTIONS, resolved: new Map(), hashes, fetchPosts: s.fetchPosts,
			savePost: async (id, content, hash) => { s.posts.set(1, 'someone else'); return s.savePost(id, content, hash); },
			onResult: (id, result) => { results[id] = result; } });
		assert.deepEqual(results, { 1: { status: 'changed' } });
		assert.equal(s.posts.get(1), 'someone else');
	});
});

describe('CSV', () => {
	it('quotes what needs quoting and defuses formulas', () => {
		assert.equal(csvCell('plain'), 'plain');
		assert.equal(csvCell('a,"b"'), '"a,""b"""');
		assert.equal(csvCell('line\nbreak'), '"line\nbreak"');
		for (const f of ['=HYPERLINK("http://evil")', '+1', '-1', '@SUM(A1)', '\tx']) assert.equal(csvCell(f).replace(/^"/, '')[0], "'", f);
		assert.equal(csvCell(12), '12');
	});

	it('has one record per link under the header', () => {
		const links = [
			{ category: 'untagged', href: 'https://www.amazon.com/dp/B0SHLFK001', reason: 'untagged', to: 'https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20', rel: 'sponsored noopener' },
			{ category: 'notAmazon', href: 'https://example.com/', reason: 'notAmazon' },
		];
		const row = { id: 7, title: '=cmd|"/c calc"!A1', type: 'post', typeLabel: 'Post', status: 'draft', editUrl: 'http://site/wp-admin/post.php?post=7&action=edit', hash: '', links, changed: true, counts: {} };
		const text = reportCsv([row, { ...row, id: 8, links: [] }], {
			header: Array.from({ length: 12 }, (_, i) => `h${i}`), category: (l) => l.category, describe: (l) => l.reason, result: () => 'ok',
		});
		assert.equal(text, 'h0,h1,h2,h3,h4,h5,h6,h7,h8,h9,h10,h11\r\n'
			+ `7,"'=cmd|""/c calc""!A1",Post,draft,http://site/wp-admin/post.php?post=7&action=edit,https://www.amazon.com/dp/B0SHLFK001,untagged,untagged,https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20,sponsored noopener,,ok\r\n`
			+ "7,\"'=cmd|\"\"/c calc\"\"!A1\",Post,draft,http://site/wp-admin/post.php?post=7&action=edit,https://example.com/,notAmazon,notAmazon,,,,ok\r\n");
	});
});
