import { STATUS_CODES } from 'node:http';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { throwError, type Observable } from 'rxjs';
import { databaseDataException, databaseUnavailableReason } from './database-error.classifier.ts';
import type { DatabaseOutageTracker } from './database-outage.tracker.ts';
import { DomainError, errorBody, type ErrorBody } from './domain.error.ts';
import { HTTP_ERRORS } from './http.errors.ts';

const log = new Logger('http');

/** Fastify's own 4xx (body parsing, limits, routing) in our codes, with our messages: theirs may quote the request. */
const FASTIFY_ERRORS: Record<string, [string, string]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: [HTTP_ERRORS.TOO_LARGE, 'the body is larger than this API takes'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [HTTP_ERRORS.UNSUPPORTED_MEDIA_TYPE, 'the body has a Content-Type this API does not take; send application/json (or a form, where the API takes one)'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [HTTP_ERRORS.EMPTY_BODY, 'the body is empty; send a JSON value with Content-Type application/json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [HTTP_ERRORS.INVALID_JSON, 'the body is not valid JSON; send one JSON value'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [HTTP_ERRORS.INVALID_CONTENT_LENGTH, 'the body is not as long as its Content-Length says'],
  FST_ERR_ROUTE_MISSING_CONTENT_TYPE: [HTTP_ERRORS.MISSING_CONTENT_TYPE, 'the request has a body but no Content-Type; send application/json'],
  FST_ERR_ROUTE_MISSING_CONTENT: [HTTP_ERRORS.EMPTY_BODY, 'the request needs a body; send a JSON value'],
  FST_ERR_BAD_URL: [HTTP_ERRORS.INVALID_URL, 'the URL is not valid: its path has a malformed percent-encoding; percent-encode each path segment as UTF-8, e.g. with encodeURIComponent'],
  FST_ERR_INVALID_URL: [HTTP_ERRORS.INVALID_URL, 'the URL is not valid; percent-encode each path segment as UTF-8, e.g. with encodeURIComponent'],
  FST_ERR_MAX_PARAM_LENGTH: [HTTP_ERRORS.URL_TOO_LONG, 'a path parameter is longer than this API takes; check the URL'],
  FST_ERR_NOT_FOUND: [HTTP_ERRORS.NOT_FOUND, 'no route for this method and path; the API is described at /docs'],
  FST_ERR_VALIDATION: [HTTP_ERRORS.INVALID, 'the request does not match its schema'],
};

const STATUS_CODE_NAMES: Record<number, string> = {
  404: HTTP_ERRORS.NOT_FOUND,
  405: 'HTTP.METHOD_NOT_ALLOWED',
  413: HTTP_ERRORS.TOO_LARGE,
  415: HTTP_ERRORS.UNSUPPORTED_MEDIA_TYPE,
};

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** Retry-After with a 503. */
  headers?: Record<string, string>;
}

export interface ErrorContext {
  /** Told of every 503 for the database, logs the outage once. Default: the one `setProcessOutageTracker` set. */
  outage?: DatabaseOutageTracker;
  /** Retry-After of a 503, in seconds (default the tracker's, else 5). */
  retryAfterSeconds?: number;
  /** The configured request timeout, for the message of a 503 when it runs out. */
  requestTimeoutMs?: number;
  /** The matched route (`/v1/alerts/:id`), never the raw path, for the log. */
  route?: string;
}

let processOutage: DatabaseOutageTracker | undefined;

/**
 * The tracker `toErrorResponse` tells when it is called without one (a controller that answers
 * its errors itself, like intake's Open311): the app's, as a service runs one app per process.
 * With `replacing`, only if that one is still set (a closing app clears its own, not a newer one).
 */
export function setProcessOutageTracker(tracker: DatabaseOutageTracker | undefined, replacing?: DatabaseOutageTracker): void {
  if (replacing === undefined || processOutage === replacing) processOutage = tracker;
}

/**
 * Maps anything thrown to `{ status, body, headers }`: a 4xx with a stable code for the caller's
 * mistakes, 503 + Retry-After when the database does not answer (or the request ran out of
 * time), 500 only for our own bugs. Messages never quote the request (its path, its values).
 */
export function toErrorResponse(err: unknown, ctx: ErrorContext = {}): ErrorResponse {
  if (err instanceof DomainError) return { status: err.status, body: errorBody(err.code, err.message, err.details) };
  const fastify = fastifyError(err);
  if (fastify) return fastify.code === 'FST_ERR_HANDLER_TIMEOUT' ? timedOut(ctx) : fromFastify(fastify);
  if (err instanceof HttpException) return fromHttpException(err);

  // The client went away mid-body (Node's `aborted`): no one to answer, nothing to log.
  if ((err as { code?: unknown } | null)?.code === 'ECONNRESET' && (err as Error).message === 'aborted') {
    return { status: 400, body: errorBody(HTTP_ERRORS.ABORTED, 'the request was cut off before its body arrived in full') };
  }
  const unavailable = databaseUnavailableReason(err);
  if (unavailable !== undefined) {
    const outage = ctx.outage ?? processOutage;
    if (outage) outage.refused(unavailable);
    else log.warn(`the database is unavailable (${unavailable}); answered 503`);
    const after = retryAfter(ctx);
    return { status: 503, body: errorBody(HTTP_ERRORS.UNAVAILABLE, `the database is unavailable; retry after ${after} s`), headers: { 'retry-after': String(after) } };
  }
  const data = databaseDataException(err);
  if (data) {
    // Validation should have refused this value: the warning is there to get that gap fixed.
    log.warn(`Postgres refused a value the request's validation let through${ctx.route ? ` (${ctx.route})` : ''}: ${data.state} ${data.serverMessage.slice(0, 200)}; answered 400`);
    return { status: 400, body: errorBody(HTTP_ERRORS.INVALID, `the request holds a value the database cannot take: ${data.problem}; check the fields' formats`, { sqlstate: data.state }) };
  }
  const e = err as { statusCode?: unknown } | null;
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: e.statusCode, body: errorBody(STATUS_CODE_NAMES[e.statusCode] ?? `HTTP.${e.statusCode}`, STATUS_CODES[e.statusCode] ?? 'bad request') };
  }
  log.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  return { status: 500, body: errorBody(HTTP_ERRORS.INTERNAL, 'internal error; it has been logged') };
}

const retryAfter = (ctx: ErrorContext): number => ctx.retryAfterSeconds ?? (ctx.outage ?? processOutage)?.retryAfterSeconds ?? 5;

/** A FastifyError, bare or as Nest's adapter wraps a 4xx one (an HttpException with it as the cause). */
function fastifyError(err: unknown): { code: string; statusCode: number } | undefined {
  for (const e of [err, (err as { cause?: unknown } | null)?.cause]) {
    const f = e as { code?: unknown; statusCode?: unknown } | null;
    if (typeof f?.code === 'string' && f.code.startsWith('FST_ERR_') && typeof f.statusCode === 'number') return { code: f.code, statusCode: f.statusCode };
  }
  return undefined;
}

function fromFastify({ code, statusCode }: { code: string; statusCode: number }): ErrorResponse {
  const known = FASTIFY_ERRORS[code];
  if (known) return { status: statusCode, body: errorBody(known[0], known[1]) };
  if (statusCode >= 400 && statusCode < 500) return { status: statusCode, body: errorBody(STATUS_CODE_NAMES[statusCode] ?? `HTTP.${statusCode}`, STATUS_CODES[statusCode] ?? 'bad request') };
  log.error(`Fastify failed a request: ${code}`);
  return { status: 500, body: errorBody(HTTP_ERRORS.INTERNAL, 'internal error; it has been logged') };
}

const timeouts = { warnedAt: -Infinity, since: 0 };

function timedOut(ctx: ErrorContext): ErrorResponse {
  // At most one warning a minute: when something hangs, every request would log one otherwise.
  timeouts.since++;
  const now = performance.now();
  if (now - timeouts.warnedAt >= 60_000) {
    const n = timeouts.since;
    log.warn(`${n === 1 ? 'a request' : `${n.toLocaleString('en-US')} requests`} ran out of time${ctx.route ? ` (the latest on ${ctx.route})` : ''} since the last such warning; answered 503 (warned at most once a minute)`);
    timeouts.warnedAt = now;
    timeouts.since = 0;
  }
  const after = retryAfter(ctx);
  const limit = ctx.requestTimeoutMs ? ` (${ctx.requestTimeoutMs / 1000} s)` : '';
  return { status: 503, body: errorBody(HTTP_ERRORS.UNAVAILABLE, `the request took longer than this service allows${limit}; retry after ${after} s`), headers: { 'retry-after': String(after) } };
}

function fromHttpException(err: HttpException): ErrorResponse {
  const status = err.getStatus();
  const res = err.getResponse();
  let message = typeof res === 'string' ? res : String((res as { message?: unknown }).message ?? err.message);
  // Nest's not-found handler says `Cannot GET /the/raw/path`: the path is not echoed.
  if (status === 404 && /^Cannot [A-Z]+ /.test(message)) message = 'no route for this method and path; the API is described at /docs';
  const code = STATUS_CODE_NAMES[status] ?? `HTTP.${status}`;
  if (status >= 500) log.error(err.stack ?? err.message);
  return { status, body: errorBody(code, message) };
}

/** Answers every failure of an HTTP request in our shape; passes the JetStream transport's on. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly ctx: Omit<ErrorContext, 'route'> = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // The JetStream transport inherits this filter: it needs the error itself to choose retry or dead letter.
    if (host.getType() !== 'http') return throwError(() => exception);
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const route = http.getRequest<FastifyRequest | undefined>()?.routeOptions?.url;
    const { status, body, headers } = toErrorResponse(exception, { ...this.ctx, route });
    // The request timeout may have answered already; the handler's late failure has no one to go to.
    if (reply.sent) return;
    if (headers) void reply.headers(headers);
    void reply.status(status).send(body);
  }
}
