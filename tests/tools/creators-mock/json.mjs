// JSON that keeps the exact text of decimal numbers.
//
// The fixtures write money as `24.50` or `20.0`. JSON.parse + JSON.stringify would send `24.5` and
// `20`, so a client that reads amounts as decimals would see different text from the fixture. The
// parser here wraps every number whose canonical JavaScript form differs from its source text in a
// RawNumber; everything else is a plain value, so the rest of the mock can treat it as normal JSON.

/** A JSON number kept as its source text (for example `24.50`). */
export class RawNumber {
  /** @param {string} text a valid JSON number literal */
  constructor(text) {
    this.text = text;
  }

  valueOf() {
    return Number(this.text);
  }
}

/**
 * Builds a number from a decimal string such as `"12.30"`, keeping its trailing zeros.
 * @param {string} text
 * @returns {number|RawNumber}
 */
export function decimal(text) {
  return String(Number(text)) === text ? Number(text) : new RawNumber(text);
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/**
 * Parses JSON text like JSON.parse, but keeps non-canonical numbers as RawNumber.
 * @param {string} text
 * @returns {unknown}
 */
export function parseJson(text) {
  let pos = 0;
  const fail = (what) => {
    throw new SyntaxError(`${what} at position ${pos}`);
  };
  const skip = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
  };
  const value = () => {
    skip();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const out = {};
      skip();
      if (text[pos] === '}') {
        pos++;
        return out;
      }
      for (;;) {
        skip();
        if (text[pos] !== '"') fail('expected a key');
        const key = string();
        skip();
        if (text[pos] !== ':') fail('expected ":"');
        pos++;
        out[key] = value();
        skip();
        if (text[pos] === ',') {
          pos++;
        } else if (text[pos] === '}') {
          pos++;
          return out;
        } else {
          fail('expected "," or "}"');
        }
      }
    }
    if (c === '[') {
      pos++;
      const out = [];
      skip();
      if (text[pos] === ']') {
        pos++;
        return out;
      }
      for (;;) {
        out.push(value());
        skip();
        if (text[pos] === ',') {
          pos++;
        } else if (text[pos] === ']') {
          pos++;
          return out;
        } else {
          fail('expected "," or "]"');
        }
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) fail('unexpected character');
    pos += m[0].length;
    return decimal(m[0]);
  };
  // Strings are handed to JSON.parse, which already knows every escape rule.
  const string = () => {
    const start = pos;
    pos++;
    while (pos < text.length && text[pos] !== '"') {
      pos += text[pos] === '\\' ? 2 : 1;
    }
    if (pos >= text.length) fail('unterminated string');
    pos++;
    return JSON.parse(text.slice(start, pos));
  };
  const out = value();
  skip();
  if (pos !== text.length) fail('trailing characters');
  return out;
}

/**
 * Serialises like JSON.stringify (compact), writing RawNumber values as their source text.
 * @param {unknown} v
 * @returns {string}
 */
export function stringifyJson(v) {
  if (v instanceof RawNumber) return v.text;
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : stringifyJson(x))).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const parts = [];
    for (const [k, x] of Object.entries(v)) {
      if (x !== undefined) parts.push(`${JSON.stringify(k)}:${stringifyJson(x)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Deep copy that keeps RawNumber values.
 * @template T
 * @param {T} v
 * @returns {T}
 */
export function clone(v) {
  if (v instanceof RawNumber || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(clone);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
}
