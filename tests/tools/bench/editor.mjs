// Editor benchmark, in Chromium on a demo site:
//   - the table builder's preview re-render after an edit, for a 10-product table: from the
//     input event on a field to the preview frame's body holding the new markup (React state
//     update, the core's render, the commit). Budget: median ≤ 16 ms, one frame. The core's render
//     call alone is measured in the same page as the baseline;
//   - bytes the editor screens load for Shelf (brotli, quality 11), from the built plugin.
// Usage (a site from tests/tools/site.sh in demo mode, its site.env sourced; dist/ built):
//   node tests/tools/bench/editor.mjs [EDITS=60]
// Prints a Markdown section; exits 1 when the budget is exceeded.
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { launch, login, shelfRest, SITE } from '../../e2e/lib.mjs';

const edits = Number(process.argv[2] ?? 60);
const BUDGET_MS = 16;
const plugin = process.env.SHELF_SITE_DIR ? `${process.env.SHELF_SITE_DIR}/wp-content/plugins/shelf` : 'dist/shelf';
const brotli = (/** @type {string} */ file) => brotliCompressSync(readFileSync(`${plugin}/${file}`), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const stats = (/** @type {number[]} */ xs) => {
	const s = [...xs].sort((a, b) => a - b);
	return { median: s[Math.floor(s.length / 2)], p95: s[Math.floor(s.length * 0.95)] };
};

const { browser, context } = await launch();
const page = await context.newPage();
await login(page);
// Ten products the Creators API mock makes up (B0SHLFG…), rows of every kind authors write.
const products = Array.from({ length: 10 }, (_, i) => `B0SHLFG${String(i + 1).padStart(3, '0')}`);
const table = await shelfRest(page, 'POST', 'tables', {
	title: 'Bench: 10 products',
	table: {
		version: 1, products, caption: 'Bench', highlight: products[1], ribbon: 'Top',
		rows: [
			{ type: 'image' }, { type: 'title' }, { type: 'price' }, { type: 'rating', label: 'Rating' }, { type: 'prime', label: 'Prime' },
			{ type: 'text', label: 'Size', value: 'M', values: { [products[0]]: 'L' } }, { type: 'yesNo', label: 'Cordless', value: 'yes' },
			{ type: 'customButton', label: 'Manual', url: 'https://example.com/manual', value: 'Manual' }, { type: 'button' },
		],
	},
});
if (table.status !== 201) throw new Error(`creating the bench table failed: ${JSON.stringify(table.body)}`);
await page.goto(`${SITE}/wp-admin/admin.php?page=shelf-table&id=${table.body.id}`);
const frame = page.frameLocator('iframe.shelf-builder__frame');
await frame.locator('.shelf-compare').waitFor({ timeout: 60_000 });
// Every product's data is in (its name is the core's title, not its ASIN).
await page.waitForFunction((n) => [...document.querySelectorAll('.shelf-builder__name > span:first-child')]
	.filter((e) => !/^B0SHLFG/.test(e.textContent ?? '')).length === n, products.length, { timeout: 60_000 });

const figures = await page.evaluate(async (count) => {
	const caption = [...document.querySelectorAll('label')].find((l) => l.textContent === 'Caption');
	const field = /** @type {HTMLInputElement} */ (document.getElementById(caption?.htmlFor ?? ''));
	const iframe = /** @type {HTMLIFrameElement} */ (document.querySelector('iframe.shelf-builder__frame'));
	const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
	const edit = [];
	for (let i = 0; i < count; i++) {
		const text = `Bench ${i}`;
		const changed = new Promise((resolve) => {
			const body = /** @type {HTMLElement} */ (iframe.contentDocument?.body);
			const observer = new MutationObserver(() => {
				if (body.querySelector('caption')?.textContent === text) {
					observer.disconnect();
					resolve(performance.now());
				}
			});
			observer.observe(body, { childList: true, subtree: true, characterData: true });
		});
		const start = performance.now();
		setValue?.call(field, text);
		field.dispatchEvent(new Event('input', { bubbles: true }));
		edit.push(/** @type {number} */ (await changed) - start);
		// Let the frame load and the next frame paint before the next edit, like typing does.
		await new Promise((r) => setTimeout(r, 50));
	}
	return { edit };
}, edits);

// Baseline: the core's render call alone for the same table and records, in the same page.
const renderOnly = await page.evaluate(async ({ count, products, stored }) => {
	const core = await import(window.shelfEditor.wasm);
	await core.default();
	const { renderPlacement } = await import(new URL('../placement.js', window.shelfEditor.wasm).href);
	const answer = await window.wp.apiFetch({ path: '/shelf/v1/admin/preview', method: 'POST', data: { post: 0, attributes: { table: products.join(',') } } });
	const base = Object.values(answer.data.placements)[0];
	const times = [];
	for (let i = 0; i < count; i++) {
		const payload = { ...base, options: { ...base.options, ...stored, caption: `Bench ${i}` } };
		const start = performance.now();
		renderPlacement(core, answer.data, payload, Math.floor(Date.now() / 1000));
		times.push(performance.now() - start);
	}
	return times;
}, { count: edits, products, stored: table.body.table });

const edit = stats(figures.edit);
const render = stats(renderOnly);
const bytes = {
	blocks: brotli('js/editor/blocks.js'),
	builder: brotli('js/editor/table-builder.js'),
	placement: brotli('js/placement.js'),
	glue: brotli('js/wasm-admin/shelf_core.js'),
	wasm: brotli('js/wasm-admin/shelf_core_bg.wasm'),
	editorCss: brotli('assets/editor.css'),
	css: brotli('assets/shelf.css'),
};
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
const shared = bytes.placement + bytes.glue + bytes.wasm + bytes.editorCss + bytes.css;
const ok = edit.median <= BUDGET_MS;
console.log(`## Editor (node tests/tools/bench/editor.mjs ${edits})

| Measure | Median | p95 | Budget |
|---|---|---|---|
| Table builder: edit → preview re-rendered, 10 products, 9 rows (${edits} edits) | ${edit.median.toFixed(1)} ms | ${edit.p95.toFixed(1)} ms | ≤ ${BUDGET_MS} ms ${ok ? '✔' : '✘'} |
| Baseline: the core's render call alone, same table and records | ${render.median.toFixed(1)} ms | ${render.p95.toFixed(1)} ms | |

| Bytes Shelf adds to an editor screen (brotli 11) | |
|---|---|
| Block editor: blocks.js ${kb(bytes.blocks)} + shared ${kb(shared)} | ${kb(bytes.blocks + shared)} |
| Table builder: table-builder.js ${kb(bytes.builder)} + shared ${kb(shared)} | ${kb(bytes.builder + shared)} |
| shared = admin wasm ${kb(bytes.wasm)} + its glue ${kb(bytes.glue)} + placement.js ${kb(bytes.placement)} + editor.css ${kb(bytes.editorCss)} + shelf.css ${kb(bytes.css)} | |
`);
await shelfRest(page, 'DELETE', `tables/${table.body.id}`);
await browser.close();
process.exit(ok ? 0 : 1);
