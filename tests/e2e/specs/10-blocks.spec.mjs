// The block editor: each Shelf block from the inserter, products picked by pasted link, by
// ASIN and by search, a preview rendered in the editor by the core, and — for the same data
// and time — the very placement markup a visitor gets. Then every AAWP shortcode form Shelf
// supports turns into its block and back without losing an attribute.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, userWithRole, screenshot, axeViolations, assertDebugLogEmpty, SITE } from '../lib.mjs';

const { browser, context, problems } = await launch();
const timeout = { timeout: 30_000 };
after(() => browser.close());

/** Opens a new post in the block editor, with the welcome guide dismissed. @param {import('playwright-core').Page} page */
async function newPost(page) {
	await page.goto(`${SITE}/wp-admin/post-new.php`);
	await page.waitForFunction(() => window.wp?.data?.select('core/editor')?.getCurrentPostId(), null, timeout);
	await page.evaluate(() => window.wp.data.dispatch('core/preferences').set('core/edit-post', 'welcomeGuide', false));
	return page.frameLocator('iframe[name="editor-canvas"]');
}

/**
 * Inserts a block through the inserter's search, as an author would.
 * @param {import('playwright-core').Page} page @param {string} title
 */
async function insert(page, title) {
	const toggle = page.getByRole('button', { name: /block inserter/i }).first();
	if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
	await page.getByPlaceholder('Search').first().fill(title);
	await page.locator('.block-editor-block-types-list__item', { hasText: title }).click();
	await toggle.click(); // close the inserter
}

/** @param {import('playwright-core').FrameLocator} canvas @param {number} n the nth Shelf placement in the preview */
async function previewed(canvas, n) {
	const placement = canvas.locator('.shelf-preview .shelf-placement').nth(n);
	await placement.and(canvas.locator('.shelf-placement--ready')).waitFor(timeout);
	return placement.innerHTML();
}

let postUrl = '';
const previews = [];

test('each block is inserted from the inserter, given a product by link, ASIN or search, and previewed by the core', async () => {
	const page = await context.newPage();
	await login(page);
	const canvas = await newPost(page);
	await canvas.getByRole('textbox', { name: 'Add title' }).fill('Blocks');

	await insert(page, 'Amazon product box');
	const box = canvas.locator('.wp-block-shelf-box');
	await box.getByRole('searchbox').fill('https://www.amazon.com/Fixturo-Kettle/dp/B0SHLFK001/ref=sr_1_1?th=1');
	await box.getByRole('searchbox').press('Enter');
	previews.push(await previewed(canvas, 0));
	assert.match(previews[0], /shelf-box/);
	const tag = await page.evaluate(() => window.shelfEditor.links.tags['www.amazon.com']);
	assert.ok(previews[0].includes(`tag=${tag}&`), 'the preview links carry the site tag');
	assert.match(previews[0], /as of <time/, 'the preview shows the price stamp, as visitors get it');

	await insert(page, 'Amazon comparison table');
	const table = canvas.locator('.wp-block-shelf-table');
	await table.getByRole('searchbox').fill('B0SHLFK001');
	await table.getByRole('searchbox').press('Enter');
	// Once set, the block shows its preview; more products are added in the sidebar.
	const sidebar = page.locator('.block-editor-block-inspector');
	await sidebar.getByRole('searchbox').fill('b0shlfl002');
	await sidebar.getByRole('searchbox').press('Enter');
	await sidebar.locator('.shelf-asins__list code', { hasText: 'B0SHLFL002' }).waitFor(timeout);
	await sidebar.getByRole('button', { name: 'Move B0SHLFL002 up' }).click();
	assert.deepEqual(await sidebar.locator('.shelf-asins__list code').allTextContents(), ['B0SHLFL002', 'B0SHLFK001']);
	// The preview re-renders once typing pauses: wait for the new order, not the first render.
	const reordered = canvas.locator('.shelf-preview .shelf-placement').nth(1).locator('th[scope="col"]').first();
	await reordered.locator('a[href*="B0SHLFL002"]').waitFor(timeout);
	previews.push(await previewed(canvas, 1));
	assert.ok(previews[1].indexOf('B0SHLFL002') < previews[1].indexOf('B0SHLFK001'), 'the preview follows the new order');

	await insert(page, 'Amazon product field');
	const field = canvas.locator('.wp-block-shelf-fields');
	await field.getByRole('searchbox').fill('kettle');
	await field.getByRole('searchbox').press('Enter');
	const first = field.locator('.shelf-picker__choice button').first();
	await first.waitFor(timeout);
	await first.click();
	previews.push(await previewed(canvas, 2));
	assert.match(previews[2], /\$\d/, 'the price field shows a price');

	await insert(page, 'Amazon bestseller list');
	const list = canvas.locator('.wp-block-shelf-list');
	await list.getByRole('textbox', { name: 'Keywords' }).fill('pour over kettle');
	previews.push(await previewed(canvas, 3));

	await insert(page, 'Amazon image link');
	const link = canvas.locator('.wp-block-shelf-link');
	await link.getByRole('searchbox').fill('B0SHLFM003');
	await link.getByRole('searchbox').press('Enter');
	previews.push(await previewed(canvas, 4));
	assert.match(previews[4], /<img /, 'an image link shows the product image');

	await screenshot(page, 'editor-blocks-1280');
	// The blocks' editor UI (sidebar, placeholders, pickers) and their previews in the canvas.
	// Shelf's parts only: the block sidebar's panels and the blocks in the canvas (WordPress's
	// own editor chrome is not Shelf's to fix).
	assert.deepEqual(await axeViolations(page, ['.block-editor-block-inspector']), [], 'axe-core: the blocks’ sidebar');
	const frame = page.frame({ name: 'editor-canvas' });
	assert.ok(frame);
	assert.deepEqual(await axeViolations(frame, ['[class*="wp-block-shelf-"]']), [], 'axe-core: the blocks in the canvas');
	await page.setViewportSize({ width: 390, height: 844 });
	await screenshot(page, 'editor-blocks-390');
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.getByRole('button', { name: 'Publish', exact: true }).click();
	await page.getByRole('region', { name: 'Editor publish' }).getByRole('button', { name: 'Publish', exact: true }).click();
	await page.getByText('is now live').first().waitFor(timeout);
	postUrl = await page.evaluate(() => window.wp.data.select('core/editor').getPermalink());
	assert.deepEqual(problems, []);
	await page.close();
});

test('a visitor gets exactly the placement markup the editor previewed', async () => {
	const visitor = await launch();
	const page = await visitor.context.newPage();
	await page.goto(postUrl);
	const placements = page.locator('.shelf-placement');
	await page.waitForFunction((n) => document.querySelectorAll('.shelf-placement--ready').length === n, previews.length, timeout);
	assert.equal(await placements.count(), previews.length);
	for (let i = 0; i < previews.length; i++) {
		assert.equal(await placements.nth(i).innerHTML(), previews[i], `placement ${i + 1} differs from its preview`);
	}
	assert.deepEqual(await axeViolations(page, ['.shelf-placement']), [], 'axe-core: the rendered placements (the theme is not Shelf’s)');
	assert.deepEqual(visitor.problems, []);
	await visitor.browser.close();
});

// Every AAWP form Shelf supports, as authors write them.
const FORMS = [
	['shelf/box', '[amazon box="B0SHLFK001"]'],
	['shelf/box', '[amazon box="B0SHLFK001,B0SHLFL002" title="Our pick" description="Short & sweet" description_items="2" button_text="See it" badge="Top" template="vertical" style="dark" items="1" select="1-2" order="desc" orderby="rank" tracking_id="shelftest-20"]'],
	['shelf/link', '[amazon link="B0SHLFK001" title="a kettle"]'],
	['shelf/link', '[amazon link="B0SHLFK001" image="1"]'],
	['shelf/link', '[amazon link="B0SHLFK001" link_title="Kettle" link_icon="amazon"]'],
	['shelf/fields', '[amazon fields="B0SHLFK001" value="price"]'],
	['shelf/fields', '[amazon fields="B0SHLFK001" value="star_rating" title="x"]'],
	['shelf/table', '[amazon table="12"]'],
	['shelf/table', '[amazon table="B0SHLFK001,B0SHLFL002,B0SHLFM003" items="2" button_text="Check" style="light"]'],
	['shelf/list', '[amazon bestseller="pour over kettle" items="3"]'],
	['shelf/list', '[amazon new="284507" items="2" select="2" template="horizontal" badge="New"]'],
	['shelf/box', "[amazon box='B0SHLFK001' title='The \"best\" kettle']"],
];

test('every supported AAWP shortcode form becomes its block and back, attribute for attribute', async () => {
	const page = await context.newPage();
	await newPost(page);
	const results = await page.evaluate((forms) => {
		const { blocks, shortcode } = window.wp;
		const named = (/** @type {string} */ text) => shortcode.next('amazon', text)?.shortcode.attrs.named ?? null;
		return forms.map(([name, text]) => {
			const source = blocks.createBlock('core/shortcode', { text });
			const block = blocks.switchToBlockType(source, name)?.[0];
			const back = block && blocks.switchToBlockType(block, 'core/shortcode')?.[0];
			// A classic block (or pasted text) holding the shortcode goes through the raw handler.
			const raw = blocks.rawHandler({ HTML: `<p>${text}</p>` }).map((b) => b.name);
			return { name, text, got: block?.name ?? null, before: named(text), after: back ? named(back.attributes.text) : null, raw };
		});
	}, FORMS);
	for (const r of results) {
		assert.equal(r.got, r.name, `${r.text} → ${r.name}`);
		assert.deepEqual(r.after, r.before, `${r.text} round trip`);
		assert.deepEqual(r.raw, [r.name], `${r.text} from a classic block`);
	}
	// A shortcode with an attribute the block cannot hold stays a shortcode.
	const kept = await page.evaluate(() => {
		const source = window.wp.blocks.createBlock('core/shortcode', { text: '[amazon box="B0SHLFK001" value="price"]' });
		return window.wp.blocks.switchToBlockType(source, 'shelf/box');
	});
	assert.equal(kept, null);
	assert.deepEqual(problems, []);
	assertDebugLogEmpty();
	await page.close();
});

test('hostile strings in every attribute of every block, by an author and by an editor, stay inert in the editor', async () => {
	const admin = await context.newPage();
	await login(admin);
	const users = [await userWithRole(admin, 'author'), await userWithRole(admin, 'editor')];
	await admin.close();
	const hostile = '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>[/amazon]';
	for (const user of users) {
		await context.clearCookies();
		const page = await context.newPage();
		await login(page, user);
		const canvas = await newPost(page);
		await page.evaluate((hostile) => {
			const { blocks, data } = window.wp;
			const names = ['shelf/box', 'shelf/table', 'shelf/list', 'shelf/fields', 'shelf/link'];
			data.dispatch('core/block-editor').insertBlocks(names.map((name) => blocks.createBlock(name,
				Object.fromEntries(Object.keys(blocks.getBlockType(name).attributes).map((a) => [a, hostile])))));
		}, hostile);
		// Each block settles on a preview (with the shortcode's notices) or an error.
		await page.waitForFunction(() => {
			const doc = document.querySelector('iframe[name="editor-canvas"]')?.contentDocument;
			const settled = [...(doc?.querySelectorAll('[class*="wp-block-shelf-"]') ?? [])].filter((b) => b.querySelector('.shelf-preview, .components-notice'));
			return settled.length === 5;
		}, null, timeout);
		const frame = page.frame({ name: 'editor-canvas' });
		assert.ok(frame);
		assert.equal(await canvas.locator('[class*="wp-block-shelf-"] :is(img[onerror], script, [href^="javascript:"])').count(), 0, `${user.username}: nothing executable in the canvas`);
		assert.equal(await frame.evaluate(() => window.__pwned), undefined);
		assert.equal(await page.evaluate(() => window.__pwned), undefined);
		assert.match(await canvas.locator('.wp-block-shelf-box').innerText(), /<img src=x onerror=/, 'the box names the bad value, as text');
		await page.close();
	}
	assert.deepEqual(problems, []);
	assertDebugLogEmpty();
});
