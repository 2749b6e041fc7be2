import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { durableName, streamName, wireSubject, type BusNamespace } from '@jingwang/contracts';
import { createTestDatabase, createTestNamespace, natsTestUrl, NatsServerProcess, sweepStaleTestStreams, waitFor, type TestDatabase } from '@jingwang/testing';
import { ASYNC_COMMIT, connectNats, deleteNamespace, DLQ_HEADERS, messagingMetrics, OutboxPublisher, OutboxRelay, provision } from '../src/index.ts';
import { migrateProbeSchemas, openDataSource, PROBE_SUBJECT, probeEvent, probeTopology, sinkHandlerCalls, startSink, writeProbeEvents, type Sink } from './probe.fixture.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
let db: TestDatabase;
let probeDs: DataSource;
let sinkDs: DataSource;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  db = await createTestDatabase('messaging');
  await migrateProbeSchemas(db.url);
  probeDs = await openDataSource('probe', db.url);
  sinkDs = await openDataSource('sink', db.url);
});

// Every test's relays share the probe's outbox: a test starts with it empty, whatever ran before.
beforeEach(async () => {
  await probeDs.query('DELETE FROM probe.outbox');
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

afterAll(async () => {
  await probeDs?.destroy();
  await sinkDs?.destroy();
  await db?.drop();
});

/** A namespace on the given server with the probe topology provisioned, removed after the test. */
async function bus(url = natsTestUrl()): Promise<{ nc: NatsConnection; ns: BusNamespace }> {
  const nc = await connectNats({ servers: url, name: 'test' });
  const ns = createTestNamespace();
  await sweepStaleTestStreams(nc);
  await provision(nc, probeTopology(ns));
  cleanups.push(async () => {
    await deleteNamespace(nc, ns).catch(() => undefined);
    await nc.close();
  });
  return { nc, ns };
}

function relay(nc: NatsConnection, ns: BusNamespace): OutboxRelay {
  const r = new OutboxRelay({ service: 'probe', dataSource: probeDs, nc, ns, pollIntervalMs: 100, maxBackoffMs: 500, publishTimeoutMs: 1000 });
  r.start();
  cleanups.push(() => r.stop());
  return r;
}

async function sink(nc: NatsConnection, ns: BusNamespace, extra: Parameters<typeof startSink>[0] extends infer O ? Partial<O> : never = {}): Promise<Sink> {
  const s = await startSink({ nc, dataSource: sinkDs, ns, topology: probeTopology(ns), ...extra });
  cleanups.push(() => s.close());
  return s;
}

const itemsOf = async (ids: string[]) =>
  (await sinkDs.query('SELECT event_id, n, label, deliveries FROM sink.items WHERE event_id = ANY($1::uuid[]) ORDER BY n', [ids])) as {
    event_id: string;
    n: number;
    label: string;
    deliveries: number;
  }[];

/** Outbox rows of these events still there: not marked sent (deleted). */
const unsentCount = async (ids: string[]) => Number((await probeDs.query('SELECT count(*) FROM probe.outbox WHERE id = ANY($1::uuid[])', [ids]))[0].count);

const inboxCount = async (ids: string[]) => Number((await sinkDs.query('SELECT count(*) FROM sink.inbox WHERE message_key = ANY($1)', [ids]))[0].count);

async function streamCount(nc: NatsConnection, ns: BusNamespace, name: string, subject: string): Promise<number> {
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(streamName(ns, name), { subjects_filter: wireSubject(ns, subject) });
  return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
}

async function dlqMessages(nc: NatsConnection, ns: BusNamespace) {
  const jsm = await jetstreamManager(nc);
  const stream = streamName(ns, 'DLQ');
  const { state } = await jsm.streams.info(stream);
  const out = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq });
    if (m) out.push({ subject: m.subject, headers: m.header, body: m.json<{ id: string }>() });
  }
  return out;
}

function child(role: 'consumer' | 'relay', env: Record<string, string>): { proc: ChildProcess; exited: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', './tools/runtime/register.mjs', 'libs/messaging/test/probe.process.ts'], {
    cwd: root,
    env: { ...process.env, NODE_OPTIONS: '', ROLE: role, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (_code, signal) => resolve(signal === 'SIGKILL' ? 9 : _code)));
  cleanups.push(async () => proc.kill('SIGKILL'));
  return { proc, exited };
}

describe('outbox -> relay -> JetStream -> inbox consumer', () => {
  it.each([
    ['a per-message handler', false],
    ['a batch handler', true],
  ])('delivers every event once, in one run of the happy path, to %s', async (_, batchHandler) => {
    const { nc, ns } = await bus();
    relay(nc, ns);
    await sink(nc, ns, { batchHandler });
    const events = Array.from({ length: 50 }, (_, i) => probeEvent(i));
    await writeProbeEvents(probeDs, events.slice(0, 25));
    await writeProbeEvents(probeDs, events.slice(25));
    const ids = events.map((e) => e.id);
    await waitFor('50 items', async () => (await itemsOf(ids)).length === 50);
    expect((await itemsOf(ids)).map((r) => r.n)).toEqual(events.map((_, i) => i));
    expect(await streamCount(nc, ns, 'PROBE', PROBE_SUBJECT)).toBe(50);
  });

  it('consumer process killed after commit, before ack: redelivered, and the inbox skips the repeat', async () => {
    const { nc, ns } = await bus();
    relay(nc, ns);
    const event = probeEvent(1);
    const { proc, exited } = child('consumer', { ADMIN_URL: db.url, NATS_URL: natsTestUrl(), NS_PREFIX: ns.prefix });
    await new Promise((r) => proc.stdout!.once('data', r));
    await writeProbeEvents(probeDs, [event]);
    expect(await exited).toBe(9); // it died in beforeAck, after its transaction committed
    expect(await itemsOf([event.id])).toHaveLength(1);

    const acked: number[] = [];
    await sink(nc, ns, { beforeAck: (m) => void acked.push(m.info.deliveryCount) });
    await waitFor('the redelivery to be acked', () => acked.length === 1);
    expect(acked[0]).toBe(2);
    const rows = await itemsOf([event.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].deliveries).toBe(1); // written by the first delivery only
    expect(await inboxCount([event.id])).toBe(1);
  });

  it('relay process killed after publish, before marking sent: the re-publish is dropped as a duplicate', async () => {
    const { nc, ns } = await bus();
    const events = Array.from({ length: 20 }, (_, i) => probeEvent(100 + i));
    await writeProbeEvents(probeDs, events);
    const { proc, exited } = child('relay', { ADMIN_URL: db.url, NATS_URL: natsTestUrl(), NS_PREFIX: ns.prefix });
    proc.stdout!.resume();
    expect(await exited).toBe(9);
    expect(await streamCount(nc, ns, 'PROBE', PROBE_SUBJECT)).toBe(20); // published once
    expect(await unsentCount(events.map((e) => e.id))).toBe(20); // ... but never marked sent

    const r = relay(nc, ns);
    await waitFor('rows marked sent', async () => {
      await r.flush();
      return (await unsentCount(events.map((e) => e.id))) === 0;
    });
    expect(await streamCount(nc, ns, 'PROBE', PROBE_SUBJECT)).toBe(20); // still 20: Nats-Msg-Id dropped the repeats
    await sink(nc, ns);
    await waitFor('20 items', async () => (await itemsOf(events.map((e) => e.id))).length === 20);
  });

  it('NATS stopped while events are written: the relay retries and catches up, nothing lost or doubled', async () => {
    const server = await NatsServerProcess.start();
    cleanups.push(() => server.destroy());
    const { nc, ns } = await bus(server.url);
    relay(nc, ns);
    const sinkNc = await connectNats({ servers: server.url, name: 'sink' });
    cleanups.push(() => sinkNc.close());
    await sink(sinkNc, ns);

    await server.stop();
    const events = Array.from({ length: 200 }, (_, i) => probeEvent(1000 + i));
    for (let i = 0; i < 200; i += 20) await writeProbeEvents(probeDs, events.slice(i, i + 20));
    await waitFor('the relay to have failed on them', async () => Number((await probeDs.query('SELECT count(*) FROM probe.outbox WHERE id = ANY($1::uuid[]) AND last_error IS NOT NULL', [events.map((e) => e.id)]))[0].count) > 0);
    expect(await unsentCount(events.map((e) => e.id))).toBe(200);

    await server.start();
    const ids = events.map((e) => e.id);
    await waitFor('200 items after NATS came back', async () => (await itemsOf(ids)).length === 200, 45_000, 200);
    expect(await streamCount(nc, ns, 'PROBE', PROBE_SUBJECT)).toBe(200);
    expect(await inboxCount(ids)).toBe(200);
  }, 90_000);

  it('rows that failed while NATS was down are due again as soon as it reconnects, whatever their backoff', async () => {
    const server = await NatsServerProcess.start();
    cleanups.push(() => server.destroy());
    const { nc, ns } = await bus(server.url);
    relay(nc, ns);
    await server.stop();
    const events = Array.from({ length: 20 }, (_, i) => probeEvent(1300 + i));
    const ids = events.map((e) => e.id);
    await writeProbeEvents(probeDs, events);
    // As after many failed attempts: an hour until the next one.
    await probeDs.query(`UPDATE probe.outbox SET last_error = 'NATS down', attempts = 9, next_attempt_at = now() + interval '1 hour' WHERE id = ANY($1::uuid[])`, [ids]);
    await server.start();
    await waitFor('all 20 sent after the reconnect', async () => {
      return (await unsentCount(ids)) === 0;
    }, 30_000, 200);
    expect(await streamCount(nc, ns, 'PROBE', PROBE_SUBJECT)).toBe(20);
  }, 60_000);

  it("a transient failure of the consumer's database write is retried until it succeeds", async () => {
    const { nc, ns } = await bus();
    relay(nc, ns);
    await sink(nc, ns, { topology: probeTopology(ns, { maxDeliver: 5 }) });
    await sinkDs.query('ALTER SEQUENCE sink.flaky_attempts RESTART');
    const event = probeEvent(7, 'flaky-db');
    await writeProbeEvents(probeDs, [event]);
    await waitFor('the flaky item', async () => (await itemsOf([event.id])).length === 1);
    expect((await itemsOf([event.id]))[0].deliveries).toBe(3); // two real serialization failures, then success
  });
});

describe.each([
  ['per-message handler', false],
  ['batch handler', true],
])('batches, %s', (_, batchHandler) => {
  it('a failing message in a batch rolls the batch back; the others are then handled one by one', async () => {
    const { nc, ns } = await bus();
    const r = relay(nc, ns);
    const events = [...Array.from({ length: 15 }, (_, i) => probeEvent(300 + i)), probeEvent(399, 'fail-always')];
    await writeProbeEvents(probeDs, events);
    await r.flush(); // all 16 wait in the stream, so the consumer's first pull makes one batch
    await sink(nc, ns, { batchHandler });
    await waitFor('a dead letter for the failing one', async () => (await dlqMessages(nc, ns)).length === 1);
    const rows = await itemsOf(events.map((e) => e.id));
    expect(rows.map((x) => x.n)).toEqual(events.slice(0, 15).map((_, i) => 300 + i));
    expect(rows.every((x) => x.deliveries === 1)).toBe(true); // written on their first delivery, once
    expect(await inboxCount(events.map((e) => e.id))).toBe(15);
  });

  it('a batch holding messages already handled runs the handler for the new ones only', async () => {
    const { nc, ns } = await bus();
    const r = relay(nc, ns);
    const seen = Array.from({ length: 4 }, (_, i) => probeEvent(500 + i));
    const fresh = Array.from({ length: 8 }, (_, i) => probeEvent(510 + i));
    await writeProbeEvents(probeDs, seen);
    await r.flush();
    const first = await startSink({ nc, dataSource: sinkDs, ns, topology: probeTopology(ns), batchHandler });
    await waitFor('the first four', async () => (await itemsOf(seen.map((e) => e.id))).length === 4);
    await first.close();
    // The same four again (as after a lost ack), mixed with new ones, all waiting for one pull.
    const js = jetstream(nc);
    for (const e of [...seen.slice(0, 2), ...fresh.slice(0, 4), ...seen.slice(2), ...fresh.slice(4)]) {
      await js.publish(wireSubject(ns, PROBE_SUBJECT), JSON.stringify(e)); // no msgID: the stream keeps the repeats
    }
    sinkHandlerCalls.length = 0;
    await sink(nc, ns, { batchHandler });
    await waitFor('the eight new ones', async () => (await itemsOf(fresh.map((e) => e.id))).length === 8);
    const rows = await itemsOf([...seen, ...fresh].map((e) => e.id));
    expect(rows.map((x) => x.n)).toEqual([500, 501, 502, 503, ...fresh.map((_, i) => 510 + i)]);
    expect(await inboxCount([...seen, ...fresh].map((e) => e.id))).toBe(12);
    expect(sinkHandlerCalls.flat().sort()).toEqual(fresh.map((_, i) => 510 + i)); // never given a repeat
    if (batchHandler) expect(sinkHandlerCalls.length).toBeLessThan(8); // given several at once
  });
});

describe('rows committed in this process', () => {
  /** Starts a relay that notes, as it publishes rows (before it marks them), whether each was leased as written. */
  function leaseRecordingRelay(nc: NatsConnection, ns: BusNamespace): Map<string, boolean> {
    const leasedAsWritten = new Map<string, boolean>();
    const afterPublish = async (ids: string[]) => {
      const rows: { id: string; leased: boolean }[] = await probeDs.query(
        // Leased as written: the insert's now() is created_at's too (a claim leases from its own, later now())
        `SELECT id, next_attempt_at = created_at + interval '30 seconds' AS leased FROM probe.outbox WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      for (const row of rows) leasedAsWritten.set(row.id, row.leased);
    };
    const r = new OutboxRelay({ service: 'probe', dataSource: probeDs, nc, ns, pollIntervalMs: 100, afterPublish });
    r.start();
    cleanups.push(() => r.stop());
    return leasedAsWritten;
  }

  it('are written leased to the relay of this process, which publishes them at commit without claiming them', async () => {
    const { nc, ns } = await bus();
    const leased = leaseRecordingRelay(nc, ns); // polls every 100 ms, but a claim could not take these rows for 30 s
    const events = Array.from({ length: 30 }, (_, i) => probeEvent(1500 + i));
    const ids = events.map((e) => e.id);
    await writeProbeEvents(probeDs, events);
    await waitFor('all 30 marked sent', async () => (await unsentCount(ids)) === 0);
    expect(ids.map((id) => leased.get(id))).toEqual(ids.map(() => true));
    expect(await streamCount(nc, ns, 'PROBE', PROBE_SUBJECT)).toBe(30);
  });

  it("written through another data source: not leased to this relay (it would publish another database's rows on its bus), claimed instead", async () => {
    const { nc, ns } = await bus();
    const leased = leaseRecordingRelay(nc, ns);
    const other = await openDataSource('probe', db.url, 2);
    cleanups.push(() => other.destroy());
    const events = Array.from({ length: 5 }, (_, i) => probeEvent(1700 + i));
    const ids = events.map((e) => e.id);
    await writeProbeEvents(other, events);
    await waitFor('all 5 marked sent', async () => (await unsentCount(ids)) === 0);
    expect(ids.map((id) => leased.get(id))).toEqual(ids.map(() => false));
    expect(await streamCount(nc, ns, 'PROBE', PROBE_SUBJECT)).toBe(5);
  });

  it('leased to a relay that stopped before the commit: published by another relay once the lease ends, once', async () => {
    const { nc, ns } = await bus();
    const first = new OutboxRelay({ service: 'probe', dataSource: probeDs, nc, ns, claimLeaseSeconds: 1, pollIntervalMs: 100 });
    first.start();
    const events = Array.from({ length: 5 }, (_, i) => probeEvent(1600 + i));
    const outbox = new OutboxPublisher('probe');
    await probeDs.transaction(async (m) => {
      await outbox.publish(m, events);
      await first.stop(); // gone before the commit hands the rows over
    });
    expect(await streamCount(nc, ns, 'PROBE', PROBE_SUBJECT)).toBe(0);
    const t0 = Date.now();
    relay(nc, ns);
    await waitFor('all 5 marked sent', async () => (await unsentCount(events.map((e) => e.id))) === 0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(500); // not before the 1 s lease (less the time since the insert)
    expect(await streamCount(nc, ns, 'PROBE', PROBE_SUBJECT)).toBe(5);
  });
});

describe('relay upkeep', () => {
  it('vacuums the outbox after every vacuumEveryRows rows it marked, so claims do not slow down on dead rows', async () => {
    const { nc, ns } = await bus();
    const vacuums = async () => Number((await probeDs.query(`SELECT vacuum_count FROM pg_stat_user_tables WHERE schemaname = 'probe' AND relname = 'outbox'`))[0].vacuum_count);
    const before = await vacuums();
    const r = new OutboxRelay({ service: 'probe', dataSource: probeDs, nc, ns, vacuumEveryRows: 10, batchSize: 10 });
    await writeProbeEvents(probeDs, Array.from({ length: 25 }, (_, i) => probeEvent(600 + i)));
    await r.flush();
    await waitFor('two vacuums (25 rows, one every 10)', async () => (await vacuums()) >= before + 2);
  });

  it('marks the rows of every batch sent within markIntervalMs of the last mark in one statement', async () => {
    const { nc, ns } = await bus();
    const marks = async () => (await messagingMetrics.outboxMarks.get()).values.find((v) => v.labels.service === 'probe')?.value ?? 0;
    const r = new OutboxRelay({ service: 'probe', dataSource: probeDs, nc, ns, markIntervalMs: 2000, batchSize: 5 });
    const events = Array.from({ length: 25 }, (_, i) => probeEvent(700 + i));
    await writeProbeEvents(probeDs, events);
    const before = await marks();
    const t0 = Date.now();
    await r.flush(); // five batches: the first marked at once, the four after it together
    expect(await unsentCount(events.map((e) => e.id))).toBe(0);
    expect((await marks()) - before).toBe(2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1500); // the second waited for the interval
    await r.stop();
  });

  it('publishes at once after a quiet spell, and the commits within lingerMs of a batch together in the next', async () => {
    const { nc, ns } = await bus();
    const linger = 5_000;
    const batches: { ids: string[]; at: number }[] = [];
    const r = new OutboxRelay({ service: 'probe', dataSource: probeDs, nc, ns, lingerMs: linger, pollIntervalMs: 60_000, afterPublish: (ids) => void batches.push({ ids, at: Date.now() }) });
    r.start();
    cleanups.push(() => r.stop());
    const first = probeEvent(799);
    await writeProbeEvents(probeDs, [first]);
    // Alone after a quiet spell: published long before a lingerMs would have ended.
    await waitFor('the first published', async () => batches.some((b) => b.ids.includes(first.id)), linger - 1_000);
    const events = [probeEvent(800), probeEvent(801), probeEvent(802)];
    for (const e of events) await writeProbeEvents(probeDs, [e]); // three transactions, handed over at each commit
    const ids = events.map((e) => e.id);
    await waitFor('all three published', async () => ids.every((id) => batches.some((b) => b.ids.includes(id))), linger * 2);
    const together = batches.find((b) => b.ids.includes(ids[0]))!;
    expect(together.ids).toEqual(expect.arrayContaining(ids));
    expect(together.at - batches[0].at).toBeGreaterThanOrEqual(linger - 50); // they waited for lingerMs after the first batch
  });

  it("marks sent rows in a transaction that does not wait for the disk, and leaves the connection's setting as it was", async () => {
    const qr = probeDs.createQueryRunner();
    try {
      const [inside] = await qr.query(`SELECT current_setting('synchronous_commit') AS setting FROM ${ASYNC_COMMIT}`);
      const [after] = await qr.query(`SELECT current_setting('synchronous_commit') AS setting`);
      expect([inside.setting, after.setting]).toEqual(['off', 'on']);
    } finally {
      await qr.release();
    }
  });
});

describe('dead letters', () => {
  it('a handler that always fails ends in the DLQ after max_deliver, with its reason', async () => {
    const { nc, ns } = await bus();
    relay(nc, ns);
    await sink(nc, ns);
    const event = probeEvent(13, 'fail-always');
    await writeProbeEvents(probeDs, [event]);
    const dead = (await waitFor('a dead letter', async () => (await dlqMessages(nc, ns)).find((m) => m.body.id === event.id)))!;
    expect(dead.subject).toBe(wireSubject(ns, `dlq.sink.${PROBE_SUBJECT}`));
    expect(dead.headers?.get(DLQ_HEADERS.deliveries)).toBe('3');
    expect(dead.headers?.get(DLQ_HEADERS.reason)).toContain('item 13: handler always fails');
    expect(dead.headers?.get('Jw-Correlation-Id')).toBe(event.correlationId); // original headers kept
    expect(await itemsOf([event.id])).toHaveLength(0);
    const jsm = await jetstreamManager(nc);
    await waitFor('the message to be terminated, not left to redeliver', async () => {
      const info = await jsm.consumers.info(streamName(ns, 'PROBE'), durableName('sink', PROBE_SUBJECT));
      return info.num_ack_pending + info.num_pending === 0;
    });
  });

  it('an invalid payload and a PermanentError go to the DLQ at once', async () => {
    const { nc, ns } = await bus();
    relay(nc, ns);
    await sink(nc, ns);
    const bad = { ...probeEvent(5), data: { n: 'five', label: 'ok' } };
    await jetstream(nc).publish(wireSubject(ns, PROBE_SUBJECT), JSON.stringify(bad));
    const permanent = probeEvent(6, 'permanent');
    await writeProbeEvents(probeDs, [permanent]);
    const dead = (await waitFor('two dead letters', async () => {
      const all = await dlqMessages(nc, ns);
      return all.length === 2 ? all : null;
    }))!;
    const byId = new Map(dead.map((d) => [d.body.id, d]));
    expect(byId.get(bad.id)?.headers?.get(DLQ_HEADERS.reason)).toMatch(/^contract: data\.n: n must be an integer/);
    expect(byId.get(bad.id)?.headers?.get(DLQ_HEADERS.deliveries)).toBe('1');
    expect(byId.get(permanent.id)?.headers?.get(DLQ_HEADERS.reason)).toContain('permanent: item 6 can never be handled');
    expect(byId.get(permanent.id)?.headers?.get(DLQ_HEADERS.deliveries)).toBe('1');
  });
});

describe('shutdown', () => {
  it('finishes the messages in flight and loses none', async () => {
    const { nc, ns } = await bus();
    relay(nc, ns);
    const started: string[] = [];
    const first = await startSink({ nc, dataSource: sinkDs, ns, topology: probeTopology(ns, { ackWaitSeconds: 5, concurrency: 2, batchSize: 4 }), beforeAck: (m) => void started.push(m.info.streamSequence.toString()) });
    const events = Array.from({ length: 40 }, (_, i) => probeEvent(2000 + i, 'slow'));
    await writeProbeEvents(probeDs, events);
    const ids = events.map((e) => e.id);
    await waitFor('some items handled', async () => (await itemsOf(ids)).length >= 6);
    await first.close();
    const afterClose = (await itemsOf(ids)).length;
    expect(afterClose).toBe(started.length); // everything that committed was acked before close returned
    expect(afterClose).toBeLessThan(40);

    await sink(nc, ns, { topology: probeTopology(ns, { ackWaitSeconds: 5, concurrency: 2, batchSize: 4 }) });
    // Unstarted messages are handed back at close (nak); one in transit at that moment comes back after ack_wait.
    await waitFor('all 40 items', async () => (await itemsOf(ids)).length === 40, 20_000, 100);
    expect(await inboxCount(ids)).toBe(40);
  }, 60_000);
});
