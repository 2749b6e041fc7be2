// `npm run bench:messaging`: events through outbox -> relay -> JetStream -> consumer (inbox + one
// row), against a raw baseline (plain publish, pull consume, one INSERT, no outbox or inbox).
// Uses the real Postgres and NATS (DATABASE_URL/TEST_DATABASE_URL, NATS_URL), in a scratch
// database and namespace that it removes afterwards. BENCH_EVENTS sets the count (default 20000).
import { Logger } from '@nestjs/common';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { streamName, wireSubject, type BusNamespace } from '@jingwang/contracts';
import { connectNats, consumerConfig, deleteNamespace, OutboxRelay, provision, upsertConsumer } from '../src/index.ts';
import { createTestDatabase, createTestNamespace, drive, natsTestUrl, printTable, progress, stats, type RunStats } from '@jingwang/testing';
import { migrateProbeSchemas, openDataSource, probeEvent, probeTopology, startSink, writeProbeEvents } from '../test/probe.fixture.ts';


Logger.overrideLogger(['error']);
const TOTAL = Number(process.env.BENCH_EVENTS ?? 20_000);
const PACED_RATE = 1_000;
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 10);
const CONCURRENCY = 16;
/** Events per producer transaction: a service that emits several facts per change, or a batch job. */
const PER_TX = Number(process.env.BENCH_EVENTS_PER_TX ?? 20);

async function outboxRun(label: string, nc: NatsConnection, probeDs: DataSource, sinkDs: DataSource, total: number, perTx: number, rate?: number): Promise<RunStats> {
  const ns = createTestNamespace();
  const topology = probeTopology(ns, { concurrency: CONCURRENCY, ackWaitSeconds: 30 });
  await provision(nc, topology);
  const latencies: number[] = [];
  const sent = new Map<string, number>();
  const relay = new OutboxRelay({ service: 'probe', dataSource: probeDs, nc, ns });
  relay.start();
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const sink = await startSink({
    nc,
    dataSource: sinkDs,
    ns,
    topology,
    beforeAck: (m) => {
      const id = (m.json() as { id: string }).id;
      latencies.push(performance.now() - (sent.get(id) ?? NaN));
      if (latencies.length === total) done();
    },
  });
  const stop = progress(label, () => latencies.length, total);
  const t0 = performance.now();
  await drive(Math.ceil(total / perTx), rate ? 4 : CONCURRENCY, async (tx) => {
    const events = Array.from({ length: Math.min(perTx, total - tx * perTx) }, (_, k) => probeEvent(tx * perTx + k));
    const now = performance.now();
    for (const e of events) sent.set(e.id, now);
    await writeProbeEvents(probeDs, events);
  }, rate && rate / perTx);
  await finished;
  const seconds = (performance.now() - t0) / 1000;
  stop();
  await sink.close();
  await relay.stop();
  await deleteNamespace(nc, ns);
  return stats(label, latencies, seconds);
}

async function rawRun(label: string, nc: NatsConnection, sinkDs: DataSource, total: number, rate?: number): Promise<RunStats> {
  const ns: BusNamespace = createTestNamespace();
  const topology = probeTopology(ns, { concurrency: CONCURRENCY, ackWaitSeconds: 30 });
  await provision(nc, topology);
  const stream = streamName(ns, 'PROBE');
  const jsm = await jetstreamManager(nc);
  const cfg = { ...consumerConfig(ns, topology.consumers[0]), durable_name: 'raw_baseline' };
  await upsertConsumer(jsm, stream, cfg);
  const js = jetstream(nc);
  const messages = await (await js.consumers.get(stream, 'raw_baseline')).consume({ max_messages: CONCURRENCY });
  const latencies: number[] = [];
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const inFlight = new Set<Promise<void>>();
  const pump = (async () => {
    for await (const m of messages) {
      while (inFlight.size >= CONCURRENCY) await Promise.race(inFlight);
      const p = (async () => {
        const body = m.json() as { n: number; t: number };
        await sinkDs.query('INSERT INTO sink.raw_items (n) VALUES ($1)', [body.n]);
        m.ack();
        latencies.push(performance.now() - body.t);
        if (latencies.length === total) done();
      })().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
  })();
  const stop = progress(label, () => latencies.length, total);
  const t0 = performance.now();
  const subject = wireSubject(ns, 'probe.item.recorded.v1');
  await drive(total, rate ? 4 : CONCURRENCY, async (i) => {
    await js.publish(subject, JSON.stringify({ n: i, t: performance.now() }));
  }, rate);
  await finished;
  const seconds = (performance.now() - t0) / 1000;
  stop();
  messages.stop();
  await pump;
  await deleteNamespace(nc, ns);
  return stats(label, latencies, seconds);
}

const db = await createTestDatabase('bench');
const nc = await connectNats({ servers: natsTestUrl(), name: 'bench' });
try {
  await migrateProbeSchemas(db.url);
  const probeDs = await openDataSource('probe', db.url, 20);
  const sinkDs = await openDataSource('sink', db.url, 20);
  await sinkDs.query('CREATE TABLE sink.raw_items (id bigserial PRIMARY KEY, n integer NOT NULL)');
  const paced = PACED_RATE * PACED_SECONDS;
  const outbox = await outboxRun(`outbox+inbox, ${TOTAL}, ${PER_TX} events/tx`, nc, probeDs, sinkDs, TOTAL, PER_TX);
  const outboxSingle = await outboxRun(`outbox+inbox, ${TOTAL}, 1 event/tx`, nc, probeDs, sinkDs, TOTAL, 1);
  const raw = await rawRun(`raw baseline, ${TOTAL} as fast as possible`, nc, sinkDs, TOTAL);
  const outboxPaced = await outboxRun(`outbox+inbox, offered ${PACED_RATE}/s, ${PER_TX} events/tx`, nc, probeDs, sinkDs, paced, PER_TX, PACED_RATE);
  const outboxPacedSingle = await outboxRun(`outbox+inbox, offered ${PACED_RATE / 2}/s, 1 event/tx`, nc, probeDs, sinkDs, paced / 2, 1, PACED_RATE / 2);
  const rawPaced = await rawRun(`raw baseline, offered ${PACED_RATE}/s`, nc, sinkDs, paced, PACED_RATE);
  console.log(`\nmessaging benchmark on ${process.version}, ${(await import('node:os')).cpus().length} cores, consumer concurrency ${CONCURRENCY}`);
  printTable([outbox, outboxSingle, raw, outboxPaced, outboxPacedSingle, rawPaced]);
  console.log(`\nthroughput ratio outbox/raw: ${((outbox.perSecond / raw.perSecond) * 100).toFixed(0)} % (${PER_TX} events/tx), ${((outboxSingle.perSecond / raw.perSecond) * 100).toFixed(0)} % (1 event/tx)`);
  console.log(`targets: >= 3000 events/s end to end: ${outbox.perSecond >= 3000 ? 'met' : 'MISSED'}; >= 50 % of baseline: ${outbox.perSecond >= raw.perSecond / 2 ? 'met' : 'MISSED'}; p99 < 50 ms at 1000/s: ${outboxPaced.p99 < 50 ? 'met' : 'MISSED'}`);
  await probeDs.destroy();
  await sinkDs.destroy();
} finally {
  await nc.close();
  await db.drop();
}
