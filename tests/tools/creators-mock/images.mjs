// Product pictures for the demo: the fixtures' image URLs point at Amazon's image host, where no
// such files exist. The mock serves look-alikes from the fixtures' `images/` folder and, when asked
// (`--image-origin self`), points the answers' image URLs at itself.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RawNumber } from './json.mjs';

/** Where the fixtures' image URLs live; the path after it is the file name. */
export const AMAZON_IMAGES = 'https://m.media-amazon.com/images/I/';

/** The mock's own image path. */
export const IMAGE_PATH = '/images/I/';

const TYPES = { jpg: 'image/jpeg', png: 'image/png' };

/**
 * A copy of an answer body with every Amazon image URL moved to `origin` (`http://127.0.0.1:PORT`).
 * @param {any} value
 * @param {string} origin
 */
export function rewriteImageUrls(value, origin) {
  if (typeof value === 'string') {
    return value.startsWith(AMAZON_IMAGES) ? origin + IMAGE_PATH + value.slice(AMAZON_IMAGES.length) : value;
  }
  if (Array.isArray(value)) return value.map((v) => rewriteImageUrls(v, origin));
  if (value === null || typeof value !== 'object' || value instanceof RawNumber) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) out[k] = rewriteImageUrls(v, origin);
  return out;
}

/**
 * The answer to `GET /images/I/<name>`: the file from `<fixtures>/images/`, or 404. Names are
 * plain file names (no `/`, no leading dot), so nothing outside that folder can be read.
 * @param {string} fixturesDir
 * @param {string} name
 * @returns {{status: number, type: string, body: Buffer|string}}
 */
export function imageFile(fixturesDir, name) {
  const type = TYPES[/\.([a-z]+)$/.exec(name)?.[1] ?? ''];
  if (type && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    try {
      return { status: 200, type, body: readFileSync(join(fixturesDir, 'images', name)) };
    } catch { /* not one of ours: 404 below */ }
  }
  return { status: 404, type: 'text/plain', body: 'no such image' };
}
