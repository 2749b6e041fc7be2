import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@jingwang/http';
import { connectJetStream } from '@jingwang/messaging';
import { DispatchModule, type DispatchOptions } from './dispatch.module.ts';

/** The dispatch service: its HTTP API (OpenAPI at /docs, /health, /metrics) and its JetStream consumers; not yet listening. */
export async function createDispatchApp(options: DispatchOptions, logger?: Parameters<typeof createHttpApp>[1]['logger']): Promise<NestFastifyApplication> {
  const app = await createHttpApp(DispatchModule.forRoot(options), {
    service: 'dispatch',
    title: 'jingwang dispatch',
    description: "Routes every new incident to the case team or community police, follows it to closure, keeps the duty roster and SLA timers",
    logger,
  });
  connectJetStream(app, { service: 'dispatch' });
  return app;
}
