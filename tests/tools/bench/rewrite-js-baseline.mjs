// JS baseline for the rewrite benchmark: the same job as shelf-core's rewrite_links (tag every
// Amazon store link) the way a plugin would do it in plain JavaScript: a regex scanner that
// skips comments, scripts and styles, a small entity decoder, WHATWG `URL`, `URLSearchParams`.
// Usage: node rewrite-js-baseline.mjs POST.html [TAG] [SECONDS]
import { readFileSync } from 'node:fs';

const [file, tag = 'shelfbench-20', secondsArg = '3'] = process.argv.slice(2);
const html = readFileSync(file, 'utf8');
const hosts = new Set(['amazon.com', 'amazon.ca', 'amazon.com.mx', 'amazon.com.br', 'amazon.co.uk',
  'amazon.de', 'amazon.fr', 'amazon.it', 'amazon.es', 'amazon.nl', 'amazon.se', 'amazon.pl',
  'amazon.com.be', 'amazon.com.tr', 'amazon.ae', 'amazon.sa', 'amazon.eg', 'amazon.in',
  'amazon.co.jp', 'amazon.sg', 'amazon.com.au', 'amazon.ie']);
const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", colon: ':', sol: '/', period: '.' };
const decode = (s) => s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (m, r) => {
  if (r[0] === '#') {
    const n = r[1] === 'x' || r[1] === 'X' ? parseInt(r.slice(2), 16) : parseInt(r.slice(1), 10);
    return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : '\uFFFD';
  }
  return named[r.toLowerCase()] ?? m;
});
const encode = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const scanner = /<!--[\s\S]*?-->|<(script|style|textarea)\b[\s\S]*?<\/\1\s*>|<(a|area)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const hrefAttr = /(\shref\s*=\s*)("([^"]*)"|'([^']*)'|([^\s>]+))/i;

let links = 0;
let changed = 0;
const rewrite = (input) => input.replace(scanner, (whole, raw, el, attrs) => {
  if (!el) return whole;
  const m = hrefAttr.exec(attrs);
  if (!m) return whole;
  links += 1;
  let url;
  try {
    url = new URL(decode(m[3] ?? m[4] ?? m[5]));
  } catch {
    return whole;
  }
  const host = url.hostname.replace(/\.$/, '').replace(/^(www|smile|m)\./, '');
  if (!/^https?:$/.test(url.protocol) || url.username || url.port || !hosts.has(host)) return whole;
  if (url.searchParams.has('tag')) return whole;
  url.searchParams.set('tag', tag);
  url.protocol = 'https:';
  changed += 1;
  return `<${el}${attrs.replace(hrefAttr, (_, pre) => `${pre}"${encode(url.href)}"`)}>`;
});

const seconds = Number(secondsArg);
const times = [];
const start = performance.now();
do {
  links = 0;
  changed = 0;
  const t0 = performance.now();
  rewrite(html);
  times.push((performance.now() - t0) / 1000);
} while (performance.now() - start < seconds * 1000);
times.sort((a, b) => a - b);
const mb = Buffer.byteLength(html) / 1e6;
console.log(JSON.stringify({
  impl: 'js-regex-url', node: process.version, bytes: Buffer.byteLength(html), links, changed,
  runs: times.length, best_mbs: +(mb / times[0]).toFixed(2),
  median_mbs: +(mb / times[times.length >> 1]).toFixed(2),
}));
