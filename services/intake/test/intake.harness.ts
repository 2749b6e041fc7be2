// Boots the real intake app (HTTP + JetStream consumers) on a scratch database and namespace.
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { createEvent, STREAMS, streamName, validateEvent, wireSubject, type BusNamespace, type EventEnvelope } from '@jingwang/contracts';
import { connectNats, defaultTopology, deleteNamespace, provision } from '@jingwang/messaging';
import { migrateService, serviceDatabaseUrl } from '@jingwang/persistence';
import { createTestDatabase, createTestNamespace, natsTestUrl, sweepStaleTestStreams, waitFor, type TestDatabase } from '@jingwang/testing';
import pg from 'pg';
import { ChannelKeys } from '../src/channels/channel-keys.ts';
import { createIntakeApp } from '../src/intake.app.ts';
import { loadIntakeConfig } from '../src/intake.config.ts';
import { migrations } from '../src/migrations/index.ts';

export const KEYS = {
  '110': 'key-110-test',
  '12345': 'key-12345-test',
  nuannan: 'key-nuannan-test',
  'mediation-platform': 'key-mediation-test',
  staff: 'key-staff-test',
} as const;

export const keyFor = (channel: string): string => (KEYS as Record<string, string>)[channel] ?? KEYS.staff;

export interface IntakeHarness {
  url: string;
  app: NestFastifyApplication;
  nc: NatsConnection;
  ns: BusNamespace;
  db: TestDatabase;
  sql: pg.Pool;
  /** Events on the INTAKE stream so far, each checked against its contract (strict). */
  events(): Promise<EventEnvelope<Record<string, unknown>>[]>;
  publishDispatch(type: string, data: object): Promise<void>;
  close(): Promise<void>;
}

export async function prepareBus(): Promise<{ db: TestDatabase; ns: BusNamespace; nc: NatsConnection }> {
  const db = await createTestDatabase('intake');
  await migrateService({ service: 'intake', url: db.url, migrations });
  const nc = await connectNats({ servers: natsTestUrl(), name: 'intake-test' });
  const ns = createTestNamespace();
  await sweepStaleTestStreams(nc);
  // Small streams: a test's streams reserve their size on the shared server until deleted.
  await provision(nc, { ...defaultTopology(ns), streams: STREAMS.map((s) => ({ ...s, maxBytes: 64 * 1024 ** 2 })) });
  return { db, ns, nc };
}

/** `env`: INTAKE_* settings for this instance, over those of the test run's environment. */
export async function startIntakeApp(db: TestDatabase, ns: BusNamespace, relay = true, env: Record<string, string> = {}): Promise<{ app: NestFastifyApplication; url: string }> {
  const fromRun = { INTAKE_WRITERS: process.env.INTAKE_WRITERS, INTAKE_MAX_BATCH: process.env.INTAKE_MAX_BATCH, INTAKE_BATCHES_IN_FLIGHT: process.env.INTAKE_BATCHES_IN_FLIGHT, INTAKE_PLAN_ON_VIEW: process.env.INTAKE_PLAN_ON_VIEW, INTAKE_VACUUM_EVERY_ALERTS: process.env.INTAKE_VACUUM_EVERY_ALERTS };
  const app = await createIntakeApp(
    { databaseUrl: serviceDatabaseUrl('intake', { DATABASE_URL: db.url }), natsUrl: natsTestUrl(), ns, channelKeys: new ChannelKeys(KEYS), config: loadIntakeConfig({ ...fromRun, ...env }), relay },
    ['error'],
  );
  await app.startAllMicroservices();
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: await app.getUrl() };
}

export async function startIntake(): Promise<IntakeHarness> {
  const { db, ns, nc } = await prepareBus();
  const { app, url } = await startIntakeApp(db, ns);
  const sql = new pg.Pool({ connectionString: db.url, max: 2 });
  return {
    url: url.replace('[::1]', '127.0.0.1'),
    app,
    nc,
    ns,
    db,
    sql,
    events: () => readEvents(nc, ns, 'INTAKE'),
    async publishDispatch(type, data) {
      const e = createEvent(type, data);
      await jetstream(nc).publish(wireSubject(ns, type), JSON.stringify(e), { msgID: e.id });
    },
    async close() {
      await app.close();
      await sql.end();
      await deleteNamespace(nc, ns);
      await nc.close();
      await db.drop();
    },
  };
}

export async function readEvents(nc: NatsConnection, ns: BusNamespace, stream: string): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const jsm = await jetstreamManager(nc);
  const name = streamName(ns, stream);
  const { state } = await jsm.streams.info(name);
  const out: EventEnvelope<Record<string, unknown>>[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(name, { seq }).catch(() => null);
    if (!m) continue;
    const check = validateEvent<Record<string, unknown>>(m.json(), 'strict');
    if (!check.ok) throw new Error(`event #${seq} breaks its contract: ${check.problems.join('; ')}`);
    out.push(m.json());
  }
  return out;
}

/**
 * The events intake has published, once every alert it committed before this call is among them:
 * a sentinel alert is posted and awaited in the stream, and the relay publishes in commit order.
 * Outbox rows are deleted once published, so the stream is where "nothing published" is seen.
 */
export async function publishedSoFar(h: IntakeHarness): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const sentinel = await post(h, alertBody({ externalId: `sentinel-${randomUUID()}` }));
  if (sentinel.status !== 202) throw new Error(`sentinel alert refused: ${JSON.stringify(sentinel.body)}`);
  const events = await waitFor('the sentinel alert in the stream', async () => {
    const all = await h.events();
    return all.some((e) => e.data.alertId === sentinel.body.alertId) ? all : null;
  });
  return events!;
}

/** A valid POST /v1/alerts body; override what the test is about. */
export function alertBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    channel: '110',
    externalId: `ext-${Math.random().toString(36).slice(2)}`,
    reportedAt: new Date(Date.now() - 60_000).toISOString(),
    description: '楼上邻居装修噪音太大了，吵得老人睡不着',
    caller: { name: '刘先生', phone: '13800138000' },
    location: { address: '金门路12号3单元' },
    ...overrides,
  };
}

export async function post(h: { url: string }, body: unknown, headers: Record<string, string> = {}) {
  const channel = (body as { channel?: string })?.channel ?? '110';
  const res = await fetch(`${h.url}/v1/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel-key': keyFor(channel), ...(channel && ['walk-in', 'transfer', 'grid-sweep'].includes(channel) ? { 'x-actor-id': 'officer-007' } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> & { error?: { code: string; message: string; details?: unknown } } };
}

export const countRows = async (h: IntakeHarness, table: 'alerts' | 'incidents') => Number((await h.sql.query(`SELECT count(*) FROM intake.${table}`)).rows[0].count);
