// Amazon's short-link hosts (amzn.to, a.co, amzn.eu, amzn.asia) as the mock plays them:
// `GET|HEAD /short/<host>/<path>` redirects as that host would. Shelf's resolver reaches these
// routes through the SHELF_DEV_SHORT_LINK_ORIGIN constant the test site sets (tests/tools/site.sh).

export const SHORT_PATH = '/short/';

/**
 * `<host><path>` → where the short link redirects (a 301 with that Location). The codes name
 * what a test needs: a plain product link, one with another tracking ID, a hop to another short
 * host, a relative Location, a loop, and targets that are no Amazon store at all.
 * @type {Record<string, string>}
 */
export const SHORT_LINKS = {
  'amzn.to/shelfK001': 'https://www.amazon.com/dp/B0SHLFK001?ref_=shelf_share&th=1',
  'amzn.to/shelfL002': 'https://www.amazon.com/Fixturo-Kettle/dp/B0SHLFL002?tag=someoneelse-20',
  'a.co/d/shelfM003': 'https://www.amazon.com/dp/B0SHLFM003',
  'amzn.eu/d/shelfD201': 'https://www.amazon.de/dp/B0SHLFD201',
  'amzn.asia/d/shelfJ301': 'https://www.amazon.co.jp/dp/B0SHLFJ301',
  'amzn.to/shelfHop': 'https://a.co/d/shelfM003',
  'amzn.to/shelfRelative': '/shelfK001',
  'amzn.to/shelfLoop': 'https://amzn.eu/d/shelfLoop',
  'amzn.eu/d/shelfLoop': 'https://amzn.to/shelfLoop',
  'amzn.to/shelfOffsite': 'https://example.com/elsewhere',
  'amzn.to/shelfInternal': 'http://127.0.0.1/wp-admin/',
  'amzn.to/shelfSlow': 'https://www.amazon.com/dp/B0SHLFK001',
};

/** Short links that answer 200 without a redirect. */
const NO_REDIRECT = new Set(['amzn.to/shelfPlain']);

/** Short links that answer after 5 s (Shelf's timeout is shorter). */
export const SLOW = new Set(['amzn.to/shelfSlow']);
export const SLOW_MS = 5000;

/**
 * The answer to a short-link request: `[status, headers]` (no body; HEAD and GET alike).
 * @param {string} method @param {string} rest the path after SHORT_PATH, e.g. `amzn.to/shelfK001`
 * @param {string} search the query string with its `?`, or ''
 * @returns {[number, Record<string, string>]}
 */
export function shortLinkAnswer(method, rest, search) {
  if (method !== 'GET' && method !== 'HEAD') return [405, { allow: 'GET, HEAD' }];
  const key = rest + search;
  if (NO_REDIRECT.has(key)) return [200, { 'content-type': 'text/html' }];
  const target = SHORT_LINKS[key];
  return target === undefined ? [404, {}] : [301, { location: target }];
}
