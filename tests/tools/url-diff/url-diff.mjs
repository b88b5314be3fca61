#!/usr/bin/env node
// Differential test: Shelf's strict URL parser (crate/src/links/url.rs, through the url_probe example)
// against Node's WHATWG `URL`, on mutations of real Amazon URL forms and the crafted cases of
// crate/tests/data/urls.json. For every input, scheme and host must agree, or Shelf must reject
// the input for one of the reasons on the STRICTER list below, with Node's own parse confirming
// that reason. Anything else is a disagreement and fails the run.
//
//   node tests/tools/url-diff/url-diff.mjs --count 2000      # quick sample (./build.sh test)
//   node tests/tools/url-diff/url-diff.mjs                    # full run, 100,000 URLs
//   options: --seed N (default 1), --probe PATH (skip the cargo build), --show N (examples)
//
// No npm dependencies. Deterministic for a given seed and count.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..', '..');

// Unknown options are refused with a message (node's parseArgs), not ignored.
const { values: opts } = parseArgs({
  options: {
    count: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    show: { type: 'string', default: '20' },
    probe: { type: 'string' },
  },
});
const COUNT = Number(opts.count);
const SEED = Number(opts.seed);
const SHOW = Number(opts.show);

// ---------------------------------------------------------------------------------------------
// What Node's parser does with the input's prefix, computed the WHATWG way, used only to
// confirm a stated reason (never as the oracle for scheme or host).

/** Leading/trailing C0 controls and spaces are stripped; tabs and newlines removed anywhere. */
function clean(s) {
  return s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
}
const SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
/** The raw authority: after the scheme and slashes, up to the first / \ ? #. */
function rawAuthority(s) {
  const rest = clean(s).replace(SCHEME, '').replace(/^[/\\]*/, '');
  const end = rest.search(/[/\\?#]/);
  return end < 0 ? rest : rest.slice(0, end);
}
const stripDot = (h) => (h.endsWith('.') ? h.slice(0, -1) : h);

// Protocol-relative inputs (`//host`) need a base; Shelf reads them as https on purpose.
function nodeParse(input) {
  try {
    const c = clean(input);
    const u = /^[/\\]{2}/.test(c) ? new URL(input, 'https://base.invalid/') : new URL(input);
    return u;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Where Shelf is deliberately stricter: it rejects, Node accepts, and Node's parse confirms the
// reason. Each entry is Shelf's error code → the confirmation.
const STRICTER = {
  // javascript:, ftp:, data: … are never store links; Shelf only handles http(s).
  unsupportedScheme: (u) => u.protocol !== 'http:' && u.protocol !== 'https:',
  // `https:host` and `https:/host` mean the host without a base URL but a path on an https
  // page: their meaning depends on the page, so Shelf refuses them.
  missingSlashes: (u, input) =>
    /^https?:$/.test(u.protocol) && !/^[a-zA-Z][a-zA-Z0-9+.-]*:[/\\]{2}/.test(clean(input)),
  // Any `@` in the authority, even an empty user name, is refused (credentials confuse people).
  userInfo: (u, input) => u.username !== '' || u.password !== '' || rawAuthority(input).includes('@'),
  // Store links never use another port.
  nonDefaultPort: (u) => u.port !== '',
  // IPv4 (also shorthand and hex forms that WHATWG normalises) and IPv6 hosts.
  ipHost: (u) => /^\d+\.\d+\.\d+\.\d+$/.test(u.hostname) || u.hostname.startsWith('['),
  // Non-ASCII (raw or percent-encoded) in the host: Node maps it through IDNA (fullwidth
  // letters, ideographic full stops and soft hyphens can even yield amazon.com); Shelf refuses
  // instead of carrying IDNA tables in the wasm.
  nonAsciiHost: (u, input) =>
    /[^\u0000-\u007f]|%[89a-fA-F][0-9a-fA-F]/.test(rawAuthority(input)) || /(^|\.)xn--/.test(u.hostname),
  // Punycode labels (homographs such as www.xn--amzon-5ve.com).
  punycodeHost: (u) => /(^|\.)xn--/.test(u.hostname),
  // Hosts outside [a-z0-9.-] or with empty labels (`a..com`, `a.com..`), which WHATWG allows.
  invalidHost: (u) => !/^([a-z0-9-]+\.)*[a-z0-9-]+$/.test(stripDot(u.hostname)) || u.hostname.length > 254,
  // More than 16 KiB.
  tooLong: (u, input) => input.length > 16 * 1024,
};

// ---------------------------------------------------------------------------------------------
// Inputs: real Amazon URL forms, mutated.

let state = SEED >>> 0 || 1;
function random() {
  // mulberry32
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(random() * a.length)];
const int = (n) => Math.floor(random() * n);

const DOMAINS = [
  'amazon.com', 'amazon.ca', 'amazon.com.mx', 'amazon.com.br', 'amazon.co.uk', 'amazon.de',
  'amazon.fr', 'amazon.it', 'amazon.es', 'amazon.nl', 'amazon.com.be', 'amazon.ie', 'amazon.pl',
  'amazon.se', 'amazon.com.tr', 'amazon.ae', 'amazon.sa', 'amazon.eg', 'amazon.in',
  'amazon.co.jp', 'amazon.sg', 'amazon.com.au', 'amazon.cn', 'amazon.co.za',
];
const HOSTS = [
  ...DOMAINS.flatMap((d) => [d, `www.${d}`, `m.${d}`, `smile.${d}`]),
  'amzn.to', 'a.co', 'amzn.eu', 'amzn.asia', 'amzn.com', 'aws.amazon.com',
  'affiliate-program.amazon.com', 'amazon.com.evil.com', 'evilamazon.com', 'amazon-com.evil',
  'www.amazon.com.evil.com', 'evil.com', 'example.org', 'www.xn--amzon-5ve.com', 'xn--amazon-.com',
];
const PATHS = [
  '/dp/B0SHLFK001', '/Some-Product-Title/dp/B0SHLFK001/ref=sr_1_3', '/dp/product/B0SHLFK001',
  '/gp/product/B0SHLFK001/', '/gp/aw/d/B0SHLFK001', '/gp/offer-listing/B0SHLFK001',
  '/exec/obidos/ASIN/030640615X/other-20', '/o/ASIN/B0SHLFK001/', '/-/de/dp/B0SHLFK001',
  '/s', '/s/', '/', '', '/gp/bestsellers/', '/b?node=123', '/3xYzAbC',
];
const QUERIES = [
  '', '?tag=shelftest-20', '?th=1&psc=1', '?k=wasserkocher+edelstahl', '?field-keywords=tea%20pot',
  '?linkCode=ogi&th=1&psc=1&tag=other-20&language=en_US', '?pd_rd_w=a&pf_rd_p=b&qid=1&sr=8-3',
  '?utm_source=x&gclid=y&fbclid=z', '?TAG=X&tag=y', '?@evil.com', '?a=%zz',
];
const FRAGMENTS = ['', '#customerReviews', '#@evil.com', '#x y'];

function base() {
  const scheme = pick(['https://', 'http://', 'https://', '//']);
  return scheme + pick(HOSTS) + pick(PATHS) + pick(QUERIES) + pick(FRAGMENTS);
}

const HOMOGLYPHS = { a: ['\u0430', '\u0251', '\uff41'], o: ['\u043e', '\u03bf'], e: ['\u0435'], c: ['\u0441'], m: ['\uff4d'] };
const DOTS = ['%2E', '%2e', '\u3002', '\uff0e', '\uff61', '..', '.%2E'];
const HOST_JUNK = [
  '_', '*', '"', "'", '<', '>', '^', '|', '{', '}', '~', '!', '$', '&', '(', ')', '+', ',', ';',
  '=', ' ', '%', '%00', '%41', '%20', '\u00ad', '\u200b', '\u200d', '\u00df', '\u0131', '`', '[', ']',
];
const PORTS = [':443', ':80', ':8080', ':', ':0443', ':99999', ':44a', ':0', ':65535', ':65536', '::1'];
const SEPARATORS = ['//', '\\\\', '/\\', '\\/', '///', '/', '', '////', ' //', '/ /'];
const SCHEMES = [
  'https:', 'http:', 'HTTPS:', 'HtTp:', 'ftp:', 'javascript:', 'java\tscript:', 'ws:', 'file:',
  'data:', 'https', 'h\nttps:', 'https\u0000:', '', 'https+x:', 'xhttps:',
];
const IPS = [
  '127.0.0.1', '0x7f.1', '2130706433', '[::1]', '1.2.3.4.', '0x', 'a.0x1', '1.1.1.256',
  '0177.0.0.1', '1.2.3', '[::ffff:1.2.3.4]', '[fe80::1%25eth0]', '09.1.1.1', 'amazon.123', '[',
];
const USERINFO = ['user@', 'user:pass@', '@', ':@', 'amazon.com@', 'www.amazon.com:443@', 'a%40b@'];
const INJECT_AFTER_HOST = ['\\@evil.com', '#@evil.com', '?@evil.com', '@evil.com', '.evil.com', '%2Eevil.com', ':@evil.com'];

/** Splits a URL into scheme+separator, host, rest, approximately (mutations need not be exact). */
function parts(s) {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*:)?([/\\]*)([^/\\?#]*)(.*)$/s.exec(s);
  return m ? { scheme: m[1] || '', sep: m[2], host: m[3], rest: m[4] } : { scheme: '', sep: '', host: s, rest: '' };
}
const assemble = (p) => p.scheme + p.sep + p.host + p.rest;
function atRandom(s, insert) {
  const i = int(s.length + 1);
  return s.slice(0, i) + insert + s.slice(i);
}

const MUTATIONS = [
  (s) => { const p = parts(s); p.host = [...p.host].map((c) => (random() < 0.5 ? c.toUpperCase() : c)).join(''); return assemble(p); },
  (s) => atRandom(s, pick(['\t', '\n', '\r'])),
  (s) => pick([' ', '\u0000', '\u001f', '\t', '  ']) + s + pick(['', ' ', '\u0001', '\n']),
  (s) => { const p = parts(s); const i = p.host.indexOf('.'); if (i >= 0) p.host = p.host.slice(0, i) + pick(DOTS) + p.host.slice(i + 1); return assemble(p); },
  (s) => { const p = parts(s); const i = int(p.host.length); const c = p.host[i]; if (c) p.host = p.host.slice(0, i) + '%' + c.charCodeAt(0).toString(16).padStart(2, '0') + p.host.slice(i + 1); return assemble(p); },
  (s) => { const p = parts(s); p.host += pick(['.', '..', '.%2E']); return assemble(p); },
  (s) => { const p = parts(s); p.host = pick(USERINFO) + p.host; return assemble(p); },
  (s) => { const p = parts(s); p.host += pick(PORTS); return assemble(p); },
  (s) => { const p = parts(s); p.sep = pick(SEPARATORS); return assemble(p); },
  (s) => { const p = parts(s); p.scheme = pick(SCHEMES); if (!p.sep) p.sep = '//'; return assemble(p); },
  (s) => { const p = parts(s); const k = pick(Object.keys(HOMOGLYPHS)); p.host = p.host.replace(k, pick(HOMOGLYPHS[k])); return assemble(p); },
  (s) => { const p = parts(s); p.host += pick(INJECT_AFTER_HOST); return assemble(p); },
  (s) => { const p = parts(s); p.host = pick(IPS); return assemble(p); },
  (s) => { const p = parts(s); p.host = atRandom(p.host, pick(HOST_JUNK)); return assemble(p); },
  (s) => { const p = parts(s); p.host = pick(['xn--', 'xn--a.', 'a-', '-', 'www.xn--amzon-5ve.']) + p.host; return assemble(p); },
  (s) => s.slice(0, int(s.length + 1)),
  (s) => { const i = int(s.length); return s.slice(0, i) + String.fromCharCode(32 + int(95)) + s.slice(i + 1); },
  (s) => { const i = int(s.length); return s.slice(0, i) + String.fromCodePoint(pick([0xa0, 0xad, 0x3002, 0xff0e, 0x430, 0x2028, 0xfeff, 0x1f600, 0xe9])) + s.slice(i + 1); },
  (s) => { const p = parts(s); p.host = p.host.toLowerCase().replace('amazon', pick(['amaz0n', 'arnazon', 'amazon-', 'amazonn', 'amazon%2D'])); return assemble(p); },
];

// Attribute values are UTF-8 text, so an href never holds a lone surrogate: mutations that cut
// a surrogate pair get it replaced by U+FFFD, as a decoder would.
function mutate(s) {
  const n = 1 + int(3);
  for (let i = 0; i < n; i++) s = pick(MUTATIONS)(s);
  return s.toWellFormed();
}

const crafted = JSON.parse(readFileSync(resolve(repo, 'crate/tests/data/urls.json'), 'utf8')).map((c) => c.href ?? c.attr);

const inputs = [];
for (const c of crafted) if (inputs.length < COUNT) inputs.push(c);
while (inputs.length < COUNT) {
  const seed = random() < 0.15 && crafted.length ? pick(crafted) : base();
  inputs.push(random() < 0.1 ? seed : mutate(seed));
}

// ---------------------------------------------------------------------------------------------
// Run the probe.

function probePath() {
  const given = opts.probe;
  if (given) return given;
  const build = spawnSync('cargo', ['build', '-q', '-p', 'shelf-core', '--example', 'url_probe'], {
    cwd: repo,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) throw new Error('cargo build of the url_probe example failed');
  const target = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : resolve(repo, 'target');
  return resolve(target, 'debug', 'examples', 'url_probe');
}

const probe = spawnSync(probePath(), [], {
  input: inputs.map((s) => JSON.stringify(s)).join('\n') + '\n',
  maxBuffer: 1 << 30,
  encoding: 'utf8',
});
if (probe.status !== 0) {
  console.error(probe.stderr);
  throw new Error(`url_probe exited with ${probe.status}`);
}
const answers = probe.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
if (answers.length !== inputs.length) throw new Error(`probe answered ${answers.length} of ${inputs.length}`);

// ---------------------------------------------------------------------------------------------
// Compare.

let agree = 0;
let bothAccept = 0;
let storeHosts = 0;
const stricter = {};
const disagreements = [];
inputs.forEach((input, i) => {
  const ours = answers[i];
  const u = nodeParse(input);
  if (ours.ok && u) {
    const scheme = u.protocol.replace(/:$/, '');
    // Shelf drops one trailing dot of the host; WHATWG keeps it.
    if (scheme === ours.scheme && stripDot(u.hostname) === ours.host) {
      agree++;
      bothAccept++;
      if (/(^|\.)amazon\.[a-z.]+$/.test(ours.host)) storeHosts++;
    } else disagreements.push({ input, ours, node: { scheme, host: u.hostname } });
  } else if (!ours.ok && !u) {
    agree++;
  } else if (!ours.ok && u) {
    const confirm = STRICTER[ours.error];
    if (confirm && confirm(u, input)) stricter[ours.error] = (stricter[ours.error] || 0) + 1;
    else disagreements.push({ input, ours, node: { scheme: u.protocol, host: u.hostname, port: u.port } });
  } else {
    disagreements.push({ input, ours, node: 'rejected' });
  }
});

const strictTotal = Object.values(stricter).reduce((a, b) => a + b, 0);
for (const d of disagreements.slice(0, SHOW)) console.log('DISAGREE', JSON.stringify(d));
console.log(
  'url-diff: stricter by reason: ' +
    Object.entries(stricter)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
);
console.log(
  `url-diff: agreement = ${bothAccept} accepted by both with the same scheme and host (${storeHosts} on amazon.* hosts)` +
    ` + ${agree - bothAccept} rejected by both`,
);
console.log(
  `url-diff: ${inputs.length} urls, ${agree} agree, ${strictTotal} deliberately stricter, ${disagreements.length} disagreements` +
    ` (seed ${SEED}, node ${process.version})`,
);
process.exit(disagreements.length === 0 ? 0 : 1);
