import { servicePort } from '@jingwang/contracts';
import { serviceDatabaseUrl } from '@jingwang/persistence';
import { createDispatchApp } from './dispatch.app.ts';

const app = await createDispatchApp({
  databaseUrl: serviceDatabaseUrl('dispatch'),
  natsUrl: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
  ns: { prefix: process.env.JW_BUS_PREFIX ?? '' },
});
await app.startAllMicroservices();
await app.listen({ port: servicePort('dispatch'), host: process.env.HOST ?? '0.0.0.0' });
