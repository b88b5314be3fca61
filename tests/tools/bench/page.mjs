// Page benchmark: what Shelf costs a post with five placements, on a real WordPress.
//   - store queries per page view (budget ≤ 1) and server time over the same page with Shelf
//     deactivated (budget ≤ 2 ms, medians of N views each, OPcache on as in production);
//   - bytes Shelf adds (HTML, JS, wasm, CSS; brotli);
//   - Chromium, warm cache: time from navigation to every placement rendered, and the layout
//     shift Shelf causes (target 0.00).
// Usage (a site from tests/tools/site.sh in demo mode, its site.env sourced):
//   node tests/tools/bench/page.mjs [VIEWS=80]
// Prints a Markdown section; exits 1 when a budget is exceeded.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../../e2e/lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const viewCount = Number(process.argv[2] ?? 80);
const site = process.env.SHELF_SITE_DIR ?? '';
const php = (/** @type {string} */ cmd) => execFileSync('php', [join(here, 'page-setup.php'), cmd], { encoding: 'utf8' }).trim();
const brotli = (/** @type {Buffer | string} */ b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

copyFileSync(join(here, 'mu-bench.php'), join(site, 'wp-content/mu-plugins/shelf-bench.php'));
php('on');
const url = php('post');

/** Views of the bench post with Shelf active or not: the probe's server time and query counts. */
async function views(/** @type {boolean} */ active, /** @type {number} */ count) {
	php(active ? 'on' : 'off');
	const out = [];
	for (let i = 0; i < count + 2; i++) {
		const html = await (await fetch(`${url}?shelf-bench=1`)).text();
		const m = html.match(/<!-- shelf-bench (\{.*\}) -->/);
		if (!m) throw new Error('the bench probe did not answer');
		// The first views after a switch warm OPcache and the object cache.
		if (i >= 2) out.push({ ...JSON.parse(m[1]), html: html.replace(/\n<!-- shelf-bench .* -->$/, '') });
	}
	return out;
}

// Rounds alternate active and deactivated, so load drift on the machine hits both alike.
const rounds = 8;
const samples = { on: /** @type {any[]} */ ([]), off: /** @type {any[]} */ ([]) };
for (let r = 0; r < rounds; r++) {
	samples.off.push(...(await views(false, Math.ceil(viewCount / rounds))));
	samples.on.push(...(await views(true, Math.ceil(viewCount / rounds))));
}
const summary = (/** @type {any[]} */ xs) => ({ ms: median(xs.map((x) => x.ms)), probe: xs[xs.length - 1], html: xs[xs.length - 1].html });
const on = summary(samples.on);
const off = summary(samples.off);
const delta = on.ms - off.ms;

// Browser: warm cache (a first load fills it), then measure a second navigation.
const { browser, context, problems } = await launch();
const page = await context.newPage();
/** @type {Map<string, number>} */
const transferred = new Map();
page.on('response', async (response) => {
	if (/\/plugins\/shelf\//.test(response.url())) transferred.set(new URL(response.url()).pathname, (await response.body()).length);
});
await page.goto(url);
await page.waitForFunction(() => performance.getEntriesByName('shelf:rendered').length > 0);
const ready = [];
const cls = [];
const shelfCls = [];
for (let i = 0; i < 5; i++) {
	await page.reload();
	await page.waitForFunction(() => performance.getEntriesByName('shelf:rendered').length > 0);
	ready.push(await page.evaluate(() => performance.getEntriesByName('shelf:rendered')[0].startTime));
	// All shifts of the page, and those after the loader started writing (Shelf's own).
	const [all, own] = await page.evaluate(() => new Promise((resolve) => {
		const start = performance.getEntriesByName('shelf:start')[0].startTime;
		let sum = 0;
		let mine = 0;
		new PerformanceObserver((list) => {
			for (const e of /** @type {any[]} */ (list.getEntries())) {
				if (e.hadRecentInput) continue;
				sum += e.value;
				if (e.startTime >= start) mine += e.value;
			}
		}).observe({ type: 'layout-shift', buffered: true });
		setTimeout(() => resolve([sum, mine]), 300);
	}));
	cls.push(all);
	shelfCls.push(own);
}
const placements = await page.locator('.shelf-placement--ready').count();
await browser.close();

const assets = [...transferred.keys()].sort().map((path) => {
	const file = join(site, path.replace(/^.*\/wp-content\//, 'wp-content/'));
	return { path: path.replace(/^.*\/plugins\//, ''), raw: readFileSync(file).length, br: brotli(readFileSync(file)) };
});
const htmlBytes = brotli(on.html) - brotli(off.html);
const total = htmlBytes + assets.reduce((s, a) => s + a.br, 0);

const budgets = [
	['Store queries per page view', on.probe.shelfQueries, 1, String(on.probe.shelfQueries)],
	['Server time added (median)', delta, 2, `${delta.toFixed(2)} ms`],
];
console.log(`## Page cost: five placements

\`\`\`sh
./build.sh bench      # runs: node tests/tools/bench/page.mjs ${viewCount}
\`\`\`

A post with five placements (a box, a text link, a 3-product table, a price field, a 2-product
box), on WordPress 6.8 + MariaDB via PHP's built-in server with OPcache; product data warm in the
store. Server time: median of ${samples.on.length} views each in ${rounds} alternating rounds, Shelf active vs deactivated, measured in PHP
from request start to shutdown. Browser: Debian Chromium, warm cache, 5 reloads.

| Measure | Shelf active | Shelf deactivated | Budget |
|---|---|---|---|
| Server time per view (median) | ${on.ms.toFixed(2)} ms | ${off.ms.toFixed(2)} ms | +2 ms |
| Queries per view (all) | ${on.probe.queries} | ${off.probe.queries} | |
| Queries on Shelf's store tables | ${on.probe.shelfQueries} | — | ≤ 1 |

| Bytes Shelf adds (brotli) | |
|---|---|
| HTML (placeholders, payloads, page data) | ${htmlBytes} B |
${assets.map((a) => `| ${a.path} | ${a.br} B (raw ${a.raw} B) |`).join('\n')}
| **Total** | **${total} B** |

| Browser (warm cache) | median of 5 | all |
|---|---|---|
| Navigation start → every placement rendered | ${median(ready).toFixed(0)} ms | ${ready.map((x) => x.toFixed(0)).join(', ')} ms |
| Layout shift caused by Shelf (after its loader starts writing; target 0.00) | ${median(shelfCls).toFixed(3)} | ${shelfCls.map((x) => x.toFixed(3)).join(', ')} |
| Cumulative layout shift of the whole page (theme web fonts included) | ${median(cls).toFixed(3)} | ${cls.map((x) => x.toFixed(3)).join(', ')} |
| Placements rendered | ${placements} of 5 | |
`);
const failed = budgets.filter(([, value, limit]) => Number(value) > Number(limit));
for (const [name, , limit, shown] of failed) console.error(`BUDGET EXCEEDED: ${name} = ${shown} (budget ${limit})`);
if (problems.length) console.error(problems.join('\n'));
process.exit(failed.length || placements !== 5 ? 1 : 0);
