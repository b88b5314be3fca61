// Issue 13, no-API mode and Shelf → Products in Chromium. The site runs without credentials for
// this file (site-state.php keeps the ones spec 03 stored aside and puts them back at the end):
// the settings and Products screens say what works; a manual product is added and edited by
// keyboard (ASIN from a pasted Amazon link, image from the Media Library); visitors see it in a
// box and a table with "See price on Amazon" and no price, and without JavaScript a link named
// after it; the Products screen lists it and the store's products with their statuses; hostile
// strings in every field stay text. The site's own http origin is named in
// SHELF_DEV_IMAGE_ORIGINS for the file (wp-config-extra.php is put back after), as production
// images must be https. Runs after 03, whose refresh fetched B0SHLFK001 (fresh here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launch, login, createPost, SITE, assertDebugLogEmpty, screenshot, axeViolations, teardown } from '../lib.mjs';

const siteState = fileURLToPath(new URL('../../php/tools/site-state.php', import.meta.url));
const EXTRA = join(process.env.SHELF_SITE_DIR ?? assert.fail('SHELF_SITE_DIR is not set'), 'wp-config-extra.php');
/** A synthetic-range ASIN no other spec uses. */
const ASIN = 'B0SHLFE171';
const HOSTILE_ASIN = 'B0SHLFE172';
const HOSTILE = `"><img src=x onerror="window.__shelfXss=1"><script>window.__shelfXss=1</script>&amp; <b>bold</b>`;
const timeout = { timeout: 30_000 };

/** Runs a state switch on the site. @param {string} command */
const state = (command) => execFileSync('php', [siteState, command], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });

const originalExtra = readFileSync(EXTRA, 'utf8');
const { context, problems } = await launch();
state('hide-credentials');
writeFileSync(EXTRA, `${originalExtra.trimEnd()}\ndefine( 'SHELF_DEV_IMAGE_ORIGINS', array( '${SITE}' ) );\n`);
teardown(async () => {
	writeFileSync(EXTRA, originalExtra);
	state('restore-credentials');
});

/** A 240×180 PNG (a brown disc on cream), so the Media Library makes real sizes of nothing. */
function png() {
	const [w, h] = [240, 180];
	const rows = Buffer.alloc((w * 3 + 1) * h);
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			const inside = (x - 120) ** 2 + (y - 90) ** 2 < 70 ** 2;
			rows.set(inside ? [92, 64, 51] : [233, 226, 214], y * (w * 3 + 1) + 1 + x * 3);
		}
	}
	const chunk = (/** @type {string} */ type, /** @type {Buffer} */ data) => {
		const body = Buffer.concat([Buffer.from(type), data]);
		const out = Buffer.alloc(12 + data.length);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc32(body), 8 + data.length);
		return out;
	};
	const head = Buffer.alloc(13);
	head.writeUInt32BE(w, 0);
	head.writeUInt32BE(h, 4);
	head.set([8, 2, 0, 0, 0], 8);
	return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', head), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Opens a URL as a visitor once every placement rendered. @param {string} url */
async function visit(url) {
	const visitor = await launch();
	const page = await visitor.context.newPage();
	await page.goto(url);
	await page.waitForFunction(() => document.querySelectorAll('.shelf-placement:not(.shelf-placement--ready)').length === 0, undefined, timeout);
	return { ...visitor, page };
}

/** The Products screen's row for an ASIN and store. @param {import('playwright-core').Page} page @param {string} asin @param {string} store */
function row(page, asin, store) {
	return page.locator('#the-list tr').filter({ has: page.locator('td.column-asin', { hasText: asin }) }).filter({ has: page.locator('td.column-store', { hasText: store }) });
}

let postUrl = '';

test('without credentials the settings and Products screens say what works and what does not', async () => {
	const page = await context.newPage();
	await login(page);
	for (const url of [`${SITE}/wp-admin/options-general.php?page=shelf`, `${SITE}/wp-admin/admin.php?page=shelf-products`]) {
		await page.goto(url);
		const notice = page.locator('.shelf-no-api');
		await notice.waitFor();
		const text = await notice.innerText();
		assert.match(text, /without the Creators API/);
		assert.match(text, /Works now: manual products/);
		assert.match(text, /tracking ID on every Amazon link/);
		assert.match(text, /Needs Creators API access .*prices/s);
		assert.deepEqual(await axeViolations(page, ['.shelf-no-api']), []);
	}
	await page.close();
});

test('a manual product is added and edited by keyboard, with a Media Library image', async () => {
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/`);
	// An image in the Media Library, uploaded as the owner would.
	const uploaded = await page.evaluate(async (bytes) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const response = await fetch('/wp-json/wp/v2/media', {
			method: 'POST',
			headers: { 'X-WP-Nonce': nonce, 'Content-Type': 'image/png', 'Content-Disposition': 'attachment; filename="e2e-grinder.png"' },
			body: new Uint8Array(bytes),
		});
		return { status: response.status, body: await response.json() };
	}, [...png()]);
	assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));

	await page.goto(`${SITE}/wp-admin/admin.php?page=shelf-products`);
	await page.getByRole('link', { name: 'Add manual product' }).focus();
	await Promise.all([page.waitForURL(/action=new/), page.keyboard.press('Enter')]);
	await page.locator('#shelf-product-title').focus();
	await page.keyboard.type('Hand coffee grinder');
	await page.keyboard.press('Tab');
	// A pasted Amazon link: the admin core finds its ASIN when the field is left.
	await page.keyboard.insertText(`https://www.amazon.com/Hand-Grinder/dp/${ASIN}/ref=sr_1_1?keywords=grinder`);
	await page.keyboard.press('Tab');
	await page.waitForFunction((asin) => /** @type {HTMLInputElement} */ (document.getElementById('shelf-product-asin')).value === asin, ASIN, timeout);
	assert.equal(await page.locator('#shelf-product-asin-status').innerText(), `Found ASIN ${ASIN} (www.amazon.com).`);
	// The Media Library, by keyboard: open, pick the upload, use it.
	await page.locator('#shelf-product-image-pick').focus();
	await page.keyboard.press('Enter');
	// The modal may open on its upload tab: the library tab, by keyboard.
	await page.locator('.media-modal #menu-item-browse').focus();
	await page.keyboard.press('Enter');
	const item = page.locator(`.media-modal li.attachment[data-id="${uploaded.body.id}"]`);
	await item.waitFor(timeout);
	await item.focus();
	await page.keyboard.press('Enter');
	await page.locator('.media-modal .media-button-select:not([disabled])').focus();
	await page.keyboard.press('Enter');
	await page.locator('#shelf-product-image-preview img').waitFor();
	assert.equal(await page.locator('#shelf-product-image').inputValue(), String(uploaded.body.id));
	await page.locator('#shelf-product-features').focus();
	await page.keyboard.type('Ceramic burrs');
	await page.keyboard.press('Enter');
	await page.keyboard.type('Fits in a travel bag');
	await page.locator('#shelf-product-rating').focus();
	await page.keyboard.type('4.5');
	assert.deepEqual(await axeViolations(page, ['#shelf-product-form']), []);
	await screenshot(page, 'products-form-1280');
	await page.setViewportSize({ width: 390, height: 844 });
	await screenshot(page, 'products-form-390');
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.locator('#submit').focus();
	await Promise.all([page.waitForURL(/shelf_done=saved/), page.keyboard.press('Enter')]);
	await page.getByText('Manual product saved.').waitFor();

	// Edit: the row's "Edit manual data", then a new title.
	const manual = row(page, ASIN, 'Every store');
	await manual.locator('a', { hasText: 'Edit manual data' }).focus();
	await Promise.all([page.waitForURL(/action=edit/), page.keyboard.press('Enter')]);
	assert.equal(await page.locator('#shelf-product-asin').inputValue(), ASIN);
	await page.locator('#shelf-product-title').fill('');
	await page.locator('#shelf-product-title').focus();
	await page.keyboard.type('Hand coffee grinder (our review)');
	await page.keyboard.press('Enter');
	await page.waitForURL(/shelf_done=saved/);
	assert.equal(await row(page, ASIN, 'Every store').locator('td.column-title .row-title').innerText(), 'Hand coffee grinder (our review)');
	assert.equal(await row(page, ASIN, 'Every store').locator('td.column-source').innerText(), 'Manual');
	assert.deepEqual(problems, []);
	await page.close();
});

test('a site without credentials shows the manual product in a box and a table, and without JavaScript a link', async () => {
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/`);
	postUrl = await createPost(page, 'Manual products', `[amazon box="${ASIN}"]\n\n[amazon table="${ASIN}"]`);
	await page.close();
	const visitor = await visit(postUrl);
	for (const placement of ['.shelf-placement--box', '.shelf-placement--table']) {
		const node = visitor.page.locator(placement);
		assert.match(await node.innerText(), /Hand coffee grinder \(our review\)/);
		const button = node.locator('a.shelf-button');
		assert.equal(await button.innerText(), 'See price on Amazon');
		assert.equal(await button.getAttribute('href'), `https://www.amazon.com/dp/${ASIN}?tag=shelftest-20`);
		assert.equal(await node.locator('.shelf-offer, .shelf-amount').count(), 0, 'no price');
		const src = await node.locator('img').first().getAttribute('src');
		assert.ok(src?.startsWith(`${SITE}/wp-content/uploads/`), `the image is the site's own: ${src}`);
	}
	assert.match(await visitor.page.locator('.shelf-placement--box').innerText(), /Our rating/);
	assert.deepEqual(await axeViolations(visitor.page, ['.shelf-placement']), []);
	await screenshot(visitor.page, 'products-visitor-1280');
	await visitor.page.setViewportSize({ width: 390, height: 844 });
	await screenshot(visitor.page, 'products-visitor-390');
	assert.deepEqual(visitor.problems, []);

	const noJs = await launch();
	const plain = await noJs.browser.newContext({ javaScriptEnabled: false });
	const noJsPage = await plain.newPage();
	await noJsPage.goto(postUrl);
	const link = noJsPage.locator('.shelf-placement--box .shelf-fallback a');
	assert.equal(await link.innerText(), 'Hand coffee grinder (our review)');
	assert.equal(await link.getAttribute('href'), `https://www.amazon.com/dp/${ASIN}?tag=shelftest-20`);
	assertDebugLogEmpty();
});

test('the Products screen lists the store’s products and the manual one with their statuses', async () => {
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/admin.php?page=shelf-products`);
	// Placing the manual product's ASIN made it known in the store; a refresh without
	// credentials fails with the reason.
	const stored = row(page, ASIN, 'www.amazon.com');
	// (Not fetched yet on a fresh site; a rerun after credentials came back finds it unavailable.)
	const before = (await stored.locator('td.column-status').innerText()).split('\n')[0];
	assert.match(before, /^(Not fetched yet|Error|Unavailable)$/);
	await stored.locator('a', { hasText: 'Refresh now' }).focus();
	await Promise.all([page.waitForURL(/shelf_done=refreshed/), page.keyboard.press('Enter')]);
	const status = await row(page, ASIN, 'www.amazon.com').locator('td.column-status').innerText();
	assert.match(status, before === 'Unavailable' ? /^Unavailable/ : /^Error/);
	assert.match(status, /No Creators API credential/);
	// Used in the post of the test before, linked to its editor.
	const usage = row(page, ASIN, 'www.amazon.com').locator('td.column-usage');
	assert.match(await usage.locator('summary').innerText(), /^\d+ posts?$/);
	await usage.locator('summary').focus();
	await page.keyboard.press('Enter');
	assert.match(await usage.getByRole('link', { name: 'Manual products' }).first().getAttribute('href') ?? '', /post\.php\?post=\d+&action=edit/);
	// Products earlier specs fetched from the API are fresh.
	await page.goto(`${SITE}/wp-admin/admin.php?page=shelf-products&status=fresh&store=www.amazon.com`);
	const fresh = row(page, 'B0SHLFK001', 'www.amazon.com');
	assert.equal(await fresh.locator('td.column-status').innerText(), 'Fresh');
	assert.equal(await fresh.locator('td.column-source').innerText(), 'Creators API');
	assert.ok((await fresh.locator('td.column-title').innerText()).length > 10, 'the API title');
	assert.equal(await page.locator('#the-list td.column-source', { hasText: 'Manual' }).count(), 0, 'a status filter leaves manual products out');
	// Search by ASIN.
	await page.goto(`${SITE}/wp-admin/admin.php?page=shelf-products`);
	await page.locator('#shelf-products-search-input').fill(ASIN);
	await Promise.all([page.waitForURL(/s=B0SHLFE171/), page.locator('#search-submit').click()]);
	const found = await page.locator('#the-list td.column-asin').allInnerTexts();
	assert.ok(found.length >= 2 && found.every((asin) => asin === ASIN), `only the manual row and its store rows: ${found}`);
	assert.equal(await row(page, ASIN, 'Every store').count(), 1);
	assert.deepEqual(await axeViolations(page, ['#wpbody-content']), []);
	await screenshot(page, 'products-list-1280');
	await page.setViewportSize({ width: 390, height: 844 });
	await screenshot(page, 'products-list-390');
	await page.setViewportSize({ width: 1280, height: 900 });
	assert.deepEqual(problems, []);
	await page.close();
});

test('hostile strings in every field stay text in the screens and on the page', async () => {
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/admin.php?page=shelf-products&action=new`);
	await page.locator('#shelf-product-title').fill(HOSTILE);
	await page.locator('#shelf-product-asin').fill(HOSTILE_ASIN);
	await page.locator('#shelf-product-features').fill(`${HOSTILE}\n${HOSTILE}`);
	await page.locator('#shelf-product-button-text').fill(HOSTILE);
	await page.locator('#shelf-product-notes').fill(HOSTILE);
	await Promise.all([page.waitForURL(/shelf_done=saved/), page.locator('#submit').click()]);
	const listed = row(page, HOSTILE_ASIN, 'Every store');
	assert.equal(await listed.locator('.row-title').innerText(), HOSTILE);
	// Row actions show on focus (keyboard) or hover.
	await listed.locator('a', { hasText: 'Edit manual data' }).focus();
	await Promise.all([page.waitForURL(/action=edit/), page.keyboard.press('Enter')]);
	assert.equal(await page.locator('#shelf-product-title').inputValue(), HOSTILE);
	assert.equal(await page.locator('#shelf-product-notes').inputValue(), HOSTILE);
	assert.equal(await page.evaluate(() => /** @type {any} */ (window).__shelfXss), undefined);

	const url = await createPost(page, 'Hostile manual product', `[amazon box="${HOSTILE_ASIN}"] [amazon link="${HOSTILE_ASIN}"]`);
	const visitor = await visit(url);
	const box = visitor.page.locator('.shelf-placement--box');
	assert.equal(await box.locator('.shelf-title').innerText(), HOSTILE);
	assert.equal(await box.locator('a.shelf-button').innerText(), HOSTILE);
	assert.equal(await box.locator('.shelf-features li').first().innerText(), HOSTILE);
	assert.equal(await visitor.page.locator('.shelf-placement img[src="x"], .shelf-placement script, .shelf-placement b').count(), 0);
	assert.ok(!(await visitor.page.content()).includes('window.__shelfXss=1</script>'), 'no script from the fields in the page');
	assert.equal(await visitor.page.evaluate(() => /** @type {any} */ (window).__shelfXss), undefined);
	assert.deepEqual(visitor.problems, []);

	// Remove it again: to the Trash, with Undo.
	await page.goto(`${SITE}/wp-admin/admin.php?page=shelf-products&source=manual`);
	await row(page, HOSTILE_ASIN, 'Every store').locator('a', { hasText: 'Remove' }).focus();
	await Promise.all([page.waitForURL(/shelf_done=trashed/), page.keyboard.press('Enter')]);
	await page.getByText('Manual product moved to the Trash.').waitFor();
	assert.equal(await row(page, HOSTILE_ASIN, 'Every store').count(), 0);
	await page.getByRole('link', { name: 'Undo' }).click();
	await page.getByText('Manual product restored.').waitFor();
	assert.equal(await row(page, HOSTILE_ASIN, 'Every store').count(), 1);
	await page.goto(`${SITE}/wp-admin/admin.php?page=shelf-products&source=manual`);
	await row(page, HOSTILE_ASIN, 'Every store').locator('a', { hasText: 'Remove' }).focus();
	await Promise.all([page.waitForURL(/shelf_done=trashed/), page.keyboard.press('Enter')]);
	await page.getByText('Manual product moved to the Trash.').waitFor();
	assert.deepEqual(problems, []);
	assertDebugLogEmpty();
	await page.close();
});
