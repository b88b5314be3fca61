// Link audit benchmark, in Chromium on a local site: N posts of about BYTES bytes each are
// written into the database (audit-posts.php), then the real screen (Tools → Shelf link audit)
// scans the whole site as a dry run. Measured: wall time from the click on "Scan all posts" to
// the "Done" status, the screen's own figure, and the page's peak memory while scanning (JS heap
// in use, from the DevTools protocol, plus the wasm core's linear memory), against the content
// bytes. Budgets (issue 12): ≤ 60 s, peak memory ≤ 4 × the content. The posts are deleted after.
// Usage (a site from tests/tools/site.sh, its site.env sourced; dist/ built and installed):
//   node tests/tools/bench/audit.mjs [POSTS=10000] [BYTES=5250]
// Prints a Markdown section; exits 1 when a budget is exceeded.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { launch, login, SITE } from '../../e2e/lib.mjs';

const posts = Number(process.argv[2] ?? 10000);
const size = Number(process.argv[3] ?? 5250);
const BUDGET_S = 60;
const BUDGET_MEMORY = 4;
const helper = fileURLToPath(new URL('audit-posts.php', import.meta.url));
const php = (/** @type {string[]} */ ...args) => execFileSync('php', [helper, ...args], { encoding: 'utf8' }).trim();
const mb = (/** @type {number} */ n) => `${(n / 1e6).toFixed(1)} MB`;

php('delete');
const made = Date.now();
const input = Number(php('create', String(posts), String(size)));
const createSeconds = (Date.now() - made) / 1000;

const { browser, context } = await launch();
let status = 1;
try {
	const page = await context.newPage();
	await login(page);
	await page.goto(`${SITE}/wp-admin/tools.php?page=shelf-link-audit`);
	await page.locator('.shelf-audit').waitFor();
	// The core is loaded before the clock starts, as it is after the first use of any Shelf screen.
	await page.evaluate(async () => {
		const core = await import(window.shelfEditor.wasm);
		await core.default();
	});
	const cdp = await context.newCDPSession(page);
	await cdp.send('Performance.enable');
	let requests = 0;
	page.on('request', (r) => { if (r.url().includes('/shelf/v1/audit/posts')) requests++; });
	let peak = { heap: 0, wasm: 0, total: 0 };
	let sampling = true;
	const sample = async () => {
		while (sampling) {
			const { metrics } = await cdp.send('Performance.getMetrics');
			const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
			const wasm = await page.evaluate(async () => (await (await import(window.shelfEditor.wasm)).default()).memory.buffer.byteLength);
			if (heap + wasm > peak.total) peak = { heap, wasm, total: heap + wasm };
			await new Promise((r) => setTimeout(r, 100));
		}
	};
	const sampler = sample();
	const start = Date.now();
	await page.getByRole('button', { name: 'Scan all posts' }).click();
	const done = page.getByText(/^Done: [\d,]+ posts checked in [\d.]+ s\.$/);
	await done.waitFor({ timeout: 600_000 });
	const seconds = (Date.now() - start) / 1000;
	sampling = false;
	await sampler;
	// Time the server took per batch (request sent → last byte), from the page's resource timing.
	const waits = await page.evaluate(() => performance.getEntriesByType('resource')
		.filter((e) => e.name.includes('/shelf/v1/audit/posts')).map((e) => /** @type {PerformanceResourceTiming} */ (e))
		.map((e) => e.responseEnd - e.requestStart).sort((x, y) => x - y));
	const load = loadavg()[0];
	const screen = (await done.textContent()) ?? '';
	const checked = Number(screen.match(/Done: ([\d,]+)/)?.[1].replaceAll(',', ''));
	const summary = (await page.locator('.shelf-audit__summary').innerText()).replace(/\s*\n\s*/g, ' · ');
	const ratio = peak.total / input;
	const ok = seconds <= BUDGET_S && ratio <= BUDGET_MEMORY && checked >= posts;
	console.log(`## Link audit (node tests/tools/bench/audit.mjs ${posts} ${size})

${posts.toLocaleString('en')} posts, ${mb(input)} of content (${checked.toLocaleString('en')} posts checked: the site's own as well), written in ${createSeconds.toFixed(1)} s by \`audit-posts.php\`; dry-run scan of the whole site in Chromium through the real screen (${requests} batch requests, server time per batch median ${waits[Math.floor(waits.length / 2)].toFixed(0)} ms, ${(waits.reduce((x, y) => x + y, 0) / 1000).toFixed(1)} s in all). Load average ${load.toFixed(1)} at the end (2 cores).

| Measure | Value | Budget |
|---|---|---|
| Scan, click → "Done" | ${seconds.toFixed(1)} s (${(input / 1e6 / seconds).toFixed(1)} MB/s) | ≤ ${BUDGET_S} s ${seconds <= BUDGET_S ? '✔' : '✘'} |
| The screen's own figure | ${screen.replace(/^Done: /, '')} | |
| Peak memory while scanning (JS heap in use + wasm memory) | ${mb(peak.total)} = ${ratio.toFixed(2)} × input (heap ${mb(peak.heap)}, wasm ${mb(peak.wasm)}) | ≤ ${BUDGET_MEMORY} × ${ratio <= BUDGET_MEMORY ? '✔' : '✘'} |

Links found: ${summary}.
`);
	status = ok ? 0 : 1;
} finally {
	await browser.close();
	php('delete');
}
process.exit(status);
