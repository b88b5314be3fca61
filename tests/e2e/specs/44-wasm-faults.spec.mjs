// The wasm boundary (security.md §7, S10): the core panics, traps or runs out of memory. The page
// swaps its module for the test-only one `./build.sh fault` builds (feature `fault`: a
// `shelf-fault:` marker in an export's input makes it fail) and marks one input. Visitors keep
// the server's fallback for every placement the core did not finish, get one console warning
// and no uncaught exception, and the next page load renders; the block editor keeps its
// content, shows the failed preview as a notice, still saves, and gives the trapped instance up.
// Runs on the demo's post (ten placements of every kind, links in its text): a demo site's, or
// written here with the demo's settings, put back at the end (as 90-demo does).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, login, assertDebugLogEmpty, SITE } from '../lib.mjs';

const FAULT = new URL('../../../.cache/fault/shelf/js/wasm-fault/', import.meta.url);
assert.ok(existsSync(new URL('loader.js', FAULT)), 'the fault module is missing: run ./build.sh fault');
const fault = (/** @type {string} */ name) => readFileSync(new URL(name, FAULT));
const siteState = fileURLToPath(new URL('../../php/tools/site-state.php', import.meta.url));
/** @param {string} command */
const state = (command) => execFileSync('php', [siteState, command], { encoding: 'utf8' }).split('\n')[0];
const timeout = { timeout: 30_000 };

const { browser, context, problems } = await launch();
const DEMO = process.env.SHELF_DEMO_POST;
after(async () => {
	if (!DEMO) state('restore-settings');
	await browser.close();
});
// The demo's product images come from the mock's host: a local pixel answers for them.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
await context.route(/\/images\/I\/[^/]+\.jpg$/, (route) => route.fulfill({ contentType: 'image/gif', body: PIXEL }));
const postUrl = DEMO ? (await fetch(`${SITE}/?p=${DEMO}`)).url : state('demo-content');

/**
 * Serves the fault module in place of the page's (a visitors' bundle, or the admin glue the
 * editor imports), both from their own URLs.
 * @param {import('playwright-core').Page} page
 */
async function swapCore(page) {
	await page.route(/\/js\/wasm-[a-z-]+\/loader\.js(\?|$)/, (route) => route.fulfill({ contentType: 'text/javascript', body: fault('loader.js') }));
	await page.route(/\/js\/wasm-admin\/shelf_core\.js(\?|$)/, (route) => route.fulfill({ contentType: 'text/javascript', body: fault('shelf_core.js') }));
	await page.route(/\/js\/wasm-[a-z-]+\/shelf_core_bg\.wasm(\?|$)/, (route) => route.fulfill({ contentType: 'application/wasm', body: fault('shelf_core_bg.wasm') }));
}

/**
 * Serves the post with its data block changed by `mark`; resolves to the HTML served.
 * @param {import('playwright-core').Page} page @param {(data: any) => void} mark
 * @returns {Promise<() => string>}
 */
async function markPage(page, mark) {
	let served = '';
	await page.route(postUrl, async (route) => {
		const response = await route.fetch();
		served = (await response.text()).replace(/(<script type="application\/json" id="shelf-data">)(.*?)(<\/script>)/s, (_, open, json, close) => {
			const data = JSON.parse(json);
			mark(data);
			return open + JSON.stringify(data).replaceAll('<', '\\u003c') + close;
		});
		await route.fulfill({ response, body: served });
	});
	return () => served;
}

/** Shelf's console warnings on a page. @param {import('playwright-core').Page} page */
function shelfWarnings(page) {
	/** @type {string[]} */
	const warnings = [];
	page.on('console', (m) => m.type() === 'warning' && m.text().startsWith('Shelf:') && warnings.push(m.text()));
	return warnings;
}

/**
 * Each placement as the page has it and as the server sent it (parsed, no script run), with
 * the post content's links outside placements.
 * @param {import('playwright-core').Page} page @param {string} html
 */
function placements(page, html) {
	return page.evaluate((html) => {
		const read = (/** @type {Document} */ doc) => ({
			placements: [...doc.querySelectorAll('.shelf-placement')].map((n) => n.outerHTML),
			links: [...doc.querySelectorAll('.entry-content a[href], .wp-block-post-content a[href]')].filter((a) => !a.closest('.shelf-placement')).map((a) => a.outerHTML),
			notices: doc.querySelectorAll('.shelf-notice--core').length,
			disclosures: doc.querySelectorAll('.shelf-disclosure').length,
		});
		return { now: read(document), server: read(new DOMParser().parseFromString(html, 'text/html')) };
	}, html);
}

/** The next page load, with the shipped module, renders every placement and warns of nothing. @param {import('playwright-core').Page} page */
async function nextPageRenders(page) {
	await page.unrouteAll({ behavior: 'wait' });
	const warnings = shelfWarnings(page);
	await page.goto(postUrl);
	await page.waitForFunction(() => document.querySelectorAll('.shelf-placement:not(.shelf-placement--ready)').length === 0, null, timeout);
	assert.ok(await page.locator('.shelf-placement--ready').count() >= 10);
	assert.deepEqual(warnings, []);
}

for (const kind of ['panic', 'trap', 'oom']) {
	test(`a ${kind} in the core's render: the placements it did not finish keep the server's markup, one warning, the next page renders`, async () => {
		const page = await context.newPage();
		const warnings = shelfWarnings(page);
		await swapCore(page);
		// The second placement fails: the first is rendered by then, the other eight are not yet.
		const served = await markPage(page, (data) => {
			data.placements.p2.options.fault = `shelf-fault:${kind}`;
		});
		await page.goto(postUrl);
		await page.waitForFunction(() => document.readyState === 'complete');
		await page.waitForTimeout(1000);
		const { now, server } = await placements(page, served());
		assert.ok(server.placements.length >= 10);
		assert.equal(warnings.length, 1, warnings.join('\n'));
		assert.match(warnings[0], /^Shelf: a placement could not be rendered/);
		assert.match(now.placements[0], /shelf-placement--ready/, 'the first placement was rendered before the fault');
		// After a trap the core's memory is in no known state: nothing is asked of it again.
		assert.deepEqual(now.placements.slice(1), server.placements.slice(1), 'the server\'s markup stays, byte for byte');
		assert.deepEqual(now.links, server.links, 'the content\'s links stay as the server sent them');
		assert.equal(now.disclosures, 1, 'the server\'s disclosure stays');
		assert.deepEqual(problems, [], 'no uncaught exception, no console error');
		await nextPageRenders(page);
		await page.close();
	});
}

test('an out-of-memory in the link pass: the rendered placements stay, the content\'s links stay as sent, one warning', async () => {
	const page = await context.newPage();
	const warnings = shelfWarnings(page);
	await swapCore(page);
	const served = await markPage(page, (data) => {
		data.config.links.fault = 'shelf-fault:oom';
	});
	await page.goto(postUrl);
	await page.waitForFunction(() => document.querySelectorAll('.shelf-placement:not(.shelf-placement--ready)').length === 0, null, timeout);
	await page.waitForTimeout(1000);
	const { now, server } = await placements(page, served());
	assert.equal(warnings.length, 1, warnings.join('\n'));
	assert.match(warnings[0], /^Shelf: links could not be handled/);
	assert.ok(server.links.length > 0, 'the demo post has links of its own');
	assert.deepEqual(now.links, server.links);
	assert.equal(now.disclosures, 1);
	assert.deepEqual(problems, []);
	await nextPageRenders(page);
	await page.close();
});

test('every render runs out of memory: all ten placements keep the server\'s markup, one warning', async () => {
	const page = await context.newPage();
	const warnings = shelfWarnings(page);
	await swapCore(page);
	const served = await markPage(page, (data) => {
		data.config.wording.fault = 'shelf-fault:oom';
	});
	await page.goto(postUrl);
	await page.waitForFunction(() => document.readyState === 'complete');
	await page.waitForTimeout(1500);
	const { now, server } = await placements(page, served());
	assert.equal(warnings.length, 1, warnings.join('\n'));
	assert.deepEqual(now, server);
	assert.deepEqual(problems, []);
	await nextPageRenders(page);
	await page.close();
});

test('block editor: a core that runs out of memory in the preview and traps on save leaves the content, and the post saves as written', async () => {
	const page = await context.newPage();
	await login(page);
	const paragraph = '<p>Buy <a href="https://www.amazon.com/dp/B0SHLFK001?th=1">the kettle (shelf-fault:trap)</a>.</p>';
	const content = `<!-- wp:shelf/box {"box":"B0SHLFK001"} /-->\n\n<!-- wp:paragraph -->\n${paragraph}\n<!-- /wp:paragraph -->`;
	const id = await page.evaluate(async (content) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const response = await fetch('/wp-json/wp/v2/posts', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
			body: JSON.stringify({ title: 'Faulty core', content, status: 'draft' }),
		});
		return (await response.json()).id;
	}, content);
	await swapCore(page);
	/** @type {string[]} */
	const imports = [];
	page.on('request', (request) => { if (/\/js\/wasm-admin\/shelf_core\.js/.test(request.url())) imports.push(request.url()); });
	await page.route(/shelf(\/|%2F)v1(\/|%2F)admin(\/|%2F)preview/, async (route) => {
		const response = await route.fetch();
		const answer = await response.json();
		answer.data.config.wording.fault = 'shelf-fault:oom';
		await route.fulfill({ response, json: answer });
	});
	await page.goto(`${SITE}/wp-admin/post.php?post=${id}&action=edit`);
	await page.waitForFunction(() => window.wp?.data?.select('core/editor')?.getCurrentPostId(), null, timeout);
	await page.evaluate(() => window.wp.data.dispatch('core/preferences').set('core/edit-post', 'welcomeGuide', false));
	const canvas = page.frameLocator('iframe[name="editor-canvas"]');
	const failed = canvas.locator('.wp-block-shelf-box .components-notice', { hasText: 'The preview failed' });
	await failed.waitFor(timeout);
	assert.equal(await canvas.locator('.block-editor-warning').count(), 0, 'no block crashed');
	assert.equal(await canvas.locator('.wp-block-shelf-box .shelf-preview').count(), 0, 'no partial preview');
	// An edit, then Save as an author does it: the tagging's trap must not stop the save.
	await canvas.getByRole('textbox', { name: 'Add title' }).fill('Faulty core, edited');
	await page.keyboard.press('Control+s');
	await page.waitForFunction(() => !window.wp.data.select('core/editor').isSavingPost()
		&& (!window.wp.data.select('core/editor').isEditedPostDirty() || window.wp.data.select('core/notices').getNotices().some((n) => n.status === 'error')), null, timeout);
	const errors = await page.evaluate(() => window.wp.data.select('core/notices').getNotices().filter((n) => n.status === 'error').map((n) => n.content));
	assert.deepEqual(errors, [], 'the save did not fail');
	const saved = await page.evaluate(async (id) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		return (await fetch(`/wp-json/wp/v2/posts/${id}?context=edit&_fields=title,content`, { headers: { 'X-WP-Nonce': nonce } })).json();
	}, id);
	assert.equal(saved.title.raw, 'Faulty core, edited');
	assert.ok(saved.content.raw.includes(paragraph), `the links are saved as written: ${saved.content.raw}`);
	assert.ok(saved.content.raw.includes('<!-- wp:shelf/box {"box":"B0SHLFK001"} /-->'));
	assert.equal(await canvas.locator('.wp-block-shelf-box').count(), 1, 'the editor still shows the block');

	// The trapped instance was given up (a trap can leave its memory full or half updated): the
	// glue was imported again, and with the marker gone the next save tags the link.
	assert.ok(imports.some((url) => /[?&]instance=\d/.test(url)), `a fresh core was loaded after the trap: ${imports}`);
	await page.evaluate(() => {
		const paragraph = window.wp.data.select('core/block-editor').getBlocks().find((b) => b.name === 'core/paragraph');
		window.wp.data.dispatch('core/block-editor').updateBlockAttributes(paragraph.clientId, { content: 'Buy <a href="https://www.amazon.com/dp/B0SHLFK001?th=1">the kettle</a>.' });
	});
	await page.keyboard.press('Control+s');
	await page.waitForFunction(() => !window.wp.data.select('core/editor').isSavingPost() && !window.wp.data.select('core/editor').isEditedPostDirty(), null, timeout);
	const tagged = await page.evaluate(async (id) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		return (await (await fetch(`/wp-json/wp/v2/posts/${id}?context=edit&_fields=content`, { headers: { 'X-WP-Nonce': nonce } })).json()).content.raw;
	}, id);
	assert.match(tagged, /<a href="https:\/\/www\.amazon\.com\/dp\/B0SHLFK001\?th=1&amp;tag=[^"]+" rel="sponsored noopener[^"]*"/, `a fresh core tagged the link: ${tagged}`);
	assert.deepEqual(problems, []);
	assertDebugLogEmpty();
	await page.close();
});
