// Writes a realistic, deterministic WordPress post for the rewrite benchmark: block comments,
// paragraphs, headings, lists, images, a script and a table, and LINKS links of the forms
// found in affiliate posts (Amazon product, search and short links in several marketplaces,
// with and without tags and tracking noise; other sites; relative links).
// Usage: node make-post.mjs OUT.html [BYTES=1048576] [LINKS=2000]
import { writeFileSync } from 'node:fs';

const [out, bytesArg = '1048576', linksArg = '2000'] = process.argv.slice(2);
if (!out) {
  console.error('usage: node make-post.mjs OUT.html [BYTES] [LINKS]');
  process.exit(2);
}
const target = Number(bytesArg);
const links = Number(linksArg);

// A small seeded LCG: the same post on every machine.
let seed = 20240601;
const rand = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed % n;
};
const pick = (list) => list[rand(list.length)];

const words = ('the a this that best review camera lens battery charger kettle grinder coffee ' +
  'tested weeks value price quality small large premium budget pick for with without our we ' +
  'found it its after before long short daily travel home office kitchen garden outdoor').split(' ');
const sentence = (n) => Array.from({ length: n }, () => pick(words)).join(' ');
const asin = () => 'B0' + Array.from({ length: 8 }, () => pick('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split(''))).join('');
const hosts = ['www.amazon.com', 'www.amazon.de', 'amazon.co.uk', 'www.amazon.fr', 'smile.amazon.com', 'www.amazon.co.jp'];

const hrefs = [
  () => `https://${pick(hosts)}/dp/${asin()}`,
  () => `https://${pick(hosts)}/${sentence(3).replace(/ /g, '-')}/dp/${asin()}/ref=sr_1_${rand(9)}?crid=2X${rand(999)}&amp;keywords=${pick(words)}&amp;qid=16${rand(99999999)}&amp;sr=8-${rand(9)}`,
  () => `https://www.amazon.com/gp/product/${asin()}?tag=otherblog-20&amp;linkCode=ll1`,
  () => `https://www.amazon.com/dp/${asin()}?tag=shelfbench-20`,
  () => `https://www.amazon.com/s?k=${pick(words)}+${pick(words)}&amp;ref=nb_sb_noss`,
  () => `https://amzn.to/3${asin().slice(2, 8)}`,
  () => `https://en.wikipedia.org/wiki/${pick(words)}`,
  () => `/${pick(words)}-${pick(words)}/`,
  () => `https://example.com/?p=${rand(9999)}&amp;utm_source=x`,
];

const parts = [];
let size = 0;
const push = (s) => { parts.push(s); size += s.length; };
let made = 0;
const link = () => {
  made += 1;
  const attrs = rand(4) === 0 ? ' target="_blank" rel="noopener"' : '';
  return `<a href="${pick(hrefs)()}"${attrs}>${sentence(2 + rand(3))}</a>`;
};

push('<!-- wp:heading -->\n<h2 class="wp-block-heading">The best kettles, tested</h2>\n<!-- /wp:heading -->\n');
let block = 0;
while (size < target) {
  block += 1;
  // Spread the links evenly over the target size.
  const due = Math.min(links, Math.floor((size / target) * links) + 1) - made;
  const inline = [];
  for (let i = 0; i < due; i++) inline.push(link());
  const kind = block % 12;
  if (kind === 5) {
    push(`<!-- wp:image -->\n<figure class="wp-block-image size-large"><img src="https://example.com/wp-content/uploads/${block}.jpg" alt="${sentence(4)}" width="1024" height="683"/></figure>\n<!-- /wp:image -->\n`);
  } else if (kind === 9) {
    push(`<!-- wp:list -->\n<ul>${[0, 1, 2].map(() => `<li>${sentence(8)} ${inline.shift() ?? ''}</li>`).join('')}</ul>\n<!-- /wp:list -->\n`);
  } else if (kind === 11) {
    push(`<!-- wp:table -->\n<figure class="wp-block-table"><table><tbody><tr><td>${sentence(3)}</td><td>${inline.shift() ?? sentence(2)}</td></tr></tbody></table></figure>\n<!-- /wp:table -->\n`);
  }
  const tokens = sentence(40 + rand(60)).split(' ');
  for (const l of inline) tokens.splice(1 + rand(tokens.length), 0, l);
  const text = tokens.join(' ');
  push(`<!-- wp:paragraph -->\n<p>${text.charAt(0).toUpperCase()}${text.slice(1)} &amp; more.</p>\n<!-- /wp:paragraph -->\n`);
  if (block % 400 === 0) push(`<script>window.dataLayer=window.dataLayer||[];dataLayer.push({"a":"<a href='x'>"});</script>\n`);
}
while (made < links) push(`<p>${link()}</p>\n`);
const html = parts.join('');
writeFileSync(out, html);
console.log(`${out}: ${html.length} bytes, ${made} links`);
