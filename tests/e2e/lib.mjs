// Shared set-up (playwright gives every launch a fresh, empty profile) for the browser specs: Debian's Chromium through playwright-core, a guard that
// fails a test on console errors, failed requests and requests to any host but the site.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const SITE = process.env.SHELF_SITE_URL ?? assert.fail('SHELF_SITE_URL is not set: run through ./build.sh test');
export const ADMIN_PASSWORD = process.env.SHELF_ADMIN_PASSWORD ?? '';
export const ARTIFACTS = process.env.SHELF_ARTIFACTS ?? 'artifacts';
const siteHost = new URL(SITE).host;
/** Browsers still open when a file's tests end (a failed test skips its own close): closed then, or the spec never exits. */
const open = new Set();
/** @type {(() => Promise<void>)[]} */
const teardowns = [];
after(async () => {
	try {
		for (const fn of teardowns) await fn();
	} finally {
		await Promise.all([...open].map((browser) => browser.close()));
	}
});

/** Work for the end of a spec file, while its browsers are still open. @param {() => Promise<void>} fn */
export function teardown(fn) {
	teardowns.push(fn);
}
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/**
 * Starts Chromium with the flags this offline machine needs.
 * @param {{ locale?: string, timezoneId?: string, lang?: string }} [options]
 */
export async function launch(options = {}) {
	const browser = await chromium.launch({
		executablePath: process.env.SHELF_CHROMIUM ?? '/usr/bin/chromium',
		args: [
			'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			...(options.lang ? [`--lang=${options.lang}`] : []),
		],
	});
	open.add(browser);
	browser.on('disconnected', () => open.delete(browser));
	const context = await browser.newContext({
		locale: options.locale,
		timezoneId: options.timezoneId,
		viewport: { width: 1280, height: 900 },
	});
	const problems = [];
	/** Product images are hotlinked from Amazon (never stored); offline, a local pixel answers. */
	const amazonImages = [];
	await context.route('**/*', (route) => {
		const url = new URL(route.request().url());
		if (url.host === siteHost || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
		if (url.protocol === 'https:' && url.host === 'm.media-amazon.com' && route.request().resourceType() === 'image') {
			amazonImages.push(url.href);
			return route.fulfill({ status: 200, contentType: 'image/gif', body: PIXEL });
		}
		problems.push(`off-site request: ${url.href}`);
		return route.abort();
	});
	context.on('page', (page) => watch(page, problems));
	return { browser, context, problems, amazonImages };
}

/** @param {import('playwright-core').Page} page @param {string[]} problems */
function watch(page, problems) {
	page.on('console', (msg) => {
		if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
	page.on('requestfailed', (request) => {
		const failure = request.failure()?.errorText ?? '';
		// A navigation that interrupts a pending request aborts it: benign.
		if (failure.includes('ERR_ABORTED')) return;
		problems.push(`request failed: ${request.url()} ${failure}`);
	});
	page.on('response', (response) => {
		if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
	});
}

/**
 * Logs in, as the admin unless another user is given.
 * @param {import('playwright-core').Page} page @param {{ username: string, password: string }} [user]
 */
export async function login(page, user = { username: 'admin', password: ADMIN_PASSWORD }) {
	await page.goto(`${SITE}/wp-login.php`);
	// 200 ms after the form appears, WordPress focuses and selects the user name, or, for a user
	// already logged in, empties and focuses the password (wp_attempt_focus). Typing before
	// that lost the password now and then, and the browser refused the form: CI's login flake.
	await page.waitForFunction(() => ['user_login', 'user_pass'].includes(document.activeElement?.id ?? ''));
	await page.fill('#user_login', user.username);
	await page.fill('#user_pass', user.password);
	try {
		await Promise.all([page.waitForURL(/wp-admin/), page.click('#wp-submit')]);
	} catch (error) {
		// Say where the login got stuck: a slow wp-admin and a refused login look alike otherwise.
		const notice = await page.locator('#login_error').textContent({ timeout: 1000 }).catch(() => '');
		throw new Error(`login as ${user.username} did not reach wp-admin (at ${page.url()}${notice ? `: ${notice.trim()}` : ''}): ${error.message}`);
	}
}

/**
 * A user with this role, created (once per site) through the REST API by the logged-in admin.
 * @param {import('playwright-core').Page} page an admin's page @param {string} role
 * @returns {Promise<{ username: string, password: string }>}
 */
export async function userWithRole(page, role) {
	const user = { username: `e2e-${role}`, password: `${ADMIN_PASSWORD}-${role}` };
	const status = await page.evaluate(async ({ user, role }) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const headers = { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce };
		const found = await (await fetch(`/wp-json/wp/v2/users?slug=${user.username}&context=edit`, { headers })).json();
		if (Array.isArray(found) && found.length === 1) return 'existing';
		const response = await fetch('/wp-json/wp/v2/users', {
			method: 'POST', headers, body: JSON.stringify({ ...user, email: `${user.username}@example.com`, roles: [role] }),
		});
		return response.status === 201 ? 'created' : (await response.json()).code;
	}, { user, role });
	assert.ok(status === 'created' || status === 'existing', `creating the ${role}: ${status}`);
	return user;
}

/**
 * Creates a published post through the REST API, with the logged-in admin's nonce.
 * @param {import('playwright-core').Page} page a logged-in page
 * @param {string} title @param {string} content
 * @returns {Promise<string>} the post's URL
 */
export async function createPost(page, title, content) {
	await page.goto(`${SITE}/wp-admin/`);
	const nonce = await page.evaluate(async () => (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text());
	const post = await page.evaluate(
		async ({ title, content, nonce }) => {
			const response = await fetch('/wp-json/wp/v2/posts', {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
				body: JSON.stringify({ title, content, status: 'publish' }),
			});
			return response.json();
		},
		{ title, content, nonce },
	);
	assert.ok(post.link, `post not created: ${JSON.stringify(post)}`);
	return post.link;
}

/**
 * Calls a Shelf REST route as the logged-in admin (REST nonce from admin-ajax).
 * @param {import('playwright-core').Page} page a logged-in page on the site
 * @param {string} method @param {string} route e.g. 'admin/refresh' @param {object} [body]
 */
export async function shelfRest(page, method, route, body) {
	return page.evaluate(
		async ({ method, route, body }) => {
			const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
			const response = await fetch(`/wp-json/shelf/v1/${route}`, {
				method,
				headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
				body: body ? JSON.stringify(body) : undefined,
			});
			return { status: response.status, body: await response.json() };
		},
		{ method, route, body },
	);
}

/** The Creators API mock's request log (the mock runs beside every test site). */
export async function mockRequests() {
	return (await fetch(`${process.env.SHELF_MOCK_URL}/__mock/requests`)).json();
}

/** Empties the mock's request log. */
export async function clearMockRequests() {
	await fetch(`${process.env.SHELF_MOCK_URL}/__mock/requests`, { method: 'DELETE' });
}

/** Saves a screenshot into the git-ignored artifacts folder. @param {import('playwright-core').Page} page @param {string} name */
export async function screenshot(page, name) {
	mkdirSync(join(ARTIFACTS, 'screenshots'), { recursive: true });
	await page.screenshot({ path: join(ARTIFACTS, 'screenshots', `${name}.png`), fullPage: true });
}

/** Fails when WordPress logged anything (WP_DEBUG is on). */
export function assertDebugLogEmpty() {
	const log = process.env.SHELF_DEBUG_LOG;
	const text = log && existsSync(log) ? readFileSync(log, 'utf8') : '';
	assert.equal(text, '', 'WordPress debug.log must stay empty');
}

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * Serious and critical axe-core violations in a page or frame, one line each ([] when none).
 * Frames are checked one by one (the block editor's canvas is a frame of its own).
 * @param {import('playwright-core').Page | import('playwright-core').Frame} target
 * @param {string[]} [include] selectors of the parts to check (Shelf's), else the whole document
 */
export async function axeViolations(target, include) {
	await target.addScriptTag({ content: AXE });
	const result = await target.evaluate((include) => window.axe.run(include ? { include: include.map((s) => [s]) } : document,
		{ iframes: false, resultTypes: ['violations'] }), include);
	return result.violations.filter((/** @type {any} */ v) => v.impact === 'serious' || v.impact === 'critical')
		.map((/** @type {any} */ v) => `${v.id}: ${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).join(', ')}`);
}
