// Wasm-in-Node render timings for BENCHMARKS.md: the shipped web module (as built by
// `./build.sh build`), loaded with initSync from its bytes, renders the same two placements as
// crate/tests/render_bench.rs (a 10-product comparison table and a 5-product box, built from the
// Creators API fixtures, data 10 minutes old).
// Usage: node tests/tools/bench/render-wasm.mjs [WASM_DIR] [SECONDS]
//   WASM_DIR defaults to .cache/wasm-render (the shipped module with its unbundled glue); SECONDS (per placement and input form) to 2.
// Exits 1 when the median render of either placement exceeds 1 ms (issue 4's target).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const [dirArg = join(root, '.cache/wasm-render'), secondsArg = '2'] = process.argv.slice(2);
const dir = resolve(dirArg);
// The web glue is an ES module; a .mjs copy loads it wherever WASM_DIR lives.
const tmp = mkdtempSync(join(tmpdir(), 'shelf-render-bench-'));
writeFileSync(join(tmp, 'shelf_core.mjs'), readFileSync(join(dir, 'shelf_core.js')));
const core = await import(pathToFileURL(join(tmp, 'shelf_core.mjs')).href);
rmSync(tmp, { recursive: true });
core.initSync({ module: readFileSync(join(dir, 'shelf_core_bg.wasm')) });

// Same constants and records as crate/tests/render_support/mod.rs and render_bench.rs.
const NOW = 1_795_507_200;
const fixtures = ['get-items-3-items.json', 'get-items-partial-errors.json', 'get-items-de.json', 'search-items.json']
  .map((f) => JSON.parse(readFileSync(join(root, 'tests/fixtures/creators-api', f), 'utf8')));
function item(asin) {
  for (const body of fixtures) {
    for (const key of ['itemsResult', 'searchResult']) {
      const found = body[key]?.items?.find((i) => i.asin === asin);
      if (found) return found;
    }
  }
  throw new Error(`no fixture item ${asin}`);
}
function placement(kind, count) {
  const asins = ['B0SHLFK001', 'B0SHLFP004', 'B0SHLFQ005', 'B0SHLFS101', 'B0SHLFS103'];
  const records = Array.from({ length: count }, (_, i) => {
    const asin = asins[i % asins.length];
    return { asin, item: item(asin), fetchedAt: NOW - 600 };
  });
  const rows = [{ type: 'title' }, { type: 'image' }, { type: 'price' },
    { type: 'yesNo', label: 'Induction', value: 'yes' },
    { type: 'text', label: 'Capacity', value: '1 L' }, { type: 'button' }];
  return { kind, marketplace: 'www.amazon.com', tag: 'shelftest-20', now: NOW, records,
    options: { rows, highlight: 'B0SHLFK001', ribbon: 'Best' } };
}

/** Times `call(input)`, which renders and returns the result object. */
function time(call, input) {
  const first = call(input);
  if (first.errors.length > 0 || first.html === '') throw new Error(`render failed: ${JSON.stringify(first.errors)}`);
  for (let i = 0; i < 50; i++) call(input); // warm-up: let V8 tier up the module
  const times = [];
  const end = performance.now() + Number(secondsArg) * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    call(input);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { runs: times.length, best: times[0], median: times[times.length >> 1],
    p90: times[Math.floor(times.length * 0.9)], htmlBytes: Buffer.byteLength(first.html) };
}

const ms = (v) => v.toFixed(3);
let over = false;
console.log(`render in wasm, Node ${process.version}, module ${dir}`);
console.log('| Placement | Input | Median | Best | p90 | Runs | HTML |');
console.log('|---|---|---|---|---|---|---|');
for (const [label, kind, count] of [['Table, 10 products', 'table', 10], ['Box, 5 products', 'box', 5]]) {
  const input = placement(kind, count);
  // The loader's call: the placement object as JSON text in, the result's JSON text parsed; the
  // render alone takes and gives text.
  const forms = [
    ['object', input, (/** @type {object} */ p) => JSON.parse(core.render(JSON.stringify(p)))],
    ['JSON text', JSON.stringify(input), (/** @type {string} */ text) => JSON.parse(core.render(text))],
  ];
  for (const [form, value, call] of forms) {
    const t = time(call, value);
    if (form === 'object' && t.median > 1) over = true;
    console.log(`| ${label} | ${form} | ${ms(t.median)} ms | ${ms(t.best)} ms | ${ms(t.p90)} ms | ${t.runs} | ${(t.htmlBytes / 1000).toFixed(1)} KB |`);
  }
}
if (over) {
  console.log('over the 1 ms target (median, object input)');
  process.exit(1);
}
