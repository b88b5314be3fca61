// Shelf → Tables in Chromium: the "Copy" button of the shortcode column works from the keyboard,
// puts the shortcode on the clipboard and says "Copied" in the live region; where the Clipboard
// API refuses, the field is selected for Ctrl+C and the region says so.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, shelfRest, SITE, assertDebugLogEmpty, screenshot } from '../lib.mjs';

const { browser, context, problems } = await launch();
after(() => browser.close());

test('the shortcode column’s Copy button copies by keyboard and announces it', async () => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: SITE });
	const page = await context.newPage();
	await login(page);
	const created = await shelfRest(page, 'POST', 'tables', {
		title: 'Copy me',
		table: { version: 1, products: ['B0SHLFK001', 'B0SHLFL002'], rows: [{ type: 'title' }, { type: 'price' }] },
	});
	assert.equal(created.status, 201, JSON.stringify(created.body));
	const id = created.body.id;

	await page.goto(`${SITE}/wp-admin/edit.php?post_type=shelf_table`);
	const button = page.locator(`td.column-shelf_shortcode button[data-shelf-copy="shelf-shortcode-${id}"]`);
	await button.focus();
	await page.keyboard.press('Enter');
	await page.waitForFunction(() => document.getElementById('shelf-copy-status')?.textContent === 'Copied');
	assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `[amazon table="${id}"]`);
	assert.equal(await page.locator('#shelf-copy-status').getAttribute('aria-live'), 'polite');

	// The row action, by keyboard too (Space), announces again.
	await page.evaluate(() => navigator.clipboard.writeText(''));
	await page.evaluate(() => { const live = document.getElementById('shelf-copy-status'); if (live) live.textContent = ''; });
	await page.locator(`.row-actions button[data-shelf-copy="shelf-shortcode-${id}"]`).focus();
	await page.keyboard.press('Space');
	await page.waitForFunction(() => document.getElementById('shelf-copy-status')?.textContent === 'Copied');
	assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `[amazon table="${id}"]`);
	await screenshot(page, 'tables-list');

	// Without the Clipboard API the field ends up selected and the region says how to copy.
	await page.evaluate(() => {
		Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
		document.execCommand = () => false;
	});
	await button.click();
	await page.waitForFunction(() => document.getElementById('shelf-copy-status')?.textContent?.startsWith('Copying failed'));
	const selected = await page.evaluate(() => {
		const input = /** @type {HTMLInputElement} */ (document.activeElement);
		return input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0);
	});
	assert.equal(selected, `[amazon table="${id}"]`);

	assert.equal((await shelfRest(page, 'DELETE', `tables/${id}`)).status, 200);
	assert.deepEqual(problems, []);
	assertDebugLogEmpty();
	await page.close();
});
