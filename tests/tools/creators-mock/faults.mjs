// Fault injection: a queue of one-shot faults and a list of standing rules, plus the error bodies
// they answer with (taken from the fixtures' `errors/` folder where one exists).

import { clone } from './json.mjs';

/** Which requests a fault can target. `catalog` (the default) is every `/catalog/v1/*` call. */
export const TARGETS = ['catalog', 'getItems', 'searchItems', 'token', 'token-v2', 'token-v3', 'any'];

/** Per-item error codes (a 200 answer with the ASIN in `errors[]`). */
export const ITEM_ERROR_MESSAGES = {
  ItemNotAccessible: (asin) => `The ItemId ${asin} is not accessible through the Creators API.`,
  ItemNotFound: (asin) => `The ItemId ${asin} is not found.`,
  InvalidItemId: (asin) => `The ItemId ${asin} is not a valid value for ItemIds.`,
  InvalidParameterValue: (asin) => `The value [${asin}] provided in the request for ItemIds is invalid.`,
};

/**
 * The route kind of a request path, for fault targeting.
 * @param {string} path
 */
export function routeKind(path) {
  if (path === '/oauth2/token') return 'token-v2';
  if (path === '/auth/o2/token') return 'token-v3';
  if (path === '/catalog/v1/getItems') return 'getItems';
  if (path === '/catalog/v1/searchItems') return 'searchItems';
  if (path.startsWith('/catalog/')) return 'catalog';
  return 'other';
}

/**
 * Whether a fault's target covers a request of this route kind.
 * @param {string} target
 * @param {string} kind
 */
function covers(target, kind) {
  if (target === 'any' || target === kind) return true;
  if (target === 'catalog') return kind === 'getItems' || kind === 'searchItems' || kind === 'catalog';
  if (target === 'token') return kind === 'token-v2' || kind === 'token-v3';
  return false;
}

/**
 * Checks a fault spec from the control API; returns an error message or null.
 * @param {any} f
 */
function invalidFault(f) {
  if (f === null || typeof f !== 'object' || Array.isArray(f)) return 'a fault must be an object';
  const known = ['target', 'status', 'reason', 'message', 'retryAfter', 'retryAfterSeconds', 'body',
    'delayMs', 'malformed', 'drop', 'times', 'path'];
  const unknown = Object.keys(f).filter((k) => !known.includes(k));
  if (unknown.length) return `unknown fault field(s): ${unknown.join(', ')}`;
  if (f.target !== undefined && !TARGETS.includes(f.target)) return `target must be one of ${TARGETS.join(', ')}`;
  if (f.status !== undefined && !(Number.isInteger(f.status) && f.status >= 200 && f.status <= 599)) {
    return 'status must be an HTTP status code';
  }
  if (f.status !== undefined && f.status < 400 && f.body === undefined) return 'a status below 400 needs a body';
  if (f.delayMs !== undefined && !(Number.isFinite(f.delayMs) && f.delayMs >= 0)) return 'delayMs must be ≥ 0';
  if (f.times !== undefined && !(Number.isInteger(f.times) && f.times >= 1)) return 'times must be an integer ≥ 1';
  if (f.status === undefined && f.delayMs === undefined && !f.malformed && !f.drop) {
    return 'a fault needs status, delayMs, malformed or drop';
  }
  return null;
}

/** The mutable fault state of one mock instance. */
export class Faults {
  constructor() {
    this.clear();
  }

  clear() {
    /** @type {object[]} one-shot faults, consumed in order by the first matching request */
    this.next = [];
    /** @type {object[]} standing faults; `times` (optional) counts down to removal */
    this.rules = [];
    /** @type {Record<string, string>} ASIN → per-item error code */
    this.itemErrors = {};
  }

  /**
   * Adds faults from a control request body; returns an error message or null (nothing changed).
   * @param {any} spec `{next?: [], rules?: [], itemErrors?: {}, replace?: boolean}`
   */
  add(spec) {
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return 'body must be a JSON object';
    const next = spec.next ?? [];
    const rules = spec.rules ?? [];
    const itemErrors = spec.itemErrors ?? {};
    if (!Array.isArray(next) || !Array.isArray(rules)) return 'next and rules must be arrays';
    for (const f of [...next, ...rules]) {
      const problem = invalidFault(f);
      if (problem) return problem;
    }
    if (itemErrors === null || typeof itemErrors !== 'object' || Array.isArray(itemErrors)) {
      return 'itemErrors must map ASINs to error codes';
    }
    for (const [asin, code] of Object.entries(itemErrors)) {
      if (!(code in ITEM_ERROR_MESSAGES)) {
        return `itemErrors[${asin}] must be one of ${Object.keys(ITEM_ERROR_MESSAGES).join(', ')}`;
      }
    }
    if (spec.replace) this.clear();
    this.next.push(...next.map(clone));
    this.rules.push(...rules.map(clone));
    Object.assign(this.itemErrors, itemErrors);
    return null;
  }

  /**
   * Takes the fault for a request: the first matching queue entry, else the first matching rule.
   * @param {string} path
   * @returns {object|null}
   */
  take(path) {
    const kind = routeKind(path);
    const matches = (f) => covers(f.target ?? 'catalog', kind) && (f.path === undefined || f.path === path);
    const i = this.next.findIndex(matches);
    if (i >= 0) return this.next.splice(i, 1)[0];
    const rule = this.rules.find(matches);
    if (!rule) return null;
    if (rule.times !== undefined && --rule.times <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return rule;
  }

  snapshot() {
    return { next: this.next, rules: this.rules, itemErrors: this.itemErrors };
  }
}

const CATALOG_ERRORS = {
  400: ['ValidationException', 'Other', 'The request could not be processed.'],
  401: ['UnauthorizedException', 'TokenExpired', 'Authentication token has expired.'],
  403: ['AccessDeniedException', 'AssociateNotEligible', 'Your account does not currently meet the eligibility requirements.'],
  404: ['ResourceNotFoundException', undefined, 'The requested resource was not found.'],
  429: ['ThrottleException', undefined, 'The request was denied due to request throttling.'],
  500: ['InternalServerException', undefined, 'An internal error occurred. Please retry the request.'],
  502: ['BadGatewayException', undefined, 'Bad gateway.'],
  503: ['ServiceUnavailableException', undefined, 'The service is temporarily unavailable. Please retry the request.'],
  504: ['GatewayTimeoutException', undefined, 'Gateway timeout.'],
};

/** Fixture file per status, used when the fault does not name another reason. */
const FIXTURE_FOR = { 401: ['401-token-expired', 'TokenExpired'], 403: ['403-not-eligible', 'AssociateNotEligible'], 429: ['429'] };

/**
 * The status, headers and body a catalog fault answers with.
 * @param {any} fault
 * @param {Record<string, object>} errorFixtures the `errors/` folder, by file name
 * @param {string[]} itemIds the request's ASINs (for a 404's resourceId)
 */
export function catalogFaultResponse(fault, errorFixtures, itemIds) {
  const status = fault.status;
  const headers = {};
  if (fault.body !== undefined) return { status, headers, body: fault.body };
  const [file, fileReason] = FIXTURE_FOR[status] ?? [];
  let body;
  if (file && errorFixtures[file] && (fault.reason === undefined || fault.reason === fileReason)) {
    body = clone(errorFixtures[file]);
  } else {
    const [type, reason, message] = CATALOG_ERRORS[status] ?? [status >= 500 ? 'InternalServerException' : 'ValidationException', 'Other', `Mock error ${status}.`];
    body = { type, message, reason: fault.reason ?? reason };
    if (status === 404) Object.assign(body, { resourceType: 'Item', resourceId: itemIds[0] ?? '' });
  }
  if (fault.message !== undefined) body.message = fault.message;
  if (status === 429) {
    const after = fault.retryAfter === undefined ? 30 : fault.retryAfter;
    if (after !== null) headers['retry-after'] = String(after);
    // The body hint follows the header unless the fault sets it apart (null drops it).
    const hint = fault.retryAfterSeconds !== undefined ? fault.retryAfterSeconds : (fault.retryAfter ?? body.retryAfterSeconds);
    if (hint === null) delete body.retryAfterSeconds;
    else body.retryAfterSeconds = hint;
  } else if (fault.retryAfter !== undefined && fault.retryAfter !== null) {
    headers['retry-after'] = String(fault.retryAfter);
  }
  return { status, headers, body };
}

/**
 * The status, headers and body a token-endpoint fault answers with (OAuth2 error JSON).
 * @param {any} fault
 */
export function tokenFaultResponse(fault) {
  const status = fault.status;
  const headers = {};
  if (fault.retryAfter !== undefined && fault.retryAfter !== null) headers['retry-after'] = String(fault.retryAfter);
  if (fault.body !== undefined) return { status, headers, body: fault.body };
  const codes = { 400: 'invalid_request', 401: 'invalid_client', 403: 'unauthorized_client', 429: 'slow_down' };
  const error = fault.reason ?? codes[status] ?? (status >= 500 ? 'server_error' : 'invalid_request');
  return { status, headers, body: { error, error_description: fault.message ?? `Mock token error ${status}.` } };
}
