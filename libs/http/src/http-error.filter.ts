import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { throwError, type Observable } from 'rxjs';
import { DomainError, errorBody, type ErrorBody } from './domain.error.ts';

const log = new Logger('http');

/** Fastify's own 4xx codes (body parsing, limits) in our error shape. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'REQUEST.TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'REQUEST.EMPTY_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'REQUEST.INVALID_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'REQUEST.INVALID_CONTENT_LENGTH',
};

const STATUS_CODES: Record<number, string> = {
  404: 'HTTP.NOT_FOUND',
  405: 'HTTP.METHOD_NOT_ALLOWED',
  413: 'REQUEST.TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
};

/** Maps anything thrown to `{ status, body }`: 4xx with a stable code, 500 only for our own bugs. */
export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof DomainError) return { status: err.status, body: errorBody(err.code, err.message, err.details) };
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const res = err.getResponse();
    const message = typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? err.message);
    // Nest wraps Fastify's body errors (bad JSON, too large, wrong type) into HttpExceptions.
    const cause = (err.cause as { code?: string } | undefined)?.code ?? '';
    const code = FASTIFY_CODES[cause] ?? STATUS_CODES[status] ?? (status === 400 && /JSON/.test(message) ? 'REQUEST.INVALID_JSON' : `HTTP.${status}`);
    return { status, body: errorBody(code, message) };
  }
  const e = err as { statusCode?: number; code?: string; message?: string };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = FASTIFY_CODES[e.code ?? ''] ?? (e instanceof SyntaxError ? 'REQUEST.INVALID_JSON' : `HTTP.${e.statusCode}`);
    return { status: e.statusCode, body: errorBody(code, e.message ?? 'bad request') };
  }
  log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  return { status: 500, body: errorBody('INTERNAL', 'internal error; it has been logged') };
}

@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // The JetStream transport inherits this filter: it needs the error itself to choose retry or dead letter.
    if (host.getType() !== 'http') return throwError(() => exception);
    const { status, body } = toErrorResponse(exception);
    void host.switchToHttp().getResponse<FastifyReply>().status(status).send(body);
  }
}
