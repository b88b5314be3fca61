// Every shortcode family with data from the Creators API mock: the owner enters credentials and
// tags, Shelf fetches in the background, visitors get compliant placements; a German browser
// gets amazon.de links with the German tag. No Amazon call happens while a visitor's page loads.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, login, createPost, shelfRest, screenshot, assertDebugLogEmpty, mockRequests, clearMockRequests, SITE, ARTIFACTS,
} from '../lib.mjs';

const { browser, context, problems } = await launch();
const timeout = { timeout: 30_000 };
after(() => browser.close());

const CONTENT = `
<p>Intro with a plain link to <a href="https://www.amazon.com/dp/B0SHLFL002">a kettle</a>.</p>
<p>[amazon link="B0SHLFK001" title="Fixturo kettle"]</p>
[amazon box="B0SHLFK001,B0SHLFM003"]
[amazon table="B0SHLFK001,B0SHLFL002,B0SHLFM003"]
[amazon bestseller="pour over kettle" items="3"]
[amazon new="284507" items="2"]
<p>Price: [amazon fields="B0SHLFK001" value="price"]</p>`;
let postUrl = '';

test('the owner configures tags, localisation and credentials on the settings screen', async () => {
	const page = await context.newPage();
	await login(page);
	await page.goto(`${SITE}/wp-admin/options-general.php?page=shelf`);
	await page.getByLabel('www.amazon.com', { exact: true }).fill('shelftest-20');
	await page.getByLabel('www.amazon.de', { exact: true }).fill('shelftest-21');
	await page.locator('#shelf-localise').check();
	for (const [region, version] of [['na', '3.1'], ['eu', '3.2']]) {
		await page.locator(`#shelf-credential-${region}-id`).fill('shelf-demo-id');
		await page.locator(`#shelf-credential-${region}-secret`).fill('shelf-demo-secret');
		await page.locator(`#shelf-credential-${region}-version`).selectOption(version);
	}
	await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
	await page.getByText('Settings saved.').waitFor();
	assert.equal(await page.locator('#shelf-credential-na-secret').inputValue(), '', 'a stored secret is never printed back');
	assert.deepEqual(problems, []);
});

test('saving a post makes its products known and a refresh fetches them from the API', async () => {
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/`);
	postUrl = await createPost(page, 'Every family', CONTENT);
	const refresh = await shelfRest(page, 'POST', 'admin/refresh');
	assert.equal(refresh.status, 200, JSON.stringify(refresh.body));
	const log = await mockRequests();
	const items = log.filter((r) => r.path === '/catalog/v1/getItems');
	assert.ok(items.length >= 1, 'GetItems was called');
	assert.ok(items.every((r) => r.body.itemIds.length <= 10));
	assert.ok(log.some((r) => r.path === '/catalog/v1/searchItems'), 'SearchItems was called for the lists');
	await page.close();
});

test('a visitor sees every family rendered, compliant, without any call to Amazon', async () => {
	await clearMockRequests();
	const visitor = await launch();
	const page = await visitor.context.newPage();
	await page.goto(postUrl);
	const placements = page.locator('.shelf-placement');
	await page.waitForFunction(() => document.querySelectorAll('.shelf-placement:not(.shelf-placement--ready)').length === 0, undefined, timeout);
	assert.equal(await placements.count(), 6);
	for (const kind of ['link', 'box', 'table', 'list', 'field']) {
		assert.ok(await page.locator(`.shelf-placement--${kind}.shelf-placement--ready`).count() >= 1, kind);
	}
	// Every Amazon link: sponsored, tagged, to the store.
	const links = await page.locator('.shelf-placement a[href*="amazon."]').evaluateAll(
		(as) => as.map((a) => ({ href: a.getAttribute('href'), rel: a.getAttribute('rel') })),
	);
	assert.ok(links.length >= 10, `links: ${links.length}`);
	for (const { href, rel } of links) {
		const url = new URL(href ?? '');
		assert.equal(url.host, 'www.amazon.com', href);
		assert.equal(url.searchParams.getAll('tag').join(), 'shelftest-20', href);
		assert.match(rel ?? '', /^sponsored noopener\b/, href);
	}
	// Prices carry their "as of" stamp; the MAP product shows no price.
	const stamps = await page.locator('.shelf-stamp').count();
	assert.ok(stamps >= 1 && stamps >= (await page.locator('.shelf-amount').count()) / 2, `stamps ${stamps}`);
	const mapBox = page.locator('.shelf-placement--box .shelf-item').filter({ hasText: 'MAP' }).first();
	assert.equal(await mapBox.locator('.shelf-amount').count(), 0);
	assert.match(await mapBox.innerText(), /See price on Amazon/);
	assert.equal(await page.locator('.shelf-disclosure').count(), 1);
	assert.deepEqual(await mockRequests(), [], 'no Creators API request while a visitor page renders');
	// Each renderer at desktop and phone widths, for review (artifacts/screenshots/).
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
		await screenshot(page, `families-${width}`);
		for (const kind of ['link', 'box', 'table', 'list', 'field']) {
			const node = page.locator(`.shelf-placement--${kind}`).first();
			await node.scrollIntoViewIfNeeded();
			await node.screenshot({ path: `${ARTIFACTS}/screenshots/renderer-${kind}-${width}.png` });
		}
	}
	assert.ok(visitor.amazonImages.length >= 1, 'product images are hotlinked from Amazon');
	assert.deepEqual(visitor.problems, []);
	await visitor.browser.close();
});

test('a page with Amazon links but no placement gets the disclosure and its links tagged', async () => {
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/`);
	const url = await createPost(page, 'Only a link', '<p>Just <a href="https://www.amazon.com/dp/B0SHLFL002">a kettle</a>.</p>');
	await page.close();
	const visitor = await launch();
	const view = await visitor.context.newPage();
	await view.goto(url);
	const disclosure = view.locator('.shelf-disclosure');
	await disclosure.waitFor(timeout);
	assert.equal(await disclosure.count(), 1);
	// The statement PHP resolved for the site's locale (en_US), as the server prints it.
	assert.equal(await disclosure.innerText(), 'As an Amazon Associate I earn from qualifying purchases.');
	// The server prints the disclosure; the loader then tags the link (wait for it).
	await view.locator('a[href="https://www.amazon.com/dp/B0SHLFL002?tag=shelftest-20"]', { hasText: 'a kettle' }).waitFor(timeout);
	assert.deepEqual(visitor.problems, []);
	await visitor.browser.close();
});

test('with localisation on, visitors load the module with the link engine, and only that one', async () => {
	const visitor = await launch();
	const page = await visitor.context.newPage();
	const modules = [];
	page.on('response', (r) => r.url().includes('shelf_core_bg.wasm') && modules.push(new URL(r.url()).pathname));
	await page.goto(postUrl);
	await page.waitForFunction(() => document.querySelectorAll('.shelf-placement:not(.shelf-placement--ready)').length === 0, undefined, timeout);
	assert.equal(modules.length, 1, modules.join());
	assert.match(modules[0], /\/js\/wasm-render-localise\/shelf_core_bg\.wasm$/);
	await visitor.browser.close();
});

test('a German browser ends on amazon.de links with the German tag', async () => {
	const visitor = await launch({ lang: 'de-DE', locale: 'de-DE', timezoneId: 'Europe/Berlin' });
	const page = await visitor.context.newPage();
	await page.goto(postUrl);
	await page.waitForFunction(() => document.querySelectorAll('.shelf-placement:not(.shelf-placement--ready)').length === 0, undefined, timeout);
	const plain = page.locator('a', { hasText: 'a kettle' });
	await page.waitForFunction(() => [...document.querySelectorAll('a')].some((a) => a.href.includes('amazon.de')), undefined, timeout);
	assert.equal(await plain.getAttribute('href'), 'https://www.amazon.de/dp/B0SHLFL002?tag=shelftest-21');
	const hrefs = await page.locator('.shelf-placement a[href*="amazon."]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
	assert.ok(hrefs.length >= 5);
	for (const href of hrefs) {
		const url = new URL(href ?? '');
		assert.equal(url.host, 'www.amazon.de', href);
		assert.equal(url.searchParams.getAll('tag').join(), 'shelftest-21', href);
	}
	assert.deepEqual(visitor.problems, []);
	await visitor.browser.close();
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});
