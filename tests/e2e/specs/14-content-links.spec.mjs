// View-time handling of Amazon links pasted into post content: for visitors with JavaScript the
// core tags untagged links and marks every affiliate link sponsored (the site's rel tokens and
// target too), with localisation off or on; without JavaScript the links stay as written and
// the server's disclosure is there. Each kind of page loads one loader bundle and one module,
// the smallest that serves it, and the test reports its brotli bytes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { brotliCompressSync, constants } from 'node:zlib';
import { launch, login, createPost, assertDebugLogEmpty, SITE } from '../lib.mjs';

const { browser, context, problems } = await launch();
const timeout = { timeout: 30_000 };
after(() => browser.close());

const BUDGET = 40 * 1024;
const LINKS = `<!-- wp:paragraph -->
<p>Pasted: <a href="https://amazon.com/dp/B0SHLFK001?th=1">plain kettle</a>,
<a href="https://www.amazon.com/dp/B0SHLFL002?tag=other-20" rel="author">other kettle</a>,
<a href="https://www.amazon.com/dp/B0SHLFM003?tag=shelftest-20" rel="sponsored noopener nofollow" target="_self">tagged kettle</a>,
<a href="https://example.com/dp/B0SHLFK001">a shop that is not Amazon</a>.</p>
<!-- /wp:paragraph -->
<!-- wp:html -->
<svg width="200" height="20"><a href="https://amazon.com/dp/B0SHLFK001"><text y="15">svg kettle</text></a><foreignObject width="200" height="20"><a href="https://amazon.com/dp/B0SHLFK001">foreign kettle</a></foreignObject></svg>
<math><mtext><a href="https://amazon.com/dp/B0SHLFK001">math kettle</a></mtext></math>
<!-- /wp:html -->`;
/** Links in SVG and MathML, which the core's rewriter leaves as written (its tests: the same cases). */
const FOREIGN = ['svg kettle', 'foreign kettle', 'math kettle'];
const PLACEMENT = '<!-- wp:paragraph --><p>[amazon link="B0SHLFK001" title="Fixturo kettle"]</p><!-- /wp:paragraph -->';
const urls = { links: '', placement: '', both: '' };
let localisedBefore = false;

/** Saves the settings screen after `change` edits its form. @param {(page: import('playwright-core').Page) => Promise<void>} change */
async function saveSettings(change) {
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/options-general.php?page=shelf`);
	await change(page);
	await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
	await page.getByText('Settings saved.').waitFor();
	await page.close();
}

/**
 * Opens a post as a visitor and waits for the loader: the Shelf scripts and modules the page
 * downloaded, and their brotli (-q 11) bytes as the budget counts them.
 * @param {import('playwright-core').BrowserContext} visitorContext @param {string} url @param {string} [ready] a selector the loader's work makes match
 */
async function visit(visitorContext, url, ready) {
	const page = await visitorContext.newPage();
	/** @type {Array<{ path: string, body: Promise<Buffer> }>} */
	const loaded = [];
	page.on('response', (r) => {
		const path = new URL(r.url()).pathname;
		if (/\/plugins\/shelf\/js\/.*\.(js|wasm)$/.test(path)) loaded.push({ path: path.replace(/^.*\/plugins\/shelf\//, ''), body: r.body() });
	});
	await page.goto(url);
	if (ready) await page.locator(ready).first().waitFor({ state: 'attached', ...timeout });
	await page.waitForFunction(() => document.querySelectorAll('.shelf-placement:not(.shelf-placement--ready)').length === 0, undefined, timeout);
	let brotli = 0;
	for (const file of loaded) {
		brotli += brotliCompressSync(await file.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
	}
	return { page, files: loaded.map((f) => f.path).sort(), brotli };
}

/** The link's href, rel and target. @param {import('playwright-core').Page} page @param {string} text */
async function link(page, text) {
	return page.locator('a', { hasText: text }).evaluate((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel'), target: a.getAttribute('target') }));
}

test('the owner sets tags, extra rel tokens and new tabs, and switches localisation off', async () => {
	const page = await context.newPage();
	await login(page);
	await page.close();
	await saveSettings(async (settings) => {
		localisedBefore = await settings.locator('#shelf-localise').isChecked();
		await settings.getByLabel('www.amazon.com', { exact: true }).fill('shelftest-20');
		await settings.getByLabel('www.amazon.de', { exact: true }).fill('shelftest-21');
		await settings.locator('#shelf-rel-extra').fill('nofollow');
		await settings.locator('#shelf-link-target').selectOption('newTab');
		await settings.locator('#shelf-existing-tag').selectOption('keep');
		await settings.locator('#shelf-localise').uncheck();
	});
	const admin = await context.newPage();
	urls.links = await createPost(admin, 'Only pasted links', LINKS);
	urls.placement = await createPost(admin, 'Only a placement', PLACEMENT);
	urls.both = await createPost(admin, 'A placement and pasted links', PLACEMENT + LINKS);
	await admin.close();
	assert.deepEqual(problems, []);
});

test('localisation off: a pasted untagged link is tagged and marked sponsored by the links module', async () => {
	const visitor = await launch();
	const { page, files, brotli } = await visit(visitor.context, urls.links, 'a[href*="B0SHLFK001?th=1&tag="]');
	assert.deepEqual(await link(page, 'plain kettle'), {
		href: 'https://www.amazon.com/dp/B0SHLFK001?th=1&tag=shelftest-20', rel: 'sponsored noopener nofollow', target: '_blank',
	});
	// Another tracking ID stays (policy "keep"), but the link is an affiliate link all the same.
	assert.deepEqual(await link(page, "other kettle"), {
		href: 'https://www.amazon.com/dp/B0SHLFL002?tag=other-20', rel: 'author sponsored noopener nofollow', target: '_blank',
	});
	// Tagged before (by the editor or the server): nothing to change, the author's target stays.
	assert.deepEqual(await link(page, 'tagged kettle'), {
		href: 'https://www.amazon.com/dp/B0SHLFM003?tag=shelftest-20', rel: 'sponsored noopener nofollow', target: '_self',
	});
	assert.deepEqual(await link(page, 'a shop that is not Amazon'), { href: 'https://example.com/dp/B0SHLFK001', rel: null, target: null });
	for (const text of FOREIGN) assert.deepEqual(await link(page, text), { href: 'https://amazon.com/dp/B0SHLFK001', rel: null, target: null }, text);
	assert.equal(await page.locator('.shelf-disclosure').count(), 1);
	assert.deepEqual(files, ['js/wasm-links/loader.js', 'js/wasm-links/shelf_core_bg.wasm']);
	console.log(`# links-only page, localisation off: ${brotli} B brotli`);
	assert.ok(brotli <= BUDGET, `${brotli} B`);
	assert.deepEqual(visitor.problems, []);
	await visitor.browser.close();
});

test('without JavaScript the links stay as written and the server printed the disclosure', async () => {
	const plain = await browser.newContext({ javaScriptEnabled: false });
	const page = await plain.newPage();
	await page.goto(urls.links);
	assert.deepEqual(await link(page, 'plain kettle'), { href: 'https://amazon.com/dp/B0SHLFK001?th=1', rel: null, target: null });
	assert.equal(await page.locator('.shelf-disclosure').count(), 1);
	await plain.close();
});

test('a placement alone loads the render module; with pasted links, the module with both', async () => {
	const visitor = await launch();
	const alone = await visit(visitor.context, urls.placement, '.shelf-placement--ready');
	assert.deepEqual(alone.files, ['js/wasm-render/loader.js', 'js/wasm-render/shelf_core_bg.wasm']);
	console.log(`# placement page, localisation off: ${alone.brotli} B brotli`);
	assert.ok(alone.brotli <= BUDGET, `${alone.brotli} B`);
	const both = await visit(visitor.context, urls.both, 'a[href*="B0SHLFK001?th=1&tag="]');
	assert.deepEqual(both.files, ['js/wasm-render-links/loader.js', 'js/wasm-render-links/shelf_core_bg.wasm']);
	assert.equal((await link(both.page, 'plain kettle')).rel, 'sponsored noopener nofollow');
	const rendered = new URL(await both.page.locator('.shelf-placement--ready a.shelf-link').getAttribute('href') ?? '');
	assert.equal(`${rendered.host}${rendered.pathname} ${rendered.searchParams.getAll('tag')}`, 'www.amazon.com/dp/B0SHLFK001 shelftest-20');
	console.log(`# placement and pasted links, localisation off: ${both.brotli} B brotli`);
	assert.ok(both.brotli <= BUDGET, `${both.brotli} B`);
	assert.deepEqual(visitor.problems, []);
	await visitor.browser.close();
});

test('localisation on: a German visitor gets the pasted link localised and marked sponsored', async () => {
	await saveSettings((settings) => settings.locator('#shelf-localise').check());
	const visitor = await launch({ lang: 'de-DE', locale: 'de-DE', timezoneId: 'Europe/Berlin' });
	const { page, files, brotli } = await visit(visitor.context, urls.links, 'a[href^="https://www.amazon.de/dp/B0SHLFK001"]');
	assert.deepEqual(await link(page, 'plain kettle'), {
		href: 'https://www.amazon.de/dp/B0SHLFK001?tag=shelftest-21', rel: 'sponsored noopener nofollow', target: '_blank',
	});
	assert.deepEqual(files, ['js/wasm-localise/loader.js', 'js/wasm-localise/shelf_core_bg.wasm']);
	console.log(`# links-only page, localisation on: ${brotli} B brotli`);
	assert.ok(brotli <= BUDGET, `${brotli} B`);
	const both = await visit(visitor.context, urls.both, 'a[href^="https://www.amazon.de/dp/B0SHLFK001"]');
	assert.deepEqual(both.files, ['js/wasm-render-localise/loader.js', 'js/wasm-render-localise/shelf_core_bg.wasm']);
	console.log(`# placement and pasted links, localisation on: ${both.brotli} B brotli`);
	assert.ok(both.brotli <= BUDGET, `${both.brotli} B`);
	assert.deepEqual(visitor.problems, []);
	await visitor.browser.close();
});

test('the owner\'s localisation setting is as it was', async () => {
	await saveSettings((settings) => settings.locator('#shelf-localise').setChecked(localisedBefore));
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});
