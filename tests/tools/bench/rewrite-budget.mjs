// Issue 12's targets for rewrite_links, checked on the results of one rewrite.sh run (every
// figure from the same run, on the same machine): exits 1 when one is missed.
// Usage: node rewrite-budget.mjs RESULTS.jsonl   (one JSON line per run, named by `run`)
import { readFileSync } from 'node:fs';

const runs = Object.fromEntries(readFileSync(process.argv[2], 'utf8').trim().split('\n')
  .map((line) => JSON.parse(line)).map((r) => [r.run, r]));
const need = (name) => runs[name] ?? (() => { throw new Error(`rewrite-budget: no ${name} run`); })();
const wasm = need('wasm-admin');
const js = need('js');
const native = need('native-o3');
const checks = [
  ['wasm (js/wasm-admin) / JS baseline, best MB/s', wasm.best_mbs / js.best_mbs, '>=', 1.0],
  ['native opt-level 3, best MB/s', native.best_mbs, '>=', 500],
  ['wasm memory in total / input', wasm.wasm_memory_total_x_input, '<=', 4],
  ['native peak memory added / input', native.peak_added_x_input, '<=', 4],
];
// The implementations must agree on what they found, or the speeds compare different work.
for (const name of ['native-z', 'wasm-admin', 'wasm-z']) {
  const r = runs[name];
  if (r && (r.links !== native.links || r.changed !== native.changed)) {
    checks.push([`${name} found ${r.links}/${r.changed} links, native ${native.links}/${native.changed}`, 0, '>=', 1]);
  }
}
let failed = 0;
for (const [what, value, op, limit] of checks) {
  const ok = op === '>=' ? value >= limit : value <= limit;
  failed += ok ? 0 : 1;
  console.log(`${ok ? 'ok  ' : 'MISS'} ${what}: ${+value.toFixed(2)} (target ${op} ${limit})`);
}
process.exit(failed ? 1 : 0);
