import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
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
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  app.enableShutdownHooks();
  mountDocs(app, options);
  return app;
}

function mountDocs(app: INestApplication, options: HttpAppOptions): void {
  const config = new DocumentBuilder().setTitle(options.title).setDescription(options.description).setVersion('1').build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs/openapi.json' });
}
