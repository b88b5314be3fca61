// The loader's two safety nets: a page cache serving yesterday's HTML (embedded records past
// their lifetime, as the core judges) makes it fetch current records from the site and render
// again; and a core that fails to load leaves the server's tagged fallback links in place with
// a single console warning.
// Runs after 03, which made the products known and fetched them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, createPost } from '../lib.mjs';

const { browser, context, problems } = await launch();
after(() => browser.close());
let postUrl = '';

test('an editor publishes a post with a box', async () => {
	const page = await context.newPage();
	await login(page);
	postUrl = await createPost(page, 'Loader checks', '[amazon box="B0SHLFK001"]');
	await page.close();
});

test('records the core finds older than the lifetime in cached HTML are fetched again and re-rendered', async () => {
	const visitor = await launch();
	const page = await visitor.context.newPage();
	// Serve the page as a cache would a day later: every embedded fetchedAt 25 hours older.
	await page.route(postUrl, async (route) => {
		const response = await route.fetch();
		const html = (await response.text()).replace(/"fetchedAt":(\d+)/g, (_, t) => `"fetchedAt":${Number(t) - 25 * 3600}`);
		await route.fulfill({ response, body: html });
	});
	const refetch = page.waitForResponse((r) => r.url().includes('/shelf/v1/products'));
	await page.goto(postUrl);
	const response = await refetch;
	assert.equal(response.status(), 200);
	assert.match(response.url(), /asins=B0SHLFK001/);
	// The fresh record from the store carries the price again, with its stamp.
	await page.locator('.shelf-placement--ready .shelf-amount').first().waitFor();
	assert.ok(await page.locator('.shelf-placement--ready .shelf-stamp').count() >= 1);
	assert.deepEqual(visitor.problems, []);
	await visitor.browser.close();
});

test('when the core cannot load, the tagged fallback stays and one warning is logged', async () => {
	const visitor = await launch();
	const page = await visitor.context.newPage();
	const warnings = [];
	page.on('console', (m) => m.type() === 'warning' && m.text().startsWith('Shelf:') && warnings.push(m.text()));
	await page.route(/shelf_core_bg\.wasm/, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm') }));
	await page.goto(postUrl);
	await page.waitForFunction(() => document.readyState === 'complete');
	await page.waitForTimeout(500);
	assert.equal(await page.locator('.shelf-placement--ready').count(), 0);
	const fallback = page.locator('.shelf-placement a.shelf-link');
	assert.equal(await fallback.getAttribute('href'), 'https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20');
	assert.equal(await fallback.getAttribute('rel'), 'sponsored noopener');
	assert.equal(warnings.length, 1, warnings.join('\n'));
	assert.equal(await page.locator('.shelf-disclosure').count(), 1, 'the server printed the disclosure');
	await visitor.browser.close();
	assert.deepEqual(problems, []);
});
