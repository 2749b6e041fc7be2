// startService against the real Postgres and NATS, with a probe app standing in for a service:
// it records a resolved incident and its dispatch.incident.resolved.v1 through the outbox.
import { randomUUID } from 'node:crypto';
import { Body, Controller, Inject, Module, Post, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstreamManager } from '@nats-io/jetstream';
import { DataSource } from 'typeorm';
import { createEvent, IncidentResolved, streamName, type BusNamespace } from '@jingwang/contracts';
import { connectNats, MessagingModule, OutboxPublisher } from '@jingwang/messaging';
import { MESSAGING_MIGRATIONS, PersistenceModule } from '@jingwang/persistence';
import { adminDatabaseUrl, natsTestUrl, startService, waitFor, withClient, type ServiceAppInput, type ServiceHarness } from '../src/index.ts';

@Controller()
class ProbeController {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(OutboxPublisher) private readonly outbox: OutboxPublisher,
  ) {}

  @Post('resolve')
  async resolve(@Body() body: { incidentId: string }) {
    const event = createEvent(IncidentResolved.subject, { incidentId: body.incidentId, resolvedAt: new Date().toISOString() });
    await this.db.transaction((manager) => this.outbox.publish(manager, event));
    return { eventId: event.id };
  }
}

@Module({})
class ProbeModule {}

const probeModule = (input: ServiceAppInput): DynamicModule => ({
  module: ProbeModule,
  imports: [
    PersistenceModule.forService({ service: 'dispatch', url: input.databaseUrl, poolSize: 2 }),
    MessagingModule.forService({ service: 'dispatch', natsUrl: input.natsUrl, ns: input.ns, relay: { enabled: input.relay } }),
  ],
  controllers: [ProbeController],
});

const seen: ServiceAppInput[] = [];
const createApp = async (input: ServiceAppInput) => {
  seen.push(input);
  return NestFactory.create<NestFastifyApplication>(probeModule(input), new FastifyAdapter(), { logger: ['error'] });
};

const resolve = async (url: string) => {
  const res = await fetch(`${url}/resolve`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ incidentId: randomUUID() }) });
  return ((await res.json()) as { eventId: string }).eventId;
};

const databaseExists = (name: string) => withClient(adminDatabaseUrl(), async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);

async function streamsOf(ns: BusNamespace): Promise<string[]> {
  const nc = await connectNats({ servers: natsTestUrl(), name: 'start-service-check' });
  try {
    const names: string[] = [];
    for await (const name of (await jetstreamManager(nc)).streams.names()) if (name.startsWith(streamName(ns, ''))) names.push(name);
    return names;
  } finally {
    await nc.close();
  }
}

describe('startService', () => {
  let h: ServiceHarness<NestFastifyApplication>;
  beforeAll(async () => {
    h = await startService({ service: 'dispatch', migrations: MESSAGING_MIGRATIONS, createApp, env: { PROBE_SETTING: 'from the test' } });
  });
  afterAll(() => h?.close());

  it('runs the app as the service role on its own migrated database, on its own streams, with the env given', async () => {
    const input = seen.find((s) => s.ns === h.ns)!;
    expect(new URL(input.databaseUrl).username).toBe('dispatch');
    expect(new URL(input.databaseUrl).pathname).toBe(`/${h.db.name}`);
    expect(input).toMatchObject({ relay: true, natsUrl: natsTestUrl(), env: { PROBE_SETTING: 'from the test' } });
    expect((await h.sql.query("SELECT to_regclass('dispatch.outbox') IS NOT NULL AS ok")).rows[0].ok).toBe(true);
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("reads the service's events from its stream, each checked against its contract", async () => {
    const id = await resolve(h.url);
    const event = await waitFor('the event in DISPATCH', async () => (await h.events()).find((e) => e.id === id));
    expect(event).toMatchObject({ type: 'dispatch.incident.resolved.v1', producer: 'dispatch' });
  });

  it('publishes an event onto the bus as another producer would', async () => {
    const event = await h.publish(IncidentResolved.subject, { incidentId: randomUUID(), resolvedAt: new Date().toISOString() });
    const events = await waitFor('the published event', async () => ((await h.events('DISPATCH')).some((e) => e.id === event.id) ? h.events('DISPATCH') : null));
    expect(events.filter((e) => e.id === event.id)).toHaveLength(1);
  });

  it('fails, naming the stream and the problem, when an event breaks its contract', async () => {
    // On INTAKE: the other tests read DISPATCH, which must stay clean.
    await h.publish('intake.alert.received.v1', { alertId: 'not-a-uuid' });
    const problem = await waitFor('a contract error', () => h.events('INTAKE').then(() => null, (err: Error) => err.message));
    expect(problem).toMatch(/^INTAKE event #\d+ breaks its contract: .*data\.alertId/);
  });

  it('starts a replica on the same database and streams', async () => {
    const replica = await h.startReplica({ env: { PROBE_SETTING: 'replica' } });
    expect(replica.url).not.toBe(h.url);
    expect(seen.at(-1)).toMatchObject({ databaseUrl: seen.find((s) => s.ns === h.ns)!.databaseUrl, ns: h.ns, env: { PROBE_SETTING: 'replica' } });
    const id = await resolve(replica.url);
    await waitFor("the replica's event in the same stream", async () => (await h.events()).some((e) => e.id === id));
  });
});

it('drops the database and the streams on close, and after a start that failed', async () => {
  const h = await startService({ service: 'dispatch', migrations: MESSAGING_MIGRATIONS, createApp, relay: false });
  expect(await streamsOf(h.ns)).toContain(streamName(h.ns, 'DISPATCH'));
  await h.close();
  expect(await databaseExists(h.db.name)).toBe(false);
  expect(await streamsOf(h.ns)).toEqual([]);

  const failing = startService({
    service: 'dispatch',
    migrations: MESSAGING_MIGRATIONS,
    createApp: async (input): Promise<NestFastifyApplication> => {
      seen.push(input);
      throw new Error('the app would not build');
    },
  });
  await expect(failing).rejects.toThrow('the app would not build');
  const input = seen.at(-1)!;
  expect(await databaseExists(new URL(input.databaseUrl).pathname.slice(1))).toBe(false);
  expect(await streamsOf(input.ns)).toEqual([]);
});
