// The dispatch service of `bench:dispatch`, in its own process as it is deployed: the real app
// (createDispatchApp: HTTP, its JetStream consumers, its outbox relay) on the bench's scratch
// database (as its own login role) and namespace. It tells the parent when it is ready, and stops
// when told to (the parent forks it with IPC). Nothing here measures: the parent times each
// incident from its publish to `dispatch.incident.assigned.v1` on the wire.
//
// Environment (set by the parent): DATABASE_URL (the service's role), NATS_URL, NS_PREFIX; every
// DISPATCH_* variable of the bench's environment reaches loadDispatchConfig (e.g.
// DISPATCH_DB_POOL_SIZE), with the SLA scans hourly unless DISPATCH_SLA_SCAN_SECONDS says else.
import { Logger } from '@nestjs/common';
import { createDispatchApp } from '../src/dispatch.app.ts';
import { loadDispatchConfig } from '../src/dispatch.config.ts';

Logger.overrideLogger(['error']);
const { DATABASE_URL, NATS_URL, NS_PREFIX } = process.env as Record<string, string>;
const config = loadDispatchConfig({
  DISPATCH_STAFF_KEY: 'bench-staff-key',
  DISPATCH_SLA_SCAN_SECONDS: '3600',
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('DISPATCH_'))),
});

const app = await createDispatchApp({ databaseUrl: DATABASE_URL, natsUrl: NATS_URL, ns: { prefix: NS_PREFIX }, config }, ['error']);
await app.startAllMicroservices();
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address() as { port: number };

let closing: Promise<void> | undefined;
/** Closes the app (its consumers finish their batches, the relay its last publish) and exits, which writes a --cpu-prof profile. */
const stop = () => (closing ??= app.close().finally(() => process.exit(0)));
process.on('message', (m: { stop?: boolean }) => void (m.stop && stop()));
process.once('disconnect', () => void stop()); // the bench is gone
process.send!({ ready: true, url: `http://127.0.0.1:${port}` });
