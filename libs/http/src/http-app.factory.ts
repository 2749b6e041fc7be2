import { Logger, type DynamicModule, type INestApplication, type LoggerService, type LogLevel, type Type } from '@nestjs/common';
import { ModuleRef, NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { collectDefaultMetrics, Histogram } from 'prom-client';
import { DataSource } from 'typeorm';
import { DatabaseOutageTracker } from './database-outage.tracker.ts';
import { errorBody } from './domain.error.ts';
import { clientErrorHandler, frameworkErrors } from './framework-errors.handler.ts';
import { HttpErrorFilter, setProcessOutageTracker } from './http-error.filter.ts';
import { HTTP_ERRORS } from './http.errors.ts';
import { refuseBadUrls, strictQuerystringParser } from './query-string.parser.ts';
import { useStrictBodyParsers } from './request-body.parsers.ts';
import { createValidationPipe } from './validation.pipe.ts';

export interface HttpAppOptions {
  service: string;
  title: string;
  description: string;
  /** Request bodies above this are refused with 413. */
  bodyLimit?: number;
  /** Levels to log, false for none, or a logger of its own (tests read what was logged). */
  logger?: LogLevel[] | false | LoggerService;
  /**
   * On close, requests in flight get this long to finish before every connection left is cut
   * (default HTTP_SHUTDOWN_GRACE_MS, else 10 s; below Kubernetes' 30 s before SIGKILL).
   */
  shutdownGraceMs?: number;
  /**
   * A request not answered after this long gets 503 SERVICE.UNAVAILABLE with Retry-After, body
   * reading included (default HTTP_REQUEST_TIMEOUT_MS, else 15 s; 0: none). Longer than the
   * database's timeouts, so that a request waiting on the database gets their sharper answer.
   */
  requestTimeoutMs?: number;
  /** JSON bodies nested deeper than this (objects and arrays) are refused with 400 REQUEST.TOO_DEEP (default 16). */
  maxBodyDepth?: number;
  /** Retry-After, in seconds, of every 503 (default 5). */
  retryAfterSeconds?: number;
  /** Request line and headers together above this are refused with 431 (default Node's, 16 KB). */
  maxHeaderBytes?: number;
}

const requestSeconds = new Histogram({
  name: 'jw_http_request_seconds',
  help: 'HTTP request time',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
});
let defaultMetrics = false;

/** A whole number of milliseconds >= 0 from the option, else the environment, else the default. */
function milliseconds(name: string, option: number | undefined, fallback: number): number {
  const raw = option ?? process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of milliseconds >= 0, not ${JSON.stringify(raw)}`);
  return value;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number >= 1, not ${value}`);
  return value;
}

/**
 * A service's HTTP app on Fastify: JSON errors `{ error: { code, message, details } }` for every
 * failure (Fastify's and Node's own refusals included, none echoing the request), strict body and
 * query parsing (UTF-8, percent-encoding, depth, NUL), unknown fields rejected, 503 with
 * Retry-After when the database does not answer or a request runs out of time (the outage logged
 * once), OpenAPI at /docs, request metrics, shutdown hooks for SIGTERM.
 */
export async function createHttpApp(module: Type<unknown> | DynamicModule, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const bodyLimit = options.bodyLimit ?? 64 * 1024;
  const requestTimeoutMs = milliseconds('HTTP_REQUEST_TIMEOUT_MS', options.requestTimeoutMs, 15_000);
  const graceMs = milliseconds('HTTP_SHUTDOWN_GRACE_MS', options.shutdownGraceMs, 10_000);
  const maxBodyDepth = positiveInteger('maxBodyDepth', options.maxBodyDepth ?? 16);
  const retryAfterSeconds = positiveInteger('retryAfterSeconds', options.retryAfterSeconds ?? 5);

  const adapter = new FastifyAdapter({
    bodyLimit,
    trustProxy: true,
    // Fastify's own per-request timer: it answers through the error handler (our filter) and aborts request.signal.
    ...(requestTimeoutMs > 0 && { handlerTimeout: requestTimeoutMs }),
    // Nest's frameworkErrors only adds the headers of app.useSecurityHeaders(), which no service uses.
    frameworkErrors,
    clientErrorHandler,
    // Its 503 while closing is in Fastify's shape; `answerWhileClosing` gives ours.
    return503OnClosing: false,
    routerOptions: { querystringParser: strictQuerystringParser },
    ...(options.maxHeaderBytes !== undefined && { http: { maxHeaderSize: positiveInteger('maxHeaderBytes', options.maxHeaderBytes) } }),
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger: options.logger ?? ['log', 'warn', 'error', 'fatal'] });
  const fastify = app.getHttpAdapter().getInstance();
  useStrictBodyParsers(app, bodyLimit, maxBodyDepth);
  refuseBadUrls(fastify);
  fastify.addHook('onResponse', (req, reply, done) => {
    requestSeconds.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  if (!defaultMetrics) {
    collectDefaultMetrics({ labels: { service: options.service } });
    defaultMetrics = true;
  }
  answerWhileClosing(fastify, retryAfterSeconds);
  closeConnectionsAfterGrace(fastify, graceMs);
  const outage = trackDatabaseOutages(app, fastify, retryAfterSeconds);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter({ outage, retryAfterSeconds, requestTimeoutMs }));
  app.enableShutdownHooks();
  mountDocs(app, options);
  return app;
}

/** The app's database outages, logged once each, if it has a database (PersistenceModule). */
function trackDatabaseOutages(app: INestApplication, fastify: FastifyInstance, retryAfterSeconds: number): DatabaseOutageTracker | undefined {
  let db: DataSource;
  try {
    // Through ModuleRef: the app's own get() ends the process on a missing provider (Nest's abortOnError).
    db = app.get(ModuleRef).get(DataSource, { strict: false });
  } catch {
    return undefined;
  }
  const outage = new DatabaseOutageTracker({ probe: () => db.query('SELECT 1'), log: new Logger('database'), retryAfterSeconds });
  setProcessOutageTracker(outage);
  fastify.addHook('onClose', (_instance, done) => {
    outage.stop();
    setProcessOutageTracker(undefined, outage);
    done();
  });
  return outage;
}

/**
 * Requests that still arrive while the app closes (on a keep-alive connection) get a 503 in our
 * shape, with Retry-After and Connection: close, so that the client goes to another replica.
 */
function answerWhileClosing(fastify: FastifyInstance, retryAfterSeconds: number): void {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', (_req, reply, done) => {
    if (!closing) return done();
    void reply
      .code(503)
      .headers({ 'retry-after': String(retryAfterSeconds), connection: 'close' })
      .send(errorBody(HTTP_ERRORS.UNAVAILABLE, `the service is shutting down; retry after ${retryAfterSeconds} s`));
  });
}

/**
 * Node's `server.close()` closes idle keep-alive connections, but not one that never sent a
 * request (a client's pre-opened pool, a balancer's TCP check): such a connection kept a service
 * from ever finishing its shutdown. After the grace, whatever is still open is closed.
 */
function closeConnectionsAfterGrace(fastify: FastifyInstance, graceMs: number): void {
  fastify.addHook('preClose', (done) => {
    const timer = setTimeout(() => fastify.server.closeAllConnections(), graceMs).unref();
    fastify.server.once('close', () => clearTimeout(timer));
    done();
  });
}

function mountDocs(app: INestApplication, options: HttpAppOptions): void {
  const config = new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs/openapi.json' });
}
