// The vertical slice: [amazon link] → PHP placeholder + fallback → wasm core → tagged link.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, createPost, screenshot, assertDebugLogEmpty } from '../lib.mjs';

const { browser, context, problems } = await launch();
after(() => browser.close());

let postUrl = '';
let brokenUrl = '';

test('an editor publishes posts with a valid and a broken placement', async () => {
	const page = await context.newPage();
	await login(page);
	postUrl = await createPost(page, 'Kettle review', '<p>Buy [amazon link="B0SHLFK001" title="the <b>Fixturo</b> kettle"] today.</p>');
	brokenUrl = await createPost(page, 'Broken placement', '<p>Before [amazon link="B0BAD" colour="red"] after.</p>');
	await page.close();
	assert.deepEqual(problems, []);
});

test('a visitor gets the link built by the core: tagged, sponsored, new tab', async () => {
	const visitor = await browser.newContext();
	const visitorProblems = [];
	visitor.on('page', (p) => p.on('console', (m) => m.type() === 'error' && visitorProblems.push(m.text())));
	const page = await visitor.newPage();
	const wasm = page.waitForResponse((r) => r.url().includes('shelf_core_bg.wasm'));
	await page.goto(postUrl);
	assert.equal((await wasm).status(), 200);
	// Localisation is off (the default) and the content has no other Amazon link: the render
	// module, without the link engine.
	assert.match((await wasm).url(), /\/js\/wasm-render\/shelf_core_bg\.wasm$/);
	const link = page.locator('.shelf-placement--ready a.shelf-link');
	await link.waitFor();
	assert.equal(await link.getAttribute('href'), 'https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20');
	assert.equal(await link.getAttribute('rel'), 'sponsored noopener');
	assert.equal(await link.getAttribute('target'), '_blank');
	assert.equal(await link.textContent(), 'the <b>Fixturo</b> kettle');
	assert.equal(await page.locator('.shelf-notice').count(), 0);
	await screenshot(page, 'link-visitor');
	await visitor.close();
	assert.deepEqual(visitorProblems, []);
});

test('without JavaScript the fallback link is already tagged', async () => {
	const noJs = await browser.newContext({ javaScriptEnabled: false });
	const page = await noJs.newPage();
	await page.goto(postUrl);
	const link = page.locator('.shelf-placement a.shelf-link');
	assert.equal(await link.getAttribute('href'), 'https://www.amazon.com/dp/B0SHLFK001?tag=shelftest-20');
	assert.equal(await link.getAttribute('rel'), 'sponsored noopener');
	await noJs.close();
});

test('a broken placement shows a notice to editors and nothing broken to visitors', async () => {
	const page = await context.newPage();
	await page.goto(brokenUrl);
	const notices = await page.locator('.shelf-notice').allTextContents();
	assert.equal(notices.length, 2, notices.join(' | '));
	assert.match(notices.join(' '), /colour/);
	assert.match(notices.join(' '), /“B0BAD” is not an ASIN/);

	const visitor = await browser.newContext();
	const anon = await visitor.newPage();
	await anon.goto(brokenUrl);
	assert.equal(await anon.locator('.shelf-notice').count(), 0);
	assert.match(await anon.locator('.entry-content, .wp-block-post-content').first().innerText(), /Before\s+after\./);
	await visitor.close();
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});
