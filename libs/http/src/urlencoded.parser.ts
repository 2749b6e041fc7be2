import { fieldError, fieldName, HTTP_ERRORS } from './http.errors.ts';
import type { DomainError } from './domain.error.ts';

export type UrlencodedValues = Record<string, string | string[]>;

/** Where the pairs came from, for the message. */
export type UrlencodedSource = 'form' | 'query';

// A null-prototype object, as fast-querystring makes it (`__proto__` could never be a key anyway: it is refused).
const Empty = function () {} as unknown as { new (): UrlencodedValues };
Empty.prototype = Object.create(null);

const PLUS = /\+/g;
const NOT_URL_ASCII = /[^\x21-\x7e]/;

/**
 * `application/x-www-form-urlencoded` pairs (a form body or a query string) with the semantics
 * of fast-querystring, which Fastify and Nest used before (flat keys such as
 * `attribute[external_id]`, `+` as a space, a repeated key as an array, `a` alone as `a=''`),
 * but strict where fast-querystring was lenient: a malformed percent-encoding (`%ZZ`, `%C3%28`)
 * was kept undecoded and stored so; here it is refused, and so is a NUL (`%00`), which Postgres
 * cannot store, and for a query, raw non-ASCII (a URL carries it percent-encoded; Node hands
 * raw bytes on as Latin-1, so it would be stored garbled). Throws a 400 naming the field.
 */
export function parseUrlencoded(input: string, source: UrlencodedSource): UrlencodedValues {
  const result = new Empty();
  const length = input.length;
  let start = 0;
  while (start <= length) {
    let end = input.indexOf('&', start);
    if (end === -1) end = length;
    if (end > start) {
      const eq = input.indexOf('=', start);
      const hasValue = eq !== -1 && eq < end;
      const key = decode(input.slice(start, hasValue ? eq : end), null, source);
      const value = hasValue ? decode(input.slice(eq + 1, end), key, source) : '';
      if (key === '__proto__') throw fieldError(HTTP_ERRORS.INVALID, '__proto__', 'is not an allowed name', 'rename the field');
      const current = result[key];
      if (current === undefined) result[key] = value;
      else if (Array.isArray(current)) current.push(value);
      else result[key] = [current, value];
    }
    start = end + 1;
  }
  return result;
}

/** One key or value: `+` as a space, then strictly percent-decoded. `key` null: this is the key. */
function decode(raw: string, key: string | null, source: UrlencodedSource): string {
  if (source === 'query' && NOT_URL_ASCII.test(raw)) throw badEncoding(key, source, 'holds characters that are not percent-encoded');
  let s = raw.includes('+') ? raw.replace(PLUS, ' ') : raw;
  if (s.includes('%')) {
    try {
      s = decodeURIComponent(s);
    } catch {
      throw badEncoding(key, source, 'is not validly percent-encoded (a % must be followed by two hex digits, and the bytes must be UTF-8)');
    }
  }
  if (s.includes('\0')) {
    const where = source === 'query' ? ' (in the query string)' : '';
    if (key === null) throw fieldError(HTTP_ERRORS.INVALID, fieldName(s), `this name contains a NUL (%00) character${where}`, 'remove it');
    throw fieldError(HTTP_ERRORS.INVALID, fieldName(key), `must not contain NUL (%00) characters${where}`, 'Postgres cannot store them: remove them');
  }
  return s;
}

function badEncoding(key: string | null, source: UrlencodedSource, problem: string): DomainError {
  const where = source === 'query' ? ' (in the query string)' : '';
  const fix = 'percent-encode it as UTF-8, e.g. with encodeURIComponent';
  return fieldError(HTTP_ERRORS.INVALID_ENCODING, key === null ? 'a field name' : fieldName(key), `${problem}${where}`, fix);
}
