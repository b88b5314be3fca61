// Shelf → Tables → Add table in Chromium: a table built from the keyboard and mouse as an owner
// would (3 products, rows of 10 types, per-product values, reorder, hide, highlight), previewed
// by the core at desktop and 390 px, saved, undone and restored; placed by shortcode and by
// block, where visitors get the very markup the builder previewed. Hostile strings typed into
// every field by an editor stay text. axe-core finds nothing serious on the builder or the
// placement.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, userWithRole, shelfRest, createPost, screenshot, axeViolations, assertDebugLogEmpty, SITE } from '../lib.mjs';

const { browser, context, problems } = await launch();
const timeout = { timeout: 30_000 };
after(() => browser.close());

/** @param {import('playwright-core').Page} page */
const builder = (page) => page.locator('.shelf-builder');

/** The builder's preview frame's body, once the core has rendered into it. @param {import('playwright-core').Page} page */
async function previewBody(page) {
	const frame = page.frameLocator('iframe.shelf-builder__frame');
	await frame.locator('.shelf-compare').waitFor(timeout);
	return frame.locator('body');
}

/** @param {import('playwright-core').Page} page @param {string} asin */
async function addProduct(page, asin) {
	const search = page.getByLabel('Add a product: search, or paste an ASIN or Amazon link');
	await search.fill(asin);
	await search.press('Enter');
	await page.locator('.shelf-builder__meta', { hasText: asin }).waitFor(timeout);
}

/** @param {import('playwright-core').Page} page @param {string} type option value */
async function addRow(page, type) {
	await page.getByLabel('New row type').selectOption(type);
	await page.getByRole('button', { name: 'Add row' }).click();
}

/** The row's list item in the builder, by its type's name. @param {import('playwright-core').Page} page @param {string} name */
const row = (page, name) => page.locator('.shelf-builder__items > li').filter({ has: page.getByLabel(`Label of the ${name} row`, { exact: true }) });

/** Presses a button from the keyboard. @param {import('playwright-core').Locator} button @param {string} [key] */
async function press(button, key = 'Enter') {
	await button.focus();
	await button.press(key);
}

let tableId = 0;
let previewed = '';

test('an owner builds a table with 3 products and 10 row types, reorders, hides, highlights and saves it', async () => {
	const page = await context.newPage();
	await login(page);
	await page.goto(`${SITE}/wp-admin/admin.php?page=shelf-table`);
	await builder(page).waitFor(timeout);
	assert.equal(await page.getByText('script is missing').count(), 0);
	await page.locator('.shelf-builder__title input').fill('Kettles');
	for (const asin of ['B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003']) await addProduct(page, asin);
	// The products' names come from the core (Amazon's titles), not only their ASINs.
	await page.locator('.shelf-builder__name', { hasText: 'Fixturo Pour-Over Kettle' }).waitFor(timeout);
	await page.locator('.shelf-builder__name', { hasText: 'Fixturo X1' }).waitFor(timeout);

	await addRow(page, 'yesNo');
	await row(page, 'Yes / no').getByLabel('Label of the Yes / no row').fill('Dishwasher safe');
	const selects = row(page, 'Yes / no').locator('select');
	await selects.nth(0).selectOption('yes');
	await selects.nth(1).selectOption('no');
	await selects.nth(2).selectOption('yes');
	await addRow(page, 'text');
	const text = row(page, 'Text');
	await text.getByLabel('Label of the Text row').fill('Capacity');
	await text.getByLabel('Value for every product').fill('n/a');
	await text.getByLabel('Value', { exact: true }).first().fill('1.2 L');
	await addRow(page, 'customButton');
	const custom = row(page, 'Custom button');
	await custom.getByLabel('Label of the Custom button row').fill('Manual');
	await custom.getByLabel('Button link for every product').fill('https://example.com/manual');
	await custom.getByLabel('Button text for every product').fill('Read the manual');
	for (const type of ['rating', 'prime', 'reviews']) await addRow(page, type);

	// From the keyboard: the Capacity row moves up (above Dishwasher safe), Reviews is hidden,
	// Capacity highlighted, and the third product moves to second place.
	await press(text.getByRole('button', { name: 'Move row Capacity up' }));
	const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
	assert.equal(await focused(), 'Move row Capacity up', 'focus stays on the moved row’s button');
	await press(row(page, 'Reviews').getByRole('button', { name: 'Hide row Reviews' }), 'Space');
	await press(text.getByRole('button', { name: 'Highlight row Capacity' }));
	await press(page.getByRole('button', { name: /^Move Fixturo X1 .* up$/ }));
	await page.getByLabel('Caption', { exact: true }).fill('Kettles compared');
	await page.getByLabel('Row labels', { exact: true }).selectOption('hiddenMobile');
	await page.getByLabel('Highlighted product', { exact: true }).selectOption('B0SHLFL002');
	await page.getByLabel('Ribbon over the highlighted product').fill('Best value');

	const body = await previewBody(page);
	await body.locator('caption', { hasText: 'Kettles compared' }).waitFor(timeout);
	const preview = await body.innerHTML();
	assert.match(preview, /shelf-row--highlight/, 'the highlighted row is marked');
	assert.doesNotMatch(preview, /shelf-row--reviews/, 'the hidden row is not shown');
	assert.match(preview, /<span class="shelf-ribbon">Best value<\/span>/);
	assert.ok(preview.indexOf('B0SHLFM003') < preview.indexOf('B0SHLFL002'), 'columns follow the new order');
	assert.ok(preview.indexOf('Capacity') < preview.indexOf('Dishwasher safe'), 'rows follow the new order');
	assert.match(preview, /href="https:\/\/example\.com\/manual"/);
	assert.equal(await body.locator('.shelf-yes').count(), 2);
	assert.equal(await body.locator('.shelf-no').count(), 1);
	await screenshot(page, 'table-builder-1280');
	// The screen's content (WordPress's own menu and toolbar are not Shelf's to fix).
	const violations = await axeViolations(page, ['.wrap']);
	assert.deepEqual(violations, [], 'axe-core: the builder has no serious or critical violations');

	// The 390 px view renders the same table in a 390 px frame.
	await page.getByRole('button', { name: '390 px' }).click();
	assert.equal(await page.locator('iframe.shelf-builder__frame').evaluate((f) => f.getBoundingClientRect().width), 390);

	await page.getByRole('button', { name: 'Create table' }).click();
	await builder(page).getByText('Table saved.').waitFor(timeout);
	tableId = Number(new URL(page.url()).searchParams.get('id'));
	assert.ok(tableId > 0, 'the address names the saved table');
	const saved = await shelfRest(page, 'GET', `tables/${tableId}`);
	assert.equal(saved.status, 200);
	const t = saved.body.table;
	assert.deepEqual(t.products, ['B0SHLFK001', 'B0SHLFM003', 'B0SHLFL002']);
	assert.deepEqual(t.rows.map((r) => r.type), ['image', 'title', 'price', 'button', 'text', 'yesNo', 'customButton', 'rating', 'prime', 'reviews']);
	assert.deepEqual(t.rows.map((r) => r.hidden), [false, false, false, false, false, false, false, false, false, true]);
	assert.equal(t.rows[4].highlight, true);
	assert.deepEqual(t.rows[4].values, { B0SHLFK001: '1.2 L' });
	assert.deepEqual(t.rows[5].values, { B0SHLFK001: 'yes', B0SHLFL002: 'no', B0SHLFM003: 'yes' });
	assert.deepEqual([t.highlight, t.ribbon, t.labels, t.caption], ['B0SHLFL002', 'Best value', 'hiddenMobile', 'Kettles compared']);
	assert.match(await page.locator('#shelf-builder-shortcode').inputValue(), new RegExp(`^\\[amazon table="${tableId}"\\]$`));

	await page.getByRole('button', { name: 'Desktop' }).click();
	previewed = await (await previewBody(page)).innerHTML();
	await page.setViewportSize({ width: 390, height: 844 });
	await screenshot(page, 'table-builder-390');
	assert.deepEqual(problems, []);
	await page.close();
});

test('undo, redo and a saved version restored bring back earlier states', async () => {
	const page = await context.newPage();
	await login(page);
	await page.goto(`${SITE}/wp-admin/admin.php?page=shelf-table&id=${tableId}`);
	await builder(page).waitFor(timeout);
	// Removing by keyboard keeps focus in the list (on the previous row's remove button here).
	await press(row(page, 'Reviews').getByRole('button', { name: 'Remove row Reviews' }));
	assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Remove row Prime');
	await page.getByRole('button', { name: 'Undo' }).click();
	assert.equal(await row(page, 'Reviews').count(), 1, 'undo brings the row back');
	const caption = page.getByLabel('Caption', { exact: true });
	assert.equal(await caption.inputValue(), 'Kettles compared');
	await caption.fill('Changed');
	await page.getByRole('button', { name: 'Undo' }).click();
	assert.equal(await caption.inputValue(), 'Kettles compared');
	await page.getByRole('button', { name: 'Redo' }).click();
	assert.equal(await caption.inputValue(), 'Changed');
	await page.getByRole('button', { name: 'Save table' }).click();
	await builder(page).getByText('Table saved.').waitFor(timeout);

	// The version saved first is listed; restoring it brings the caption back, as a save.
	const restore = page.locator('.shelf-builder__revisions li').filter({ has: page.getByRole('button', { name: /Restore/ }) }).last();
	await restore.getByRole('button').click();
	await builder(page).getByText('Version restored.').waitFor(timeout);
	assert.equal(await caption.inputValue(), 'Kettles compared');
	assert.equal((await shelfRest(page, 'GET', `tables/${tableId}`)).body.table.caption, 'Kettles compared');
	assert.deepEqual(problems, []);
	await page.close();
});

test('placed by shortcode and by block, visitors get the markup the builder previewed', async () => {
	const page = await context.newPage();
	await login(page);
	const urls = [
		await createPost(page, 'Table by shortcode', `<p>Before.</p>\n[amazon table="${tableId}"]`),
		await createPost(page, 'Table by block', `<!-- wp:shelf/table {"table":"${tableId}"} /-->`),
	];
	// The block's own editor offers the stored table and links to the builder.
	await page.goto(`${SITE}/wp-admin/post-new.php`);
	await page.waitForFunction(() => window.wp?.data?.select('core/editor')?.getCurrentPostId(), null, timeout);
	await page.evaluate(() => window.wp.data.dispatch('core/preferences').set('core/edit-post', 'welcomeGuide', false));
	await page.evaluate(() => window.wp.data.dispatch('core/block-editor').insertBlocks(window.wp.blocks.createBlock('shelf/table')));
	const canvas = page.frameLocator('iframe[name="editor-canvas"]');
	await canvas.getByLabel('Stored table').selectOption(String(tableId));
	await canvas.locator('.shelf-preview caption', { hasText: 'Kettles compared' }).waitFor(timeout);
	const edit = page.locator('.block-editor-block-inspector').getByRole('link', { name: 'Edit this table' });
	assert.ok((await edit.getAttribute('href'))?.endsWith(`page=shelf-table&id=${tableId}`));
	await page.close();

	await context.clearCookies(); // a visitor
	for (const url of urls) {
		const v = await context.newPage();
		await v.goto(url);
		const placement = v.locator('.shelf-placement--ready');
		await placement.waitFor(timeout);
		assert.equal(await placement.innerHTML(), previewed, `${url}: the visitor's markup is the builder's preview`);
		assert.deepEqual(await axeViolations(v, ['.shelf-placement']), [], 'axe-core: the placement has no serious or critical violations');
		await v.close();
	}
	assert.deepEqual(problems, []);
	assertDebugLogEmpty();
});

test('hostile strings typed into every builder field by an editor stay text in the preview and for visitors', async () => {
	const admin = await context.newPage();
	await login(admin);
	const editor = await userWithRole(admin, 'editor');
	await admin.close();

	await context.clearCookies();
	const page = await context.newPage();
	const hostile = '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
	await login(page, editor);
	await page.goto(`${SITE}/wp-admin/admin.php?page=shelf-table`);
	await builder(page).waitFor(timeout);
	await page.locator('.shelf-builder__title input').fill(hostile);
	await addProduct(page, 'B0SHLFK001');
	await addRow(page, 'text');
	await addRow(page, 'customButton');
	await addRow(page, 'html'); // editors may publish unfiltered HTML: the core's allowlist applies
	// Every text input and textarea the builder shows, including per-product texts.
	await page.getByRole('button', { name: /^Texts for / }).click();
	const fields = page.locator('.shelf-builder input[type="text"]:not([readonly]), .shelf-builder input[type="url"], .shelf-builder textarea');
	const count = await fields.count();
	assert.ok(count >= 12, `${count} fields`);
	for (let i = 0; i < count; i++) {
		const field = fields.nth(i);
		if (await field.isEnabled()) await field.fill((await field.getAttribute('type')) === 'url' ? 'javascript:window.__pwned=3' : hostile);
	}
	await page.getByLabel('Highlighted product', { exact: true }).selectOption('B0SHLFK001');
	await page.getByLabel('Ribbon over the highlighted product').fill(hostile);
	const body = await previewBody(page);
	await body.locator('.shelf-ribbon').waitFor(timeout);
	assert.equal(await body.locator('img[onerror], script, [href^="javascript:"]').count(), 0);
	await page.getByRole('button', { name: 'Create table' }).click();
	await builder(page).getByText('Table saved.').waitFor(timeout);
	const id = Number(new URL(page.url()).searchParams.get('id'));
	const url = await createPost(page, 'Hostile table', `[amazon table="${id}"]`);
	const visitor = await context.newPage();
	await visitor.goto(url);
	const placement = visitor.locator('.shelf-placement--ready');
	await placement.waitFor(timeout);
	assert.equal(await placement.locator('img[onerror], script, [href^="javascript:"]').count(), 0);
	assert.match(await placement.locator('caption').textContent() ?? '', /<img src=x onerror/, 'the caption shows the text as typed');
	assert.equal(await visitor.evaluate(() => window.__pwned), undefined);
	await visitor.close();
	assert.equal(await page.evaluate(() => window.__pwned), undefined);
	await page.close();
	assert.deepEqual(problems, []);
	assertDebugLogEmpty();
});
