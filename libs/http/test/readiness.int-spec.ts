import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, createTestNamespace, NatsServerProcess, waitFor, type TestDatabase } from '@jingwang/testing';
import { READINESS_OPTIONS, type ReadinessOptions } from '../src/index.ts';
import { migrateProbe, startProbeApp } from './probe-app.fixture.ts';

let db: TestDatabase;
let nats: NatsServerProcess;
/** A producer, which keeps working while NATS is away, and a service that declared NATS required. */
const apps: Record<'producer' | 'natsRequired', { app: NestFastifyApplication; url: string }> = {} as never;

beforeAll(async () => {
  db = await createTestDatabase('http_ready');
  await migrateProbe(db.url);
  nats = await NatsServerProcess.start();
  const base = { adminUrl: db.url, nats: { url: nats.url, ns: createTestNamespace() } };
  apps.producer = await startProbeApp(base);
  apps.natsRequired = await startProbeApp({ ...base, providers: [{ provide: READINESS_OPTIONS, useValue: { natsRequired: true } satisfies ReadinessOptions }] });
});
afterAll(async () => {
  await apps.producer?.app.close();
  await apps.natsRequired?.app.close();
  await nats?.destroy();
  await db?.drop();
});

async function ready(which: keyof typeof apps) {
  const res = await fetch(`${apps[which].url}/health/ready`);
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), text, body: JSON.parse(text) };
}

describe('/health/ready', () => {
  it('says ok for each check when all is well', async () => {
    for (const which of ['producer', 'natsRequired'] as const) {
      const r = await ready(which);
      expect({ status: r.status, body: r.body }).toEqual({ status: 200, body: { status: 'ok', checks: { postgres: 'ok', nats: 'ok' } } });
    }
  });

  it('stays ready through a NATS outage (the outbox holds the events), unless the service declared NATS required', async () => {
    await nats.stop();
    try {
      const producer = await waitFor('the producer to see NATS gone', async () => {
        const r = await ready('producer');
        return r.body.checks?.nats === 'unavailable' ? r : null;
      });
      expect({ status: producer.status, body: producer.body }).toEqual({ status: 200, body: { status: 'ok', checks: { postgres: 'ok', nats: 'unavailable' } } });
      expect(producer.text).not.toMatch(new RegExp(`${nats.port}|127\\.0\\.0\\.1|nats://|disconnect`));

      const required = await waitFor('the other service to see NATS gone', async () => {
        const r = await ready('natsRequired');
        return r.status === 503 ? r : null;
      });
      expect(required.retryAfter).toBe('5');
      expect(required.body).toEqual({
        status: 'unavailable',
        checks: { postgres: 'ok', nats: 'unavailable' },
        error: { code: 'SERVICE.UNAVAILABLE', message: 'not ready: nats unavailable; retry after 5 s' },
      });
      expect(required.text).not.toContain(String(nats.port));
    } finally {
      await nats.start();
    }
    for (const which of ['producer', 'natsRequired'] as const) {
      await waitFor(`${which} ready with NATS again`, async () => (await ready(which)).body.checks?.nats === 'ok');
      expect(await ready(which)).toMatchObject({ status: 200, body: { status: 'ok', checks: { postgres: 'ok', nats: 'ok' } } });
    }
  });
});
