// Issue 14, R9 (page cache + localisation): a full-page cache in front of the site keys pages by
// URL only, as page caches do, so every visitor gets the HTML the first one caused. Shelf must
// therefore print the same bytes whoever asks (no visitor's language, country or store in the
// HTML) and pick the visitor's store in the browser. Three visitors, each of another store:
// Germany (browser language and time zone), the UK (a CDN country header, with an American
// browser) and the US (the site's own store). The cache is the browser's network layer: the
// post's URL is fetched from WordPress once and then served from memory to every visitor. Each
// visitor follows a Shelf link and a link in the post's text and must land on their own store
// with the site's tag for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { launch, SITE, assertDebugLogEmpty, teardown } from '../lib.mjs';

const timeout = { timeout: 30_000 };
const TAGS = { 'www.amazon.com': 'shelfr9-20', 'www.amazon.de': 'shelfr9de-21', 'www.amazon.co.uk': 'shelfr9uk-21' };
const VISITORS = [
	{ name: 'Germany', market: 'www.amazon.de', launch: { lang: 'de-DE', locale: 'de-DE', timezoneId: 'Europe/Berlin' }, headers: { 'Accept-Language': 'de-DE,de;q=0.9' } },
	{ name: 'UK (CDN header)', market: 'www.amazon.co.uk', launch: { lang: 'en-US', locale: 'en-US', timezoneId: 'UTC' }, headers: { 'Accept-Language': 'en-US', 'CF-IPCountry': 'GB' } },
	{ name: 'US', market: 'www.amazon.com', launch: { lang: 'en-US', locale: 'en-US', timezoneId: 'America/New_York' }, headers: { 'Accept-Language': 'en-US' } },
];

/** Runs PHP with WordPress loaded; returns what the code echoes. @param {string} code */
function wp(code) {
	return execFileSync('php', ['-r', `require getenv('SHELF_SITE_DIR') . '/wp-load.php'; ${code}`], { env: process.env, encoding: 'utf8' }).trim();
}

const saved = wp(`echo wp_json_encode( get_option( 'shelf_settings' ) );`);
teardown(async () => {
	wp(`update_option( 'shelf_settings', json_decode( ${JSON.stringify(saved)}, true ) ); foreach ( get_posts( array( 'title' => 'R9 page cache', 'post_status' => 'any', 'fields' => 'ids' ) ) as $id ) { wp_delete_post( $id, true ); }`);
});

/** The page cache: URL → the response WordPress gave the first visitor. */
const cache = new Map();
let originFetches = 0;

test('a cached page sends each of three visitors to their own store, correctly tagged', async () => {
	wp(`$s = (array) get_option( 'shelf_settings', array() ); $s['default_marketplace'] = 'www.amazon.com'; $s['tracking_ids'] = json_decode( ${JSON.stringify(JSON.stringify(TAGS))}, true ); $s['localise'] = true; $s['localise_mode'] = 'exact'; update_option( 'shelf_settings', $s );`);
	const postUrl = wp(`wp_set_current_user( 1 ); echo get_permalink( wp_insert_post( array( 'post_title' => 'R9 page cache', 'post_status' => 'publish', 'post_content' => '<p>Our pick: [amazon link="B0SHLFK001" title="the kettle"]. Also <a href="https://www.amazon.com/dp/B0SHLFL002">this lamp</a>.</p>' ) ) );`);

	// Caching is only safe if WordPress prints the same bytes whoever asks.
	const origin = await Promise.all(VISITORS.map(async (v) => (await fetch(postUrl, { headers: v.headers })).text()));
	for (const [i, html] of origin.entries()) assert.equal(html, origin[0], `WordPress's HTML for ${VISITORS[i].name} differs from ${VISITORS[0].name}'s`);
	assert.match(origin[0], /id="shelf-data"/);

	for (const visitor of VISITORS) {
		const { browser, context, problems } = await launch(visitor.launch);
		await context.setExtraHTTPHeaders(visitor.headers);
		/** @type {string[]} */
		const served = [];
		await context.route((url) => url.href === postUrl, async (route) => {
			if (!cache.has(postUrl)) {
				originFetches++;
				const response = await route.fetch({ headers: { ...route.request().headers(), cookie: '' } });
				cache.set(postUrl, { status: response.status(), contentType: response.headers()['content-type'], body: await response.body() });
			}
			const hit = cache.get(postUrl);
			served.push(hit.body.toString('utf8'));
			await route.fulfill({ status: hit.status, contentType: hit.contentType, body: hit.body });
		});
		/** Where followed links to Amazon arrive (offline: a stub page). */
		const arrived = [];
		await context.route(/^https:\/\/www\.amazon\.[a-z.]+\//, (route) => {
			arrived.push(route.request().url());
			return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Amazon</title>' });
		});

		for (const [selector, asin] of [['.shelf-placement--ready a[href*="B0SHLFK001"]', 'B0SHLFK001'], ['.wp-block-post-content a[href*="B0SHLFL002"]', 'B0SHLFL002']]) {
			const page = await context.newPage();
			await page.goto(postUrl);
			await page.waitForFunction(() => performance.getEntriesByName('shelf:rendered').length > 0, undefined, timeout);
			const link = page.locator(selector).first();
			await link.waitFor(timeout);
			await link.evaluate((a) => a.removeAttribute('target')); // follow in this tab
			await Promise.all([page.waitForURL(/amazon\./, timeout), link.click()]);
			const landed = new URL(page.url());
			assert.equal(landed.host, visitor.market, `${visitor.name}: ${asin} leads to ${landed.href}`);
			assert.equal(landed.pathname, `/dp/${asin}`, `${visitor.name}: ${landed.href}`);
			assert.deepEqual(landed.searchParams.getAll('tag'), [TAGS[visitor.market]], `${visitor.name}: ${landed.href}`);
			await page.close();
		}
		assert.equal(arrived.length, 2);
		for (const html of served) assert.equal(html, origin[0], `${visitor.name} got the cached page`);
		assert.deepEqual(problems, []);
		await browser.close();
	}
	assert.equal(originFetches, 1, 'WordPress rendered the page once; the cache served every visit');
	assertDebugLogEmpty();
});
