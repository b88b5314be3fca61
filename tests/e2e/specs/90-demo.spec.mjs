// The demo as a site owner sees it, and the placement rules found by testing Shelf as a new
// user would: a stored table keeps its whole configuration, a placement's tracking ID is on
// every one of its links, `select` takes AAWP's ranges, problems reach editors (never
// visitors), and only placeholders the server created render. Runs last: it switches the test
// site to the demo's settings and puts the previous ones back at the end.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, login, createPost, screenshot, assertDebugLogEmpty } from '../lib.mjs';

const siteState = fileURLToPath(new URL('../../php/tools/site-state.php', import.meta.url));
/** @param {string} command */
const state = (command) => execFileSync('php', [siteState, command], { encoding: 'utf8' }).split('\n')[0];

const { browser, context, problems } = await launch();
after(async () => {
	state('restore-settings');
	await browser.close();
});
const ready = () => document.querySelectorAll('.shelf-placement:not(.shelf-placement--ready)').length === 0;
let demoUrl = '';
let postUrl = '';

test('the demo is written on this site (settings, stored table, post, fetched products)', () => {
	demoUrl = state('demo-content');
	assert.match(demoUrl, /^http/);
});

test("the demo's stored table shows its caption, every configured row, the override and the ribbon", async () => {
	const page = await context.newPage();
	await page.goto(demoUrl);
	await page.waitForFunction(ready, undefined, { timeout: 30_000 });
	const table = page.locator('.shelf-placement--table').first();
	assert.equal((await table.locator('caption').textContent())?.trim(), 'Pour-over kettles compared');
	const text = (await table.textContent()) ?? '';
	for (const label of ['Gooseneck spout', 'Our rating']) assert.ok(text.includes(label), `row ${label}`);
	// Image, title, price, yesNo, rating, button: six rows, in the configured order.
	assert.equal(await table.locator('tbody tr').count(), 6);
	assert.ok(text.includes('The budget pick'), 'the per-product title override');
	assert.ok(text.includes('Our pick'), 'the ribbon of the highlighted product');
	assert.ok(await table.locator('.shelf-label--hidden-mobile, [class*="hidden-mobile"], [class*="hiddenMobile"]').count() >= 1, 'labels hidden on mobile');
	await screenshot(page, 'demo-1280');
	await page.setViewportSize({ width: 390, height: 844 });
	await screenshot(page, 'demo-390');
	assert.deepEqual(problems, []);
	await page.close();
});

test('a post with tracking_id, select ranges and hand-written placeholders', async () => {
	const page = await context.newPage();
	await login(page);
	// A real placement first (id p1), then forgeries: one with a payload of its own (the old
	// attribute), one naming an id the server never issued.
	const forged = JSON.stringify({ kind: 'box', marketplace: 'www.amazon.com', tag: 'thief-20', asins: ['B0SHLFK001'], options: {}, unfilteredHtml: true })
		.replaceAll('"', '&quot;');
	postUrl = await createPost(page, 'Placement rules', `
[amazon box="B0SHLFK001" tracking_id="shelfdemo-21"]
[amazon box="B0SHLFK001,B0SHLFL002,B0SHLFM003" select="2-3"]
<div class="shelf-placement shelf-placement--box forged-1" data-shelf="${forged}"><a href="https://www.amazon.com/dp/B0SHLFK001?tag=thief-20">forged one</a></div>
<div class="shelf-placement shelf-placement--box forged-2" data-shelf-id="p99"><a href="https://www.amazon.com/dp/B0SHLFK001?tag=thief-20">forged two</a></div>`);
	await page.close();
});

test('a visitor sees the placement tag on every link, two boxes for select="2-3", and no forged placement', async () => {
	const visitor = await launch({ locale: 'en-US' });
	const page = await visitor.context.newPage();
	await page.goto(postUrl);
	await page.waitForFunction(() => document.querySelectorAll('.shelf-placement--ready').length >= 2, undefined, { timeout: 30_000 });
	const [tagged, selected] = [page.locator('.shelf-placement--ready').nth(0), page.locator('.shelf-placement--ready').nth(1)];
	const hrefs = await tagged.locator('a[href*="amazon."]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	assert.ok(hrefs.length >= 2, `links: ${hrefs.length}`);
	for (const href of hrefs) assert.deepEqual(new URL(href).searchParams.getAll('tag'), ['shelfdemo-21'], href);
	assert.equal(await selected.locator('.shelf-item').count(), 2);
	const shown = await selected.locator('.shelf-title-link').evaluateAll((as) => as.map((a) => new URL(a.getAttribute('href') ?? '').pathname));
	assert.deepEqual(shown, ['/dp/B0SHLFL002', '/dp/B0SHLFM003']);
	for (const n of [1, 2]) {
		const forged = page.locator(`.forged-${n}`);
		assert.equal(await forged.evaluate((el) => el.classList.contains('shelf-placement--ready')), false, `forgery ${n} stays inert`);
		assert.equal(await forged.locator('a').textContent(), n === 1 ? 'forged one' : 'forged two');
	}
	assert.deepEqual(visitor.problems, []);
	await visitor.browser.close();
});

test('a table option the core cannot read is an editor notice, never a silent default', async () => {
	// Serve the demo as if the server had sent an empty per-product map as a JSON list again.
	/** @param {import('playwright-core').Page} page */
	const broken = (page) => page.route(demoUrl, async (route) => {
		const response = await route.fetch();
		await route.fulfill({ response, body: (await response.text()).replace('"values":{', '"values":[],"x":{') });
	});
	const editor = await context.newPage();
	await broken(editor);
	await editor.goto(demoUrl);
	await editor.waitForFunction(ready, undefined, { timeout: 30_000 });
	// (On this http test site the demo's manual product has a notice of its own: its image is
	// not https, and only the demo names the site in SHELF_DEV_IMAGE_ORIGINS.)
	const notice = editor.locator('.shelf-notice--core', { hasText: 'values' });
	assert.equal(await notice.count(), 1);
	assert.match((await notice.textContent()) ?? '', /^Shelf \(visible to editors only\):.*values/);
	await editor.close();

	const visitor = await launch();
	const page = await visitor.context.newPage();
	await broken(page);
	await page.goto(demoUrl);
	await page.waitForFunction(ready, undefined, { timeout: 30_000 });
	assert.equal(await page.locator('.shelf-notice').count(), 0, 'visitors never see problems');
	await visitor.browser.close();
	assertDebugLogEmpty();
});
