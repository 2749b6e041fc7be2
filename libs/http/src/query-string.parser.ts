import type { FastifyInstance } from 'fastify';
import type { DomainError } from './domain.error.ts';
import { fieldError, fieldName, HTTP_ERRORS } from './http.errors.ts';
import { parseUrlencoded, type UrlencodedValues } from './urlencoded.parser.ts';

const REFUSED = Symbol('query refused');

/**
 * The router's query string parser: strict like the form parser. The router calls it while it
 * matches the route, where a throw would escape Fastify, so a refused query comes back as an
 * empty object carrying its error, which `refuseBadUrls`' hook answers before any handler.
 */
export function strictQuerystringParser(query: string): UrlencodedValues {
  if (query.length === 0) return {};
  try {
    return parseUrlencoded(query, 'query');
  } catch (err) {
    return Object.assign(Object.create(null) as UrlencodedValues, { [REFUSED]: err });
  }
}

/**
 * Answers a request whose query string `strictQuerystringParser` refused with that 400, and one
 * with a NUL in a path parameter (`/v1/alerts/%00`: the router decodes it, Postgres cannot take it).
 */
export function refuseBadUrls(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (req, _reply, done) => {
    const refused = (req.query as { [REFUSED]?: DomainError } | null)?.[REFUSED];
    if (refused) return done(refused);
    const params = req.params as Record<string, unknown> | null;
    for (const name in params) {
      const value = params[name];
      if (typeof value === 'string' && value.includes('\0')) {
        return done(fieldError(HTTP_ERRORS.INVALID, fieldName(name), 'must not contain NUL (%00) characters (in the path)', 'remove them'));
      }
    }
    done();
  });
}
