// Save-time tagging: an author pastes Amazon links and saves; the core tags them before the save
// request (block editor and classic editor), the editor says what changed, and Undo puts the
// links back as written and saves them so.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, screenshot, axeViolations, assertDebugLogEmpty, SITE } from '../lib.mjs';

const { browser, context, problems } = await launch();
const timeout = { timeout: 30_000 };
after(() => browser.close());

const UNTAGGED = 'https://www.amazon.com/dp/B0SHLFK001?th=1';
const FOREIGN = 'https://www.amazon.com/dp/B0SHLFL002?tag=someoneelse-20';
const OTHER = 'https://example.org/kettles';
const CONTENT = `<p>Buy <a href="${UNTAGGED}">the kettle</a>, <a href="${FOREIGN}">the mug</a> or <a href="${OTHER}">read on</a>.</p>`;

/**
 * Creates a draft as the logged-in admin and returns its id.
 * @param {import('playwright-core').Page} page @param {string} title @param {string} content
 */
async function draft(page, title, content) {
	return page.evaluate(async ({ title, content }) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const response = await fetch('/wp-json/wp/v2/posts', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
			body: JSON.stringify({ title, content, status: 'draft' }),
		});
		return (await response.json()).id;
	}, { title, content });
}

/** The stored content, as WordPress saved it. @param {import('playwright-core').Page} page @param {number} id */
async function stored(page, id) {
	return page.evaluate(async (id) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const response = await fetch(`/wp-json/wp/v2/posts/${id}?context=edit&_fields=content`, { headers: { 'X-WP-Nonce': nonce } });
		return (await response.json()).content.raw;
	}, id);
}

/** The site's US tracking ID, as the editor has it. @param {import('playwright-core').Page} page */
const usTag = (page) => page.evaluate(() => window.shelfEditor.links.tags['www.amazon.com']);

/** @param {string} html @param {string} tag */
function assertTagged(html, tag) {
	assert.ok(html.includes(`href="https://www.amazon.com/dp/B0SHLFK001?th=1&amp;tag=${tag}"`), `the pasted link is tagged: ${html}`);
	assert.ok(html.includes('rel="sponsored noopener'), `affiliate links are marked sponsored: ${html}`);
	assert.ok(html.includes(`href="${FOREIGN}"`), 'the link with another tracking ID is kept (the site keeps them)');
	assert.ok(html.includes(`<a href="${OTHER}">read on</a>`), 'other links are untouched');
}

test('block editor: links are tagged before saving, the snackbar says so, Undo restores them', async () => {
	const page = await context.newPage();
	await login(page);
	const id = await draft(page, 'Pasted links', `<!-- wp:paragraph -->\n${CONTENT}\n<!-- /wp:paragraph -->`);
	await page.goto(`${SITE}/wp-admin/post.php?post=${id}&action=edit`);
	await page.waitForFunction(() => window.wp?.data?.select('core/editor')?.getCurrentPostId(), null, timeout);
	await page.evaluate(() => window.wp.data.dispatch('core/preferences').set('core/edit-post', 'welcomeGuide', false));
	const tag = await usTag(page);
	// An edit, then Save as an author does it (Ctrl+S).
	const canvas = page.frameLocator('iframe[name="editor-canvas"]');
	await canvas.getByRole('textbox', { name: 'Add title' }).fill('Pasted links, edited');
	await page.keyboard.press('Control+s');
	const snackbar = page.locator('.components-snackbar', { hasText: 'Shelf:' });
	await snackbar.waitFor(timeout);
	assert.match(await snackbar.innerText(), /1 Amazon link tagged, 1 link with another tracking ID kept/);
	await page.waitForFunction(() => !window.wp.data.select('core/editor').isSavingPost() && !window.wp.data.select('core/editor').isEditedPostDirty(), null, timeout);
	assertTagged(await stored(page, id), tag);
	// The editor shows what was saved.
	assert.ok(await canvas.locator(`a[href$="tag=${tag}"]`).count() === 1, 'the canvas shows the tagged link');
	assert.deepEqual(await axeViolations(page, ['.components-snackbar-explicit-dismiss']), [], 'axe-core: Shelf\'s snackbar');
	await screenshot(page, 'save-tagging-block-1280');

	await snackbar.getByRole('button', { name: 'Undo' }).click();
	await page.locator('.components-snackbar', { hasText: 'Links restored as written' }).waitFor(timeout);
	await page.waitForFunction(() => !window.wp.data.select('core/editor').isSavingPost(), null, timeout);
	assert.ok((await stored(page, id)).includes(`href="${UNTAGGED}"`), 'Undo saved the links as written');
	// Saving again in this session keeps them as written.
	await canvas.getByRole('textbox', { name: 'Add title' }).fill('Pasted links, edited again');
	await page.keyboard.press('Control+s');
	await page.waitForFunction(() => !window.wp.data.select('core/editor').isSavingPost() && !window.wp.data.select('core/editor').isEditedPostDirty(), null, timeout);
	assert.ok((await stored(page, id)).includes(`href="${UNTAGGED}"`));
	assert.deepEqual(problems, []);
});

test('classic editor: links are tagged on Save Draft, a notice says so after the reload, Undo restores them', async () => {
	const page = await context.newPage();
	await login(page);
	const id = await draft(page, 'Classic: pasted links', CONTENT);
	await page.goto(`${SITE}/wp-admin/post.php?post=${id}&action=edit`);
	await page.locator('#post').waitFor(timeout);
	const tag = await usTag(page);
	await Promise.all([page.waitForURL(/message=/, timeout), page.locator('#save-post').click()]);
	const notice = page.locator('.shelf-tagging-notice');
	await notice.waitFor(timeout);
	assert.match(await notice.innerText(), /1 Amazon link tagged, 1 link with another tracking ID kept/);
	assertTagged(await stored(page, id), tag);
	assert.deepEqual(await axeViolations(page, ['.shelf-tagging-notice']), []);
	await screenshot(page, 'save-tagging-classic-1280');
	await page.setViewportSize({ width: 390, height: 844 });
	await screenshot(page, 'save-tagging-classic-390');
	await page.setViewportSize({ width: 1280, height: 800 });

	// Keyboard: the notice's Undo is a button in the tab order.
	await notice.getByRole('button', { name: 'Undo' }).focus();
	await Promise.all([page.waitForURL(/message=/, timeout), page.keyboard.press('Enter')]);
	await page.locator('#post').waitFor(timeout);
	assert.ok((await stored(page, id)).includes(`href="${UNTAGGED}"`), 'Undo saved the links as written');
	assert.equal(await page.locator('.shelf-tagging-notice').count(), 0);
	assert.deepEqual(problems, []);
	assertDebugLogEmpty();
});
