// Intake as its tests meet it: the real app (HTTP and JetStream consumers) on a database and stream
// names of its own (startService, libs/testing), with test channel keys; and the requests they send.
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNamespace, EventEnvelope } from '@jingwang/contracts';
import { connectNats } from '@jingwang/messaging';
import { serviceDatabaseUrl } from '@jingwang/persistence';
import { natsTestUrl, prepareServiceDatabase, prepareTestBus, startService, startTestApp, waitFor, type RunningApp, type ServiceAppInput, type ServiceHarness, type TestDatabase } from '@jingwang/testing';
import { ChannelKeys } from '../src/channels/channel-keys.service.ts';
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

export type IntakeHarness = ServiceHarness<NestFastifyApplication>;

/**
 * The settings a test run may pass to intake from its environment (the benchmark sets them): only
 * these, so that a developer's INTAKE_REPEAT_WINDOWS or keys cannot change what the tests assert.
 */
const FROM_RUN = ['INTAKE_WRITERS', 'INTAKE_MAX_BATCH', 'INTAKE_BATCHES_IN_FLIGHT', 'INTAKE_PLAN_ON_VIEW', 'INTAKE_VACUUM_EVERY_ALERTS'];

/** `createApp` for the harness: the test keys, and the settings of FROM_RUN (the run's, or a test's own). */
export function intakeApp({ databaseUrl, natsUrl, ns, relay, env }: ServiceAppInput): Promise<NestFastifyApplication> {
  const settings = Object.fromEntries(FROM_RUN.map((name) => [name, env[name]]));
  return createIntakeApp({ databaseUrl, natsUrl, ns, channelKeys: new ChannelKeys(KEYS), config: loadIntakeConfig(settings), relay }, ['error']);
}

/** Intake on a database and namespace of its own; `close()` in afterAll. */
export const startIntake = (): Promise<IntakeHarness> => startService({ service: 'intake', migrations, createApp: intakeApp });

/** A migrated database and a namespace, for a test or benchmark that runs intake its own way. */
export async function prepareBus(): Promise<{ db: TestDatabase; ns: BusNamespace; nc: NatsConnection }> {
  const db = await prepareServiceDatabase('intake', migrations);
  const nc = await connectNats({ servers: natsTestUrl(), name: 'intake-test' });
  return { db, nc, ns: await prepareTestBus(nc) };
}

/** An intake app on that database and namespace; `env`: INTAKE_* settings for this instance. */
export function startIntakeApp(db: TestDatabase, ns: BusNamespace, relay = true, env: Record<string, string> = {}): Promise<RunningApp<NestFastifyApplication>> {
  return startTestApp(intakeApp, { databaseUrl: serviceDatabaseUrl('intake', { DATABASE_URL: db.url }), natsUrl: natsTestUrl(), ns, relay, env: { ...process.env, ...env } });
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
