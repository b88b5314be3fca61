// `POST /catalog/v1/getItems` and `POST /catalog/v1/searchItems`: request checks and answers.

import { ITEM_ERROR_MESSAGES } from './faults.mjs';
import { findItem, MARKETPLACES, retag } from './fixtures.mjs';
import { clone, parseJson } from './json.mjs';
import { mediaType } from './tokens.mjs';

/** The SDK's ASIN patterns (ten digits with an optional check `X`, or a letter and nine more). */
const ASIN = /^(?:[0-9]{9}[0-9X]|[A-Z][A-Z0-9]{9})$/;

/** Search fields of which at least one is required (or `browseNodeId`). */
const SEARCH_FIELDS = ['keywords', 'actor', 'artist', 'author', 'brand', 'title'];

/** A 400; `fields` become the SDK's `fieldList` of `{name, message}` objects. */
const validation = (message, fields, reason = 'FieldValidationFailed') => ({
  status: 400,
  body: {
    type: 'ValidationException',
    message,
    reason,
    ...(fields ? { fieldList: fields.map((name) => ({ name, message })) } : {}),
  },
});

const unauthorized = (reason, message) => ({ status: 401, body: { type: 'UnauthorizedException', message, reason } });

/**
 * Checks the `Authorization` header against the issued tokens.
 * The form must match the token's version: `Bearer <t>, Version 2.x` for a Cognito (v2) token,
 * plain `Bearer <t>` for an LwA (v3) token.
 * @param {string|undefined} header
 * @param {import('./tokens.mjs').TokenStore} store
 * @param {Record<string, object>} errorFixtures
 * @returns {object|null} an error response, or null when the caller may go on
 */
export function checkAuthorization(header, store, errorFixtures) {
  if (header === undefined || header.trim() === '') {
    return unauthorized('MissingCredential', 'Missing Authentication Token.');
  }
  const m = /^Bearer ([^\s,]+)(?:, Version ([0-9]+\.[0-9]+))?$/.exec(header);
  if (!m) {
    return validation('Authorization header must be "Bearer <token>" or "Bearer <token>, Version 2.x".', ['Authorization']);
  }
  const [, token, version] = m;
  const known = store.lookup(token);
  if (!known) return unauthorized('InvalidToken', 'Authentication token is invalid.');
  if (known.version === 2 && (version === undefined || !version.startsWith('2.'))) {
    return validation('A version 2.x token needs ", Version 2.x" after it in the Authorization header.', ['Authorization']);
  }
  if (known.version === 3 && version !== undefined) {
    return validation('A version 3.x token is sent as plain "Bearer <token>" without a version.', ['Authorization']);
  }
  if (known.expired) {
    return { status: 401, body: clone(errorFixtures['401-token-expired'] ?? { type: 'UnauthorizedException', reason: 'TokenExpired' }) };
  }
  return null;
}

/**
 * The checks both operations share: marketplace header, JSON body, partner tag and optional fields.
 * @returns {{error: object} | {body: any, marketplace: string}}
 */
function commonChecks(req) {
  const marketplace = req.headers['x-marketplace'];
  if (marketplace === undefined || marketplace === '') {
    return { error: validation('Missing Marketplace Header', ['x-marketplace']) };
  }
  if (!(marketplace in MARKETPLACES)) {
    return { error: validation(`Unknown marketplace ${marketplace}.`, ['x-marketplace']) };
  }
  if (mediaType(req.headers) !== 'application/json') {
    return { error: validation('Content-Type must be application/json.', undefined, 'CannotParse') };
  }
  let body;
  try {
    body = parseJson(req.rawBody);
  } catch {
    return { error: validation('The request body could not be parsed as JSON.', undefined, 'CannotParse') };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { error: validation('The request body must be a JSON object.', undefined, 'CannotParse') };
  }
  if (body.marketplace !== undefined && body.marketplace !== marketplace) {
    return { error: validation('marketplace in the body differs from the x-marketplace header.', ['marketplace']) };
  }
  if (typeof body.partnerTag !== 'string' || body.partnerTag.trim() === '' || body.partnerTag.length > 64) {
    return { error: validation('partnerTag is required (1-64 characters).', ['partnerTag']) };
  }
  if (body.resources !== undefined
    && !(Array.isArray(body.resources) && body.resources.length <= 100 && body.resources.every((r) => typeof r === 'string'))) {
    return { error: validation('resources must be a list of at most 100 strings.', ['resources']) };
  }
  if (body.languagesOfPreference !== undefined
    && !(Array.isArray(body.languagesOfPreference) && body.languagesOfPreference.length === 1)) {
    return { error: validation('languagesOfPreference must hold exactly one entry.', ['languagesOfPreference']) };
  }
  return { body, marketplace };
}

/** Members that come with a resource without being named (amazon.md §3.4). */
const COMES_WITH = { 'offersV2.listings.price': ['offersV2.listings.violatesMAP'] };

/**
 * Keeps only what the requested resources ask for, as the real API does (`asin` and
 * `detailPageURL` always come back; no resources → only `itemInfo.title`; `violatesMAP` with the
 * listing's price).
 * @param {object} item
 * @param {string[]|undefined} resources
 */
export function projectResources(item, resources) {
  const tree = {};
  const wanted = resources?.length ? resources : ['itemInfo.title'];
  for (const r of wanted.flatMap((w) => [w, ...(COMES_WITH[w] ?? [])])) {
    let node = tree;
    const parts = r.split('.').map((p) => (p === 'highRes' ? 'hiRes' : p));
    parts.forEach((p, i) => {
      if (node[p] === true) return;
      if (i === parts.length - 1) node[p] = true;
      else node = node[p] ??= {};
    });
  }
  const project = (v, node) => {
    if (node === true || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => project(x, node));
    const out = {};
    for (const k of Object.keys(node)) if (k in v) out[k] = project(v[k], node[k]);
    return out;
  };
  return { asin: item.asin, detailPageURL: item.detailPageURL, ...project(item, tree) };
}

/**
 * `POST /catalog/v1/getItems`.
 * @param {{headers: object, rawBody: string}} req
 * @param {object} ctx `{fixtures, overrides, faults, config}`
 */
export function getItems(req, ctx) {
  const checked = commonChecks(req);
  if (checked.error) return checked.error;
  const { body, marketplace } = checked;
  const ids = body.itemIds;
  if (!Array.isArray(ids) || ids.length < 1 || ids.length > 10 || !ids.every((id) => typeof id === 'string')) {
    return validation('itemIds must hold 1-10 item ids.', ['itemIds']);
  }
  if (new Set(ids).size !== ids.length) return validation('itemIds must not repeat an item id.', ['itemIds']);
  if (body.itemIdType !== undefined && body.itemIdType !== 'ASIN') {
    return validation('itemIdType must be ASIN.', ['itemIdType']);
  }
  const found = [];
  const errors = [];
  ids.forEach((asin, index) => {
    const code = ctx.faults.itemErrors[asin]
      ?? (ASIN.test(asin) ? null : 'InvalidParameterValue');
    const hit = code ? null : findItem(ctx.fixtures, ctx.overrides, marketplace, asin);
    if (hit) {
      found.push({ ...hit, index });
    } else {
      const c = code ?? 'ItemNotAccessible';
      errors.push({ code: c, message: ITEM_ERROR_MESSAGES[c](asin) });
    }
  });
  found.sort(orderBy(ctx.config.itemOrder));
  const items = found.map(({ item }) => {
    item.detailPageURL = retag(item.detailPageURL, body.partnerTag);
    return ctx.config.filterResources ? projectResources(item, body.resources) : item;
  });
  const out = {};
  if (items.length) out[ctx.config.envelopeKey] = { items };
  if (errors.length) out.errors = errors;
  return { status: 200, body: out };
}

/**
 * How getItems orders its items. `fixture`: the order of the fixture files (so the partial-errors
 * request comes back exactly as its fixture, not in request order), synthetic items last in reverse
 * request order; `request`: as requested; `reverse`: reversed.
 * @param {string} mode
 */
function orderBy(mode) {
  if (mode === 'request') return (a, b) => a.index - b.index;
  if (mode === 'reverse') return (a, b) => b.index - a.index;
  return (a, b) => a.order - b.order || (a.order < 0 ? a.index - b.index : b.index - a.index);
}

/**
 * `POST /catalog/v1/searchItems`: the search fixture for any query, paged by itemCount/itemPage.
 * @param {{headers: object, rawBody: string}} req
 * @param {object} ctx `{fixtures, config}`
 */
export function searchItems(req, ctx) {
  const checked = commonChecks(req);
  if (checked.error) return checked.error;
  const { body } = checked;
  const hasQuery = SEARCH_FIELDS.some((f) => typeof body[f] === 'string' && body[f].trim() !== '');
  if (body.browseNodeId !== undefined && !/^[1-9][0-9]*$/.test(String(body.browseNodeId))) {
    return validation('browseNodeId must be a positive number.', ['browseNodeId']);
  }
  if (!hasQuery && body.browseNodeId === undefined) {
    return validation(`One of ${SEARCH_FIELDS.join(', ')} or browseNodeId is required.`, SEARCH_FIELDS);
  }
  for (const f of ['itemCount', 'itemPage']) {
    if (body[f] !== undefined && !(Number.isInteger(Number(body[f])) && body[f] >= 1 && body[f] <= 10)) {
      return validation(`${f} must be between 1 and 10.`, [f]);
    }
  }
  const count = Number(body.itemCount ?? 10);
  const page = Number(body.itemPage ?? 1);
  const doc = clone(ctx.fixtures.search);
  const result = doc.searchResult;
  result.searchURL = retag(result.searchURL, body.partnerTag);
  result.items = result.items.slice((page - 1) * count, page * count).map((item) => {
    item.detailPageURL = retag(item.detailPageURL, body.partnerTag);
    return ctx.config.filterResources ? projectResources(item, body.resources) : item;
  });
  return { status: 200, body: doc };
}
