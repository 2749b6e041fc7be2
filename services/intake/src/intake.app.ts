import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@jingwang/http';
import { connectJetStream } from '@jingwang/messaging';
import { IntakeModule, type IntakeOptions } from './intake.module.ts';
import { OPEN311_MAX_HEADER_BYTES } from './open311/open311.url-limit.ts';

/** The intake service: HTTP API, Open311 (Nest's Fastify adapter parses form bodies), JetStream consumers; not yet listening. */
export async function createIntakeApp(options: IntakeOptions, logger?: Parameters<typeof createHttpApp>[1]['logger']): Promise<NestFastifyApplication> {
  const app = await createHttpApp(IntakeModule.forRoot(options), {
    service: 'intake',
    title: 'jingwang intake 接警',
    description: 'Every alert in: validated, located, classified, repeat calls linked. Also Open311 GeoReport v2 under /open311/v2.',
    logger,
    maxHeaderBytes: OPEN311_MAX_HEADER_BYTES, // GET requests with up to 1,000 ids
  });
  connectJetStream(app, { service: 'intake' });
  return app;
}
