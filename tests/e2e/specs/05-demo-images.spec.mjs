// Demo pictures: the Creators API mock serves the fixtures' product images, and a site that
// defines the developer constant SHELF_DEV_IMAGE_ORIGINS (the demo, never production) shows
// them; without it the core refuses the same image URLs, as it refuses any host but Amazon's.
// Runs after 03 (credentials and tags set). Writes the constant into wp-config-extra.php for one
// test and puts the file back after.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, login, createPost, shelfRest, assertDebugLogEmpty } from '../lib.mjs';

const MOCK = process.env.SHELF_MOCK_URL ?? assert.fail('SHELF_MOCK_URL is not set');
const EXTRA = join(process.env.SHELF_SITE_DIR ?? assert.fail('SHELF_SITE_DIR is not set'), 'wp-config-extra.php');
const AMAZON_IMAGES = 'https://m.media-amazon.com/images/I/';
/** A synthetic-range ASIN no other spec uses, served with the mock's own image URLs. */
const ASIN = 'B0SHLFGIMG';
const IMAGE = `${MOCK}/images/I/41ShfKtl01L._SL500_.jpg`;
const timeout = { timeout: 30_000 };

const { browser, context, problems } = await launch();
const originalExtra = readFileSync(EXTRA, 'utf8');
after(async () => {
	writeFileSync(EXTRA, originalExtra);
	await browser.close();
});
let postUrl = '';

/** Opens the post as a visitor (pictures from the mock allowed) once every placement rendered. */
async function visit() {
	const visitor = await launch();
	await visitor.context.route(`${MOCK}/images/**`, (route) => route.continue());
	const page = await visitor.context.newPage();
	const pictures = [];
	page.on('request', (r) => {
		if (r.url().startsWith(`${MOCK}/images/`)) pictures.push(r.url());
	});
	await page.goto(postUrl);
	await page.waitForFunction(() => document.querySelectorAll('.shelf-placement:not(.shelf-placement--ready)').length === 0, undefined, timeout);
	return { ...visitor, page, pictures };
}

test('a product whose image URLs point at the mock is fetched into the store', async () => {
	// K001 as the fixture has it, moved to ASIN and to the mock's pictures.
	const fixture = readFileSync(fileURLToPath(new URL('../../fixtures/creators-api/get-items-3-items.json', import.meta.url)), 'utf8');
	const k001 = JSON.parse(fixture).itemsResult.items.find((i) => i.asin === 'B0SHLFK001');
	const item = JSON.parse(JSON.stringify(k001).replaceAll('B0SHLFK001', ASIN).replaceAll(AMAZON_IMAGES, `${MOCK}/images/I/`));
	assert.equal(item.images.primary.large.url, IMAGE);
	const set = await fetch(`${MOCK}/__mock/items`, { method: 'POST', body: JSON.stringify({ marketplace: 'www.amazon.com', items: [item] }) });
	assert.equal(set.status, 200);
	assert.equal((await fetch(IMAGE)).headers.get('content-type'), 'image/jpeg', 'the mock serves the picture');

	const page = await context.newPage();
	await login(page);
	postUrl = await createPost(page, 'Demo pictures', `[amazon box="${ASIN}"]`);
	const refresh = await shelfRest(page, 'POST', 'admin/refresh');
	assert.equal(refresh.status, 200, JSON.stringify(refresh.body));
	const records = await page.evaluate(async (asin) => (await fetch(`/wp-json/shelf/v1/products?market=www.amazon.com&asins=${asin}`)).json(), ASIN);
	assert.equal(records.records[ASIN].item.images.primary.large.url, IMAGE);
	await page.close();
});

test('without SHELF_DEV_IMAGE_ORIGINS the core renders no image from the mock', async () => {
	assert.ok(!originalExtra.includes('SHELF_DEV_IMAGE_ORIGINS'), 'the test site is not in demo mode');
	const { browser: visitor, page, pictures, problems: visitorProblems } = await visit();
	const html = await page.content();
	assert.ok(html.includes(IMAGE) || html.includes(IMAGE.replaceAll('/', '\\/')), 'the record with the URL is on the page');
	assert.equal(await page.locator('.shelf-placement--box.shelf-placement--ready').count(), 1);
	assert.equal(await page.locator('.shelf-placement img').count(), 0);
	assert.deepEqual(pictures, []);
	assert.deepEqual(visitorProblems, []);
	await visitor.close();
});

test('with SHELF_DEV_IMAGE_ORIGINS naming the mock, its pictures load in the browser', async () => {
	writeFileSync(EXTRA, `${originalExtra.trimEnd()}\ndefine( 'SHELF_DEV_IMAGE_ORIGINS', array( '${MOCK}' ) );\n`);
	// OPcache re-reads a changed file only every few seconds: wait until pages carry the origin.
	const origin = `"imageOrigins":["${MOCK.replaceAll('/', '\\/')}"]`;
	for (let seen = 0, tries = 0; seen < 2; tries++) {
		assert.ok(tries < 40, 'the site never picked up SHELF_DEV_IMAGE_ORIGINS');
		const html = await (await fetch(postUrl)).text();
		seen = html.includes(origin) || html.includes(origin.replaceAll('\\/', '/')) ? seen + 1 : 0;
		if (seen < 2) await new Promise((r) => setTimeout(r, 250));
	}
	const { browser: visitor, page, pictures, problems: visitorProblems } = await visit();
	const img = page.locator('.shelf-placement--box img').first();
	assert.equal(await img.getAttribute('src'), IMAGE);
	await page.waitForFunction((el) => el.complete, await img.elementHandle(), timeout);
	assert.deepEqual(await img.evaluate((el) => [el.naturalWidth, el.naturalHeight]), [400, 500]);
	assert.ok(pictures.includes(IMAGE));
	assert.deepEqual(visitorProblems, []);
	await visitor.close();
	writeFileSync(EXTRA, originalExtra);
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});
