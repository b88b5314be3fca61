// S13, CSRF on money: a page on another loopback origin, opened by a logged-in administrator,
// posts forms and fetches to change the tracking ID, the stores, the credentials, to refresh or
// remove products, to save a table and to import from AAWP. Chromium sends the admin's cookies
// (another port is the same site), so only Shelf's nonces stand in the way: every attempt is
// refused and nothing changes. Then the admin changes the tag for real on the settings screen,
// and the change is in the audit log with who and when.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launch, login, createPost, shelfRest, screenshot, axeViolations, assertDebugLogEmpty, mockRequests, clearMockRequests, SITE, teardown } from '../lib.mjs';

const siteState = fileURLToPath(new URL('../../php/tools/site-state.php', import.meta.url));
/** What a forged request could change, as tests/php/tools/site-state.php prints it. */
const moneyState = () => JSON.parse(execFileSync('php', [siteState, 'money-state'], { env: process.env, encoding: 'utf8' }));
/** @param {string} command */
const state = (command) => execFileSync('php', [siteState, command], { env: process.env });

const { context, problems } = await launch();

// The attacker's site: each path is a page that submits one forged request as soon as it loads.
const attacks = new Map();
const attacker = createServer((request, response) => {
	response.writeHead(attacks.has(request.url) ? 200 : 404, { 'Content-Type': 'text/html' });
	response.end(attacks.get(request.url) ?? '');
});
await new Promise((resolve) => attacker.listen(0, '127.0.0.1', resolve));
const ORIGIN = `http://127.0.0.1:${attacker.address().port}`;
await context.route(`${ORIGIN}/**`, (route) => route.continue()); // lib.mjs aborts other hosts
teardown(() => new Promise((resolve) => attacker.close(resolve)));
after(() => attacker.close());

/** An auto-submitting form page. @param {string} action @param {Record<string, string>} fields */
function formPage(action, fields) {
	const inputs = Object.entries(fields).map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`).join('');
	return `<!doctype html><title>Win a prize</title><form method="post" action="${action}">${inputs}</form><script>document.forms[0].submit()</script>`;
}

const forgedForms = {
	'tracking ID': [`${SITE}/wp-admin/options.php`, { option_page: 'shelf', action: 'update', 'shelf_settings[tracking_ids][www.amazon.com]': 'attacker-20', 'shelf_settings[default_marketplace]': 'www.amazon.com' }],
	'tracking ID with a made-up nonce': [`${SITE}/wp-admin/options.php`, { option_page: 'shelf', action: 'update', _wpnonce: '0123456789', 'shelf_settings[tracking_ids][www.amazon.com]': 'attacker-20' }],
	'stores and localisation': [`${SITE}/wp-admin/options.php`, { option_page: 'shelf', action: 'update', 'shelf_settings[default_marketplace]': 'www.amazon.de', 'shelf_settings[localise]': '1', 'shelf_settings[tracking_ids][www.amazon.de]': 'attacker-21' }],
	credentials: [`${SITE}/wp-admin/options.php`, { option_page: 'shelf', action: 'update', 'shelf_credentials[NA][id]': 'attacker-id', 'shelf_credentials[NA][secret]': 'attacker-secret', 'shelf_credentials[NA][version]': '3.1' }],
	'AAWP import': [`${SITE}/wp-admin/admin.php?import=shelf-aawp`, { 'shelf-aawp-import': 'Import' }],
	'manual product save': [`${SITE}/wp-admin/admin.php?page=shelf-products&action=edit`, { id: '0', 'shelf_product[title]': 'Attacker', 'shelf_product[asin]': 'B0SHLFX666' }],
	'REST refresh (form)': [`${SITE}/wp-json/shelf/v1/admin/refresh`, { market: 'www.amazon.com' }],
	'REST table save (form)': [`${SITE}/wp-json/shelf/v1/tables`, { title: 'Attacker table' }],
};

test('forged cross-origin requests change nothing a site owner is paid by', async () => {
	// WordPress's cron would refresh products on its own (a saved post asks for a run within
	// seconds) and move their fetched_at: held, so any change is the forged request's.
	state('hold-cron');
	teardown(() => state('release-cron'));
	const page = await context.newPage();
	await login(page);
	// A stored product a forged link could remove: fetched by a legitimate refresh first.
	await createPost(page, 'CSRF target', '<p>[amazon link="B0SHLFK001"]</p>');
	assert.equal((await shelfRest(page, 'POST', 'admin/refresh', { market: 'www.amazon.com' })).status, 200);
	await clearMockRequests();
	const before = moneyState();
	assert.ok(before.products.length > 0, 'the site has stored products a forged request could remove');

	for (const [name, [action, fields]] of Object.entries(forgedForms)) {
		const path = `/${name.replace(/\W+/g, '-')}`;
		attacks.set(path, formPage(action, fields));
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.url().startsWith(action.split('?')[0]) && r.request().method() === 'POST'),
			page.goto(ORIGIN + path),
		]);
		assert.ok([400, 401, 403].includes(response.status()), `${name}: refused (HTTP ${response.status()})`);
		assert.equal(response.headers()['location'], undefined, `${name}: no redirect to a success page`);
		assert.deepEqual(moneyState(), before, `${name}: nothing changed`);
	}

	// A link an admin might click (GET): remove and refresh a stored product without the nonce.
	const [{ marketplace, asin }] = before.products;
	for (const action of ['remove', 'refresh']) {
		attacks.set(`/${action}`, `<!doctype html><a id="go" href="${SITE}/wp-admin/admin.php?page=shelf-products&shelf_action=${action}&market=${marketplace}&asin=${asin}">Free prize</a><script>document.getElementById('go').click()</script>`);
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.url().includes(`shelf_action=${action}`)),
			page.goto(`${ORIGIN}/${action}`),
		]);
		assert.ok([403].includes(response.status()), `${action} by link: refused (HTTP ${response.status()})`);
		assert.deepEqual(moneyState(), before, `${action} by link: nothing changed`);
	}

	// fetch() with the admin's cookies: the REST routes treat a request without the wp_rest
	// nonce as logged out, so the permission callbacks refuse it.
	attacks.set('/fetch', `<!doctype html><script>
		window.results = Promise.all([
			fetch('${SITE}/wp-json/shelf/v1/admin/refresh', { method: 'POST', credentials: 'include', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"market":"www.amazon.com"}' }),
			fetch('${SITE}/wp-json/shelf/v1/admin/test-connection', { method: 'POST', credentials: 'include', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"market":"www.amazon.com"}' }),
		]).then(() => 'sent');
	</script>`);
	const refused = [];
	page.on('response', (r) => { if (r.url().startsWith(`${SITE}/wp-json/`)) refused.push(r.status()); });
	await page.goto(`${ORIGIN}/fetch`);
	assert.equal(await page.evaluate(() => window.results), 'sent');
	await page.waitForTimeout(500);
	// 401 as logged out, or 400 when WordPress checks the arguments before the permission.
	assert.equal(refused.length, 2);
	assert.ok(refused.every((status) => status === 400 || status === 401), `both REST calls refused: ${refused}`);
	assert.deepEqual(moneyState(), before, 'fetch: nothing changed');
	assert.deepEqual((await mockRequests()).filter((r) => !r.path.startsWith('/__mock')), [], 'no forged request reached the Creators API');
	assertDebugLogEmpty();
	// The refusals themselves are the only problems the browser saw.
	const refusal = /^(HTTP 40[013]: |console error on .*Failed to load resource: the server responded with a status of 40[013])/;
	assert.deepEqual(problems.filter((p) => !refusal.test(p)), []);
	problems.length = 0;
	await page.close();
});

test('a legitimate tag change on the settings screen is in the audit log, with who and when', async () => {
	const page = await context.newPage();
	await login(page);
	await page.goto(`${SITE}/wp-admin/options-general.php?page=shelf`);
	const field = page.locator('input[name="shelf_settings[tracking_ids][www.amazon.com]"]');
	const previous = await field.inputValue();
	const next = previous === 'shelfaudit-20' ? 'shelfaudit-21' : 'shelfaudit-20';
	await field.fill(next);
	await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
	await page.getByText('Settings saved.').waitFor();

	const entry = moneyState().settingsLog.at(-1);
	assert.equal(entry.what, 'tracking_id www.amazon.com');
	assert.deepEqual([entry.from, entry.to], [previous, next]);
	assert.ok(entry.user > 0, 'the user who changed it');
	assert.ok(Math.abs(entry.time - Date.now() / 1000) < 600, 'when');
	const shown = page.locator('.shelf-settings-log li').first();
	assert.match(await shown.innerText(), new RegExp(`admin — tracking_id www\\.amazon\\.com: “${previous}” → “${next}”`));
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		await page.locator('.shelf-settings-log').scrollIntoViewIfNeeded();
		await screenshot(page, `settings-audit-log-${width}`);
	}
	assert.deepEqual(await axeViolations(page, ['.shelf-settings-log']), [], 'axe-core: the audit log');

	// Back as it was, also logged.
	await field.fill(previous);
	await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
	assert.deepEqual([moneyState().settingsLog.at(-1).from, moneyState().settingsLog.at(-1).to], [next, previous]);
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});
