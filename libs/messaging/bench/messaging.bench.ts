// `npm run bench:messaging`: events through outbox -> relay -> JetStream -> consumer (inbox + one
// row), against a raw baseline (plain publish, pull consume, one INSERT, no outbox or inbox).
// As deployed, the producing service (with its relay) and the consuming service are separate
// processes: this one produces, `consumer.process.ts` consumes. Uses the real Postgres and NATS
// (DATABASE_URL/TEST_DATABASE_URL, NATS_URL) in a scratch database and namespace, removed after.
// Settings: BENCH_EVENTS (20000), BENCH_EVENTS_PER_TX (20), BENCH_CONCURRENCY (8),
// BENCH_BATCH (32), BENCH_RATE (1000/s), BENCH_PACED_SECONDS (10), BENCH_WARMUP_SECONDS (2);
// BENCH_STAGES=1 also splits each outbox run's latency into commit, relay and consume;
// BENCH_CPU_PROFILE=<dir> writes CPU profiles of the consumer processes there.
import { fork } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { streamName, wireSubject, type BusNamespace } from '@jingwang/contracts';
import { connectNats, consumerConfig, deleteNamespace, OutboxRelay, provision, upsertConsumer } from '../src/index.ts';
import { createTestDatabase, createTestNamespace, drive, natsTestUrl, printTable, progress, stats, type RunStats } from '@jingwang/testing';
import { migrateProbeSchemas, openDataSource, PROBE_SUBJECT, probeEvent, probeTopology, writeProbeEvents } from '../test/probe.fixture.ts';

Logger.overrideLogger(['error']);
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const TOTAL = setting('BENCH_EVENTS', 20_000);
/** Events per producer transaction: a service that emits several facts per change, or a batch job. */
const PER_TX = setting('BENCH_EVENTS_PER_TX', 20);
/** Consumer workers, and the most waiting messages one transaction takes. */
const CONCURRENCY = setting('BENCH_CONCURRENCY', 8);
const BATCH = setting('BENCH_BATCH', 32);
const PACED_RATE = setting('BENCH_RATE', 1_000);
const PACED_SECONDS = setting('BENCH_PACED_SECONDS', 10);
/** Paced runs first run this long at the same rate, unmeasured: new pools, streams and JIT settle. */
const WARMUP_SECONDS = setting('BENCH_WARMUP_SECONDS', 2);
const now = () => performance.timeOrigin + performance.now(); // comparable across processes

/** Events are numbered 0..warmup+measured-1; latencies and the clock cover n >= warmup only. */
class Recorder {
  readonly latencies: number[] = [];
  readonly total: number;
  readonly finished: Promise<void>;
  private readonly sentAt: Float64Array;
  /** When the producer's transaction committed, and when the relay had it published. */
  readonly committedAt: Float64Array;
  readonly publishedAt: Float64Array;
  private readonly stages: number[][] = [[], [], []];
  private arrived = 0;
  private start = 0;
  private end = 0;
  private done!: () => void;

  constructor(
    measured: number,
    readonly warmup = 0,
  ) {
    this.total = measured + warmup;
    this.sentAt = new Float64Array(this.total);
    this.committedAt = new Float64Array(this.total);
    this.publishedAt = new Float64Array(this.total);
    this.finished = new Promise<void>((r) => (this.done = r));
  }

  sending(n: number): void {
    this.sentAt[n] = now();
    if (n === this.warmup) this.start = this.sentAt[n];
  }

  arrivals(pairs: number[]): void {
    for (let i = 0; i < pairs.length; i += 2) {
      const n = pairs[i];
      if (n >= this.warmup) {
        this.latencies.push(pairs[i + 1] - this.sentAt[n]);
        // The relay marks its batch published after every ack; a fast consumer may report first.
        if (this.committedAt[n] && this.publishedAt[n]) {
          this.stages[0].push(this.committedAt[n] - this.sentAt[n]);
          this.stages[1].push(this.publishedAt[n] - this.committedAt[n]);
          this.stages[2].push(pairs[i + 1] - this.publishedAt[n]);
        }
      }
      if (++this.arrived === this.total) {
        this.end = pairs[i + 1];
        this.done();
      }
    }
  }

  stats(label: string): RunStats {
    if (process.env.BENCH_STAGES === '1' && this.stages[0].length) {
      const parts = ['commit', 'relay', 'consume'].map((name, i) => {
        const s = stats(name, this.stages[i], 1);
        return `${name} p50 ${s.p50.toFixed(1)} p99 ${s.p99.toFixed(1)}`;
      });
      console.log(`${label}: ${parts.join(', ')} (ms)`);
    }
    return stats(label, this.latencies, (this.end - this.start) / 1000);
  }
}

/** Starts the consuming service as a child process and feeds its arrivals to `rec`. */
async function startConsumer(role: 'sink' | 'raw', ns: BusNamespace, adminUrl: string, rec: Recorder): Promise<() => Promise<void>> {
  const child = fork(fileURLToPath(new URL('./consumer.process.ts', import.meta.url)), {
    execArgv: ['--import', './tools/runtime/register.mjs', ...(process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [])],
    env: { ...process.env, ROLE: role, ADMIN_URL: adminUrl, NATS_URL: natsTestUrl(), NS_PREFIX: ns.prefix, CONCURRENCY: String(CONCURRENCY), BATCH: String(BATCH) },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { ready?: boolean; arrivals?: number[] }) => {
      if (m.ready) resolve();
      if (m.arrivals) rec.arrivals(m.arrivals);
    });
    child.once('exit', (code) => reject(new Error(`${role} consumer exited with ${code} before it was ready`)));
  });
  return async () => {
    child.send({ stop: true });
    await exited;
  };
}

async function outboxRun(label: string, nc: NatsConnection, probeDs: DataSource, adminUrl: string, measured: number, perTx: number, rate?: number): Promise<RunStats> {
  const ns = createTestNamespace();
  await provision(nc, probeTopology(ns, { concurrency: CONCURRENCY, batchSize: BATCH, ackWaitSeconds: 30 }));
  const rec = new Recorder(measured, rate ? rate * WARMUP_SECONDS : 0);
  const numbers = new Map<string, number>(); // event id -> n, for the relay's timestamps
  const relay = new OutboxRelay({
    service: 'probe',
    dataSource: probeDs,
    nc,
    ns,
    afterPublish: (ids) => {
      const t = now();
      for (const id of ids) rec.publishedAt[numbers.get(id)!] = t;
    },
  });
  relay.start();
  const stopConsumer = await startConsumer('sink', ns, adminUrl, rec);
  const stop = progress(label, () => rec.latencies.length, measured);
  await drive(Math.ceil(rec.total / perTx), rate ? 4 : 16, async (tx) => {
    const events = Array.from({ length: Math.min(perTx, rec.total - tx * perTx) }, (_, k) => probeEvent(tx * perTx + k));
    for (const e of events) {
      rec.sending(e.data.n);
      numbers.set(e.id, e.data.n);
    }
    await writeProbeEvents(probeDs, events);
    const t = now();
    for (const e of events) rec.committedAt[e.data.n] = t;
  }, rate && rate / perTx);
  await rec.finished;
  stop();
  await stopConsumer();
  await relay.stop();
  await deleteNamespace(nc, ns);
  return rec.stats(label);
}

/**
 * The raw baseline, for this bench and for any service's bench beside its own numbers: plain
 * JetStream publish of `measured` events (after `rate * WARMUP_SECONDS` unmeasured ones when paced),
 * pull consume in a child process, one INSERT per message, no outbox or inbox. Needs a database
 * prepared by `prepareRawBaseline`; its streams are made under `ns` (a caller that must remove
 * them on Ctrl-C passes its own) and deleted after.
 */
export async function rawRun(label: string, nc: NatsConnection, adminUrl: string, measured: number, rate?: number, ns: BusNamespace = createTestNamespace()): Promise<RunStats> {
  const topology = probeTopology(ns, { concurrency: CONCURRENCY, ackWaitSeconds: 30 });
  await provision(nc, topology);
  await upsertConsumer(await jetstreamManager(nc), streamName(ns, 'PROBE'), { ...consumerConfig(ns, topology.consumers[0]), durable_name: 'raw_baseline' });
  const rec = new Recorder(measured, rate ? rate * WARMUP_SECONDS : 0);
  const stopConsumer = await startConsumer('raw', ns, adminUrl, rec);
  const stop = progress(label, () => rec.latencies.length, measured);
  const js = jetstream(nc);
  const subject = wireSubject(ns, PROBE_SUBJECT);
  await drive(rec.total, rate ? 4 : 16, async (n) => {
    rec.sending(n);
    await js.publish(subject, JSON.stringify({ n }));
  }, rate);
  await rec.finished;
  stop();
  await stopConsumer();
  await deleteNamespace(nc, ns);
  return rec.stats(label);
}

/** The probe and sink schemas and the raw baseline's table, in a scratch database (its admin URL). */
export async function prepareRawBaseline(adminUrl: string): Promise<void> {
  await migrateProbeSchemas(adminUrl);
  const sinkDs = await openDataSource('sink', adminUrl, 1);
  await sinkDs.query('CREATE TABLE sink.raw_items (id bigserial PRIMARY KEY, n integer NOT NULL)');
  await sinkDs.destroy();
}

// Run as a script (not when another bench imports rawRun).
if (import.meta.main) {
  const db = await createTestDatabase('bench');
  const nc = await connectNats({ servers: natsTestUrl(), name: 'bench' });
  try {
    await prepareRawBaseline(db.url);
    const probeDs = await openDataSource('probe', db.url, 20);
    const paced = PACED_RATE * PACED_SECONDS;
    const rows = [
      await outboxRun(`outbox+inbox, ${TOTAL}, ${PER_TX} events/tx`, nc, probeDs, db.url, TOTAL, PER_TX),
      await outboxRun(`outbox+inbox, ${TOTAL}, 1 event/tx`, nc, probeDs, db.url, TOTAL, 1),
      await rawRun(`raw baseline, ${TOTAL} as fast as possible`, nc, db.url, TOTAL),
      await outboxRun(`outbox+inbox, offered ${PACED_RATE}/s, ${PER_TX} events/tx`, nc, probeDs, db.url, paced, PER_TX, PACED_RATE),
      await outboxRun(`outbox+inbox, offered ${PACED_RATE}/s, 1 event/tx`, nc, probeDs, db.url, paced, 1, PACED_RATE),
      await rawRun(`raw baseline, offered ${PACED_RATE}/s`, nc, db.url, paced, PACED_RATE),
    ];
    const [outbox, outboxSingle, raw, outboxPaced] = rows;
    console.log(`\nmessaging benchmark on ${process.version}, ${cpus().length} cores; consumer in its own process, ${CONCURRENCY} workers, batches of up to ${BATCH}; paced runs after ${WARMUP_SECONDS} s of warm-up`);
    printTable(rows);
    const pct = (a: RunStats) => `${((a.perSecond / raw.perSecond) * 100).toFixed(0)} %`;
    console.log(`\nthroughput ratio outbox/raw: ${pct(outbox)} (${PER_TX} events/tx), ${pct(outboxSingle)} (1 event/tx)`);
    const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
    console.log(`targets: >= 3000 events/s end to end: ${verdict(outbox.perSecond >= 3000)}; >= 50 % of baseline: ${verdict(outbox.perSecond >= raw.perSecond / 2)}; p99 < 50 ms at 1000/s: ${verdict(outboxPaced.p99 < 50)}`);
    await probeDs.destroy();
  } finally {
    await nc.close();
    await db.drop();
  }
}
