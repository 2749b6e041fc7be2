// `npm run bench:dispatch`: new incidents through the dispatch service as deployed, beside the
// platform's raw durable-pipeline baseline in the same run. Dispatch runs in a process of its own
// (dispatch.process.ts: the real app, its batch consumer of `intake.alert.received.v1`, routing,
// one transaction per batch with the inbox and the outbox, its relay) on a scratch database and
// namespace. This process publishes `intake.alert.received.v1` envelopes to JetStream as intake's
// relay would (createEvent, Nats-Msg-Id = event id), typed and located so that every one is
// assigned, and times each incident from its publish to its `dispatch.incident.assigned.v1` on the
// wire (a core NATS subscription on the wired subject). Real Postgres and NATS
// (DATABASE_URL/TEST_DATABASE_URL, NATS_URL); the scratch databases and namespaces are removed
// after, also on Ctrl-C or a failure.
//
// Settings also: BENCH_TICK_MS (default 5), how often the open loop publishes what is due (see TICK_MS).
//
// Steps: a warm-up (BENCH_WARMUP_SECONDS, default 5, at 1,000/s, shown but not judged); open loop at
// each of BENCH_RATES (default 250,500,1000,2000) for BENCH_SECONDS (default 10) each; BENCH_STEPS
// (default 5) more steps at 1,000/s, whose median p99 is the latency target; a closed loop of
// BENCH_WINDOW (default 512) incidents in flight for BENCH_SECONDS, the throughput target. Each
// step waits for all its incidents to be assigned before the next one starts. Then the raw
// baseline of bench:messaging (plain publish, pull consume, one INSERT a message, no outbox or
// inbox) with BENCH_BASELINE_EVENTS (default 20000) as fast as it goes; BENCH_BASELINE=0 leaves it
// out (for profiling). BENCH_CPU_PROFILE=<dir> writes a CPU profile of the dispatch process there
// (summarise it with profile-summary.ts); BENCH_TIMELINE=1 prints the 1,000/s steps per second
// (count, p50, p99, the commit probe's slowest commit) on stderr; BENCH_WAITS=1 samples what
// dispatch's Postgres connections are doing every 10 ms (pg_stat_activity: running, waiting for a
// lock, for the WAL, for the service) and prints it per step. DISPATCH_* variables reach the
// service's config (e.g. DISPATCH_DB_POOL_SIZE).
//
// The commit probe: one durable commit every 20 ms on a connection of its own (as in bench:intake):
// this machine's disk now and then stalls an fdatasync for 50-500 ms, and every commit waiting
// meanwhile waits with it; a step whose probe saw a commit over 50 ms had a disk stall.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Logger } from '@nestjs/common';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import pg from 'pg';
import { alertTypes } from '@jingwang/alert-catalog';
import { AlertReceived, createEvent, IncidentAssigned, IncidentTriageRequired, streamName, timeOrderedId, wireSubject, type AlertReceivedV1, type BusNamespace } from '@jingwang/contracts';
import { loadDistrict } from '@jingwang/district';
import { connectNats, deleteNamespace } from '@jingwang/messaging';
import { serviceDatabaseUrl } from '@jingwang/persistence';
import { cpuMeter, createTestDatabase, createTestNamespace, drive, natsTestUrl, percentile, prepareServiceDatabase, prepareTestBus, progress, type RunStats, type TestDatabase } from '@jingwang/testing';
// The platform's raw baseline, measured by bench:messaging's own code (a bench of the library, not
// part of its API, so it is imported by path).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { prepareRawBaseline, rawRun } from '../../../libs/messaging/bench/messaging.bench.ts';
import { migrations } from '../src/migrations/index.ts';

Logger.overrideLogger(['error']);

// --- settings ------------------------------------------------------------------------------------
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = setting('BENCH_SECONDS', 10);
const RATES = (process.env.BENCH_RATES ?? '250,500,1000,2000').split(',').map(Number);
const WINDOW = setting('BENCH_WINDOW', 512);
const STEPS = setting('BENCH_STEPS', 5);
const WARMUP_SECONDS = setting('BENCH_WARMUP_SECONDS', 5);
const BASELINE_EVENTS = setting('BENCH_BASELINE_EVENTS', 20_000);
const WITH_BASELINE = process.env.BENCH_BASELINE !== '0';
const CPU_PROFILE = process.env.BENCH_CPU_PROFILE;
const TIMELINE = process.env.BENCH_TIMELINE === '1';
const WAITS = process.env.BENCH_WAITS === '1';
/**
 * The open loop publishes what is due every TICK_MS (BENCH_TICK_MS, default 5; 0: each event on a
 * timer of its own, 16 publishes in flight at most), all of it at once on the one connection, as
 * intake's relay does under load (its commits of 10 ms go out together): one write to NATS a tick,
 * not one an event, which on 2 cores would cost nats-server and this process more than dispatch's
 * real producer does.
 */
const TICK_MS = setting('BENCH_TICK_MS', 5);
const PUBLISHERS = 16;
if (!(TICK_MS >= 0) || !(SECONDS > 0) || !(WINDOW >= 1) || !Number.isInteger(STEPS) || STEPS < 0 || !(WARMUP_SECONDS >= 0) || !(BASELINE_EVENTS >= 1) || RATES.some((r) => !(r > 0))) {
  throw new Error('BENCH_TICK_MS must be >= 0, BENCH_SECONDS and BENCH_WINDOW positive, BENCH_STEPS a whole number >= 0, BENCH_WARMUP_SECONDS >= 0, BENCH_BASELINE_EVENTS >= 1, BENCH_RATES positive numbers separated by commas');
}
const TARGET_RATE = 1_000;
const TARGET_P99_MS = 100;
const TARGET_PER_SECOND = 3_000;
const STALL_MS = 50;
/** A step's incidents not assigned after this long without any progress are counted lost. */
const DRAIN_STALL_MS = 30_000;
const now = () => performance.now();

// --- the incidents --------------------------------------------------------------------------------
const district = loadDistrict();
const grids = district.grids.map((g) => {
  const place = district.locationOfGrid(g.code)!;
  return { gridCode: g.code, policeGridCode: place.policeGrid.code, communityCode: place.community.code };
});
const CHANNELS = ['110', '12345', 'nuannan'] as const;

/** intake.alert.received.v1 as intake sends it for a new incident: typed (every one of the types in turn) and located (every grid in turn). */
function alertReceived(n: number): AlertReceivedV1 {
  const type = alertTypes[n % alertTypes.length];
  const place = grids[(n * 7 + Math.floor(n / alertTypes.length)) % grids.length];
  const channel = CHANNELS[n % CHANNELS.length];
  return {
    alertId: timeOrderedId(),
    incidentId: timeOrderedId(),
    channel,
    externalId: `${channel}-bench-${n}`,
    reportedAt: new Date().toISOString(),
    typeCode: type.code,
    typeConfidence: 0.9,
    needsTriage: false,
    ...place,
    description: `${type.nameZh}，报警人称情况紧急，请尽快处理（第 ${n} 号）`,
  };
}

// --- what every incident did ----------------------------------------------------------------------
/** Per incident number: when it was published and when its assignment arrived (ms, performance.now; NaN until then). */
const sentAt: number[] = [];
const assignedAt: number[] = [];
const byIncident = new Map<string, number>();
/** Closed loop: who waits for an incident's assignment. */
const waiters = new Map<number, () => void>();
const wire = { assigned: 0, duplicates: 0, triage: 0, unknown: 0, publishErrors: 0 };

function onAssigned(incidentId: string): void {
  const n = byIncident.get(incidentId);
  if (n === undefined) return void wire.unknown++;
  if (!Number.isNaN(assignedAt[n])) return void wire.duplicates++;
  assignedAt[n] = now();
  wire.assigned++;
  const w = waiters.get(n);
  if (w) {
    waiters.delete(n);
    w();
  }
}

let js: ReturnType<typeof jetstream>;
let subject: string;

/** Publishes incident `n` as intake's relay would; a failed publish is retried under the same id (the stream drops a copy). */
async function publish(n: number): Promise<void> {
  const event = createEvent(AlertReceived.subject, alertReceived(n));
  byIncident.set(event.data.incidentId, n);
  assignedAt[n] = NaN;
  const body = JSON.stringify(event);
  sentAt[n] = now();
  for (let attempt = 1; ; attempt++) {
    try {
      await js.publish(subject, body, { msgID: event.id });
      return;
    } catch (err) {
      wire.publishErrors++;
      if (attempt >= 5) throw err;
    }
  }
}

// --- the commit probe and CPU meters ---------------------------------------------------------------
interface ProbeRecord {
  commits: { at: number; ms: number }[];
}

/** One durable commit every 20 ms beside the load (see the header). */
function startCommitProbe(client: pg.Client): { stop(): Promise<ProbeRecord> } {
  const record: ProbeRecord = { commits: [] };
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = now();
      const ok = await client.query('UPDATE public.bench_commit_probe SET commits = commits + 1 WHERE id = 1').then(
        () => true,
        () => false, // closed by a Ctrl-C's cleanup
      );
      if (!ok) return;
      const ms = now() - t0;
      record.commits.push({ at: t0, ms });
      await new Promise((r) => setTimeout(r, Math.max(0, 20 - ms)));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return record;
    },
  };
}

/**
 * BENCH_WAITS: what dispatch's connections do, sampled every 10 ms from pg_stat_activity: per state
 * (`active` running or waiting on `wait_event_type:wait_event`, `idle in transaction` = waiting for
 * the service between its statements, `idle` = in the pool), the mean number of connections in it.
 */
function startWaitSampler(pool: pg.Pool): { stop(): Promise<string> } {
  const counts = new Map<string, number>();
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const { rows } = await pool
        .query<{ state: string; n: number }>(
        `SELECT CASE WHEN state = 'active' THEN 'active' || coalesce(' ' || wait_event_type || ':' || wait_event, ' (cpu)') ELSE state END AS state, count(*)::int AS n
           FROM pg_stat_activity WHERE usename = 'dispatch' AND datname = current_database() GROUP BY 1`,
        )
        .catch(() => ({ rows: [] })); // closed by a Ctrl-C's cleanup
      samples++;
      for (const r of rows) counts.set(r.state, (counts.get(r.state) ?? 0) + r.n);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return [...counts].sort((a, b) => b[1] - a[1]).map(([state, n]) => `${state} ${(n / samples).toFixed(2)}`).join(', ');
    },
  };
}

/** CPU ms of one process (utime + stime from /proc), or NaN where there is no /proc. */
function processCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

interface Cpu {
  dispatch: number;
  postgres: number | null;
  nats: number | null;
  bench: number;
}

function meterCpu(): { stop(): Cpu } {
  const postgres = cpuMeter('postgres');
  const nats = cpuMeter('nats-server');
  const own = process.cpuUsage();
  const child = processCpuMs(dispatchChild?.pid);
  return {
    stop() {
      const used = process.cpuUsage(own);
      return { dispatch: processCpuMs(dispatchChild?.pid) - child, postgres: postgres.stop().processMs, nats: nats.stop().processMs, bench: (used.user + used.system) / 1000 };
    },
  };
}

// --- steps -------------------------------------------------------------------------------------------
interface Row {
  run: string;
  offered: number | null;
  warmUp?: boolean;
  published: number;
  assigned: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  lost: number;
  /** Open loop: the latest publish after its due time, ms. */
  sendLag: number;
  probeMax: number;
  cpu: Cpu;
  /** Per second of the step: count, p50, p99 and the probe's slowest commit (BENCH_TIMELINE). */
  timeline?: string[];
  /** BENCH_WAITS: dispatch's connections, mean number per state. */
  waits?: string;
  /** WAL the whole server wrote per assignment, KB (pg_stat_wal; others' work counts too). */
  walKb: number;
}

/** WAL bytes the whole server has written (NaN before Postgres 14). */
async function walBytes(): Promise<number> {
  return admin!.query<{ bytes: string }>('SELECT wal_bytes::text AS bytes FROM pg_stat_wal').then(
    (r) => Number(r.rows[0].bytes),
    () => NaN,
  );
}

let next = 0;
/** The current step's latest publish after its due time, ms. */
let sendLag = 0;

/** `total` incidents at `rate` a second: every TICK_MS, whatever is due by then, published together. */
async function openLoop(total: number, rate: number): Promise<void> {
  const start = now();
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((now() - start) * rate) / 1000) + 1);
    for (; sent < due; sent++) {
      const p: Promise<void> = publish(next++).finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    if (sent < total) await new Promise((r) => setTimeout(r, TICK_MS));
  }
  await Promise.all(inFlight);
}

/** Waits until every incident of [from, to) is assigned, or nothing moved for DRAIN_STALL_MS. */
async function drain(from: number, to: number): Promise<void> {
  const pending = () => {
    let p = 0;
    for (let n = from; n < to; n++) if (Number.isNaN(assignedAt[n])) p++;
    return p;
  };
  let left = pending();
  let moved = now();
  while (left > 0 && now() - moved < DRAIN_STALL_MS) {
    await new Promise((r) => setTimeout(r, 50));
    const l = pending();
    if (l < left) moved = now();
    left = l;
  }
}

async function step(run: string, offered: number | null, seconds: number, probeClient: pg.Client, warmUp = false): Promise<Row> {
  const from = next;
  sendLag = 0;
  console.error(`${new Date().toISOString()} ${run}`); // to match a step with the servers' logs
  const wal0 = await walBytes();
  const meter = meterCpu();
  const probe = startCommitProbe(probeClient);
  const waits = WAITS ? startWaitSampler(admin!) : undefined;
  const t0 = now();
  const end = t0 + seconds * 1000;
  if (offered !== null) {
    const total = Math.round(offered * seconds);
    const before = wire.assigned; // the steps before were drained
    const stop = progress(run, () => wire.assigned - before, total);
    const first = next;
    if (TICK_MS === 0) await drive(total, PUBLISHERS, () => publish(next++), offered);
    else await openLoop(total, offered);
    // How late the publisher was: the latest publish after its due time (first publish + n / rate).
    for (let n = first; n < next; n++) sendLag = Math.max(sendLag, sentAt[n] - sentAt[first] - ((n - first) * 1000) / offered);
    await drain(from, next);
    stop();
  } else {
    // Closed loop: WINDOW incidents in flight, each slot publishing the next one once its incident is assigned.
    const stop = progress(`${run} (seconds)`, () => Math.min(seconds, Math.floor((now() - t0) / 1000)), seconds);
    await Promise.all(
      Array.from({ length: WINDOW }, async () => {
        while (now() < end) {
          const n = next++;
          const assigned = new Promise<void>((resolve) => waiters.set(n, resolve));
          await publish(n);
          await Promise.race([assigned, new Promise((r) => setTimeout(r, DRAIN_STALL_MS).unref())]);
        }
      }),
    );
    await drain(from, next);
    stop();
  }
  const cpu = meter.stop();
  const wal = (await walBytes()) - wal0;
  const { commits } = await probe.stop();
  const waitStates = await waits?.stop();
  const to = next;
  const latencies: number[] = [];
  let lastAssigned = t0;
  let inWindow = 0;
  for (let n = from; n < to; n++) {
    if (Number.isNaN(assignedAt[n])) continue;
    latencies.push(assignedAt[n] - sentAt[n]);
    lastAssigned = Math.max(lastAssigned, assignedAt[n]);
    if (assignedAt[n] <= end) inWindow++;
  }
  latencies.sort((a, b) => a - b);
  const assigned = latencies.length;
  // Open loop: every assignment of the step over first publish .. last assignment. Closed loop:
  // the assignments that arrived within its seconds, over them (what was in flight at the end drains after).
  const perSecond = offered !== null ? assigned / ((lastAssigned - sentAt[from]) / 1000) : inWindow / seconds;
  const per = (ms: number) => ms / Math.max(1, assigned);
  const row: Row = {
    run,
    offered,
    warmUp,
    published: to - from,
    assigned,
    perSecond,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    lost: to - from - assigned,
    sendLag: offered === null ? NaN : sendLag,
    probeMax: commits.length ? Math.max(...commits.map((c) => c.ms)) : NaN,
    walKb: per(wal) / 1024,
    cpu: { dispatch: per(cpu.dispatch), postgres: cpu.postgres === null ? null : per(cpu.postgres), nats: cpu.nats === null ? null : per(cpu.nats), bench: per(cpu.bench) },
  };
  if (TIMELINE && offered !== null) row.timeline = timeline(from, to, commits);
  row.waits = waitStates;
  return row;
}

/** Per second of publish time: count, p50 and p99 of the incidents published in it, and the probe's slowest commit. */
function timeline(from: number, to: number, commits: ProbeRecord['commits']): string[] {
  const t0 = sentAt[from];
  const seconds: number[][] = [];
  for (let n = from; n < to; n++) if (!Number.isNaN(assignedAt[n])) (seconds[Math.floor((sentAt[n] - t0) / 1000)] ??= []).push(assignedAt[n] - sentAt[n]);
  const probe: number[] = [];
  for (const c of commits) {
    const s = Math.floor((c.at - t0) / 1000);
    if (s >= 0) probe[s] = Math.max(probe[s] ?? 0, c.ms);
  }
  return Array.from(seconds, (l = [], s) => {
    const sorted = l.sort((a, b) => a - b);
    return `${String(s).padStart(4)} s ${String(sorted.length).padStart(6)} ${fmt(percentile(sorted, 50), 1).padStart(8)} ${fmt(percentile(sorted, 99), 1).padStart(8)} ${fmt(probe[s] ?? NaN, 1).padStart(8)}`;
  });
}

// --- report ------------------------------------------------------------------------------------------
const fmt = (x: number | null, digits = 0) => (x === null || Number.isNaN(x) ? '-' : x.toFixed(digits));

function printRows(rows: Row[]): void {
  const header = ['run', 'offered/s', 'published', 'assigned/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'lost', 'send lag ms', 'probe max ms', 'cpu: dispatch', 'postgres', 'nats', 'bench', 'wal KB'];
  const cells = rows.map((r) => [
    r.run,
    r.offered === null ? `window ${WINDOW}` : String(r.offered),
    String(r.published),
    fmt(r.perSecond),
    fmt(r.p50, 1),
    fmt(r.p95, 1),
    fmt(r.p99, 1),
    fmt(r.max, 1),
    String(r.lost),
    fmt(r.sendLag, 1),
    `${fmt(r.probeMax, 1)}${r.probeMax >= STALL_MS ? ' stall' : ''}`,
    fmt(r.cpu.dispatch, 3),
    fmt(r.cpu.postgres, 3),
    fmt(r.cpu.nats, 3),
    fmt(r.cpu.bench, 3),
    fmt(r.walKb, 1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const c of cells) console.log(line(c));
}

// --- the run -----------------------------------------------------------------------------------------
let dispatchChild: ChildProcess | undefined;
let childExited: Promise<void> = Promise.resolve();
let stoppingChild = false;
let nc: NatsConnection | undefined;
let ns: BusNamespace | undefined;
let rawNs: BusNamespace | undefined;
let db: TestDatabase | undefined;
let rawDb: TestDatabase | undefined;
let admin: pg.Pool | undefined;
let probeClient: pg.Client | undefined;
let subs: Subscription[] = [];

/** Forks the dispatch service (dispatch.process.ts) and waits until it consumes. */
async function startDispatch(databaseUrl: string, prefix: string): Promise<void> {
  const child = fork(fileURLToPath(new URL('./dispatch.process.ts', import.meta.url)), {
    execArgv: ['--import', './tools/runtime/register.mjs', ...(CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROFILE}`] : [])],
    env: { ...process.env, DATABASE_URL: databaseUrl, NATS_URL: natsTestUrl(), NS_PREFIX: prefix },
  });
  dispatchChild = child;
  childExited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let ready = false;
  await new Promise<void>((resolve, reject) => {
    child.once('message', (m: { ready?: boolean }) => {
      ready = !!m.ready;
      if (ready) resolve();
    });
    child.once('exit', (code, signal) => {
      if (stoppingChild) return;
      const why = `the dispatch process exited (${signal ?? `code ${code}`})`;
      if (!ready) return reject(new Error(`${why} before it was ready`));
      // Once running, a dispatch that dies ends the run: nothing would be assigned any more.
      console.error(`\n${why}: stopping the bench`);
      void cleanup().finally(() => process.exit(1));
    });
  });
}

async function stopDispatch(): Promise<void> {
  const child = dispatchChild;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  stoppingChild = true;
  if (child.connected) child.send({ stop: true });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await childExited;
  clearTimeout(timer);
}

let cleaning: Promise<void> | undefined;
/** Everything this run set up, undone; each step runs even if one before it failed. Safe to call twice. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    const steps: [string, () => Promise<unknown>][] = [
      ['dispatch process', () => stopDispatch()],
      ['subscriptions', async () => subs.forEach((s) => s.unsubscribe())],
      ['commit probe', async () => probeClient?.end()],
      ['admin pool', async () => admin?.end()],
      ['namespace', async () => ns && nc && deleteNamespace(nc, ns)],
      ['baseline namespace', async () => rawNs && nc && deleteNamespace(nc, rawNs)],
      ['nats', async () => nc?.close()],
      ['database', async () => db?.drop()],
      ['baseline database', async () => rawDb?.drop()],
    ];
    for (const [what, run] of steps) {
      await run().catch((err: unknown) => {
        process.exitCode = 1;
        console.error(`cleanup of ${what} failed:`, err);
      });
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: removing the scratch databases and namespaces`);
    // What was under way fails as its connections close: that must not end the process before the cleanup.
    process.on('unhandledRejection', () => undefined);
    void cleanup().finally(() => process.exit(130));
  });
}

const DISPATCH_ENV = Object.entries(process.env).filter(([k]) => k.startsWith('DISPATCH_')).map(([k, v]) => `${k}=${v}`);
console.log(
  `bench:dispatch on ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}, ${new Date().toISOString()}\n` +
    `settings: BENCH_SECONDS=${SECONDS} BENCH_TICK_MS=${TICK_MS} BENCH_RATES=${RATES.join(',')} BENCH_STEPS=${STEPS} (at ${TARGET_RATE}/s) BENCH_WINDOW=${WINDOW} BENCH_WARMUP_SECONDS=${WARMUP_SECONDS} ` +
    `BENCH_BASELINE_EVENTS=${WITH_BASELINE ? BASELINE_EVENTS : 'off'}${CPU_PROFILE ? ` BENCH_CPU_PROFILE=${CPU_PROFILE}` : ''}${DISPATCH_ENV.length ? ` ${DISPATCH_ENV.join(' ')}` : ''}`,
);

let failed = false;
try {
  db = await prepareServiceDatabase('dispatch', migrations);
  nc = await connectNats({ servers: natsTestUrl(), name: 'bench-dispatch' });
  ns = await prepareTestBus(nc);
  js = jetstream(nc);
  subject = wireSubject(ns, AlertReceived.subject);
  admin = new pg.Pool({ connectionString: db.url, max: 2 });
  await admin.query('CREATE TABLE public.bench_commit_probe (id int PRIMARY KEY, commits bigint NOT NULL); INSERT INTO public.bench_commit_probe VALUES (1, 0)');
  probeClient = new pg.Client({ connectionString: db.url, application_name: 'bench commit probe' });
  await probeClient.connect();
  const autovacuum = String((await admin.query('SHOW autovacuum')).rows[0].autovacuum);
  const pgVersion = String((await admin.query('SHOW server_version')).rows[0].server_version);
  console.log(`servers: PostgreSQL ${pgVersion} (${new URL(db.url).host}), nats-server ${nc.info?.version ?? '?'} (${natsTestUrl()}); scratch database ${db.name}, namespace ${ns.prefix}`);

  subs = [
    nc.subscribe(wireSubject(ns, IncidentAssigned.subject), {
      callback: (err, m) => {
        if (!err) onAssigned((m.json() as { data: { incidentId: string } }).data.incidentId);
      },
    }),
    nc.subscribe(wireSubject(ns, IncidentTriageRequired.subject), {
      callback: (err) => {
        if (!err) wire.triage++;
      },
    }),
  ];
  await nc.flush();

  const databaseUrl = serviceDatabaseUrl('dispatch', { ...process.env, DISPATCH_DATABASE_URL: undefined, DATABASE_URL: db.url });
  await startDispatch(databaseUrl, ns.prefix);
  const analyze = () => admin!.query('ANALYZE dispatch.incidents, dispatch.incident_events, dispatch.staff, dispatch.units, dispatch.inbox, dispatch.outbox');

  const rows: Row[] = [];
  const run = async (label: string, offered: number | null, seconds: number, warmUp = false) => {
    const row = await step(label, offered, seconds, probeClient!, warmUp);
    rows.push(row);
    await analyze();
    return row;
  };
  if (WARMUP_SECONDS > 0) await run(`warm-up ${TARGET_RATE}/s`, TARGET_RATE, WARMUP_SECONDS, true);
  for (const rate of RATES) await run(`open ${rate}/s`, rate, SECONDS);
  const targetRows: Row[] = [];
  for (let i = 1; i <= STEPS; i++) targetRows.push(await run(`open ${TARGET_RATE}/s #${i}`, TARGET_RATE, SECONDS));
  const closed = await run(`closed loop`, null, SECONDS);

  // Every incident published assigned exactly once: in dispatch's tables, on the stream, on the wire.
  await new Promise((r) => setTimeout(r, 500)); // the relay marks its last batch
  const published = next;
  const [{ incidents, assigned, triage }] = (
    await admin.query<{ incidents: number; assigned: number; triage: number }>(
      `SELECT count(*)::int AS incidents, count(*) FILTER (WHERE status = 'assigned')::int AS assigned, count(*) FILTER (WHERE status = 'triage')::int AS triage FROM dispatch.incidents`,
    )
  ).rows;
  const timelineAssigned = Number((await admin.query(`SELECT count(*) FROM dispatch.incident_events WHERE what = 'assigned'`)).rows[0].count);
  const outboxLeft = Number((await admin.query('SELECT count(*) FROM dispatch.outbox')).rows[0].count);
  // The stream's last sequence counts every event it stored once (a re-publish with the same id is dropped).
  const streamEvents = (await (await jetstreamManager(nc)).streams.info(streamName(ns, 'DISPATCH'))).state.last_seq;
  await stopDispatch();

  // --- the raw baseline ----------------------------------------------------------------------------
  let raw: RunStats | undefined;
  if (WITH_BASELINE) {
    rawDb = await createTestDatabase('bench_raw');
    await prepareRawBaseline(rawDb.url);
    rawNs = createTestNamespace();
    raw = await rawRun(`raw baseline, ${BASELINE_EVENTS} as fast as possible`, nc, rawDb.url, BASELINE_EVENTS, undefined, rawNs);
    rawNs = undefined; // rawRun deleted it
  }

  // --- report --------------------------------------------------------------------------------------
  console.log(`\ndispatch benchmark on ${process.version}, ${cpus().length} cores; ${SECONDS} s per step; dispatch in its own process (consumer: the platform's batch consumer as the topology sets it)`);
  console.log('published = intake.alert.received.v1 events published in the step (typed, located); assigned/s = open loop: assignments / (first publish .. last assignment),');
  console.log(`  closed loop: assignments within its ${SECONDS} s / ${SECONDS} s; latency = publish (before JetStream's ack) to dispatch.incident.assigned.v1 received on the wire;`);
  console.log('lost = published but not assigned on the wire; each step waits for its incidents before the next one;');
  console.log(`send lag = the open loop's latest publish after its due time (published every ${TICK_MS || 'event on its own timer, not every'} ms: what is due together, as intake's relay does under load);`);
  console.log(`probe max = the commit probe's slowest commit (over ${STALL_MS} ms: a disk stall); cpu = CPU ms per assignment: the dispatch process, every Postgres and nats-server process`);
  console.log(`  of this machine (shared: others' work counts too), this bench process (publisher, subscriber, probe); wal KB = WAL the whole server wrote per assignment;`);
  console.log(`autovacuum is ${autovacuum}, tables ANALYZEd after each step\n`);
  printRows(rows);
  if (raw) console.log(`\n${raw.label}: ${raw.count} events in ${raw.seconds.toFixed(2)} s = ${raw.perSecond.toFixed(0)} events/s (p50 ${raw.p50.toFixed(1)} ms, p99 ${raw.p99.toFixed(1)} ms: queueing)`);

  const exactlyOnce = incidents === published && assigned === published && timelineAssigned === published && streamEvents === published && wire.assigned === published && wire.duplicates === 0;
  console.log(
    `\npublished ${published}; dispatch.incidents ${incidents} (assigned ${assigned}, triage ${triage}); 'assigned' timeline entries ${timelineAssigned}; outbox rows left ${outboxLeft}; ` +
      `DISPATCH stream events ${streamEvents}; on the wire: ${wire.assigned} assigned, ${wire.duplicates} duplicates, ${wire.triage} triage-required, ${wire.unknown} unknown; publish retries ${wire.publishErrors}` +
      `\nevery published incident assigned exactly once: ${exactlyOnce ? 'yes' : 'NO  <-- LOST OR DUPLICATED'}`,
  );

  const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
  const ratio = raw ? closed.perSecond / raw.perSecond : NaN;
  if (raw) console.log(`ratio dispatch closed loop / raw baseline: ${(ratio * 100).toFixed(0)} % (${fmt(closed.perSecond)} / ${fmt(raw.perSecond)} per second)`);
  console.log(
    `target >= ${TARGET_PER_SECOND} assignments/s closed loop (${fmt(closed.perSecond)}) or >= 50 % of the baseline (${raw ? `${(ratio * 100).toFixed(0)} %` : 'not run'}): ` +
      verdict(closed.perSecond >= TARGET_PER_SECOND || ratio >= 0.5),
  );
  if (targetRows.length) {
    const p99s = targetRows.map((r) => r.p99);
    const median = percentile([...p99s].sort((a, b) => a - b), 50);
    const each = targetRows.map((r) => `#${targetRows.indexOf(r) + 1} ${fmt(r.p99, 1)}${r.probeMax >= STALL_MS ? ` (disk stall: probe ${fmt(r.probeMax)} ms)` : ''}${r.lost ? ` (${r.lost} lost)` : ''}`);
    const off = targetRows.filter((r) => !(r.p99 < TARGET_P99_MS) || r.lost > 0);
    console.log(
      `target p99 < ${TARGET_P99_MS} ms at an offered ${TARGET_RATE}/s, median of ${targetRows.length} steps: median ${fmt(median, 1)} ms (spread ${fmt(Math.min(...p99s), 1)}-${fmt(Math.max(...p99s), 1)}): ${verdict(median < TARGET_P99_MS && targetRows.every((r) => r.lost === 0))}` +
        `\n  p99 per step: ${each.join(', ')}; over the target: ${off.length ? off.map((r) => r.run).join(', ') : 'none'}; disk stalls in ${targetRows.filter((r) => r.probeMax >= STALL_MS).length} of ${targetRows.length}`,
    );
  }
  if (WAITS) {
    console.log(`\ndispatch's Postgres connections, mean number in each state (sampled every 10 ms):`);
    for (const r of rows) console.log(`  ${r.run}: ${r.waits}`);
  }
  if (TIMELINE) {
    for (const r of rows.filter((x) => x.timeline)) console.error(`\n${r.run}, per second of publish time:\n  second  count   p50 ms   p99 ms probe ms\n${r.timeline!.join('\n')}`);
  }
  if (!exactlyOnce) failed = true;
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  await cleanup();
}
process.exitCode = failed || process.exitCode ? 1 : 0;
