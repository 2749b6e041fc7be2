import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { collectDefaultMetrics, Histogram } from 'prom-client';
import { HttpErrorFilter } from './http-error.filter.ts';
import { createValidationPipe } from './validation.pipe.ts';

export interface HttpAppOptions {
  service: string;
  title: string;
  description: string;
  /** Request bodies above this are refused with 413. */
  bodyLimit?: number;
  logger?: ('log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal')[] | false;
  /**
   * On close, requests in flight get this long to finish before every connection left is cut
   * (default HTTP_SHUTDOWN_GRACE_MS, else 10 s; below Kubernetes' 30 s before SIGKILL).
   */
  shutdownGraceMs?: number;
}

const requestSeconds = new Histogram({
  name: 'jw_http_request_seconds',
  help: 'HTTP request time',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
});
let defaultMetrics = false;

/**
 * A service's HTTP app on Fastify: JSON errors `{ error: { code, message, details } }` for every
 * failure (Fastify's own body errors included), unknown fields rejected, OpenAPI at /docs,
 * request metrics, shutdown hooks for SIGTERM.
 */
export async function createHttpApp(module: Type<unknown> | DynamicModule, options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: options.bodyLimit ?? 64 * 1024, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger: options.logger ?? ['log', 'warn', 'error', 'fatal'] });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (req, reply, done) => {
    requestSeconds.observe({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  if (!defaultMetrics) {
    collectDefaultMetrics({ labels: { service: options.service } });
    defaultMetrics = true;
  }
  closeConnectionsAfterGrace(fastify, options.shutdownGraceMs ?? Number(process.env.HTTP_SHUTDOWN_GRACE_MS ?? 10_000));
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  mountDocs(app, options);
  return app;
}

/**
 * Node's `server.close()` closes idle keep-alive connections, but not one that never sent a
 * request (a client's pre-opened pool, a balancer's TCP check): such a connection kept a service
 * from ever finishing its shutdown. After the grace, whatever is still open is closed.
 */
function closeConnectionsAfterGrace(fastify: FastifyInstance, graceMs: number): void {
  if (!(graceMs >= 0)) throw new Error(`HTTP_SHUTDOWN_GRACE_MS must be a number of milliseconds >= 0, not ${graceMs}`);
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
