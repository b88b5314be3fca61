// Tools → Shelf link audit in Chromium: a site with posts holding untagged, other-ID, tagged,
// short and non-Amazon links (and a pattern) is scanned in batches with a pause, from the
// keyboard; the report's counts, proposed changes and short-link resolutions are checked, the CSV
// downloaded; selected posts are written (a revision keeps the old content), re-verified and
// scanned again; a post edited after the scan is refused. axe-core finds nothing serious; the
// screen is photographed at 1280 and 390 px. Authors do not get the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { launch, teardown, login, userWithRole, screenshot, axeViolations, assertDebugLogEmpty, SITE } from '../lib.mjs';

const { context, problems } = await launch();
const timeout = { timeout: 30_000 };
// The posts go when the file ends: a theme prints titles as HTML, and the hostile one would
// load its <img> on every later spec's page that links to neighbouring posts.
teardown(async () => {
	const page = await context.newPage();
	await login(page);
	for (const id of Object.values(ids)) await wpRest(page, 'DELETE', `wp/v2/posts/${id}?force=true`);
	if (patternId) await wpRest(page, 'DELETE', `wp/v2/blocks/${patternId}?force=true`);
});

const a = (/** @type {string} */ href, text = 'link') => `<a href="${href}">${text}</a>`;
const HOSTILE = '=HYPERLINK("https://evil.example") <img src=x onerror="window.__pwned=1">';
const POSTS = {
	untagged: ['Audit: untagged', `<p>${a('https://www.amazon.com/dp/B0SHLFK001', 'Kettle')} and ${a('https://example.com/', 'elsewhere')}</p>`],
	foreign: ['Audit: another ID', `<p>${a('https://www.amazon.com/dp/B0SHLFL002?tag=someoneelse-20')}</p>`],
	short: ['Audit: short links', `<p>${a('https://amzn.to/shelfK001')} ${a('https://a.co/d/nothing')}</p>`],
	plain: [HOSTILE, `<p>${a('https://example.org/')}</p>`],
	edited: ['Audit: edited meanwhile', `<p>${a('https://www.amazon.com/dp/B0SHLFM003')}</p>`],
	ambiguous: ['Audit: markup read two ways', `<select><xmp>${a('https://www.amazon.com/dp/B0SHLFK001')}</xmp></select>`],
};

/** @type {Record<string, number>} */
const ids = {};
let tag = '';
let patternId = 0;

/** Presses a key on a control, as a keyboard user would. @param {import('playwright-core').Locator} control @param {string} [key] */
async function press(control, key = 'Enter') {
	await control.focus();
	await control.press(key);
}

/** The audit's report row of a post, paging through the report until it shows. @param {import('playwright-core').Page} page @param {number} id */
async function row(page, id) {
	const first = page.locator('.shelf-audit__pages').getByRole('button', { name: 'Previous' });
	while (await first.count() && await first.isEnabled()) await first.click();
	for (;;) {
		const found = page.locator('.shelf-audit__table > tbody > tr').filter({ hasText: `· #${id}` });
		if (await found.count()) return found;
		const next = page.locator('.shelf-audit__pages').getByRole('button', { name: 'Next' });
		assert.ok(await next.count() && await next.isEnabled(), `post ${id} is in the report`);
		await next.click();
	}
}

/** REST as the logged-in admin. @param {import('playwright-core').Page} page @param {string} method @param {string} path @param {object} [body] */
function wpRest(page, method, path, body) {
	return page.evaluate(async ({ method, path, body }) => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		const response = await fetch(`/wp-json/${path}`, { method, headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce }, body: body ? JSON.stringify(body) : undefined });
		return response.json();
	}, { method, path, body });
}

/**
 * Opens the screen. With a `gate`, batch requests ask for 3 posts, so the scan takes several
 * batches, and the first one waits for the gate.
 * @param {import('playwright-core').Page} page @param {Promise<void>} [gate]
 */
async function open(page, gate) {
	if (gate) {
		await page.route('**/shelf/v1/audit/posts?after=*', async (route) => {
			const url = route.request().url();
			if (url.includes('after=0&')) await gate;
			await route.continue({ url: url.replace(/limit=\d+/, 'limit=3') });
		});
	}
	await page.goto(`${SITE}/wp-admin/tools.php?page=shelf-link-audit`);
	await page.locator('.shelf-audit').waitFor(timeout);
}

test('a scan in batches, paused and resumed from the keyboard, reports every link by outcome', async () => {
	const page = await context.newPage();
	await login(page);
	await page.goto(`${SITE}/wp-admin/`);
	for (const [key, [title, content]] of Object.entries(POSTS)) {
		ids[key] = (await wpRest(page, 'POST', 'wp/v2/posts', { title, content, status: 'publish' })).id;
	}
	const pattern = await wpRest(page, 'POST', 'wp/v2/blocks', { title: 'Audit: pattern', status: 'publish', content: `<!-- wp:paragraph --><p>${a('https://amazon.com/dp/B0SHLFK001')}</p><!-- /wp:paragraph -->` });
	patternId = pattern.id;
	assert.ok(patternId > 0 && Object.values(ids).every((id) => id > 0), 'posts created');

	/** @type {() => void} */
	let release = () => {};
	await open(page, new Promise((resolve) => { release = resolve; }));
	tag = await page.evaluate(() => window.shelfEditor.links.tags['www.amazon.com']);
	assert.ok(tag, 'the site has a tracking ID for amazon.com');
	assert.equal(await page.evaluate(() => window.shelfEditor.links.existingTag), 'keep');
	// Pause while the first batch is on its way: the scan stops after it.
	await press(page.getByRole('button', { name: 'Scan all posts' }));
	await press(page.getByRole('button', { name: 'Pause' }));
	release();
	await page.getByText('Paused. Resume to go on where the scan stopped.').waitFor(timeout);
	assert.match(await page.locator('.shelf-audit__progress').textContent() ?? '', /^3 of \d+ posts checked$/);
	await press(page.getByRole('button', { name: 'Resume' }));
	const done = page.getByText(/^Done: \d+ posts checked in [\d.]+ s\.$/);
	await done.waitFor(timeout);
	const total = Number((await done.textContent())?.match(/\d+/)?.[0]);
	assert.ok(total >= 6);
	assert.equal(await page.locator('#shelf-audit-progress').getAttribute('value'), '100');

	const found = async (/** @type {number} */ id) => (await row(page, id)).locator('td[data-label="Links found"]').textContent();
	// A post the core left alone needs a look too: the default view lists it, with why.
	assert.equal(await found(ids.ambiguous), 'This post has markup that browsers may read differently, so its links were not checked or changed.');
	await page.getByLabel('Show', { exact: true }).selectOption('all');
	assert.equal(await found(ids.untagged), 'Untagged: 1 · Not Amazon: 1');
	assert.equal(await found(ids.foreign), 'Another tracking ID: 1');
	assert.equal(await found(ids.short), 'Short link: 2');
	assert.equal(await found(ids.plain), 'Not Amazon: 1');
	assert.equal(await found(patternId), 'Untagged: 1');
	const titleCell = (await row(page, ids.plain)).locator('td[data-label="Post"] strong');
	assert.equal(await titleCell.textContent(), HOSTILE, 'a title is shown as text');
	assert.equal(await page.evaluate(() => window.__pwned), undefined);

	// The proposed change per link, behind a keyboard-operable disclosure.
	const untagged = await row(page, ids.untagged);
	const show = untagged.getByRole('button', { name: 'Show 2 links' });
	await press(show);
	assert.equal(await untagged.getByRole('button', { name: 'Hide links' }).getAttribute('aria-expanded'), 'true');
	const links = page.locator(`#shelf-audit-links-${ids.untagged}`);
	assert.deepEqual(await links.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.querySelector('code')?.textContent ?? td.textContent))), [
		['Untagged', 'https://www.amazon.com/dp/B0SHLFK001', `https://www.amazon.com/dp/B0SHLFK001?tag=${tag}`],
		['Not Amazon', 'https://example.com/', '—'],
	]);
	// Short links are resolved by the server (the mock plays amzn.to and a.co).
	await press((await row(page, ids.short)).getByRole('button', { name: 'Show 2 links' }));
	const shortLinks = page.locator(`#shelf-audit-links-${ids.short}`);
	const short = await shortLinks.locator('td[data-label="Link"] .shelf-audit__why').allTextContents();
	assert.equal(short[0], 'A short link to https://www.amazon.com/dp/B0SHLFK001?ref_=shelf_share&th=1.');
	assert.equal(short[1], 'A short link that could not be resolved: the short link does not exist.');
	// Both are Amazon's links, so both get the site's rel (and new-tab target) either way.
	const proposed = await shortLinks.locator('td[data-label="Proposed change"]').evaluateAll((tds) => tds.map((td) => [...td.querySelectorAll('.shelf-audit__why')].map((why) => why.textContent)));
	assert.deepEqual(proposed, [['rel="sponsored noopener"', 'target="_blank"'], ['rel="sponsored noopener"', 'target="_blank"']]);

	// The CSV: one record per link; a title that looks like a formula is defused.
	const [download] = await Promise.all([page.waitForEvent('download'), press(page.getByRole('button', { name: 'Download CSV' }))]);
	assert.match(download.suggestedFilename(), /^shelf-link-audit-\d{4}-\d\d-\d\d\.csv$/);
	const csv = await readFile(/** @type {string} */ (await download.path()), 'utf8');
	const lines = csv.replace(/^\ufeff/, '').split('\r\n');
	assert.equal(lines[0], 'Post ID,Title,Type,Status,Edit link,Link,Outcome,Detail,Proposed link,Proposed rel,Proposed target,Result');
	const line = lines.find((l) => l.startsWith(`${ids.untagged},`));
	assert.match(line ?? '', new RegExp(`^${ids.untagged},Audit: untagged,Post,publish,http[^,]+,https://www\\.amazon\\.com/dp/B0SHLFK001,Untagged,No tracking ID of yours: gets your ID for www\\.amazon\\.com\\.,https://www\\.amazon\\.com/dp/B0SHLFK001\\?tag=${tag},[^,]*,[^,]*,$`));
	assert.ok(lines.some((l) => l.startsWith(`${ids.plain},"'=HYPERLINK(""https://evil.example"") <img`)), 'formula defused');
	assert.equal(lines.filter((l) => l.startsWith(`${ids.short},`)).length, 2);

	await screenshot(page, 'link-audit-1280');
	assert.deepEqual(await axeViolations(page, ['.wrap']), [], 'axe-core: the audit has no serious or critical violations');
	await page.setViewportSize({ width: 390, height: 844 });
	await screenshot(page, 'link-audit-390');
	assert.deepEqual(problems, []);
	await page.close();
});

test('apply writes the selected posts, keeps a revision, verifies them, and refuses a post edited after the scan', async () => {
	const page = await context.newPage();
	await login(page);
	await open(page);
	await press(page.getByRole('button', { name: 'Scan all posts' }));
	await page.getByText(/^Done:/).waitFor(timeout);
	// Only posts with proposed changes can be selected.
	assert.equal(await (await row(page, ids.untagged)).getByRole('checkbox').isEnabled(), true);
	await page.getByLabel('Show', { exact: true }).selectOption('all');
	assert.equal(await (await row(page, ids.plain)).getByRole('checkbox').isEnabled(), false);
	for (const id of [ids.untagged, patternId, ids.edited]) await press((await row(page, id)).getByRole('checkbox'), 'Space');
	// Someone edits a post after the scan.
	await wpRest(page, 'POST', `wp/v2/posts/${ids.edited}`, { content: `${POSTS.edited[1]}<p>New paragraph.</p>` });

	page.once('dialog', (dialog) => dialog.accept());
	await press(page.getByRole('button', { name: 'Apply changes to 3 posts' }));
	await page.locator('.shelf-audit .components-notice__content', { hasText: '2 posts changed and verified; 1 need a look (see “Result”).' }).waitFor(timeout);
	const result = async (/** @type {number} */ id) => (await row(page, id)).locator('td[data-label="Result"]').textContent();
	assert.equal(await result(ids.untagged), 'Changed and verified. Revisions');
	assert.equal(await result(patternId), 'Changed and verified. Revisions');
	assert.equal(await result(ids.edited), 'Not changed: the post was edited after the scan. Scan again to see it as it is now.');

	const post = await wpRest(page, 'GET', `wp/v2/posts/${ids.untagged}?context=edit`);
	assert.ok(post.content.raw.includes(`href="https://www.amazon.com/dp/B0SHLFK001?tag=${tag}"`), post.content.raw);
	assert.ok(post.content.raw.includes(a('https://example.com/', 'elsewhere')), 'other links stay as they were');
	const revisions = await wpRest(page, 'GET', `wp/v2/posts/${ids.untagged}/revisions?context=edit`);
	assert.ok(revisions.some((/** @type {any} */ r) => r.content.raw === POSTS.untagged[1]), 'a revision keeps the content before the change');
	const edited = await wpRest(page, 'GET', `wp/v2/posts/${ids.edited}?context=edit`);
	assert.match(edited.content.raw, /New paragraph/);
	assert.doesNotMatch(edited.content.raw, /tag=/);
	const revisionLink = (await row(page, ids.untagged)).getByRole('link', { name: 'Revisions' });
	assert.match(await revisionLink.getAttribute('href') ?? '', /revision\.php\?revision=\d+$/);

	// A new scan finds those links tagged and nothing left to change there.
	await press(page.getByRole('button', { name: 'Scan again' }));
	await page.getByText(/^Done:/).waitFor(timeout);
	await page.getByLabel('Show', { exact: true }).selectOption('all');
	assert.equal(await (await row(page, ids.untagged)).locator('td[data-label="Links found"]').textContent(), 'Tagged: 1 · Not Amazon: 1');
	assert.equal(await (await row(page, ids.untagged)).locator('td[data-label="Proposed changes"]').textContent(), 'None');
	assert.equal(await (await row(page, patternId)).locator('td[data-label="Links found"]').textContent(), 'Tagged: 1');
	assert.deepEqual(problems, []);
	assertDebugLogEmpty();
	await page.close();
});

test('authors get neither the screen nor the routes', async () => {
	const admin = await context.newPage();
	await login(admin);
	const author = await userWithRole(admin, 'author');
	await admin.close();
	await context.clearCookies();
	const page = await context.newPage();
	await login(page, author);
	assert.equal(await page.locator('#adminmenu a[href="tools.php?page=shelf-link-audit"]').count(), 0);
	const status = await page.evaluate(async () => {
		const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
		return (await fetch('/wp-json/shelf/v1/audit/posts', { headers: { 'X-WP-Nonce': nonce } })).status;
	});
	assert.equal(status, 403);
	const screen = await page.goto(`${SITE}/wp-admin/tools.php?page=shelf-link-audit`);
	assert.equal(screen?.status(), 403);
	// The two refusals above are the expected 403s.
	problems.splice(0, problems.length, ...problems.filter((p) => !/HTTP 403|status of 403/.test(p)));
	assert.deepEqual(problems, []);
	await page.close();
});
