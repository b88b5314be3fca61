// The Creators API pipeline in a real browser and a real WordPress, against the local mock:
// credentials are write-only on the settings screen; a visitor's page view never calls Amazon
// (the mock's request log stays empty); WP-Cron fetches the products afterwards; "Test
// connection" and "Refresh now" report clearly (from a module file, no inline script); a 403
// AssociateNotEligible raises an admin notice.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, login, createPost, SITE, screenshot, assertDebugLogEmpty } from '../lib.mjs';

const MOCK = process.env.SHELF_MOCK_URL ?? assert.fail('SHELF_MOCK_URL is not set');
const siteState = fileURLToPath(new URL('../../php/tools/site-state.php', import.meta.url));

const { browser, context, problems } = await launch();
after(() => browser.close());

/** Calls a control endpoint of the mock. */
async function mock(method, path, body) {
	const response = await fetch(MOCK + path, { method, headers: { 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
	return response.json();
}

/** Runs a state switch on the site (tests/php/tools/site-state.php). @param {string} command @param {string[]} args */
function state(command, ...args) {
	execFileSync('php', [siteState, command, ...args], { env: process.env, stdio: ['ignore', 'pipe', 'inherit'] });
}

let postUrl = '';

test('an admin enters a credential; the screen only ever says it is set', async () => {
	const page = await context.newPage();
	await login(page);
	await page.goto(`${SITE}/wp-admin/options-general.php?page=shelf`);
	await page.fill('#shelf-credential-na-id', 'shelf-demo-id');
	await page.fill('#shelf-credential-na-secret', 'shelf-demo-secret');
	await page.selectOption('#shelf-credential-na-version', '3.1');
	await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
	await page.getByText('Settings saved.').waitFor();
	const html = await page.content();
	assert.ok(!html.includes('shelf-demo-secret'), 'the secret is never printed');
	assert.ok(!html.includes('shelf-demo-id'), 'nor the credential ID');
	assert.equal(await page.locator('#shelf-credential-na-secret').inputValue(), '');
	assert.match(await page.locator('#shelf-credential-na-secret').getAttribute('placeholder'), /^set/);
	await screenshot(page, 'settings-credentials');
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});

test('a visitor’s page view never calls Amazon; WP-Cron fetches the products afterwards', async () => {
	// Earlier specs (the AAWP import, a widget) may have fetched these two already.
	state('forget-products', 'www.amazon.com', 'B0SHLFP004', 'B0SHLFQ005');
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/`);
	postUrl = await createPost(page, 'Fresh products', '<p>[amazon link="B0SHLFP004" title="the dripper"] and [amazon link="B0SHLFQ005" title="filters"]</p>');
	await page.close();

	state('hold-cron');
	await mock('DELETE', '/__mock/requests');
	const visitor = await browser.newContext();
	const anon = await visitor.newPage();
	await anon.goto(postUrl);
	await anon.locator('a[href*="/dp/B0SHLFP004"]').first().waitFor({ state: 'attached' });
	const before = (await anon.evaluate(async () => (await fetch('/wp-json/shelf/v1/products?market=www.amazon.com&asins=B0SHLFP004,B0SHLFQ005')).json())).records;
	assert.equal(before.B0SHLFP004.status, 'pending', 'known from the post, not fetched yet');
	assert.equal(before.B0SHLFP004.item, null);
	assert.deepEqual(await mock('GET', '/__mock/requests'), [], 'no Creators API call during the visit');

	state('release-cron');
	// The fetch was scheduled a few seconds after the save: call wp-cron.php (as a system cron
	// would) until it has run.
	let counts = {};
	for (let i = 0; i < 30 && !counts.byPath?.['/catalog/v1/getItems']; i++) {
		assert.equal((await fetch(`${SITE}/wp-cron.php`)).status, 200);
		counts = await mock('GET', '/__mock/counts');
		if (!counts.byPath?.['/catalog/v1/getItems']) await new Promise((r) => setTimeout(r, 500));
	}
	// Where a site localises, other stores' copies may follow in the same run.
	const own = (await mock('GET', '/__mock/requests?path=/catalog/v1/getItems')).filter((r) => r.marketplace === 'www.amazon.com');
	assert.equal(own.length, 1, 'one GetItems for both products');
	const after = (await anon.evaluate(async () => (await fetch('/wp-json/shelf/v1/products?market=www.amazon.com&asins=B0SHLFP004,B0SHLFQ005', { cache: 'no-store' })).json())).records;
	assert.equal(after.B0SHLFP004.status, 'ok');
	assert.equal(after.B0SHLFP004.item.asin, 'B0SHLFP004');
	assert.equal(after.B0SHLFQ005.item.asin, 'B0SHLFQ005');
	await visitor.close();
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});

test('“Test connection” and “Refresh now” report clear results', async () => {
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/options-general.php?page=shelf`);
	// The buttons' script is a module file (js/status-panel.js): Shelf prints no inline script.
	assert.equal(await page.locator('script[type="module"][src*="/plugins/shelf/js/status-panel.js"]').count(), 1);
	assert.deepEqual(await page.locator('.wrap script, script[type="module"]:not([src])').evaluateAll((nodes) => nodes.map((n) => n.outerHTML)), []);
	const result = page.locator('.shelf-status-result');
	await page.getByRole('button', { name: 'Test connection' }).click();
	await result.filter({ hasText: /^Connected: Amazon accepted the credential/ }).waitFor();
	await page.getByRole('button', { name: 'Refresh now' }).click();
	await result.filter({ hasText: /product\(s\) updated/ }).waitFor();
	assert.match(await result.textContent(), /^\d+ request\(s\), [1-9]\d* product\(s\) updated/);
	await screenshot(page, 'settings-status');
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});

test('403 AssociateNotEligible pauses requests and shows an admin notice until a test succeeds', async () => {
	await mock('POST', '/__mock/faults', { next: [{ target: 'getItems', status: 403, reason: 'AssociateNotEligible' }] });
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/options-general.php?page=shelf`);
	const result = page.locator('.shelf-status-result');
	await page.getByRole('button', { name: 'Refresh now' }).click();
	await result.filter({ hasText: /stopped: shelf_not_eligible/ }).waitFor();

	await page.goto(`${SITE}/wp-admin/`);
	const notice = page.locator('.notice-error', { hasText: '10 qualifying sales' });
	await notice.waitFor();
	const calls = (await mock('GET', '/__mock/counts')).byPath['/catalog/v1/getItems'];
	await page.goto(`${SITE}/wp-admin/options-general.php?page=shelf`);
	await page.getByRole('button', { name: 'Refresh now' }).click();
	await result.filter({ hasText: /stopped: shelf_circuit_open/ }).waitFor();
	assert.equal((await mock('GET', '/__mock/counts')).byPath['/catalog/v1/getItems'], calls, 'no call while the circuit is open');

	await page.getByRole('button', { name: 'Test connection' }).click();
	await result.filter({ hasText: /^Connected/ }).waitFor();
	await page.goto(`${SITE}/wp-admin/`);
	assert.equal(await page.locator('.notice-error', { hasText: '10 qualifying sales' }).count(), 0);
	await mock('DELETE', '/__mock/faults');
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});
