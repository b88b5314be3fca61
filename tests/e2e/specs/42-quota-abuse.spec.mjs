// Issue 14, R4 (quota abuse): anonymous visitors hammer the public REST routes and a page that
// places 500 products never fetched, with many requests in flight on the site's 4 PHP workers
// (wp-cron.php among them), while refresh runs in three more PHP processes compete for the
// same budget. The Creators API mock's log shows the upstream
// calls stay within the budget every worker shares: 1 request/s (burst 1) and the daily cap.
// No browser: plain HTTP clients. SHELF_R4_REQUESTS sets the number of requests (default
// 300 for ./build.sh test; `deep` runs 10,000).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeFileSync, rmSync } from 'node:fs';
import { SITE, assertDebugLogEmpty, teardown } from '../lib.mjs';

const MOCK = process.env.SHELF_MOCK_URL ?? assert.fail('SHELF_MOCK_URL is not set');
const REQUESTS = Number(process.env.SHELF_R4_REQUESTS ?? 300);
const CONCURRENCY = 16;
/** Calls the daily cap leaves the busiest credential for the second half of the run. */
const CAP_LEFT = 3;
const worker = fileURLToPath(new URL('../../php/tools/refresh-worker.php', import.meta.url));
const capPlugin = `${process.env.SHELF_SITE_DIR}/wp-content/mu-plugins/shelf-r4-cap.php`;

/** Runs PHP with WordPress loaded; prints what the code echoes. @param {string} code */
function wp(code) {
	return execFileSync('php', ['-r', `require getenv('SHELF_SITE_DIR') . '/wp-load.php'; ${code}`], { env: process.env, encoding: 'utf8' }).trim();
}

/** Each store's credential key, as the budget counts it (a credential per region, one bucket each). */
const credentialOf = () => JSON.parse(wp(`$keys = array(); foreach ( array_keys( \\Shelf\\Marketplaces::all() ) as $host ) { $keys[ $host ] = \\Shelf\\Credentials::for_market( $host )['key'] ?? null; } echo wp_json_encode( $keys );`));

/**
 * The mock's catalog calls (GetItems, SearchItems) since its log was cleared: times in seconds
 * per credential key.
 * @param {Record<string, string | null>} keys
 * @returns {Promise<Map<string, number[]>>}
 */
async function upstreamCalls(keys) {
	const log = await (await fetch(`${MOCK}/__mock/requests`)).json();
	const calls = new Map();
	for (const entry of log.filter((e) => e.path.startsWith('/catalog/'))) {
		const key = keys[entry.marketplace] ?? assert.fail(`a call for ${entry.marketplace}, a store without a credential`);
		calls.set(key, [...(calls.get(key) ?? []), Date.parse(entry.time) / 1000].sort((a, b) => a - b));
	}
	return calls;
}

/** Calls per key. @param {Map<string, number[]>} calls */
const counts = (calls) => Object.fromEntries([...calls].map(([key, times]) => [key, times.length]));

/** Waits until the mock has had no request for `seconds`. @param {number} seconds */
async function quiet(seconds) {
	const total = async () => (await (await fetch(`${MOCK}/__mock/counts`)).json()).total;
	let last = await total();
	let since = Date.now();
	while (Date.now() - since < seconds * 1000) {
		await new Promise((resolve) => setTimeout(resolve, 250));
		const now = await total();
		if (now !== last) [last, since] = [now, Date.now()];
	}
}

/** Sends `n` anonymous GETs, `CONCURRENCY` at a time, cycling through `paths`; returns the statuses seen. */
async function hammer(paths, n) {
	const statuses = new Map();
	let next = 0;
	const worker = async () => {
		while (next < n) {
			const path = paths[next++ % paths.length];
			const response = await fetch(SITE + path, { redirect: 'manual' });
			await response.arrayBuffer();
			statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	return statuses;
}

/** Fails when any run of one credential's calls beats 1/s with a burst of 1, give one call (a worker that took its slot then waited for the CPU before sending). */
function assertRate(times) {
	for (let i = 0; i < times.length; i++) {
		for (let j = i + 1; j < times.length; j++) {
			assert.ok(j - i <= times[j] - times[i] + 2, `${j - i + 1} upstream calls within ${(times[j] - times[i]).toFixed(2)} s`);
		}
	}
}

/**
 * Three refresh runs at once, each in its own PHP process (tests/php/tools/refresh-worker.php)
 * as WP-Cron would start them on three workers; their summaries.
 * @returns {Promise<Array<{ requests: number, stopped: string | null }>>}
 */
function refreshRuns() {
	const env = { ...process.env, SHELF_TEST_START: String(Date.now() / 1000 + 1), SHELF_TEST_RATE: '1' };
	return Promise.all(Array.from({ length: 3 }, () => new Promise((resolve, reject) => {
		execFile('php', [worker, 'refresh'], { env }, (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout))));
	})));
}

/** Publishes a post placing these products, ten per box; its path. @param {string[]} list */
function publish(list) {
	const content = Array.from({ length: list.length / 10 }, (_, i) => `[amazon box="${list.slice(i * 10, i * 10 + 10).join(',')}"]`).join('\n');
	return new URL(wp(`wp_set_current_user( 1 ); echo get_permalink( wp_insert_post( array( 'post_title' => 'R4 quota abuse', 'post_status' => 'publish', 'post_content' => ${JSON.stringify(content)} ) ) );`)).pathname;
}

/** Products never fetched: 700 for the first half of the storm, 300 for the second. */
const asins = Array.from({ length: 1000 }, (_, i) => `B0R4${String(i).padStart(6, '0')}`);
teardown(async () => {
	rmSync(capPlugin, { force: true });
	// The posts and their products in every store (localised copies too), so later specs see no
	// refresh work left behind.
	wp(`foreach ( get_posts( array( 'post_type' => 'post', 'title' => 'R4 quota abuse', 'post_status' => 'any', 'fields' => 'ids' ) ) as $id ) { wp_delete_post( $id, true ); } global $wpdb; foreach ( $wpdb->get_col( 'SELECT DISTINCT marketplace FROM ' . \\Shelf\\Store_Schema::products_table() ) as $market ) { foreach ( json_decode( '${JSON.stringify(asins)}' ) as $asin ) { \\Shelf\\Store_Queue::remove( $market, $asin ); } }`);
});

test('anonymous request storms: upstream calls stay within 1/s and the daily cap, shared by every worker', async () => {
	// A post registers at most 100 products (shelf_max_products_per_post): the 500-product page
	// and two posts of 100 more give the refresh 30 batches to fetch.
	const paths = [publish(asins.slice(0, 500)), publish(asins.slice(500, 600)), publish(asins.slice(600, 700))];
	for (let i = 0; i < 40; i++) paths.push(`/wp-json/shelf/v1/products?market=www.amazon.com&asins=${asins.slice(i * 25, i * 25 + 25).join(',')}`, '/wp-json/shelf/v1/geo', '/wp-cron.php');
	// WP-Cron may run: any request may start it, as on a real site.
	wp(`delete_transient( 'doing_cron' ); \\Shelf\\Refresh::schedule_soon( 0 );`);
	await fetch(`${MOCK}/__mock/requests`, { method: 'DELETE' });
	const keys = credentialOf();

	// Half the storm, with three refresh runs in their own PHP processes competing for the budget.
	const started = Date.now() / 1000;
	const [first, runs] = await Promise.all([hammer(paths, REQUESTS / 2), refreshRuns()]);
	const firstCalls = await upstreamCalls(keys);
	const firstEnd = Date.now() / 1000;
	assert.ok(runs.reduce((n, run) => n + run.requests, 0) > 3, `the parallel runs fetched (else the budget was not shared by anyone): ${JSON.stringify(runs)}`);
	for (const times of firstCalls.values()) {
		assertRate(times);
		assert.ok(times.length <= firstEnd - started + 1, `${times.length} calls in ${(firstEnd - started).toFixed(1)} s`);
	}

	// The other half with the day's cap leaving CAP_LEFT calls, and a page of 300 new products.
	// In between, no run may be sending: WP-Cron held, then the mock quiet for longer than a run
	// waits for a slot (5 s), so the cap is set on a settled count.
	wp(`set_transient( 'doing_cron', sprintf( '%.22F', microtime( true ) + 300 ) );`);
	await quiet(6);
	paths.push(publish(asins.slice(700)));
	const settled = counts(await upstreamCalls(keys));
	// One cap for every credential (the filter has no key): CAP_LEFT more for the busiest one.
	const used = Object.fromEntries([...new Set(Object.values(keys).filter(Boolean))].map((key) => [key, Number(wp(`echo (int) ( \\Shelf\\State::get( 'day:${key}:' . gmdate( 'Ymd' ) )['num'] ?? 0 );`))]));
	const cap = Math.max(...Object.values(used)) + CAP_LEFT;
	writeFileSync(capPlugin, `<?php\nadd_filter( 'shelf_api_daily_cap', static fn() => ${cap} );\n`);
	wp(`delete_transient( 'doing_cron' );`);
	const [second, capped] = await Promise.all([hammer(paths, REQUESTS / 2), refreshRuns()]);
	const all = await upstreamCalls(keys);
	rmSync(capPlugin, { force: true });
	for (const [key, times] of all) {
		assertRate(times);
		assert.ok(times.length - (settled[key] ?? 0) <= cap - used[key], `${times.length - (settled[key] ?? 0)} calls after the cap left ${cap - used[key]}`);
	}
	assert.ok(capped.some((run) => run.stopped === 'shelf_daily_cap'), `the cap stopped the runs: ${JSON.stringify(capped)}`);

	for (const [status, n] of [...first, ...second]) {
		assert.ok([200, 301].includes(status), `${n} responses with status ${status}`);
	}
	console.log(`# R4: ${REQUESTS} requests in ${(Date.now() / 1000 - started).toFixed(1)} s; upstream calls per credential ${JSON.stringify(counts(all))}, ${JSON.stringify(settled)} before the cap`);
	assertDebugLogEmpty();
});
