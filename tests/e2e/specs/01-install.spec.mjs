// Installs dist/shelf.zip through Plugins → Add New → Upload Plugin, activates it, and sets
// the tracking ID on Settings → Shelf, where the core validates it live.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, login, SITE, screenshot, assertDebugLogEmpty } from '../lib.mjs';

const { browser, context, problems } = await launch();
after(() => browser.close());

test('the zip installs through the upload form and activates without notices', async () => {
	const page = await context.newPage();
	await login(page);
	await page.goto(`${SITE}/wp-admin/plugin-install.php?tab=upload`);
	await page.setInputFiles('#pluginzip', process.env.SHELF_ZIP);
	await Promise.all([page.waitForURL(/update\.php\?action=upload-plugin/), page.click('#install-plugin-submit')]);
	await page.getByText('Plugin installed successfully.').waitFor();
	await Promise.all([page.waitForURL(/plugins\.php/), page.getByRole('link', { name: 'Activate Plugin' }).click()]);
	await page.getByText('Plugin activated.').waitFor();
	assert.equal(await page.locator('tr[data-slug="shelf"].active').count(), 1);
	await screenshot(page, 'plugins-activated');
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});

test('the settings screen validates tracking IDs live and saves a valid one', async () => {
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/options-general.php?page=shelf`);
	const input = page.getByLabel('www.amazon.com', { exact: true });
	const message = page.locator('#shelf-tag-US-message');

	await input.fill('ShelfTest-20');
	await assert.doesNotReject(message.filter({ hasText: 'did you mean “shelftest-20”' }).waitFor());
	assert.equal(await input.getAttribute('aria-invalid'), 'true');

	await input.fill('shelftest-21');
	await message.filter({ hasText: '-20' }).waitFor(); // a soft warning: the suffix of another region
	assert.equal(await input.getAttribute('aria-invalid'), null);

	await input.fill('shelftest-20');
	await page.waitForFunction(() => document.querySelector('#shelf-tag-US-message')?.textContent === '');
	await Promise.all([page.waitForURL(/settings-updated=true/), page.click('#submit')]);
	await page.getByText('Settings saved.').waitFor();
	assert.equal(await page.getByLabel('www.amazon.com', { exact: true }).inputValue(), 'shelftest-20');
	await screenshot(page, 'settings');
	assertDebugLogEmpty();
	assert.deepEqual(problems, []);
});

test('an invalid tracking ID is refused on the server and the saved one is kept', async () => {
	const page = await context.newPage();
	await page.goto(`${SITE}/wp-admin/options-general.php?page=shelf`);
	// Bypass the browser check: the server must refuse on its own.
	await page.getByLabel('www.amazon.com', { exact: true }).evaluate((el) => { el.value = 'bad tag&x=1'; });
	await Promise.all([page.waitForURL(/options-general\.php\?page=shelf/), page.click('#submit')]);
	await page.getByText('is not a valid tracking ID for www.amazon.com').waitFor();
	assert.equal(await page.getByLabel('www.amazon.com', { exact: true }).inputValue(), 'shelftest-20');
	assert.deepEqual(problems, []);
});
