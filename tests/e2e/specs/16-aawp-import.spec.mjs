// Tools → Import → AAWP in Chromium, on a site holding AAWP's data (tests/fixtures/aawp, built
// from the documented format): the dry run lists every AAWP table with what would happen and
// what Shelf cannot express, the settings that would change and AAWP's products; axe-core finds
// nothing serious; photographed at 1280 and 390 px. Import, then the AAWP shortcode
// `[amazon table="<AAWP ID>"]` shows the imported tables to a visitor with AAWP's rows, labels,
// highlight and hidden items. A second import changes nothing. The fixture, what the import
// made, and Shelf's settings are put back at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, teardown, login, createPost, screenshot, axeViolations, assertDebugLogEmpty, SITE } from '../lib.mjs';

const fixture = fileURLToPath(new URL('../../fixtures/aawp/cli.php', import.meta.url));
const cli = (/** @type {string} */ command) => execFileSync('php', [fixture, command], { env: process.env, encoding: 'utf8' }).trim();
const { context, problems } = await launch();
const timeout = { timeout: 30_000 };

/** @type {Record<string, number>} AAWP table IDs by fixture key. */
const aawp = JSON.parse(cli('install'));
/** @type {number[]} */
const posts = [];
teardown(async () => {
	const page = await context.newPage();
	await login(page);
	for (const id of posts) {
		await page.evaluate(async (id) => {
			const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
			await fetch(`/wp-json/wp/v2/posts/${id}?force=true`, { method: 'DELETE', headers: { 'X-WP-Nonce': nonce } });
		}, id);
	}
	cli('remove');
});

const IMPORTER = `${SITE}/wp-admin/admin.php?import=shelf-aawp`;
/** The report's row of an AAWP table. @param {import('playwright-core').Page} page @param {string} key */
const tableRow = (page, key) => page.locator(`.shelf-aawp-tables tr[data-aawp-table="${aawp[key]}"]`);

test('the dry run lists what would be imported and what Shelf cannot express', async () => {
	const page = await context.newPage();
	await login(page);
	await page.goto(`${SITE}/wp-admin/import.php`);
	await page.locator('a[href*="import=shelf-aawp"]').first().click();
	await page.waitForURL(/import=shelf-aawp/);
	await page.getByRole('heading', { name: 'Move from AAWP', level: 1 }).waitFor(timeout);
	await page.getByText('This is a dry run').waitFor(timeout);

	for (const key of ['kettles', 'grinders', 'mobile']) {
		assert.match(await tableRow(page, key).locator('.shelf-aawp-state').innerText(), new RegExp(`^Will be imported as a new Shelf table; \\[amazon table="${aawp[key]}"\\] will show it\\.$`), key);
	}
	assert.match(await tableRow(page, 'draft').innerText(), /Not imported: its status in AAWP is “draft”/);
	assert.match(await tableRow(page, 'hidden').innerText(), /Not imported: every product is hidden/);
	assert.match(await tableRow(page, 'grinders').innerText(), /Grinders <script>alert\(1\)<\/script> \(ID \d+\)/, 'the hostile title is text');
	assert.match(await tableRow(page, 'grinders').innerText(), /Row “Extra” runs shortcodes in AAWP/);
	assert.equal(await page.evaluate(() => document.querySelectorAll('.shelf-aawp-import script, .shelf-aawp-import img').length), 0);

	const settings = await page.locator('.shelf-aawp-settings').innerText();
	assert.match(settings, /Default store\s+www\.amazon\.com\s+www\.amazon\.de/);
	assert.match(settings, /Tracking ID › www\.amazon\.de\s+\S+\s+aawpfixture-21/);
	assert.match(await page.locator('.shelf-aawp-import').innerText(), /Detail button text “More details”: Shelf shows one button per product/);
	assert.match(await page.locator('.shelf-aawp-products').innerText(), /^6 products of www\.amazon\.de; \d of them are new to Shelf/);
	assert.doesNotMatch(await page.content(), /fixture-secret-never-shown|AKIAFIXTUREKEY/, 'no AAWP secret on the screen');

	assert.deepEqual(await axeViolations(page, ['.shelf-aawp-import']), [], 'axe-core: no serious or critical violations');
	await screenshot(page, 'aawp-import-dry-run');
	await page.setViewportSize({ width: 390, height: 844 });
	await screenshot(page, 'aawp-import-dry-run-390');
	assert.deepEqual(problems, []);
	await page.close();
});

test('Import, then [amazon table="<AAWP ID>"] shows visitors the tables as AAWP configured them', async () => {
	const page = await context.newPage();
	await login(page);
	await page.goto(IMPORTER);
	await Promise.all([page.waitForURL(/done=1/), page.getByRole('button', { name: 'Import' }).click()]);
	await page.getByText('The import is done.').waitFor(timeout);
	for (const key of ['kettles', 'grinders']) {
		assert.match(await tableRow(page, key).locator('.shelf-aawp-state').innerText(), new RegExp(`^Imported as Shelf table \\d+; \\[amazon table="${aawp[key]}"\\] shows it\\.$`), key);
	}
	await screenshot(page, 'aawp-import-done');
	const url = await createPost(page, 'Moved from AAWP', `[amazon table="${aawp.kettles}"]\n\n[amazon table="${aawp.grinders}"]`);
	posts.push(Number(await page.evaluate(async (url) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const found = await (await fetch(`/wp-json/wp/v2/posts?search=${encodeURIComponent('Moved from AAWP')}&_fields=id,link`, { headers: { 'X-WP-Nonce': nonce } })).json();
		return found.find((/** @type {{link: string}} */ p) => p.link === url)?.id ?? 0;
	}, url)));
	await page.close();

	await context.clearCookies(); // a visitor
	const v = await context.newPage();
	await v.goto(url);
	const tables = v.locator('.shelf-placement--ready');
	await tables.nth(1).waitFor(timeout);
	assert.equal(await tables.count(), 2);

	const kettles = tables.nth(0);
	assert.deepEqual(await kettles.locator('th.shelf-label').allInnerTexts(), ['Product', 'Picture', 'Price', 'Cordless', 'Capacity & size', 'Buy'], 'AAWP’s rows in order, the hidden rating row left out');
	assert.equal(await kettles.locator('th[scope="col"]').count(), 2, 'the hidden product is left out');
	assert.equal(await kettles.locator('a[href*="B0SHLFM003"]').count(), 0);
	assert.equal(await kettles.locator('tr.shelf-row--price.shelf-row--highlight').count(), 1, 'the highlighted row');
	assert.equal(await kettles.locator('.shelf-highlight .shelf-ribbon').textContent(), 'Our pick', 'the highlighted product and its ribbon');
	assert.deepEqual(await kettles.locator('tr.shelf-row--text td').allInnerTexts(), ['1.7 l', '1.5 l']);
	assert.equal(await kettles.locator('tr.shelf-row--yesNo .shelf-yes').count(), 1);
	assert.equal(await kettles.locator('tr.shelf-row--yesNo .shelf-no').count(), 1);
	assert.ok(await kettles.locator('.shelf-labels-shown').count() || /shelf-labels-shown/.test(await kettles.evaluate((e) => e.outerHTML)), 'labels shown');

	const grinders = tables.nth(1);
	assert.match(await grinders.evaluate((e) => e.outerHTML), /shelf-labels-hidden-mobile/, 'labels inherited from AAWP’s global setting: hidden on mobile');
	assert.deepEqual(await grinders.locator('th.shelf-label').allInnerTexts(), ['Model', 'Manual', 'Notes', 'Burrs'], 'the shortcode row is hidden, HTML left the labels');
	assert.equal(await grinders.locator('tr.shelf-row--html.shelf-row--highlight em').innerText(), 'Quiet');
	assert.equal(await grinders.locator('tr.shelf-row--customButton a', { hasText: 'Read the manual' }).getAttribute('href'), 'https://example.com/p004.pdf');
	assert.equal(await grinders.locator('.shelf-highlight .shelf-ribbon').textContent(), 'Budget pick');
	assert.equal(await v.evaluate(() => document.querySelectorAll('.shelf-placement img[onerror], .shelf-placement script').length), 0);
	await screenshot(v, 'aawp-import-tables');
	await v.setViewportSize({ width: 390, height: 844 });
	await screenshot(v, 'aawp-import-tables-390');
	await v.close();
	assert.deepEqual(problems, []);
});

test('a second import changes nothing and says so', async () => {
	const page = await context.newPage();
	await login(page);
	await page.goto(IMPORTER);
	for (const key of ['kettles', 'grinders', 'mobile']) {
		assert.match(await tableRow(page, key).locator('.shelf-aawp-state').innerText(), /^Already imported as Shelf table \d+; .* Nothing changes\.$/, key);
	}
	assert.match(await page.locator('.shelf-aawp-import').innerText(), /Already imported on .*; the import will not change Shelf’s settings again\./);
	await Promise.all([page.waitForURL(/done=1/), page.getByRole('button', { name: 'Import' }).click()]);
	assert.match(await tableRow(page, 'kettles').locator('.shelf-aawp-state').innerText(), /^Already imported as Shelf table \d+/);
	assert.deepEqual(problems, []);
	assertDebugLogEmpty();
	await page.close();
});
