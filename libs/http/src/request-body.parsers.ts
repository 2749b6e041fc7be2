import { isUtf8 } from 'node:buffer';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError } from './domain.error.ts';
import { HTTP_ERRORS } from './http.errors.ts';
import { parseJsonBody } from './json-body.parser.ts';
import { parseUrlencoded } from './urlencoded.parser.ts';

/**
 * Replaces the JSON and form parsers Nest's Fastify adapter would register (it skips a type a
 * parser was given for with `useBodyParser`, see `registerParserMiddleware`) with the strict
 * ones: bad encoding, too deep, NUL are 400s here, before any guard, pipe or handler runs.
 * Called before `init()`; the body limit is the app's.
 */
export function useStrictBodyParsers(app: NestFastifyApplication, bodyLimit: number, maxBodyDepth: number): void {
  app.useBodyParser('application/json', { bodyLimit }, (_req, body, done) => done(null, parseJsonBody(body, maxBodyDepth)));
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit }, (_req, body, done) => {
    if (!isUtf8(body)) throw new DomainError(HTTP_ERRORS.INVALID_ENCODING, 'the form body is not valid UTF-8; percent-encode its fields as UTF-8', 400);
    done(null, parseUrlencoded(body.toString('utf8'), 'form'));
  });
}
