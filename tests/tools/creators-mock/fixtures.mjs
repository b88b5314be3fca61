// Fixture loading and item lookup: which item the mock answers for a (marketplace, ASIN) pair.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clone, decimal, parseJson } from './json.mjs';

/**
 * The Creators API marketplaces (host → currency and default locale), as in the Shelf Amazon notes.
 * Only used to reject unknown `x-marketplace` values and to dress synthetic items.
 */
export const MARKETPLACES = {
  'www.amazon.com': ['USD', 'en_US'],
  'www.amazon.ca': ['CAD', 'en_CA'],
  'www.amazon.com.mx': ['MXN', 'es_MX'],
  'www.amazon.com.br': ['BRL', 'pt_BR'],
  'www.amazon.co.uk': ['GBP', 'en_GB'],
  'www.amazon.de': ['EUR', 'de_DE'],
  'www.amazon.fr': ['EUR', 'fr_FR'],
  'www.amazon.it': ['EUR', 'it_IT'],
  'www.amazon.es': ['EUR', 'es_ES'],
  'www.amazon.nl': ['EUR', 'nl_NL'],
  'www.amazon.com.be': ['EUR', 'fr_BE'],
  'www.amazon.ie': ['EUR', 'en_IE'],
  'www.amazon.pl': ['PLN', 'pl_PL'],
  'www.amazon.se': ['SEK', 'sv_SE'],
  'www.amazon.com.tr': ['TRY', 'tr_TR'],
  'www.amazon.ae': ['AED', 'en_AE'],
  'www.amazon.sa': ['SAR', 'en_AE'],
  'www.amazon.eg': ['EGP', 'en_AE'],
  'www.amazon.in': ['INR', 'en_IN'],
  'www.amazon.co.jp': ['JPY', 'ja_JP'],
  'www.amazon.sg': ['SGD', 'en_SG'],
  'www.amazon.com.au': ['AUD', 'en_AU'],
};

/** ASINs the mock invents an item for, so a client can refresh hundreds of products. */
export const SYNTHETIC_ASIN = /^B0SHLFG[0-9A-Z]{3}$/;

/** The fixture item synthetic items copy their shape from. */
const TEMPLATE_ASIN = 'B0SHLFK001';

/** The fixture files' marketplace: `www.amazon.de` for the German file, the US store for the rest. */
const DE = 'www.amazon.de';

/**
 * Reads every fixture the mock answers from.
 * @param {string} dir the `tests/fixtures/creators-api` folder (or a copy)
 */
export function loadFixtures(dir) {
  const read = (name) => parseJson(readFileSync(join(dir, name), 'utf8'));
  /** @type {Map<string, {order: number, item: object}>} */
  const de = new Map();
  /** @type {Map<string, {order: number, item: object}>} */
  const com = new Map();
  let order = 0;
  const files = readdirSync(dir).filter((f) => /^get-items-.*\.json$/.test(f)).sort();
  // The partial-errors file lists Q005 before P004; keep file order so that answers that follow
  // "fixture order" reproduce that file exactly.
  for (const file of files) {
    const doc = read(file);
    const items = doc?.itemsResult?.items ?? doc?.itemResults?.items ?? [];
    for (const item of items) {
      const target = String(item.detailPageURL ?? '').startsWith(`https://${DE}/`) ? de : com;
      target.set(item.asin, { order: order++, item });
    }
  }
  const template = com.get(TEMPLATE_ASIN)?.item;
  if (!template) throw new Error(`fixture item ${TEMPLATE_ASIN} not found in ${dir}`);
  const errors = {};
  for (const file of readdirSync(join(dir, 'errors'))) {
    if (file.endsWith('.json')) errors[file.replace(/\.json$/, '')] = read(join('errors', file));
  }
  return {
    de,
    com,
    template,
    search: read('search-items.json'),
    tokenV2: read('token-v2.json'),
    tokenV3: read('token-v3.json'),
    errors,
  };
}

/**
 * Finds the item for an ASIN in a marketplace, or null when the mock does not know it.
 * Overrides (set over HTTP) win over fixtures; synthetic ASINs always resolve. Stores without
 * fixtures of their own answer with amazon.com's items, linked to their own host.
 * @param {ReturnType<typeof loadFixtures>} fixtures
 * @param {Map<string, Map<string, object>>} overrides marketplace (or `*`) → ASIN → item
 * @param {string} marketplace
 * @param {string} asin
 * @returns {{order: number, item: object} | null}
 */
export function findItem(fixtures, overrides, marketplace, asin) {
  const own = overrides.get(marketplace)?.get(asin) ?? overrides.get('*')?.get(asin);
  if (own) return { order: -1, item: clone(own) };
  const hit = (marketplace === DE ? fixtures.de : fixtures.com).get(asin);
  if (hit) {
    const item = clone(hit.item);
    // Another store's item links to that store, as Amazon's answers do (the fixture is .com's).
    if (typeof item.detailPageURL === 'string' && item.detailPageURL.startsWith('https://www.amazon.com/')) {
      item.detailPageURL = `https://${marketplace}/${item.detailPageURL.slice('https://www.amazon.com/'.length)}`;
    }
    return { order: hit.order, item };
  }
  if (SYNTHETIC_ASIN.test(asin)) {
    return { order: Number.MAX_SAFE_INTEGER, item: syntheticItem(fixtures.template, marketplace, asin) };
  }
  return null;
}

/**
 * A valid item with K001's shape, its own ASIN, title and price (stable for the same ASIN).
 * @param {object} template
 * @param {string} marketplace
 * @param {string} asin
 */
export function syntheticItem(template, marketplace, asin) {
  const item = clone(template);
  const [currency, locale] = MARKETPLACES[marketplace] ?? MARKETPLACES['www.amazon.com'];
  const n = parseInt(asin.slice(7), 36); // 0 … 46655
  const cents = 500 + (n * 37) % 9500; // 5.00 … 99.99, spread out
  const basisCents = Math.round((cents * 5) / 4);
  const money = (c) => ({
    amount: decimal((c / 100).toFixed(2)),
    currency,
    displayAmount: displayAmount(c, currency),
  });
  delete item.parentASIN;
  item.asin = asin;
  item.detailPageURL = `https://${marketplace}/dp/${asin}?tag=shelftest-20&linkCode=ogi&th=1&psc=1&language=${locale}`;
  item.itemInfo.title.displayValue = `Fixturo Generated Product ${asin.slice(7)} (Test Fixture)`;
  const ean = String(1000000000000 + n).padStart(13, '0');
  if (item.itemInfo.externalIds?.eans) item.itemInfo.externalIds.eans.displayValues = [ean];
  if (item.itemInfo.externalIds?.upcs) item.itemInfo.externalIds.upcs.displayValues = [ean.slice(1)];
  for (const listing of item.offersV2?.listings ?? []) {
    listing.price.money = money(cents);
    listing.price.savingBasis.money = money(basisCents);
    listing.price.savings = {
      money: money(basisCents - cents),
      percentage: Math.round(((basisCents - cents) * 100) / basisCents),
    };
  }
  return item;
}

/**
 * Amazon's own display string, approximated per currency (clients must show it, never parse it).
 * @param {number} cents
 * @param {string} currency
 */
function displayAmount(cents, currency) {
  const plain = (cents / 100).toFixed(2);
  switch (currency) {
    case 'USD':
      return `$${plain}`;
    case 'GBP':
      return `£${plain}`;
    case 'EUR':
      return `${plain.replace('.', ',')} €`;
    default:
      return `${plain} ${currency}`;
  }
}

/**
 * Sets the `tag` query parameter of an Amazon URL to the request's partner tag, as the real API
 * builds its links from the `partnerTag` it was sent.
 * @param {unknown} url
 * @param {string} tag
 */
export function retag(url, tag) {
  if (typeof url !== 'string') return url;
  return url.replace(/([?&]tag=)[^&#]*/, (_, head) => head + encodeURIComponent(tag));
}
