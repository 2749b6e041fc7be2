import { isUtf8 } from 'node:buffer';
import { DomainError } from './domain.error.ts';
import { fieldError, fieldPath, HTTP_ERRORS } from './http.errors.ts';

/**
 * A NUL gets into a JSON string only as an escape (a raw control character is invalid JSON), and
 * so does a lone surrogate (UTF-8 cannot carry one, and isUtf8 refuses its encoding): a body
 * without any `\u` escape (JSON.stringify writes Chinese as it is) needs neither check.
 */
const ESCAPE = '\\u';

type Problem = { kind: 'nul' | 'nul-key' | 'surrogate' | 'depth' | 'proto'; path: (string | number)[] };

/**
 * A JSON body, parsed and checked before any DTO sees it: UTF-8 (a bad byte is otherwise stored
 * as U+FFFD), at most `maxDepth` levels of objects and arrays (class-transformer recurses, and
 * thousands of levels overflowed its stack: a 500), no NUL in any string or key (Postgres text
 * and jsonb can never hold one), no lone surrogate (jsonb refuses it too), and no `__proto__` or
 * `constructor.prototype` key (Fastify's own parser refused those; copied with Object.assign
 * they would change an object's prototype). One walk of the parsed value, only as deep as
 * allowed; the NUL and surrogate checks only when the text has an escape at all. On intake's
 * hot path: besides JSON.parse, the text is read once by isUtf8 and once for `\u`.
 */
export function parseJsonBody(raw: Buffer, maxDepth: number): unknown {
  if (raw.length === 0) throw new DomainError(HTTP_ERRORS.EMPTY_BODY, 'the body is empty; send a JSON value with Content-Type application/json', 400);
  if (!isUtf8(raw)) throw new DomainError(HTTP_ERRORS.INVALID_ENCODING, 'the body is not valid UTF-8; send JSON encoded as UTF-8', 400);
  let text = raw.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte order mark, as Fastify's parser allowed
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // V8's message quotes the text around the error: only the position goes back.
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new DomainError(HTTP_ERRORS.INVALID_JSON, `the body is not valid JSON${at ? ` (at character ${at})` : ''}; send one JSON value`, 400);
  }
  const problem = walk(value, 1, maxDepth, text.includes(ESCAPE));
  if (problem) throw toError(problem, maxDepth);
  return value;
}

function walk(v: unknown, depth: number, maxDepth: number, escaped: boolean): Problem | null {
  if (typeof v === 'string') return escaped ? stringProblem(v) : null;
  if (typeof v !== 'object' || v === null) return null;
  if (depth > maxDepth) return { kind: 'depth', path: [] };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = walk(v[i], depth + 1, maxDepth, escaped);
      if (p) return (p.path.unshift(i), p);
    }
    return null;
  }
  for (const key of Object.keys(v)) {
    const child = (v as Record<string, unknown>)[key];
    if (key === '__proto__' || (key === 'constructor' && typeof child === 'object' && child !== null && Object.hasOwn(child, 'prototype'))) return { kind: 'proto', path: [key] };
    const own = escaped ? stringProblem(key) : null;
    if (own) return { kind: own.kind === 'nul' ? 'nul-key' : own.kind, path: [key] };
    const p = walk(child, depth + 1, maxDepth, escaped);
    if (p) return (p.path.unshift(key), p);
  }
  return null;
}

function stringProblem(s: string): Problem | null {
  if (s.includes('\0')) return { kind: 'nul', path: [] };
  if (!s.isWellFormed()) return { kind: 'surrogate', path: [] };
  return null;
}

function toError(p: Problem, maxDepth: number): DomainError {
  const field = fieldPath(p.path);
  switch (p.kind) {
    case 'nul':
      return fieldError(HTTP_ERRORS.INVALID, field, 'must not contain NUL (\\u0000) characters', 'Postgres cannot store them: remove them');
    case 'nul-key':
      return fieldError(HTTP_ERRORS.INVALID, field, 'this key contains a NUL (\\u0000) character', 'remove it from the key');
    case 'surrogate':
      return fieldError(HTTP_ERRORS.INVALID_ENCODING, field, 'holds a lone UTF-16 surrogate (a \\uD800-\\uDFFF escape that is not part of a pair)', 'send well-formed Unicode');
    case 'proto':
      return fieldError(HTTP_ERRORS.INVALID, field, 'is a key that is not allowed (__proto__, constructor.prototype)', 'remove it');
    case 'depth': {
      const where = field.length <= 120 ? ` (at ${field})` : '';
      return new DomainError(HTTP_ERRORS.TOO_DEEP, `the JSON body nests objects and arrays deeper than ${maxDepth} levels${where}; no field of this API needs more`, 400, { maxDepth });
    }
  }
}
