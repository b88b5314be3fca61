// AAWP's display attributes and shortcodes outside post content (issue 13, "Move from AAWP"): a
// box with template="list" renders as Shelf's ranked list, a bestseller list with orderby="price"
// order="desc" is sorted by the prices visitors see, a text link with link_icon="cart" shows an
// inline icon (no request), and a shortcode in a block widget of a classic theme renders for a
// visitor with data the background refresh fetched. Restores the theme, widgets and posts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
	launch, login, shelfRest, screenshot, assertDebugLogEmpty, mockRequests, clearMockRequests, teardown, SITE,
} from '../lib.mjs';

const { context, problems } = await launch();
const timeout = { timeout: 30_000 };
const THEME = 'shelf-e2e-classic';
const themeDir = join(process.env.SHELF_SITE_DIR ?? '', 'wp-content', 'themes', THEME);
const CONTENT = `
[amazon box="B0SHLFK001,B0SHLFL002,B0SHLFM003" template="list"]
[amazon bestseller="aawp gooseneck kettle" items="5" orderby="price" order="desc"]
<p>Buy [amazon link="B0SHLFK001" title="the Fixturo kettle" link_icon="cart"] today.</p>`;
let postUrl = '';
/** @type {import('playwright-core').Page} */
let admin;
/** @type {number[]} */
const posts = [];
/** @type {string[]} */
const widgets = [];
let previousTheme = '';

/** Visits a page as a visitor and waits until every placement has rendered. @param {string} url */
async function visit(url) {
	const visitor = await launch();
	const page = await visitor.context.newPage();
	await page.goto(url);
	await page.waitForFunction(() => document.querySelectorAll('.shelf-placement:not(.shelf-placement--ready)').length === 0, undefined, timeout);
	return { page, problems: visitor.problems };
}

/** The product ASINs a placement links to, in order, once each. @param {import('playwright-core').Locator} placement */
async function asins(placement) {
	const hrefs = await placement.locator('a[href*="/dp/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	return [...new Set(hrefs.map((h) => /\/dp\/([A-Z0-9]{10})/.exec(h)?.[1]))];
}

/** Activates a theme through its "Activate" link on the Themes screen. @param {string} stylesheet */
async function activate(stylesheet) {
	await admin.goto(`${SITE}/wp-admin/themes.php`);
	const url = await admin.evaluate((id) => {
		// @ts-ignore -- the Themes screen's own data, with each theme's nonce'd actions.
		const theme = window._wpThemeSettings.themes.find((t) => t.id === id);
		if (!theme) return null;
		// The URL is escaped for HTML (`&#038;`): decoded as a browser would read the attribute.
		const text = document.createElement('textarea');
		text.innerHTML = theme.actions.activate ?? '';
		return theme.active ? '' : text.value;
	}, stylesheet);
	assert.notEqual(url, null, `theme ${stylesheet} is installed`);
	if (url) await admin.goto(url);
}

teardown(async () => {
	for (const id of widgets) await admin.evaluate(async (id) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		await fetch(`/wp-json/wp/v2/widgets/${id}?force=true`, { method: 'DELETE', headers: { 'X-WP-Nonce': nonce } });
	}, id);
	if (previousTheme) await activate(previousTheme);
	for (const id of posts) await admin.evaluate(async (id) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		await fetch(`/wp-json/wp/v2/posts/${id}?force=true`, { method: 'DELETE', headers: { 'X-WP-Nonce': nonce } });
	}, id);
	rmSync(themeDir, { recursive: true, force: true });
});

test('an owner publishes AAWP shortcodes with template, orderby and link_icon; the refresh fetches them', async () => {
	admin = await context.newPage();
	await login(admin);
	const post = await admin.evaluate(async (content) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const response = await fetch('/wp-json/wp/v2/posts', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
			body: JSON.stringify({ title: 'AAWP display attributes', content, status: 'publish' }),
		});
		return response.json();
	}, CONTENT);
	assert.ok(post.link, JSON.stringify(post));
	posts.push(post.id);
	postUrl = post.link;
	const refresh = await shelfRest(admin, 'POST', 'admin/refresh');
	assert.equal(refresh.status, 200, JSON.stringify(refresh.body));
	assert.deepEqual(problems, []);
});

test('a visitor sees the box as a list, the list by price, and the link with its icon', async () => {
	await clearMockRequests();
	const { page, problems: seen } = await visit(postUrl);
	const lists = page.locator('.shelf-placement--list');
	assert.equal(await lists.count(), 2, 'the box with template="list" and the bestseller list');
	assert.equal(await page.locator('.shelf-placement--box').count(), 0);
	const boxAsList = lists.nth(0);
	assert.equal(await boxAsList.locator('ol.shelf-list > li.shelf-item').count(), 3);
	assert.deepEqual(await asins(boxAsList), ['B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003'], 'ranked in the given order');
	assert.deepEqual(await boxAsList.locator('.shelf-rank').allTextContents(), ['1', '2', '3']);

	// $129.00, $79.95, $22.49, $11.20, then the product whose price is not shown.
	const byPrice = lists.nth(1);
	assert.deepEqual(await asins(byPrice), ['B0SHLFS105', 'B0SHLFS101', 'B0SHLFS103', 'B0SHLFS104', 'B0SHLFS102']);
	const prices = await byPrice.locator('data.shelf-amount').evaluateAll((els) => els.map((e) => Number(e.getAttribute('value'))));
	assert.deepEqual(prices, [...prices].sort((a, b) => b - a), `highest first: ${prices}`);

	const link = page.locator('.shelf-icon-cart .shelf-placement--link a.shelf-link');
	assert.equal(await link.count(), 1);
	assert.equal(await link.textContent(), 'the Fixturo kettle');
	const icon = await link.evaluate((a) => {
		const style = getComputedStyle(a, '::after');
		return { mask: style.maskImage || style.webkitMaskImage, width: parseFloat(style.width), content: style.content };
	});
	assert.match(icon.mask, /^url\("data:image\/svg\+xml,/, 'an inline SVG, no request');
	assert.ok(icon.width > 0, `the icon has a size: ${JSON.stringify(icon)}`);
	assert.equal(icon.content, '""', 'decoration only: no text for screen readers');
	await screenshot(page, '18-aawp-display-attributes');
	assert.deepEqual(await mockRequests(), [], 'no Amazon call while the page loads');
	assert.deepEqual(seen, []);
});

test('a shortcode in a block widget renders for a visitor, fetched in the background', async () => {
	mkdirSync(themeDir, { recursive: true });
	writeFileSync(join(themeDir, 'style.css'), '/*\nTheme Name: Shelf e2e classic\nDescription: Test theme with one sidebar (tests/e2e/specs/18).\n*/\n');
	writeFileSync(join(themeDir, 'functions.php'), "<?php\nadd_action( 'widgets_init', static fn() => register_sidebar( array( 'id' => 'shelf-e2e', 'name' => 'Shelf e2e sidebar' ) ) );\n");
	writeFileSync(join(themeDir, 'index.php'), `<!doctype html>
<html <?php language_attributes(); ?>><head><meta charset="<?php bloginfo( 'charset' ); ?>"><title>Shelf e2e</title><?php wp_head(); ?></head>
<body <?php body_class(); ?>><?php wp_body_open(); ?>
<main><?php while ( have_posts() ) { the_post(); the_title( '<h1>', '</h1>' ); the_content(); } ?></main>
<aside id="sidebar"><?php dynamic_sidebar( 'shelf-e2e' ); ?></aside>
<?php wp_footer(); ?></body></html>
`);
	previousTheme = await admin.evaluate(async () => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const themes = await (await fetch('/wp-json/wp/v2/themes?status=active', { headers: { 'X-WP-Nonce': nonce } })).json();
		return themes[0].stylesheet;
	});
	await activate(THEME);
	// The first page after a switch maps the old theme's widgets to the new sidebars: done before
	// the widget is added, so it stays where it is put.
	await admin.goto(`${SITE}/wp-admin/widgets.php`);
	await admin.goto(SITE);

	await clearMockRequests();
	const saved = await admin.evaluate(async () => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const response = await fetch('/wp-json/wp/v2/widgets', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
			body: JSON.stringify({ id_base: 'block', sidebar: 'shelf-e2e', instance: { raw: { content: '<!-- wp:shortcode -->[amazon box="B0SHLFQ005"]<!-- /wp:shortcode -->' } } }),
		});
		return { status: response.status, body: await response.json() };
	});
	assert.equal(saved.status, 201, JSON.stringify(saved.body));
	widgets.push(saved.body.id);
	const placed = await admin.evaluate(async (id) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const response = await fetch('/wp-json/wp/v2/sidebars/shelf-e2e', {
			method: 'POST',
			headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
			body: JSON.stringify({ widgets: [id] }),
		});
		return response.json();
	}, saved.body.id);
	assert.deepEqual(placed.widgets, [saved.body.id], JSON.stringify(placed));
	assert.deepEqual(await mockRequests(), [], 'saving the widget calls no API');
	const refresh = await shelfRest(admin, 'POST', 'admin/refresh');
	assert.equal(refresh.status, 200, JSON.stringify(refresh.body));
	const sidebar = await admin.evaluate(async () => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		return (await fetch('/wp-json/wp/v2/sidebars/shelf-e2e', { headers: { 'X-WP-Nonce': nonce } })).json();
	});
	assert.deepEqual(sidebar.widgets, [saved.body.id], 'the widget is in the sidebar');

	await clearMockRequests();
	const { page, problems: seen } = await visit(postUrl);
	const box = page.locator('#sidebar .shelf-placement--box');
	assert.equal(await box.count(), 1);
	await box.locator('.shelf-title').waitFor(timeout);
	assert.match(await box.locator('.shelf-title').textContent() ?? '', /Nullbrand Cone Filter Papers/, 'the product data, fetched in the background');
	assert.match(await box.locator('.shelf-amount').textContent() ?? '', /\$6\.99/);
	const tag = (/** @type {string} */ selector) => box.page().locator(selector).first().getAttribute('href').then((h) => new URL(h ?? '').searchParams.get('tag'));
	assert.ok(await tag('#sidebar .shelf-title a'), 'tagged');
	assert.equal(await tag('#sidebar .shelf-title a'), await tag('main .shelf-link'), 'with the site\'s tracking ID');
	await screenshot(page, '18-aawp-block-widget');
	assert.deepEqual(await mockRequests(), [], 'no Amazon call while the page loads');
	assert.deepEqual(seen, []);
	assertDebugLogEmpty();
});
