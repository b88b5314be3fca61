// Localisation that is true to the store (issue 12): a US site with a German tracking ID and
// localisation on. A German browser sees every placement rendered from amazon.de's records (EUR
// prices, German titles, amazon.de links with the German tag) from the first render on; a
// product amazon.de has no record of shows no price, only "See price on Amazon", with a working
// amazon.de link. Never a price from one store beside a link to another, and no more layout
// shift than a visitor of the page's own store.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
	launch, login, createPost, shelfRest, assertDebugLogEmpty, mockRequests, clearMockRequests, screenshot, SITE,
} from '../lib.mjs';

const { browser, context, problems } = await launch();
const timeout = { timeout: 30_000 };
after(() => browser.close());

// K001 is sold on both stores (the mock's get-items-de-shared.json); L002 only in the US.
const CONTENT = `
[amazon box="B0SHLFK001,B0SHLFL002"]
<p>Kettle: [amazon fields="B0SHLFK001" value="price"]</p>
<p>Lamp: [amazon fields="B0SHLFL002" value="price"]</p>
[amazon table="B0SHLFK001,B0SHLFL002"]`;
const KETTLE_DE = 'https://www.amazon.de/dp/B0SHLFK001?tag=shelftest-21&linkCode=ogi&th=1&psc=1&language=de_DE';
const LAMP_DE = 'https://www.amazon.de/dp/B0SHLFL002?tag=shelftest-21';
let postUrl = '';
/** Layout shift after the loader started writing, per visitor. */
const shifts = { de: NaN, us: NaN };

/**
 * Saves the settings screen's tags, localisation and credentials.
 * @param {import('playwright-core').Page} page
 */
async function saveSettings(page) {
	await page.goto(`${SITE}/wp-admin/options-general.php?page=shelf`);
	await page.getByLabel('www.amazon.com', { exact: true }).fill('shelftest-20');
	await page.getByLabel('www.amazon.de', { exact: true }).fill('shelftest-21');
	await page.locator('#shelf-localise').check();
	await page.locator('#shelf-localise-mode').selectOption('exact');
	for (const [region, version] of [['na', '3.1'], ['eu', '3.2']]) {
		await page.locator(`#shelf-credential-${region}-id`).fill('shelf-demo-id');
		await page.locator(`#shelf-credential-${region}-secret`).fill('shelf-demo-secret');
		await page.locator(`#shelf-credential-${region}-version`).selectOption(version);
	}
	await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
	await page.getByText('Settings saved.').waitFor();
}

/**
 * A visitor's view of the post, recording from the first byte: every href and price that a
 * rendered placement ever showed, and the layout shifts after the loader started writing.
 * @param {{ lang?: string, locale?: string, timezoneId?: string }} options
 */
async function visit(options) {
	const visitor = await launch(options);
	if (options.locale) await visitor.context.setExtraHTTPHeaders({ 'Accept-Language': options.locale });
	await visitor.context.addInitScript(() => {
		const seen = { hrefs: new Set(), amounts: new Set(), shifts: /** @type {Array<[number, number]>} */ ([]) };
		Object.assign(window, { __shelfSeen: seen });
		new MutationObserver(() => {
			for (const a of document.querySelectorAll('.shelf-placement--ready a[href]')) seen.hrefs.add(a.getAttribute('href'));
			for (const p of document.querySelectorAll('.shelf-placement--ready .shelf-amount')) seen.amounts.add(p.textContent);
		}).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['href', 'class'] });
		new PerformanceObserver((list) => {
			for (const e of /** @type {any[]} */ (list.getEntries())) if (!e.hadRecentInput) seen.shifts.push([e.startTime, e.value]);
		}).observe({ type: 'layout-shift', buffered: true });
	});
	const page = await visitor.context.newPage();
	/** @type {string[]} */
	const productRequests = [];
	page.on('request', (r) => r.url().includes('/shelf/v1/products') && productRequests.push(r.url()));
	await page.goto(postUrl);
	await page.waitForFunction(() => performance.getEntriesByName('shelf:rendered').length > 0, undefined, timeout);
	await page.waitForTimeout(300); // late layout shifts
	const seen = await page.evaluate(() => {
		const s = /** @type {any} */ (window).__shelfSeen;
		const start = performance.getEntriesByName('shelf:start')[0].startTime;
		const shift = s.shifts.filter(([at]) => at >= start).reduce((sum, [, value]) => sum + value, 0);
		return { hrefs: [...s.hrefs], amounts: [...s.amounts], shift };
	});
	return { ...visitor, page, seen, productRequests };
}

test('the owner sets a US default, a German tracking ID and localisation', async () => {
	const page = await context.newPage();
	await login(page);
	await saveSettings(page);
	assert.deepEqual(problems, []);
});

test('the refresh keeps amazon.de records of the published products after the US store’s own', async () => {
	const page = await context.newPage();
	postUrl = await createPost(page, 'Localised to the visitor’s store', CONTENT);
	await clearMockRequests();
	const refresh = await shelfRest(page, 'POST', 'admin/refresh');
	assert.equal(refresh.status, 200, JSON.stringify(refresh.body));
	const items = (await mockRequests()).filter((r) => r.path === '/catalog/v1/getItems');
	const markets = items.map((r) => r.marketplace);
	assert.ok(markets.includes('www.amazon.de'), markets.join());
	assert.equal(markets.indexOf('www.amazon.de'), markets.lastIndexOf('www.amazon.com') + 1, `own work first: ${markets.join()}`);
	const german = items.filter((r) => r.marketplace === 'www.amazon.de').flatMap((r) => r.body.itemIds);
	assert.ok(german.includes('B0SHLFK001') && german.includes('B0SHLFL002'), german.join());
	assert.ok(items.filter((r) => r.marketplace === 'www.amazon.de').every((r) => r.body.partnerTag === 'shelftest-21'));
	await page.close();
});

test('a German browser sees amazon.de’s records, EUR prices and German links from the first render', async () => {
	await clearMockRequests();
	const { browser: b, page, seen, productRequests, problems: visitorProblems } = await visit({ lang: 'de-DE', locale: 'de-DE', timezoneId: 'Europe/Berlin' });
	const box = page.locator('.shelf-placement--box');
	const kettle = box.locator('.shelf-item').filter({ hasText: 'Schwanenhals' });
	assert.equal(await kettle.locator('.shelf-amount').innerText(), '44,99 €');
	assert.equal(await kettle.locator('.shelf-stamp').count(), 1, 'the price has its stamp');
	assert.deepEqual([...new Set(await kettle.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))], [KETTLE_DE]);
	assert.equal(await page.locator('.shelf-placement--field').first().locator('.shelf-amount').innerText(), '44,99 €');

	// No amazon.de record for the lamp: no price, availability or stamp; "See price" instead.
	const lamp = box.locator('.shelf-item').filter({ hasNotText: 'Schwanenhals' });
	for (const absent of ['.shelf-amount', '.shelf-stamp', '.shelf-availability']) assert.equal(await lamp.locator(absent).count(), 0, absent);
	const seePrice = lamp.locator('a.shelf-button');
	assert.equal(await seePrice.innerText(), 'See price on Amazon');
	assert.equal(await seePrice.getAttribute('href'), LAMP_DE);
	assert.match(await seePrice.getAttribute('rel') ?? '', /^sponsored noopener\b/);
	assert.equal(await page.locator('.shelf-placement--field').nth(1).locator('a').getAttribute('href'), LAMP_DE);
	const table = page.locator('.shelf-placement--table');
	assert.equal(await table.locator('.shelf-amount').allInnerTexts().then((t) => t.join()), '44,99 €');

	// Every link any rendered placement ever showed is amazon.de's with the German tag, and no
	// price ever shown was in dollars: nothing rendered for the page's store first.
	assert.deepEqual(seen.hrefs.sort(), [KETTLE_DE, LAMP_DE]);
	assert.deepEqual(seen.amounts, ['44,99 €']);
	assert.equal(productRequests.length, 1, 'one request for the visitor’s store’s records');
	assert.match(productRequests[0], /market=www\.amazon\.de&asins=B0SHLFK001%2CB0SHLFL002$/);
	assert.equal(await page.locator('.shelf-disclosure').count(), 1);
	assert.deepEqual(await mockRequests(), [], 'no Creators API request while a visitor page renders');

	// The link works: it opens amazon.de's page of that ASIN (answered locally, offline).
	await page.context().route('https://www.amazon.de/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>amazon.de</title>' }));
	const [popup] = await Promise.all([page.waitForEvent('popup'), seePrice.click()]);
	await popup.waitForLoadState();
	assert.equal(popup.url(), LAMP_DE);
	await screenshot(page, 'localised-de');
	assert.deepEqual(visitorProblems, []);
	shifts.de = seen.shift;
	await b.close();
});

test('a US browser sees amazon.com’s records; the German view shifts the layout no more', async () => {
	const { browser: b, page, seen, productRequests, problems: visitorProblems } = await visit({ lang: 'en-US', locale: 'en-US', timezoneId: 'America/New_York' });
	const kettle = page.locator('.shelf-placement--box .shelf-item').filter({ hasText: 'Pour-Over Kettle' });
	assert.match(await kettle.locator('.shelf-amount').innerText(), /^\$/);
	for (const href of seen.hrefs) assert.equal(new URL(href).host, 'www.amazon.com', href);
	assert.deepEqual(productRequests, [], 'the page’s own records are embedded');
	assert.deepEqual(visitorProblems, []);
	shifts.us = seen.shift;
	await b.close();
	assert.ok(shifts.de <= shifts.us + 0.005, `German ${shifts.de} vs US ${shifts.us}`);
	assert.ok(shifts.de < 0.05, `German ${shifts.de}`);
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});
