// wasm-in-Node benchmark of shelf-core's rewriteLinks (see rewrite.sh).
// Usage: node rewrite-wasm.mjs GLUE_DIR POST.html [SECONDS]
// GLUE_DIR holds the output of `wasm-bindgen --target nodejs`. Prints one JSON line.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [dir, file, secondsArg = '3'] = process.argv.slice(2);
// The nodejs glue keeps the instance private; a copy that also exports its memory lets us
// read the linear memory's size, which only grows, so after a call it is the peak.
const glue = readFileSync(join(dir, 'shelf_core.js'), 'utf8');
const benchGlue = join(dir, 'shelf_core_bench.cjs');
writeFileSync(benchGlue, `${glue}\nmodule.exports.__memory = wasm.memory;\n`);
const core = createRequire(import.meta.url)(benchGlue);

const html = readFileSync(file, 'utf8');
const options = {
  tags: { 'www.amazon.com': 'shelfbench-20', 'www.amazon.de': 'shelfbench-21', 'www.amazon.co.uk': 'shelfbench-21' },
};
const bytes = Buffer.byteLength(html);

const memBefore = core.__memory.buffer.byteLength;
const first = core.rewriteLinks(html, options);
const memAfter = core.__memory.buffer.byteLength;
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
