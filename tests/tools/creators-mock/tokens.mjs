// The two token endpoints: v2.x (Amazon Cognito, form body) and v3.x (Login with Amazon, JSON body).

import { randomBytes } from 'node:crypto';

export const SCOPE_V2 = 'creatorsapi/default';
export const SCOPE_V3 = 'creatorsapi::default';

/** The credential every fresh mock accepts, for both versions. */
export const DEMO_CREDENTIAL = { id: 'shelf-demo-id', secret: 'shelf-demo-secret', versions: [2, 3] };

const b64url = (s) => Buffer.from(s).toString('base64url');

/** Issued tokens and the credentials that may ask for them. */
export class TokenStore {
  /** @param {() => number} now milliseconds */
  constructor(now) {
    this.now = now;
    /** @type {Map<string, {version: number, credentialId: string, expiresAt: number}>} */
    this.tokens = new Map();
  }

  /**
   * @param {2|3} version
   * @param {string} credentialId
   * @param {number} expiresIn seconds
   */
  issue(version, credentialId, expiresIn) {
    const jti = randomBytes(12).toString('hex');
    const exp = Math.floor(this.now() / 1000) + expiresIn;
    // Shaped like the fixtures: a JWT-looking string for Cognito, `Atc|…` for LwA. Neither is signed.
    const token = version === 2
      ? [
        b64url(JSON.stringify({ kid: 'shelf-mock-key', alg: 'RS256' })),
        b64url(JSON.stringify({ sub: credentialId, token_use: 'access', scope: SCOPE_V2, exp, jti })),
        b64url(`not-a-real-signature-shelf-mock-${jti}`),
      ].join('.')
      : `Atc|MQEB${b64url(`shelf-mock-${jti}`)}`;
    this.tokens.set(token, { version, credentialId, expiresAt: this.now() + expiresIn * 1000 });
    return token;
  }

  /** @param {string} token */
  lookup(token) {
    const t = this.tokens.get(token);
    return t ? { ...t, expired: this.now() >= t.expiresAt } : null;
  }

  /** Expires every issued token now (for "expired token" tests); returns how many. */
  expireAll() {
    for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, this.now());
    return this.tokens.size;
  }

  clear() {
    this.tokens.clear();
  }
}

/**
 * The media type of a request, lower-cased, without parameters.
 * @param {Record<string, string|undefined>} headers
 */
export function mediaType(headers) {
  return String(headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * RFC 6749 form-encodes the id and secret before Basic auth; most clients send them raw.
 * @param {string} s
 */
function formDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * `POST /oauth2/token` (v2.x, Cognito). Accepts the client in HTTP Basic auth or in the form body.
 * Cognito answers every failure with 400 and an OAuth2 error code.
 * @param {{headers: Record<string, string|undefined>, rawBody: string}} req
 * @param {{credentials: object[], expiresIn: number}} config
 * @param {TokenStore} store
 */
export function tokenV2(req, config, store) {
  const fail = (error, description) => ({ status: 400, body: { error, error_description: description } });
  if (mediaType(req.headers) !== 'application/x-www-form-urlencoded') {
    return fail('invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new URLSearchParams(req.rawBody);
  let id = form.get('client_id');
  let secret = form.get('client_secret');
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(auth);
    const decoded = m ? Buffer.from(m[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) return fail('invalid_client', 'Malformed Basic authorization header');
    const basicId = formDecode(decoded.slice(0, colon));
    const basicSecret = formDecode(decoded.slice(colon + 1));
    if ((id !== null && id !== basicId) || (secret !== null && secret !== basicSecret)) {
      return fail('invalid_client', 'Client credentials in the header and the body differ');
    }
    id = basicId;
    secret = basicSecret;
  }
  const grant = form.get('grant_type');
  if (grant === null) return fail('invalid_request', 'Missing grant_type');
  if (grant !== 'client_credentials') return fail('unsupported_grant_type', 'Unsupported grant_type');
  if (!id || !secret) return fail('invalid_client', 'Missing client credentials');
  const cred = config.credentials.find((c) => c.id === id && c.secret === secret && c.versions.includes(2));
  if (!cred) return fail('invalid_client', 'Client authentication failed');
  if (form.get('scope') !== SCOPE_V2) return fail('invalid_scope', `Scope must be ${SCOPE_V2}`);
  const token = store.issue(2, id, config.expiresIn);
  return { status: 200, body: { access_token: token, expires_in: config.expiresIn, token_type: 'Bearer' } };
}

/**
 * `POST /auth/o2/token` (v3.x, Login with Amazon). JSON body only.
 * @param {{headers: Record<string, string|undefined>, rawBody: string}} req
 * @param {{credentials: object[], expiresIn: number}} config
 * @param {TokenStore} store
 */
export function tokenV3(req, config, store) {
  const fail = (status, error, description) => ({ status, body: { error_description: description, error } });
  if (mediaType(req.headers) !== 'application/json') {
    return fail(400, 'invalid_request', 'Content-Type must be application/json');
  }
  let body;
  try {
    body = JSON.parse(req.rawBody);
  } catch {
    return fail(400, 'invalid_request', 'The request body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return fail(400, 'invalid_request', 'The request body must be a JSON object');
  }
  if (body.grant_type === undefined) return fail(400, 'invalid_request', 'Missing grant_type');
  if (body.grant_type !== 'client_credentials') return fail(400, 'unsupported_grant_type', 'Unsupported grant_type');
  const { client_id: id, client_secret: secret } = body;
  if (typeof id !== 'string' || typeof secret !== 'string' || !id || !secret) {
    return fail(400, 'invalid_request', 'Missing client_id or client_secret');
  }
  const cred = config.credentials.find((c) => c.id === id && c.secret === secret && c.versions.includes(3));
  if (!cred) return fail(401, 'invalid_client', 'Client authentication failed');
  if (body.scope !== SCOPE_V3) return fail(400, 'invalid_scope', 'An unknown scope was requested');
  const token = store.issue(3, id, config.expiresIn);
  return {
    status: 200,
    body: { access_token: token, scope: SCOPE_V3, token_type: 'bearer', expires_in: config.expiresIn },
  };
}
