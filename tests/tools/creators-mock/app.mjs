// The mock as one request handler: API routes, fault injection, the request log and `/__mock/*`
// control endpoints. server.mjs wraps it in a process; tests may also embed it.

import { randomUUID } from 'node:crypto';
import { getItems, searchItems, checkAuthorization } from './catalog.mjs';
import { catalogFaultResponse, Faults, routeKind, tokenFaultResponse } from './faults.mjs';
import { loadFixtures } from './fixtures.mjs';
import { SHORT_PATH, shortLinkAnswer, SLOW, SLOW_MS } from './short-links.mjs';
import { IMAGE_PATH, imageFile, rewriteImageUrls } from './images.mjs';
import { clone, stringifyJson } from './json.mjs';
import { DEMO_CREDENTIAL, mediaType, TokenStore, tokenV2, tokenV3 } from './tokens.mjs';

const MAX_BODY = 1024 * 1024;

/** A long demo run must not grow the log without bound; counts keep counting past it. */
const MAX_LOG = 10000;

/** Settings changeable at start (`--config`) and over `POST /__mock/config`. */
export const DEFAULT_CONFIG = {
  credentials: [DEMO_CREDENTIAL],
  expiresIn: 3600,
  itemOrder: 'fixture',
  filterResources: false,
  envelopeKey: 'itemsResult',
};

/**
 * Merges a config patch over a config; returns `{config}` or `{error}`.
 * @param {object} base
 * @param {any} patch
 */
export function mergeConfig(base, patch) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return { error: 'config must be a JSON object' };
  const unknown = Object.keys(patch).filter((k) => !(k in DEFAULT_CONFIG));
  if (unknown.length) return { error: `unknown config key(s): ${unknown.join(', ')}` };
  const next = { ...base, ...clone(patch) };
  if (!Array.isArray(next.credentials) || !next.credentials.every((c) => c && typeof c.id === 'string'
    && typeof c.secret === 'string' && c.id !== '' && c.secret !== ''
    && (c.versions === undefined || (Array.isArray(c.versions) && c.versions.every((v) => v === 2 || v === 3))))) {
    return { error: 'credentials must be a list of {id, secret, versions?: [2, 3]}' };
  }
  next.credentials = next.credentials.map((c) => ({ id: c.id, secret: c.secret, versions: c.versions ?? [2, 3] }));
  if (!(Number.isInteger(next.expiresIn) && next.expiresIn >= 1)) return { error: 'expiresIn must be an integer ≥ 1 (seconds)' };
  if (!['fixture', 'request', 'reverse'].includes(next.itemOrder)) return { error: 'itemOrder must be fixture, request or reverse' };
  if (typeof next.filterResources !== 'boolean') return { error: 'filterResources must be true or false' };
  if (!['itemsResult', 'itemResults'].includes(next.envelopeKey)) return { error: 'envelopeKey must be itemsResult or itemResults' };
  return { config: next };
}

/**
 * The log form of an Authorization header: its scheme and any `, Version x.y` suffix, no secret.
 * @param {string|undefined} header
 */
export function redactAuthorization(header) {
  if (header === undefined) return null;
  const scheme = /^\s*(\S*)/.exec(header)?.[1] ?? '';
  const version = /, Version (\S+)\s*$/.exec(header)?.[1];
  return version ? `${scheme}, Version ${version}` : scheme;
}

/**
 * The log form of a request body: parsed JSON or form fields, with `client_secret` masked.
 * @param {object} headers
 * @param {string} raw
 */
function bodyForLog(headers, raw) {
  if (raw === '') return null;
  let body;
  if (mediaType(headers) === 'application/x-www-form-urlencoded') {
    body = Object.fromEntries(new URLSearchParams(raw));
  } else {
    try {
      body = JSON.parse(raw);
    } catch {
      return raw.length > 2000 ? `${raw.slice(0, 2000)}…` : raw;
    }
  }
  if (body && typeof body === 'object' && 'client_secret' in body) body.client_secret = '[redacted]';
  return body;
}

/** What a malformed-JSON fault sends: valid at first, cut off mid-value. */
const MALFORMED = {
  token: '{"access_token":"eyJraWQiOi',
  catalog: '{"itemsResult":{"items":[{"asin":"B0SHLFK001","itemInfo":{"title":{"displayValue":"Fixturo',
};

/**
 * Creates one mock instance. `state.imageOrigin`, when set (server.mjs sets it for
 * `--image-origin self` once it knows its port), moves Amazon image URLs in catalog answers there.
 * @param {{fixturesDir: string, config?: object, now?: () => number}} options
 */
export function createMock({ fixturesDir, config: patch = {}, now = Date.now }) {
  const fixtures = loadFixtures(fixturesDir);
  const merged = mergeConfig(DEFAULT_CONFIG, patch);
  if (merged.error) throw new Error(merged.error);
  const initialConfig = merged.config;
  const state = {
    config: initialConfig,
    faults: new Faults(),
    tokens: new TokenStore(now),
    /** @type {Map<string, Map<string, object>>} */
    overrides: new Map(),
    log: [],
    counts: { total: 0, byPath: {}, byStatus: {}, getItemsItemIds: 0 },
    /** @type {Set<NodeJS.Timeout>} pending delays, cleared on shutdown */
    timers: new Set(),
    info: {},
    /** @type {string|null} e.g. `http://127.0.0.1:41234` */
    imageOrigin: null,
  };

  const reset = () => {
    state.config = initialConfig;
    state.faults.clear();
    state.tokens.clear();
    state.overrides.clear();
    clearLog();
  };
  const clearLog = () => {
    const n = state.log.length;
    state.log = [];
    state.counts = { total: 0, byPath: {}, byStatus: {}, getItemsItemIds: 0 };
    return n;
  };

  const sleep = (ms, res) => new Promise((resolve) => {
    const t = setTimeout(() => {
      state.timers.delete(t);
      resolve(true);
    }, ms);
    state.timers.add(t);
    // A client that gives up (its timeout) ends the wait early.
    res.once('close', () => {
      if (!res.writableFinished) {
        clearTimeout(t);
        state.timers.delete(t);
        resolve(false);
      }
    });
  });

  const send = (res, status, body, headers = {}) => {
    const text = typeof body === 'string' ? body : stringifyJson(body);
    res.writeHead(status, {
      'content-type': 'application/json;charset=UTF-8',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  /** `/__mock/*` control routes. */
  const control = (method, path, raw, query) => {
    let body = null;
    if (raw !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        return [400, { error: 'control body must be JSON' }];
      }
    }
    const route = `${method} ${path}`;
    switch (route) {
      case 'GET /__mock/health':
        return [200, { ok: true, ...state.info }];
      case 'GET /__mock/requests': {
        const only = query.get('path');
        return [200, only === null ? state.log : state.log.filter((e) => e.path === only)];
      }
      case 'DELETE /__mock/requests':
        return [200, { cleared: clearLog() }];
      case 'GET /__mock/counts':
        return [200, state.counts];
      case 'GET /__mock/faults':
        return [200, state.faults.snapshot()];
      case 'POST /__mock/faults': {
        const error = state.faults.add(body ?? {});
        return error ? [400, { error }] : [200, state.faults.snapshot()];
      }
      case 'DELETE /__mock/faults':
        state.faults.clear();
        return [200, state.faults.snapshot()];
      case 'POST /__mock/reset':
        reset();
        return [200, { ok: true }];
      case 'GET /__mock/config':
        return [200, publicConfig(state.config)];
      case 'POST /__mock/config': {
        const next = mergeConfig(state.config, body ?? {});
        if (next.error) return [400, { error: next.error }];
        state.config = next.config;
        return [200, publicConfig(state.config)];
      }
      case 'POST /__mock/tokens/expire':
        return [200, { expired: state.tokens.expireAll() }];
      case 'POST /__mock/items': {
        const market = body?.marketplace ?? '*';
        const items = body?.items;
        if (!Array.isArray(items) || !items.every((i) => i && typeof i.asin === 'string')) {
          return [400, { error: 'items must be a list of objects with an asin' }];
        }
        if (!state.overrides.has(market)) state.overrides.set(market, new Map());
        for (const item of items) state.overrides.get(market).set(item.asin, item);
        return [200, { marketplace: market, asins: [...state.overrides.get(market).keys()] }];
      }
      default:
        return [404, { error: `unknown control route ${route}` }];
    }
  };

  /** An API route, faults first. Returns false when the connection was dropped. */
  const api = async (req, res, path, raw, entry) => {
    const kind = routeKind(path);
    const isToken = kind === 'token-v2' || kind === 'token-v3';
    if (kind === 'other') return send(res, 404, { message: `No route for ${path}` });
    if (req.method !== 'POST') return send(res, 405, { message: 'Only POST is supported' }, { allow: 'POST' });
    const fault = state.faults.take(path);
    if (fault) entry.fault = fault;
    if (fault?.delayMs) {
      const waited = await sleep(fault.delayMs, res);
      if (!waited) {
        entry.aborted = true;
        return;
      }
    }
    if (fault?.drop) {
      entry.dropped = true;
      req.socket.destroy();
      return;
    }
    if (fault?.malformed) {
      return send(res, fault.status ?? 200, isToken ? MALFORMED.token : MALFORMED.catalog);
    }
    if (fault?.status) {
      let itemIds = [];
      try {
        itemIds = JSON.parse(raw).itemIds ?? [];
      } catch { /* a fault answers whatever the body was */ }
      const r = isToken ? tokenFaultResponse(fault) : catalogFaultResponse(fault, fixtures.errors, itemIds);
      return send(res, r.status, r.body, r.headers);
    }
    const request = { headers: req.headers, rawBody: raw };
    let r;
    if (kind === 'token-v2') {
      r = tokenV2(request, state.config, state.tokens);
    } else if (kind === 'token-v3') {
      r = tokenV3(request, state.config, state.tokens);
    } else {
      const ctx = { fixtures, overrides: state.overrides, faults: state.faults, config: state.config };
      r = checkAuthorization(req.headers.authorization, state.tokens, fixtures.errors)
        ?? (kind === 'getItems' ? getItems(request, ctx)
          : kind === 'searchItems' ? searchItems(request, ctx)
            : { status: 400, body: { type: 'ValidationException', reason: 'UnknownOperation', message: `The mock does not implement ${path}.` } });
      if (state.imageOrigin && r.status === 200) r.body = rewriteImageUrls(r.body, state.imageOrigin);
    }
    const headers = isToken ? { 'cache-control': 'no-store' } : { 'x-amzn-requestid': randomUUID() };
    return send(res, r.status, r.body, headers);
  };

  /** @type {import('node:http').RequestListener} */
  const handler = (req, res) => {
    const started = now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        // Pictures are page resources, not API calls: never logged or counted.
        if (path.startsWith(IMAGE_PATH) && (req.method === 'GET' || req.method === 'HEAD')) {
          const file = imageFile(fixturesDir, path.slice(IMAGE_PATH.length));
          res.writeHead(file.status, { 'content-type': file.type, 'content-length': file.body.length, 'cache-control': 'max-age=3600' });
          return res.end(req.method === 'HEAD' ? undefined : file.body);
        }
        if (path.startsWith('/__mock/')) {
          const [status, body] = control(req.method, path, raw, url.searchParams);
          return send(res, status, JSON.stringify(body));
        }
        const entry = {
          time: new Date(started).toISOString(),
          method: req.method,
          path,
          marketplace: req.headers['x-marketplace'] ?? null,
          authorization: redactAuthorization(req.headers.authorization),
          contentType: req.headers['content-type'] ?? null,
          body: bodyForLog(req.headers, raw),
          status: null,
        };
        state.log.push(entry);
        if (state.log.length > MAX_LOG) state.log.shift();
        state.counts.total++;
        state.counts.byPath[path] = (state.counts.byPath[path] ?? 0) + 1;
        if (path === '/catalog/v1/getItems' && Array.isArray(entry.body?.itemIds)) {
          state.counts.getItemsItemIds += entry.body.itemIds.length;
        }
        res.once('finish', () => {
          entry.status = res.statusCode;
          entry.durationMs = now() - started;
          state.counts.byStatus[res.statusCode] = (state.counts.byStatus[res.statusCode] ?? 0) + 1;
        });
        if (size > MAX_BODY) return send(res, 413, { message: 'Request body too large' });
        if (path.startsWith(SHORT_PATH)) {
          const rest = path.slice(SHORT_PATH.length);
          if (SLOW.has(rest + url.search) && !(await sleep(SLOW_MS, res))) {
            entry.aborted = true;
            return;
          }
          const [status, headers] = shortLinkAnswer(req.method ?? 'GET', rest, url.search);
          res.writeHead(status, { 'content-length': 0, ...headers });
          return res.end();
        }
        await api(req, res, path, raw, entry);
      } catch (err) {
        // A mock bug must not look like an injected 500: say so in the body and on stderr.
        process.stderr.write(`creators-mock: ${err?.stack ?? err}\n`);
        if (!res.headersSent) send(res, 500, { type: 'MockBug', message: String(err?.message ?? err) });
      }
    });
  };

  return {
    handler,
    state,
    /** Cancels pending delays (shutdown). */
    stop() {
      for (const t of state.timers) clearTimeout(t);
      state.timers.clear();
    },
  };
}

/** The config as `GET /__mock/config` shows it: secrets masked. */
function publicConfig(config) {
  return { ...config, credentials: config.credentials.map((c) => ({ ...c, secret: '[redacted]' })) };
}
