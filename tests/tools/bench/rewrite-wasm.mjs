// wasm-in-Node benchmark of shelf-core's rewriteLinks (see rewrite.sh).
// Usage: node rewrite-wasm.mjs GLUE_DIR POST.html [SECONDS]
// GLUE_DIR holds the output of `wasm-bindgen --target web` (as build.sh makes js/wasm-admin),
// loaded with initSync. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, file, secondsArg = '3'] = process.argv.slice(2);
const core = await import(pathToFileURL(resolve(dir, 'shelf_core.js')).href);
// The instance's exports include its memory, which only grows: after a call it is the peak.
const { memory } = core.initSync({ module: readFileSync(join(dir, 'shelf_core_bg.wasm')) });

const html = readFileSync(file, 'utf8');
const options = {
  tags: { 'www.amazon.com': 'shelfbench-20', 'www.amazon.de': 'shelfbench-21', 'www.amazon.co.uk': 'shelfbench-21' },
};
const bytes = Buffer.byteLength(html);

const memBefore = memory.buffer.byteLength;
const first = core.rewriteLinks(html, options);
const memAfter = memory.buffer.byteLength;
const links = first.report.links.length;
const changed = first.report.links.filter((l) => l.newHref).length;

const times = [];
const start = performance.now();
do {
  const t0 = performance.now();
  core.rewriteLinks(html, options);
  times.push((performance.now() - t0) / 1000);
} while (performance.now() - start < Number(secondsArg) * 1000);
times.sort((a, b) => a - b);
const mb = bytes / 1e6;
console.log(JSON.stringify({
  impl: 'rust-wasm-node', node: process.version, bytes, links, changed, runs: times.length,
  best_mbs: +(mb / times[0]).toFixed(1), median_mbs: +(mb / times[times.length >> 1]).toFixed(1),
  wasm_memory_before: memBefore, wasm_memory_after: memAfter,
  wasm_memory_growth_x_input: +((memAfter - memBefore) / bytes).toFixed(2),
  wasm_memory_total_x_input: +(memAfter / bytes).toFixed(2),
}));
