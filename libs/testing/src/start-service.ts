// Boots a service's real app (HTTP + JetStream consumers) for a test file, on its own database
// and its own stream names, so that parallel workers and runs never see each other's data.
import { Logger, type INestApplication } from '@nestjs/common';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { createEvent, STREAMS, streamName, validateEvent, wireSubject, type BusNamespace, type EventEnvelope, type EventOrigin } from '@jingwang/contracts';
import { connectNats, defaultTopology, deleteNamespace, DLQ_HEADERS, provision } from '@jingwang/messaging';
import { migrateService, serviceDatabaseUrl, type ServiceDataSourceOptions } from '@jingwang/persistence';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from './test-database.ts';
import { createTestNamespace, natsTestUrl, sweepStaleTestStreams } from './test-namespace.ts';

type Env = Record<string, string | undefined>;

/** What `createApp` gets: where the service's own role connects, the bus and its namespace. */
export interface ServiceAppInput {
  /** The service's own login role on the test database (as deployed: never the admin URL). */
  databaseUrl: string;
  natsUrl: string;
  ns: BusNamespace;
  /** `false` leaves events in the outbox. */
  relay: boolean;
  /** The test run's environment with `env` of `startService` (or `startReplica`) over it, for the service's config loader. */
  env: Env;
}

export interface StartServiceOptions<App extends INestApplication> {
  service: string;
  migrations: NonNullable<ServiceDataSourceOptions['migrations']>;
  /** Builds the app, not yet listening (the service's `create<Name>App`). */
  createApp(input: ServiceAppInput): Promise<App>;
  /** Default true. */
  relay?: boolean;
  env?: Env;
}

export interface RunningApp<App extends INestApplication> {
  app: App;
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

export interface ServiceHarness<App extends INestApplication = INestApplication> extends RunningApp<App> {
  nc: NatsConnection;
  ns: BusNamespace;
  db: TestDatabase;
  /** A small pool on the test database as its admin (reads any table, bypasses the service). */
  sql: pg.Pool;
  /** Every event on `stream` (default: the service's own) so far, each checked strictly against its contract. */
  events(stream?: string): Promise<EventEnvelope<Record<string, unknown>>[]>;
  /** An event from another producer onto the bus (sent with `Nats-Msg-Id`), as it would arrive; not checked, so tests can send bad ones. */
  publish<T extends object>(type: string, data: T, origin?: EventOrigin): Promise<EventEnvelope<T>>;
  /** Another instance of the app on the same database and namespace (closed by `close()` too). */
  startReplica(options?: { relay?: boolean; env?: Env }): Promise<RunningApp<App>>;
  /** Stops every app, drops the database and the namespace's streams. */
  close(): Promise<void>;
}

/** Small streams: a test's streams reserve their size on the shared server until deleted. */
const TEST_STREAM_BYTES = 64 * 1024 ** 2;

/**
 * A fresh namespace with every stream and consumer of the system in it (`defaultTopology`), after
 * removing what killed runs left behind. Delete it with `deleteNamespace(nc, ns)`.
 */
export async function prepareTestBus(nc: NatsConnection): Promise<BusNamespace> {
  const ns = createTestNamespace();
  await sweepStaleTestStreams(nc);
  await provision(nc, { ...defaultTopology(ns), streams: STREAMS.map((s) => ({ ...s, maxBytes: TEST_STREAM_BYTES })) });
  return ns;
}

/** A fresh database with the service's schema, role and migrations; the URL it returns is the admin's. */
export async function prepareServiceDatabase(service: string, migrations: StartServiceOptions<INestApplication>['migrations']): Promise<TestDatabase> {
  const db = await createTestDatabase(service);
  try {
    await migrateService({ service, url: db.url, migrations });
    return db;
  } catch (err) {
    await db.drop();
    throw err;
  }
}

/** Every message of a stream of the namespace, each an event that must satisfy its contract (strict). */
export async function readEvents(nc: NatsConnection, ns: BusNamespace, stream: string): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const jsm = await jetstreamManager(nc);
  const name = streamName(ns, stream);
  const info = await jsm.streams.info(name).catch((err: Error) => {
    throw new Error(`stream ${name} (${stream} in namespace "${ns.prefix}") cannot be read: ${err.message}; is ${stream} in STREAMS (libs/contracts/src/topology.ts)?`);
  });
  const { state } = info;
  const out: EventEnvelope<Record<string, unknown>>[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(name, { seq }).catch(() => null); // a gap: deleted or aged out
    if (!m) continue;
    const check = validateEvent<Record<string, unknown>>(m.json(), 'strict');
    if (!check.ok) throw new Error(`${stream} event #${seq} breaks its contract: ${check.problems.join('; ')}`);
    out.push(m.json());
  }
  return out;
}

/** A dead letter as the DLQ stream keeps it: the original subject's copy, with why it was refused. */
export interface DeadLetter {
  subject: string;
  reason: string;
  body: string;
}

/** Every message of the namespace's dead-letter stream (raw: a dead letter need not be a valid event). */
export async function readDeadLetters(nc: NatsConnection, ns: BusNamespace): Promise<DeadLetter[]> {
  const jsm = await jetstreamManager(nc);
  const name = streamName(ns, 'DLQ');
  const { state } = await jsm.streams.info(name);
  const out: DeadLetter[] = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(name, { seq }).catch(() => null); // a gap: deleted or aged out
    if (m) out.push({ subject: m.subject, reason: m.header?.get(DLQ_HEADERS.reason) ?? '', body: m.string() });
  }
  return out;
}

/** Publishes an event as its producer's relay would: the envelope as JSON, its id as `Nats-Msg-Id`. */
export async function publishTestEvent<T extends object>(nc: NatsConnection, ns: BusNamespace, type: string, data: T, origin?: EventOrigin): Promise<EventEnvelope<T>> {
  const event = createEvent(type, data, origin);
  await jetstream(nc).publish(wireSubject(ns, type), JSON.stringify(event), { msgID: event.id });
  return event;
}

/** An app made by `createApp`, its consumers started and listening on a free port of 127.0.0.1; `close` may be called more than once. */
export async function startTestApp<App extends INestApplication>(createApp: (input: ServiceAppInput) => Promise<App>, input: ServiceAppInput): Promise<RunningApp<App>> {
  const app = await createApp(input);
  try {
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
  } catch (err) {
    await app.close().catch(() => undefined);
    throw err;
  }
  const { port } = app.getHttpServer().address() as { port: number };
  let closed: Promise<void> | null = null;
  return { app, url: `http://127.0.0.1:${port}`, close: () => (closed ??= app.close()) };
}

/**
 * The service as a test meets it: its own database (migrated as `npm run migrate` would), its own
 * streams, the app started and listening on a free port of 127.0.0.1. Call `close()` in afterAll.
 */
export async function startService<App extends INestApplication>(options: StartServiceOptions<App>): Promise<ServiceHarness<App>> {
  const { service } = options;
  // What has been set up, undone in reverse order; every step runs even if one before it failed.
  const cleanup: (() => Promise<unknown>)[] = [];
  const undo = async (): Promise<void> => {
    const errors: unknown[] = [];
    for (const step of cleanup.splice(0).reverse()) await step().catch((err: unknown) => errors.push(err));
    if (errors.length) throw errors[0];
  };
  try {
    const db = await prepareServiceDatabase(service, options.migrations);
    cleanup.push(() => db.drop());
    const name = `${service}-test`;
    const nc = await connectNats({ servers: natsTestUrl(), name }, Object.assign(new Logger(`nats:${name}`), { log: () => undefined })); // warnings only
    cleanup.push(() => nc.close());
    const ns = await prepareTestBus(nc);
    cleanup.push(() => deleteNamespace(nc, ns));
    const sql = new pg.Pool({ connectionString: db.url, max: 2 });
    cleanup.push(() => sql.end());

    // The password migrate gave the role (<SERVICE>_DB_PASSWORD of this run, else the local default).
    const databaseUrl = serviceDatabaseUrl(service, { ...process.env, [`${service.toUpperCase()}_DATABASE_URL`]: undefined, DATABASE_URL: db.url });
    const replicas: RunningApp<App>[] = [];
    const start = (relay: boolean, env: Env): Promise<RunningApp<App>> => startTestApp(options.createApp, { databaseUrl, natsUrl: natsTestUrl(), ns, relay, env: { ...process.env, ...env } });
    const main = await start(options.relay ?? true, options.env ?? {});
    cleanup.push(() => main.close());
    cleanup.push(async () => {
      for (const r of replicas) await r.close();
    });

    return {
      ...main,
      nc,
      ns,
      db,
      sql,
      events: (stream = service.toUpperCase()) => readEvents(nc, ns, stream),
      publish: (type, data, origin) => publishTestEvent(nc, ns, type, data, origin),
      async startReplica(replica = {}) {
        const r = await start(replica.relay ?? options.relay ?? true, { ...options.env, ...replica.env });
        replicas.push(r);
        return r;
      },
      close: undo,
    };
  } catch (err) {
    await undo().catch(() => undefined); // the first error is the one to see
    throw err;
  }
}
