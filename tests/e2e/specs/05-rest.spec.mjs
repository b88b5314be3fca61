// Shelf's REST answers in a real browser: a visitor's product records survive WordPress's global
// parameters (`_fields` on the old answer was a PHP fatal, issue 10 item 4), and the editor's
// product search answers repeats from its cache and a busy budget with 429 + Retry-After at once
// instead of queueing (item 6).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, createPost, SITE, assertDebugLogEmpty, mockRequests, clearMockRequests } from '../lib.mjs';

const { browser, context, problems } = await launch();
after(() => browser.close());

test('an editor publishes a post with a box, so its product is known', async () => {
	const page = await context.newPage();
	await login(page);
	await createPost(page, 'REST checks', '[amazon box="B0SHLFK001"]');
	await page.close();
});

test('a visitor’s product records survive WordPress’s global REST parameters', async () => {
	const visitor = await launch();
	const page = await visitor.context.newPage();
	await page.goto(`${SITE}/`);
	const base = '/wp-json/shelf/v1/products?market=www.amazon.com&asins=B0SHLFK001';
	const answers = await page.evaluate(async (base) => {
		const out = {};
		for (const global of ['', '&_fields=x', '&_fields=records', '&_embed', '&_envelope', '&_method=POST', '&_jsonp=shelfCallback']) {
			const response = await fetch(base + global, { cache: 'no-store' });
			out[global] = { status: response.status, text: await response.text() };
		}
		return out;
	}, base);
	assert.deepEqual(
		Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.status])),
		{ '': 200, '&_fields=x': 200, '&_fields=records': 200, '&_embed': 200, '&_envelope': 200, '&_method=POST': 404, '&_jsonp=shelfCallback': 200 },
	);
	const plain = JSON.parse(answers[''].text);
	assert.deepEqual(Object.keys(plain), ['records']);
	assert.deepEqual(Object.keys(plain.records.B0SHLFK001), ['item', 'fetchedAt', 'asOf', 'status']);
	assert.ok(['ok', 'pending', 'unavailable', 'error', 'expired'].includes(plain.records.B0SHLFK001.status));
	assert.deepEqual(JSON.parse(answers['&_fields=records'].text), plain);
	assert.deepEqual(JSON.parse(answers['&_envelope'].text).body, plain);
	assert.match(answers['&_jsonp=shelfCallback'].text, /^\/\*\*\/shelfCallback\(\{"records":/);
	assert.equal(JSON.parse(answers['&_fields=x'].text).records, undefined);
	assertDebugLogEmpty();
	assert.deepEqual(visitor.problems, [
		`HTTP 404: ${SITE}${base}&_method=POST`,
		`console error on ${SITE}/: Failed to load resource: the server responded with a status of 404 (Not Found)`,
	]);
	await visitor.browser.close();
});

test('the product search answers repeats from its cache and a busy budget with 429 at once', async () => {
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/`);
	await clearMockRequests();
	const search = (keywords) => page.evaluate(async (keywords) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const response = await fetch(`/wp-json/shelf/v1/admin/search?market=www.amazon.com&keywords=${encodeURIComponent(keywords)}`, { headers: { 'X-WP-Nonce': nonce } });
		return { status: response.status, retryAfter: response.headers.get('Retry-After'), body: await response.json() };
	}, keywords);

	// Words no earlier run searched for, so nothing is cached yet.
	const run = Date.now().toString(36);
	let first = await search(`pour over kettle ${run}`);
	if (first.status === 429) {
		// The refresh job may have just used the slot: come back when told.
		await new Promise((resolve) => setTimeout(resolve, Number(first.retryAfter) * 1000));
		first = await search(`pour over kettle ${run}`);
	}
	assert.equal(first.status, 200, JSON.stringify(first));
	assert.ok(first.body.items.length > 0);
	const again = await search(`  Pour Over   KETTLE ${run} `);
	assert.deepEqual(again, { ...again, status: 200, body: first.body });
	const searches = (await mockRequests()).filter((r) => r.path === '/catalog/v1/searchItems');
	assert.equal(searches.length, 1, 'the repeat came from the cache');

	// Three new searches at once, right after the first: the editors' share of the budget frees
	// one slot every 2 s, and nobody waits for it.
	const busy = await Promise.all(['grinder', 'scale', 'tamper'].map((words) => search(`${words} ${run}`)));
	const limited = busy.filter((answer) => answer.status === 429);
	assert.ok(limited.length >= 2, JSON.stringify(busy.map((answer) => answer.status)));
	for (const answer of limited) {
		assert.match(answer.retryAfter, /^[1-9]\d*$/);
		assert.equal(answer.body.data.retryAfter, Number(answer.retryAfter));
		assert.match(answer.body.message, /no free slot right now/);
	}
	assert.deepEqual(busy.filter((answer) => answer.status !== 429).map((answer) => answer.status), busy.length === limited.length ? [] : [200]);
	assertDebugLogEmpty();
	// The browser reports each 429 twice: as a response and as a console error.
	const expected = (p) => /^HTTP 429: .*\/admin\/search\?/.test(p) || /^console error on .*status of 429 \(Too Many Requests\)$/.test(p);
	assert.deepEqual(problems.filter((p) => !expected(p)), []);
	await page.close();
});
