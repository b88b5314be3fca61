// node --test tests/tools/creators-mock/test.mjs
//
// Starts the mock as a child process and checks it against the fixtures and the wire rules.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startMock } from './launch.mjs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'creators-api');
const fixture = (name) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
const fixtureText = (name) => readFileSync(join(FIXTURES, name), 'utf8');

const DEMO = { id: 'shelf-demo-id', secret: 'shelf-demo-secret' };
const basic = (id, secret) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

let mock;

/** The names in a 400's `fieldList`, which the SDK models as `{name, message}` objects. */
function fieldNames(r) {
  assert.ok(Array.isArray(r.json.fieldList), 'fieldList is a list');
  for (const f of r.json.fieldList) {
    assert.deepEqual(Object.keys(f ?? {}).sort(), ['message', 'name'], `fieldList entry ${JSON.stringify(f)}`);
    assert.equal(typeof f.name, 'string');
    assert.ok(typeof f.message === 'string' && f.message !== '');
  }
  return r.json.fieldList.map((f) => f.name);
}

/** A request to the mock; the answer's body is parsed when it is JSON. */
async function call(path, { method = 'POST', headers = {}, body, signal } = {}) {
  const res = await fetch(mock.url + path, {
    method,
    headers,
    body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

const control = (path, body, method = body === undefined ? 'GET' : 'POST') =>
  call(`/__mock/${path}`, { method, body, headers: { 'content-type': 'application/json' } });

const tokenV2 = (id = DEMO.id, secret = DEMO.secret, scope = 'creatorsapi/default') =>
  call('/oauth2/token', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(id, secret) },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
  });

const tokenV3 = (id = DEMO.id, secret = DEMO.secret, scope = 'creatorsapi::default') =>
  call('/auth/o2/token', {
    headers: { 'content-type': 'application/json' },
    body: { grant_type: 'client_credentials', client_id: id, client_secret: secret, scope },
  });

async function v2Auth() {
  return `Bearer ${(await tokenV2()).json.access_token}, Version 2.2`;
}

async function v3Auth() {
  return `Bearer ${(await tokenV3()).json.access_token}`;
}

/** POST a catalog operation; `body` fields default to a valid request. */
async function catalog(op, body, { auth, marketplace = 'www.amazon.com', headers = {}, signal } = {}) {
  return call(`/catalog/v1/${op}`, {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      authorization: auth ?? (await v3Auth()),
      ...(marketplace === null ? {} : { 'x-marketplace': marketplace }),
      ...headers,
    },
    body,
    signal,
  });
}

const getItems = (itemIds, opts = {}, extra = {}) =>
  catalog('getItems', { partnerTag: 'shelftest-20', marketplace: opts.marketplace ?? 'www.amazon.com', itemIds, ...extra }, opts);

before(async () => {
  mock = await startMock();
});

after(async () => {
  await mock.stop();
});

beforeEach(async () => {
  await control('reset', {});
});

describe('process', () => {
  it('writes its pid and port files and answers health', async () => {
    assert.equal(readFileSync(mock.pidFile, 'utf8').trim(), String(mock.pid));
    assert.equal(readFileSync(mock.portFile, 'utf8').trim(), String(mock.port));
    const health = await control('health');
    assert.equal(health.status, 200);
    assert.deepEqual(health.json, { ok: true, pid: mock.pid, port: mock.port });
  });

  it('exits cleanly on SIGTERM even with a slow response pending, and removes its files', async () => {
    const other = await startMock({ args: ['--expires-in', '120'] });
    try {
      const t = await fetch(`${other.url}/auth/o2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: DEMO.id, client_secret: DEMO.secret, scope: 'creatorsapi::default' }),
      }).then((r) => r.json());
      assert.equal(t.expires_in, 120, '--expires-in is applied');
      await fetch(`${other.url}/__mock/faults`, { method: 'POST', body: JSON.stringify({ next: [{ delayMs: 20000 }] }) });
      const pending = fetch(`${other.url}/catalog/v1/getItems`, { method: 'POST', body: '{}' }).catch((e) => e);
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      const result = await Promise.race([
        other.stop('SIGTERM'),
        new Promise((r) => setTimeout(() => r('timeout'), 3000)),
      ]);
      assert.deepEqual(result, { code: 0, signal: null });
      assert.ok(Date.now() - started < 3000);
      assert.ok(await pending instanceof Error, 'the pending request is cut off');
      assert.equal(existsSync(other.pidFile), false);
      assert.equal(existsSync(other.portFile), false);
    } finally {
      await other.stop('SIGKILL');
    }
  });
});

describe('v2.x token endpoint (Cognito)', () => {
  it('issues a token shaped like token-v2.json with HTTP Basic auth', async () => {
    const r = await tokenV2();
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json).sort(), Object.keys(fixture('token-v2.json')).sort());
    assert.equal(r.json.token_type, 'Bearer');
    assert.equal(r.json.expires_in, 3600);
    assert.equal(r.json.access_token.split('.').length, 3, 'JWT-shaped');
  });

  it('accepts the client id and secret in the form body (the SDK variant)', async () => {
    const r = await call('/oauth2/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${DEMO.id}&client_secret=${DEMO.secret}&scope=creatorsapi%2Fdefault`,
    });
    assert.equal(r.status, 200);
  });

  it('issues a different token each time', async () => {
    const a = await tokenV2();
    const b = await tokenV2();
    assert.notEqual(a.json.access_token, b.json.access_token);
  });

  it('rejects a wrong secret with invalid_client', async () => {
    const r = await tokenV2(DEMO.id, 'wrong');
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'invalid_client');
  });

  it('rejects the v3 scope and a missing scope with invalid_scope', async () => {
    assert.equal((await tokenV2(DEMO.id, DEMO.secret, 'creatorsapi::default')).json.error, 'invalid_scope');
    const r = await call('/oauth2/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(DEMO.id, DEMO.secret) },
      body: 'grant_type=client_credentials',
    });
    assert.equal(r.json.error, 'invalid_scope');
  });

  it('rejects another grant type and a JSON body', async () => {
    const grant = await call('/oauth2/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(DEMO.id, DEMO.secret) },
      body: 'grant_type=password&scope=creatorsapi%2Fdefault',
    });
    assert.equal(grant.json.error, 'unsupported_grant_type');
    const json = await call('/oauth2/token', {
      headers: { 'content-type': 'application/json', authorization: basic(DEMO.id, DEMO.secret) },
      body: { grant_type: 'client_credentials', scope: 'creatorsapi/default' },
    });
    assert.equal(json.status, 400);
    assert.equal(json.json.error, 'invalid_request');
  });
});

describe('v3.x token endpoint (Login with Amazon)', () => {
  it('issues a token shaped like token-v3.json', async () => {
    const r = await tokenV3();
    assert.equal(r.status, 200);
    assert.deepEqual(Object.keys(r.json).sort(), Object.keys(fixture('token-v3.json')).sort());
    assert.equal(r.json.token_type, 'bearer');
    assert.equal(r.json.scope, 'creatorsapi::default');
    assert.match(r.json.access_token, /^Atc\|/);
  });

  it('rejects a wrong secret with 401 invalid_client', async () => {
    const r = await tokenV3(DEMO.id, 'nope');
    assert.equal(r.status, 401);
    assert.equal(r.json.error, 'invalid_client');
  });

  it('rejects the single-colon scope with invalid_scope', async () => {
    const r = await tokenV3(DEMO.id, DEMO.secret, 'creatorsapi/default');
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'invalid_scope');
  });

  it('rejects a form-encoded body', async () => {
    const r = await call('/auth/o2/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${DEMO.id}&client_secret=${DEMO.secret}&scope=creatorsapi::default`,
    });
    assert.equal(r.status, 400);
    assert.equal(r.json.error, 'invalid_request');
  });
});

describe('configuration', () => {
  it('validates against the configured credentials, per version, with the configured lifetime', async () => {
    const set = await control('config', { credentials: [{ id: 'canary-id', secret: 'canary-secret', versions: [3] }], expiresIn: 60 });
    assert.equal(set.status, 200);
    assert.equal(set.json.credentials[0].secret, '[redacted]');
    assert.equal((await tokenV3()).status, 401, 'the demo credential is gone');
    const ok = await tokenV3('canary-id', 'canary-secret');
    assert.equal(ok.json.expires_in, 60);
    assert.equal((await tokenV2('canary-id', 'canary-secret')).json.error, 'invalid_client', 'v3-only credential');
  });

  it('rejects unknown config keys', async () => {
    assert.equal((await control('config', { nope: 1 })).status, 400);
  });

  it('reset restores the start config and forgets tokens', async () => {
    const auth = await v3Auth();
    await control('config', { expiresIn: 5 });
    await control('reset', {});
    assert.equal((await tokenV3()).json.expires_in, 3600);
    const r = await getItems(['B0SHLFK001'], { auth });
    assert.equal(r.status, 401);
    assert.equal(r.json.reason, 'InvalidToken');
  });
});

describe('catalog authorization', () => {
  it('accepts a v2 token with ", Version 2.x" and a v3 token without', async () => {
    assert.equal((await getItems(['B0SHLFK001'], { auth: await v2Auth() })).status, 200);
    assert.equal((await getItems(['B0SHLFK001'], { auth: await v3Auth() })).status, 200);
  });

  it('rejects a v2 token without the version suffix', async () => {
    const token = (await tokenV2()).json.access_token;
    const r = await getItems(['B0SHLFK001'], { auth: `Bearer ${token}` });
    assert.equal(r.status, 400);
    assert.equal(r.json.type, 'ValidationException');
    assert.equal(r.json.reason, 'FieldValidationFailed');
  });

  it('rejects a v3 token with a version suffix', async () => {
    const r = await getItems(['B0SHLFK001'], { auth: `${await v3Auth()}, Version 3.2` });
    assert.equal(r.status, 400);
    assert.equal(r.json.reason, 'FieldValidationFailed');
  });

  it('answers an unknown token with 401 InvalidToken and no header with 401 MissingCredential', async () => {
    const unknown = await getItems(['B0SHLFK001'], { auth: 'Bearer Atc|made-up' });
    assert.equal(unknown.status, 401);
    assert.deepEqual([unknown.json.type, unknown.json.reason], ['UnauthorizedException', 'InvalidToken']);
    const missing = await call('/catalog/v1/getItems', {
      headers: { 'content-type': 'application/json', 'x-marketplace': 'www.amazon.com' },
      body: { partnerTag: 'shelftest-20', itemIds: ['B0SHLFK001'] },
    });
    assert.equal(missing.status, 401);
    assert.equal(missing.json.reason, 'MissingCredential');
  });

  it('answers an expired token with the 401-token-expired fixture', async () => {
    const auth = await v2Auth();
    const expired = await control('tokens/expire', {});
    assert.ok(expired.json.expired >= 1);
    const r = await getItems(['B0SHLFK001'], { auth });
    assert.equal(r.status, 401);
    assert.deepEqual(r.json, fixture('errors/401-token-expired.json'));
    assert.equal((await getItems(['B0SHLFK001'], { auth: await v2Auth() })).status, 200, 'a fresh token works');
  });

  it('expires tokens after expires_in seconds', async () => {
    await control('config', { expiresIn: 1 });
    const auth = await v3Auth();
    assert.equal((await getItems(['B0SHLFK001'], { auth })).status, 200);
    await new Promise((r) => setTimeout(r, 1050));
    assert.equal((await getItems(['B0SHLFK001'], { auth })).json.reason, 'TokenExpired');
  });
});

describe('getItems validation', () => {
  const expect400 = (r, field) => {
    assert.equal(r.status, 400);
    assert.equal(r.json.type, 'ValidationException');
    if (field) assert.deepEqual(fieldNames(r), [field]);
  };

  it('requires the x-marketplace header and a known marketplace', async () => {
    const missing = await getItems(['B0SHLFK001'], { marketplace: null }, { marketplace: undefined });
    expect400(missing, 'x-marketplace');
    assert.equal(missing.json.message, 'Missing Marketplace Header');
    expect400(await getItems(['B0SHLFK001'], { marketplace: 'www.amazon.xx' }, { marketplace: undefined }), 'x-marketplace');
  });

  it('requires the body marketplace to match the header', async () => {
    expect400(await getItems(['B0SHLFK001'], {}, { marketplace: 'www.amazon.de' }), 'marketplace');
  });

  it('requires a non-empty partnerTag', async () => {
    expect400(await getItems(['B0SHLFK001'], {}, { partnerTag: '' }), 'partnerTag');
    expect400(await getItems(['B0SHLFK001'], {}, { partnerTag: '   ' }), 'partnerTag');
    expect400(await getItems(['B0SHLFK001'], {}, { partnerTag: undefined }), 'partnerTag');
  });

  it('requires 1 to 10 unique itemIds', async () => {
    expect400(await getItems([]), 'itemIds');
    const eleven = Array.from({ length: 11 }, (_, i) => `B0SHLFG${String(i).padStart(3, '0')}`);
    expect400(await getItems(eleven), 'itemIds');
    assert.equal((await getItems(eleven.slice(0, 10))).status, 200);
    expect400(await getItems(['B0SHLFK001', 'B0SHLFK001']), 'itemIds');
    expect400(await getItems(undefined), 'itemIds');
  });

  it('answers CannotParse for a body that is not JSON', async () => {
    const r = await catalog('getItems', '{"partnerTag":', {});
    assert.equal(r.status, 400);
    assert.equal(r.json.reason, 'CannotParse');
  });

  it('reports a malformed item id per item', async () => {
    const r = await getItems(['B0SHLFK001', 'not-an-asin']);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.errors.map((e) => e.code), ['InvalidParameterValue']);
  });
});

describe('getItems answers', () => {
  it('answers the three-item request exactly as its fixture, decimals included', async () => {
    const r = await getItems(['B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003']);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, fixture('get-items-3-items.json'));
    assert.ok(r.headers.get('x-amzn-requestid'));
  });

  it('answers the partial-errors request as its fixture: items out of request order, X404 in errors', async () => {
    const r = await getItems(['B0SHLFP004', 'B0SHLFX404', 'B0SHLFQ005']);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, fixture('get-items-partial-errors.json'));
    assert.deepEqual(r.json.itemsResult.items.map((i) => i.asin), ['B0SHLFQ005', 'B0SHLFP004']);
    // Money keeps the fixture's text: 24.50 stays 24.50 on the wire.
    assert.match(fixtureText('get-items-partial-errors.json'), /"amount": 24\.50/);
    assert.match(r.text, /"amount":24\.50/);
  });

  it('returns only the requested ASINs', async () => {
    const r = await getItems(['B0SHLFM003']);
    assert.deepEqual(r.json.itemsResult.items.map((i) => i.asin), ['B0SHLFM003']);
    assert.equal(r.json.errors, undefined);
  });

  it('answers www.amazon.de from the de fixtures only', async () => {
    const opts = { marketplace: 'www.amazon.de' };
    const r = await getItems(['B0SHLFD201', 'B0SHLFD202'], opts, { partnerTag: 'shelftest-21', languagesOfPreference: ['de_DE'] });
    assert.deepEqual(r.json, fixture('get-items-de.json'));
    const shared = await getItems(['B0SHLFK001'], opts, { partnerTag: 'shelftest-21' });
    assert.deepEqual(shared.json, fixture('get-items-de-shared.json'), 'the kettle is sold in both stores');
    const us = await getItems(['B0SHLFL002'], opts, { partnerTag: 'shelftest-21' });
    assert.deepEqual(us.json.errors, [{ code: 'ItemNotAccessible', message: 'The ItemId B0SHLFL002 is not accessible through the Creators API.' }]);
    const de = await getItems(['B0SHLFD201']);
    assert.equal(de.json.errors[0].code, 'ItemNotAccessible', 'de items are not in the US store');
  });

  it('answers only errors when no requested ASIN is known', async () => {
    const r = await getItems(['B0SHLFX404']);
    assert.equal(r.status, 200);
    assert.equal(r.json.itemsResult, undefined);
    assert.equal(r.json.errors.length, 1);
  });

  it('builds links with the request partner tag', async () => {
    const r = await getItems(['B0SHLFK001'], {}, { partnerTag: 'mysite-20' });
    assert.match(r.json.itemsResult.items[0].detailPageURL, /[?&]tag=mysite-20&/);
  });

  it('invents stable, distinct items for B0SHLFG??? ASINs', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `B0SHLFG${(i * 7).toString(36).toUpperCase().padStart(3, '0')}`);
    const r = await getItems(ids);
    const items = r.json.itemsResult.items;
    assert.equal(items.length, 10);
    assert.deepEqual(items.map((i) => i.asin).sort(), [...ids].sort());
    assert.equal(new Set(items.map((i) => i.itemInfo.title.displayValue)).size, 10);
    assert.equal(new Set(items.map((i) => String(i.offersV2.listings[0].price.money.amount))).size, 10);
    for (const item of items) {
      assert.deepEqual(Object.keys(item).filter((k) => k !== 'parentASIN'), Object.keys(item));
      assert.match(item.detailPageURL, new RegExp(`/dp/${item.asin}\\?tag=shelftest-20&`));
      const { money, savingBasis, savings } = item.offersV2.listings[0].price;
      assert.equal(Math.round((savingBasis.money.amount - money.amount) * 100), Math.round(savings.money.amount * 100));
    }
    assert.match(r.text, /"amount":\d+\.\d\d,/, 'amounts carry two decimals');
    const again = await getItems([ids[0]]);
    assert.deepEqual(again.json.itemsResult.items[0], items.find((i) => i.asin === ids[0]));
    const de = await getItems(['B0SHLFG001'], { marketplace: 'www.amazon.de' }, { partnerTag: 'shelftest-21' });
    assert.equal(de.json.itemsResult.items[0].offersV2.listings[0].price.money.currency, 'EUR');
    assert.match(de.json.itemsResult.items[0].detailPageURL, /^https:\/\/www\.amazon\.de\/dp\/B0SHLFG001\?tag=shelftest-21&/);
  });

  it('orders items by config: fixture (default), request or reverse', async () => {
    const ids = ['B0SHLFG001', 'B0SHLFP004', 'B0SHLFK001', 'B0SHLFG002'];
    const order = async () => (await getItems(ids)).json.itemsResult.items.map((i) => i.asin);
    assert.deepEqual(await order(), ['B0SHLFK001', 'B0SHLFP004', 'B0SHLFG002', 'B0SHLFG001']);
    await control('config', { itemOrder: 'request' });
    assert.deepEqual(await order(), ids);
    await control('config', { itemOrder: 'reverse' });
    assert.deepEqual(await order(), [...ids].reverse());
  });

  it('can spell the envelope key itemResults, as one docs sample does', async () => {
    await control('config', { envelopeKey: 'itemResults' });
    const r = await getItems(['B0SHLFK001']);
    assert.equal(r.json.itemResults.items[0].asin, 'B0SHLFK001');
    assert.equal(r.json.itemsResult, undefined);
  });

  it('returns only the requested resources when filterResources is on', async () => {
    await control('config', { filterResources: true });
    const r = await getItems(['B0SHLFK001'], {}, {
      resources: ['itemInfo.title', 'images.primary.large', 'offersV2.listings.price', 'images.primary.highRes'],
    });
    const item = r.json.itemsResult.items[0];
    assert.deepEqual(Object.keys(item).sort(), ['asin', 'detailPageURL', 'images', 'itemInfo', 'offersV2']);
    assert.deepEqual(Object.keys(item.itemInfo), ['title']);
    assert.deepEqual(Object.keys(item.images.primary), ['large']);
    assert.deepEqual(Object.keys(item.offersV2.listings[0]), ['price', 'violatesMAP'], 'violatesMAP comes with the price');
    const map = await getItems(['B0SHLFM003'], {}, { resources: ['offersV2.listings.price'] });
    assert.equal(map.json.itemsResult.items[0].offersV2.listings[0].violatesMAP, true);
    const noPrice = await getItems(['B0SHLFM003'], {}, { resources: ['offersV2.listings.availability'] });
    assert.deepEqual(Object.keys(noPrice.json.itemsResult.items[0].offersV2.listings[0]), ['availability']);
    const bare = (await getItems(['B0SHLFK001'])).json.itemsResult.items[0];
    assert.deepEqual(Object.keys(bare), ['asin', 'detailPageURL', 'itemInfo']);
  });

  it('serves items set over /__mock/items (e.g. attack strings) instead of fixtures', async () => {
    const evil = { asin: 'B0SHLFK001', detailPageURL: 'javascript:alert(1)', itemInfo: { title: { displayValue: '<img src=x onerror=alert(1)>' } } };
    assert.equal((await control('items', { marketplace: 'www.amazon.com', items: [evil] })).status, 200);
    const r = await getItems(['B0SHLFK001']);
    assert.deepEqual(r.json.itemsResult.items[0], evil);
    await control('reset', {});
    assert.notDeepEqual((await getItems(['B0SHLFK001'])).json.itemsResult.items[0], evil);
  });
});

describe('searchItems', () => {
  const search = (extra, opts = {}) =>
    catalog('searchItems', { partnerTag: 'shelftest-20', marketplace: 'www.amazon.com', ...extra }, opts);

  it('answers the search fixture for keywords', async () => {
    const r = await search({ keywords: 'pour over kettle', itemCount: 5 });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, fixture('search-items.json'));
  });

  it('respects itemCount and itemPage', async () => {
    const two = await search({ keywords: 'anything', itemCount: 2 });
    assert.deepEqual(two.json.searchResult.items.map((i) => i.asin), ['B0SHLFS101', 'B0SHLFS102']);
    const page2 = await search({ keywords: 'anything', itemCount: 2, itemPage: 2 });
    assert.deepEqual(page2.json.searchResult.items.map((i) => i.asin), ['B0SHLFS103', 'B0SHLFS104']);
  });

  it('answers a browseNodeId search (bestsellers)', async () => {
    const r = await search({ browseNodeId: '9000000001', sortBy: 'Featured', itemCount: 10 });
    assert.equal(r.status, 200);
    assert.equal(r.json.searchResult.items.length, 5);
  });

  it('rejects a search without keywords or browse node, a bad node and itemCount > 10', async () => {
    const none = await search({});
    assert.equal(none.status, 400);
    assert.deepEqual(fieldNames(none), ['keywords', 'actor', 'artist', 'author', 'brand', 'title']);
    assert.deepEqual(fieldNames(await search({ browseNodeId: '0123' })), ['browseNodeId']);
    assert.deepEqual(fieldNames(await search({ keywords: 'x', itemCount: 11 })), ['itemCount']);
    assert.deepEqual(fieldNames(await search({ keywords: 'x', itemPage: 0 })), ['itemPage']);
  });

  it('uses the request partner tag in links and searchURL', async () => {
    const r = await search({ keywords: 'x', partnerTag: 'other-20' });
    assert.match(r.json.searchResult.searchURL, /tag=other-20/);
    assert.ok(r.json.searchResult.items.every((i) => /tag=other-20/.test(i.detailPageURL)));
  });
});

describe('fault injection', () => {
  it('applies queued faults to the next catalog requests in order, then answers normally', async () => {
    const auth = await v3Auth();
    const set = await control('faults', {
      next: [
        { status: 429, retryAfter: 30 },
        { status: 500 },
        { status: 503 },
        { malformed: true },
        { status: 401 },
        { status: 403, reason: 'AssociateNotEligible' },
        { drop: true },
        { delayMs: 300 },
      ],
    });
    assert.equal(set.status, 200);
    assert.equal(set.json.next.length, 8);

    const throttled = await getItems(['B0SHLFK001'], { auth });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '30');
    assert.deepEqual(throttled.json, fixture('errors/429.json'));

    const e500 = await getItems(['B0SHLFK001'], { auth });
    assert.equal(e500.status, 500);
    assert.equal(e500.json.type, 'InternalServerException');

    const e503 = await getItems(['B0SHLFK001'], { auth });
    assert.equal(e503.status, 503);

    const malformed = await getItems(['B0SHLFK001'], { auth });
    assert.equal(malformed.status, 200);
    assert.match(malformed.headers.get('content-type'), /application\/json/);
    assert.throws(() => JSON.parse(malformed.text), SyntaxError);

    const e401 = await getItems(['B0SHLFK001'], { auth });
    assert.equal(e401.status, 401);
    assert.deepEqual(e401.json, fixture('errors/401-token-expired.json'));

    const e403 = await getItems(['B0SHLFK001'], { auth });
    assert.equal(e403.status, 403);
    assert.deepEqual(e403.json, fixture('errors/403-not-eligible.json'));

    await assert.rejects(getItems(['B0SHLFK001'], { auth }), TypeError, 'dropped connection');

    const t0 = Date.now();
    const slow = await getItems(['B0SHLFK001'], { auth });
    assert.ok(Date.now() - t0 >= 290, 'delayed');
    assert.equal(slow.status, 200);

    assert.equal((await getItems(['B0SHLFK001'], { auth })).status, 200, 'queue is empty');
    assert.deepEqual((await control('faults')).json.next, []);
  });

  it('lets retryAfter and the body hint differ, or drop the hint', async () => {
    await control('faults', { next: [{ status: 429, retryAfter: 5, retryAfterSeconds: 40 }, { status: 429, retryAfter: null, retryAfterSeconds: null }] });
    const a = await getItems(['B0SHLFK001']);
    assert.equal(a.headers.get('retry-after'), '5');
    assert.equal(a.json.retryAfterSeconds, 40);
    const b = await getItems(['B0SHLFK001']);
    assert.equal(b.headers.get('retry-after'), null);
    assert.equal('retryAfterSeconds' in b.json, false);
    assert.equal(b.json.type, 'ThrottleException');
  });

  it('builds bodies for other reasons and statuses', async () => {
    await control('faults', { next: [{ status: 401, reason: 'InvalidIssuer' }, { status: 400, reason: 'InvalidPartnerTag' }, { status: 404 }] });
    const issuer = await getItems(['B0SHLFK001']);
    assert.deepEqual([issuer.status, issuer.json.type, issuer.json.reason], [401, 'UnauthorizedException', 'InvalidIssuer']);
    const tag = await getItems(['B0SHLFK001']);
    assert.deepEqual([tag.status, tag.json.type, tag.json.reason], [400, 'ValidationException', 'InvalidPartnerTag']);
    const missing = await getItems(['B0SHLFK001']);
    assert.deepEqual([missing.status, missing.json.type, missing.json.resourceId], [404, 'ResourceNotFoundException', 'B0SHLFK001']);
  });

  it('keeps catalog faults off token requests and token faults off catalog requests', async () => {
    await control('faults', { next: [{ status: 500 }, { target: 'token', status: 503 }, { target: 'token', malformed: true }] });
    const token = await tokenV3();
    assert.equal(token.status, 503);
    assert.equal(token.json.error, 'server_error');
    const broken = await tokenV2();
    assert.equal(broken.status, 200);
    assert.throws(() => JSON.parse(broken.text), SyntaxError);
    const auth = await v3Auth();
    assert.equal((await getItems(['B0SHLFK001'], { auth })).status, 500);
    assert.equal((await getItems(['B0SHLFK001'], { auth })).status, 200);
  });

  it('targets one operation, and supports standing rules with a count', async () => {
    const auth = await v3Auth();
    await control('faults', { next: [{ target: 'searchItems', status: 500 }], rules: [{ target: 'getItems', status: 429, times: 2 }] });
    assert.equal((await getItems(['B0SHLFK001'], { auth })).status, 429);
    assert.equal((await catalog('searchItems', { partnerTag: 'shelftest-20', keywords: 'x' }, { auth })).status, 500);
    assert.equal((await getItems(['B0SHLFK001'], { auth })).status, 429);
    assert.equal((await getItems(['B0SHLFK001'], { auth })).status, 200);
  });

  it('narrows a fault to one path and replaces faults on request', async () => {
    await control('faults', { next: [{ target: 'any', path: '/catalog/v1/searchItems', status: 502 }, { status: 500 }] });
    await control('faults', { replace: true, next: [{ target: 'any', path: '/catalog/v1/searchItems', status: 503 }] });
    const auth = await v3Auth();
    assert.equal((await getItems(['B0SHLFK001'], { auth })).status, 200, 'the replaced 500 is gone');
    assert.equal((await catalog('searchItems', { partnerTag: 'shelftest-20', keywords: 'x' }, { auth })).status, 503);
    const log = (await control('requests')).json;
    assert.equal(log.at(-1).fault.status, 503);
  });

  it('keeps a rule without a count until reset', async () => {
    const auth = await v3Auth();
    await control('faults', { rules: [{ status: 503 }] });
    for (let i = 0; i < 3; i++) assert.equal((await getItems(['B0SHLFK001'], { auth })).status, 503);
    await control('faults', undefined, 'DELETE');
    assert.equal((await getItems(['B0SHLFK001'], { auth })).status, 200);
  });

  it('reports per-item errors set in itemErrors', async () => {
    await control('faults', { itemErrors: { B0SHLFK001: 'ItemNotAccessible', B0SHLFL002: 'ItemNotFound' } });
    const r = await getItems(['B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003']);
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.itemsResult.items.map((i) => i.asin), ['B0SHLFM003']);
    assert.deepEqual(r.json.errors, [
      { code: 'ItemNotAccessible', message: 'The ItemId B0SHLFK001 is not accessible through the Creators API.' },
      { code: 'ItemNotFound', message: 'The ItemId B0SHLFL002 is not found.' },
    ]);
  });

  it('logs a request the client gave up on during a delay as aborted', async () => {
    await control('faults', { next: [{ delayMs: 2000 }] });
    const auth = await v3Auth();
    await assert.rejects(getItems(['B0SHLFK001'], { auth, signal: AbortSignal.timeout(100) }));
    await new Promise((r) => setTimeout(r, 50));
    const last = (await control('requests')).json.at(-1);
    assert.equal(last.aborted, true);
    assert.equal(last.status, null);
  });

  it('rejects invalid fault specs without changing anything', async () => {
    for (const bad of [{ next: [{}] }, { next: [{ status: 99 }] }, { next: [{ target: 'nope', status: 500 }] }, { itemErrors: { B0SHLFK001: 'Nope' } }, { next: [{ status: 500, colour: 1 }] }]) {
      assert.equal((await control('faults', bad)).status, 400, JSON.stringify(bad));
    }
    assert.deepEqual((await control('faults')).json, { next: [], rules: [], itemErrors: {} });
  });
});

describe('request log', () => {
  it('records each API request with redacted credentials, parsed body and status', async () => {
    await tokenV2();
    await tokenV3();
    const v2 = await v2Auth();
    await getItems(['B0SHLFK001'], { auth: v2 });
    await getItems([], { auth: v2 });
    const log = (await control('requests')).json;
    assert.deepEqual(log.map((e) => [e.path, e.status]), [
      ['/oauth2/token', 200], ['/auth/o2/token', 200], ['/oauth2/token', 200],
      ['/catalog/v1/getItems', 200], ['/catalog/v1/getItems', 400],
    ]);
    const [basicLog, lwa, , items] = log;
    assert.equal(basicLog.authorization, 'Basic');
    assert.equal(lwa.authorization, null);
    assert.equal(lwa.body.client_secret, '[redacted]');
    assert.equal(lwa.body.client_id, DEMO.id);
    assert.equal(items.authorization, 'Bearer, Version 2.2');
    assert.equal(items.marketplace, 'www.amazon.com');
    assert.deepEqual(items.body.itemIds, ['B0SHLFK001']);
    assert.ok(!Number.isNaN(Date.parse(items.time)));
    assert.equal(items.method, 'POST');
    const text = JSON.stringify(log);
    assert.ok(!text.includes(DEMO.secret), 'no secret in the log');
    assert.ok(!text.includes(v2.slice(7, 40)), 'no token in the log');
    assert.ok(!text.includes('__mock'), 'control calls are not logged');
  });

  it('filters the log by path', async () => {
    await tokenV3();
    await getItems(['B0SHLFK001']);
    const only = await call('/__mock/requests?path=/catalog/v1/getItems', { method: 'GET' });
    assert.deepEqual(only.json.map((e) => e.path), ['/catalog/v1/getItems']);
  });

  it('counts requests per path and status, and item ids per getItems', async () => {
    const auth = await v3Auth();
    await getItems(['B0SHLFK001', 'B0SHLFL002'], { auth });
    await getItems(['B0SHLFM003'], { auth });
    const counts = (await control('counts')).json;
    assert.deepEqual(counts, {
      total: 3,
      byPath: { '/auth/o2/token': 1, '/catalog/v1/getItems': 2 },
      byStatus: { 200: 3 },
      getItemsItemIds: 3,
    });
  });

  it('is cleared by DELETE /__mock/requests', async () => {
    await tokenV3();
    const cleared = await control('requests', undefined, 'DELETE');
    assert.deepEqual(cleared.json, { cleared: 1 });
    assert.deepEqual((await control('requests')).json, []);
    assert.equal((await control('counts')).json.total, 0);
  });

  it('logs unknown routes and wrong methods too', async () => {
    assert.equal((await call('/catalog/v1/getItems', { method: 'GET' })).status, 405);
    assert.equal((await call('/nope')).status, 404);
    assert.equal((await catalog('getVariations', { partnerTag: 'x', asin: 'B0SHLFK001' })).json.reason, 'UnknownOperation');
    assert.deepEqual((await control('requests')).json.map((e) => e.status), [405, 404, 200, 400]);
  });
});

describe('demo images', () => {
  const AMAZON = 'https://m.media-amazon.com/images/I/';
  const imageUrls = (text) => [...text.matchAll(/"url":\s*"([^"]+)"/g)].map((m) => m[1]);

  it('serves the fixture pictures under /images/I/, unlogged, and nothing else there', async () => {
    const r = await fetch(`${mock.url}/images/I/41ShfKtl01L._SL500_.jpg`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(Buffer.from(await r.arrayBuffer()), readFileSync(join(FIXTURES, 'images', '41ShfKtl01L._SL500_.jpg')));
    for (const bad of ['nope.jpg', '..%2Fsearch-items.json', '.hidden.jpg', 'search-items.json']) {
      assert.equal((await fetch(`${mock.url}/images/I/${bad}`)).status, 404, bad);
    }
    assert.equal((await control('counts')).json.total, 0, 'image requests are not API calls');
  });

  it('has a picture for every image URL in the fixtures, of the size the fixture states', () => {
    for (const name of ['get-items-3-items.json', 'get-items-de.json', 'get-items-de-shared.json', 'get-items-partial-errors.json', 'search-items.json']) {
      const urls = imageUrls(fixtureText(name));
      assert.ok(urls.length > 0, name);
      for (const url of urls) {
        assert.ok(url.startsWith(AMAZON), url);
        const jpeg = readFileSync(join(FIXTURES, 'images', url.slice(AMAZON.length)));
        assert.deepEqual([...jpeg.subarray(0, 2)], [0xff, 0xd8], `${url} is a JPEG`);
      }
    }
  });

  it('keeps Amazon image URLs without --image-origin', async () => {
    const r = await getItems(['B0SHLFK001']);
    assert.ok(imageUrls(r.text).every((u) => u.startsWith(AMAZON)));
  });

  it('with --image-origin self answers the fixtures with its own image URLs, which load', async () => {
    const own = await startMock({ args: ['--image-origin', 'self'] });
    try {
      const token = await fetch(`${own.url}/auth/o2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: DEMO.id, client_secret: DEMO.secret, scope: 'creatorsapi::default' }),
      }).then((res) => res.json());
      const ask = (op, body) => fetch(`${own.url}/catalog/v1/${op}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}`, 'x-marketplace': 'www.amazon.com' },
        body: JSON.stringify({ partnerTag: 'shelftest-20', ...body }),
      }).then((res) => res.text());
      const text = await ask('getItems', { itemIds: ['B0SHLFK001', 'B0SHLFL002', 'B0SHLFM003'] });
      const expected = fixture('get-items-3-items.json');
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(expected).replaceAll(AMAZON, `${own.url}/images/I/`)));
      const urls = [...imageUrls(text), ...imageUrls(await ask('searchItems', { keywords: 'kettle' }))];
      assert.ok(urls.length >= 10);
      for (const url of urls) {
        assert.ok(url.startsWith(`${own.url}/images/I/`), url);
        assert.equal((await fetch(url)).status, 200, url);
      }
    } finally {
      await own.stop();
    }
  });

  it('refuses any other --image-origin value', async () => {
    await assert.rejects(startMock({ args: ['--image-origin', 'https://evil.example'] }), /exited before it was ready/);
  });
});

describe('short links', () => {
  const short = (path, method = 'HEAD') => fetch(`${mock.url}/short/${path}`, { method, redirect: 'manual' });

  it('redirects each known short link as its host would, for HEAD and GET', async () => {
    for (const method of ['HEAD', 'GET']) {
      const r = await short('amzn.to/shelfK001', method);
      assert.equal(r.status, 301);
      assert.equal(r.headers.get('location'), 'https://www.amazon.com/dp/B0SHLFK001?ref_=shelf_share&th=1');
    }
    assert.equal((await short('a.co/d/shelfM003')).headers.get('location'), 'https://www.amazon.com/dp/B0SHLFM003');
    assert.equal((await short('amzn.to/shelfHop')).headers.get('location'), 'https://a.co/d/shelfM003');
    assert.equal((await short('amzn.to/shelfRelative')).headers.get('location'), '/shelfK001');
  });

  it('answers 404 for an unknown link, 200 for one that does not redirect and 405 for POST', async () => {
    assert.equal((await short('amzn.to/nothing')).status, 404);
    assert.equal((await short('amzn.to/shelfPlain')).status, 200);
    assert.equal((await short('amzn.to/shelfK001', 'POST')).status, 405);
  });

  it('logs and counts short-link requests like API calls', async () => {
    await control('requests', undefined, 'DELETE');
    await short('amzn.eu/d/shelfD201');
    const log = (await control('requests')).json;
    assert.deepEqual(log.map((e) => [e.method, e.path, e.status]), [['HEAD', '/short/amzn.eu/d/shelfD201', 301]]);
  });
});
