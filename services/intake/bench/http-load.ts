// HTTP load for the intake benchmark, generated in a worker thread so that it does not take the
// event loop of the server under test (which runs on the main thread), on the lean keep-alive
// client of raw-http.pool.ts: node:http's client and undici's fetch cost too much CPU on 2 cores.
//
// Open loop: requests are sent at the offered rate whether or not earlier ones have answered; when
// `maxInFlight` are outstanding the request is dropped (a failure). Closed loop: `concurrency`
// connections, each sending its next request as soon as the previous one answers. The connections
// are open before the clock starts.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { postRequest, RawHttpPool } from './raw-http.pool.ts';
import { startCommitProbe, type CommitProbeRecord } from './commit-probe.ts';
import { startStallProbe, type StallRecord } from './stall-probe.ts';

/** Connections per server: the open loop's in-flight cap and the closed loop's concurrency stay below it. */
const MAX_CONNECTIONS = 256;

export interface AlertMix {
  /** Channel name to its X-Channel-Key. */
  keys: Record<string, string>;
  addresses: string[];
  gridCodes: string[];
  /** Share of alerts sent without typeCode, for the classifier (0..1). */
  untypedShare: number;
}

export interface LoadSpec {
  /** Base URL of the server, e.g. http://127.0.0.1:3000. */
  url: string;
  /** Unique per run: externalIds are `<tag>-<n>`. */
  tag: string;
  mix: AlertMix;
  mode: 'open' | 'closed';
  /** Open loop: offered requests per second, for `seconds`. */
  rate?: number;
  seconds: number;
  maxInFlight?: number;
  /** Closed loop: connections; stops after `seconds` or `total` requests, whichever comes first. */
  concurrency?: number;
  total?: number;
  timeoutMs: number;
  /** Run the stall probe on the load generator's thread (BENCH_TIMELINE). */
  probe?: boolean;
  /** Run the commit probe (commit-probe.ts) against this database for the run. */
  commitProbeUrl?: string;
}

export interface LoadResult {
  /** Requests scheduled (open loop) or sent (closed loop). */
  offered: number;
  sent: number;
  accepted: number;
  /** Accepted alerts the service linked to an earlier incident (repeat calls). */
  linked: number;
  dropped: number;
  timeouts: number;
  networkErrors: number;
  /** Non-202 answers by status code. */
  statuses: Record<string, number>;
  /** One non-202 answer, to tell what went wrong. */
  sampleError?: string;
  /** From the first send to the last answer (at least the offered window). */
  seconds: number;
  /** Send to end of response, of the 202 answers only. */
  latencies: Float64Array;
  /** When each of those was sent, ms after the run's start. */
  sentAt: Float64Array;
  /** CPU the load generator's own thread used for the run, ms. */
  cpuMs: number;
  /** Epoch ms of the run's start (sentAt's zero). */
  startEpoch: number;
  /** The load generator thread's stalls, when `spec.probe`. */
  stalls?: StallRecord;
  /** The database's commits beside the load, when `spec.commitProbeUrl`. */
  commitProbe?: CommitProbeRecord;
}

type ToWorker = { type: 'run'; spec: LoadSpec } | { type: 'disconnect'; url: string };
type Progress = { type: 'progress'; done: number };
type Done = { type: 'result'; result: LoadResult } | { type: 'disconnected' } | { type: 'error'; message: string };

/** The main-thread side: one worker, one run at a time. */
export class LoadClient {
  private done = 0;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: Progress) => {
      if (m.type === 'progress') this.done = m.done;
    });
  }

  static start(): LoadClient {
    // execArgv (the --import of the TypeScript loader) is inherited, so the worker runs this file too.
    return new LoadClient(new Worker(new URL(import.meta.url), { workerData: { httpLoadWorker: true } }));
  }

  /** Requests answered (or failed) so far in the current run. */
  answered(): number {
    return this.done;
  }

  run(spec: LoadSpec): Promise<LoadResult> {
    this.done = 0;
    return this.ask({ type: 'run', spec }).then((m) => (m as Extract<Done, { type: 'result' }>).result);
  }

  /** Closes the connections to the server at `url`: before that server closes, or it waits its shutdown grace for them. */
  async disconnect(url: string): Promise<void> {
    await this.ask({ type: 'disconnect', url });
  }

  private ask(message: ToWorker): Promise<Done> {
    return new Promise((resolve, reject) => {
      const onMessage = (m: Progress | Done) => {
        if (m.type === 'progress') return;
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
        if (m.type === 'error') reject(new Error(`load worker: ${m.message}`));
        else resolve(m);
      };
      const onError = (err: Error) => {
        this.worker.off('message', onMessage);
        reject(err);
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', onError);
      this.worker.postMessage(message);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

// ---------------------------------------------------------------------------------------------
// Worker side.

const DESCRIBED: { typeCode: string; description: string }[] = [
  { typeCode: 'CM-NOISE', description: '楼上邻居装修噪音太大了，吵得老人睡不着' },
  { typeCode: 'CM-NOISE', description: '隔壁KTV半夜还在唱歌，声音很大' },
  { typeCode: 'CM-NOISE', description: '楼下广场舞音响太吵了' },
  { typeCode: 'CM-PARKING', description: '有辆车堵在小区消防通道上，联系不上车主' },
  { typeCode: 'CM-WATER-LEAK', description: '楼上漏水把我家天花板泡坏了，邻居不肯处理' },
  { typeCode: 'CT-THEFT', description: '我放在楼下的电动车被人偷了' },
];

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];

function alertJson(mix: AlertMix, channel: string, externalId: string): string {
  const d = pick(DESCRIBED);
  const typed = Math.random() >= mix.untypedShare;
  return JSON.stringify({
    channel,
    externalId,
    reportedAt: new Date(Date.now() - 60_000).toISOString(),
    ...(typed ? { typeCode: d.typeCode } : {}),
    description: d.description,
    caller: { name: '刘先生', phone: `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}` },
    location: { address: pick(mix.addresses), gridCode: pick(mix.gridCodes) },
  });
}

async function runLoad(spec: LoadSpec, pool: RawHttpPool, report: (done: number) => void): Promise<LoadResult> {
  const { host } = new URL(spec.url);
  /** Requests at once: the open loop's cap on those in flight, the closed loop's connections. */
  const width = spec.mode === 'open' ? (spec.maxInFlight ?? MAX_CONNECTIONS) : (spec.concurrency ?? 64);
  if (width > MAX_CONNECTIONS) throw new Error(`${spec.mode === 'open' ? 'maxInFlight' : 'concurrency'} above ${MAX_CONNECTIONS} connections`);
  await pool.open(width);
  const commitProbe = spec.commitProbeUrl ? await startCommitProbe(spec.commitProbeUrl) : undefined;
  const channels = Object.keys(spec.mix.keys);
  const latencies: number[] = [];
  const sentAt: number[] = [];
  const statuses: Record<string, number> = {};
  let sampleError: string | undefined;
  let sent = 0;
  let answered = 0;
  let linked = 0;
  let dropped = 0;
  let timeouts = 0;
  let networkErrors = 0;
  let inFlight = 0;
  let lastAnswer = 0;
  let seq = 0;
  const probe = spec.probe ? startStallProbe() : undefined;
  const t0 = performance.now();
  const cpu0 = process.threadCpuUsage();
  const progressTimer = setInterval(() => report(answered + dropped), 250);

  /** False when every connection is busy (the open loop counts a drop). */
  const send = (after: () => void): boolean => {
    const channel = channels[seq % channels.length];
    const body = alertJson(spec.mix, channel, `${spec.tag}-${seq++}`);
    const request = postRequest(host, '/v1/alerts', { 'content-type': 'application/json', 'x-channel-key': spec.mix.keys[channel] }, body);
    const accepted = pool.send(request, (answer, startedAt) => {
      const now = performance.now();
      inFlight--;
      answered++;
      lastAnswer = now;
      if ('failure' in answer) {
        if (answer.failure === 'timeout') timeouts++;
        else networkErrors++;
        sampleError ??= `${answer.failure}: ${answer.message}`;
      } else if (answer.status === 202) {
        latencies.push(now - startedAt);
        sentAt.push(startedAt - t0);
        if (answer.body.includes('"status":"linked"')) linked++;
      } else {
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        sampleError ??= `${answer.status} ${answer.body.slice(0, 300)}`;
      }
      after();
    });
    if (accepted) {
      inFlight++;
      sent++;
    }
    return accepted;
  };

  const result = await new Promise<LoadResult>((resolve) => {
    const settle = (offered: number) => {
      clearInterval(progressTimer);
      report(answered + dropped);
      resolve({
        offered,
        sent,
        accepted: latencies.length,
        linked,
        dropped,
        timeouts,
        networkErrors,
        statuses,
        sampleError,
        seconds: Math.max(spec.seconds, (lastAnswer - t0) / 1000),
        latencies: Float64Array.from(latencies),
        sentAt: Float64Array.from(sentAt),
        cpuMs: ((used) => (used.user + used.system) / 1000)(process.threadCpuUsage(cpu0)),
        startEpoch: performance.timeOrigin + t0,
        stalls: probe?.stop(),
      });
    };

    if (spec.mode === 'open') {
      const rate = spec.rate!;
      const total = Math.round(rate * spec.seconds);
      let scheduled = 0;
      const maybeDone = () => {
        if (scheduled === total && inFlight === 0) settle(total);
      };
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
        while (scheduled < due) {
          scheduled++;
          if (inFlight >= width || !send(maybeDone)) dropped++;
        }
        if (scheduled < total) setTimeout(tick, 1);
        else maybeDone();
      };
      tick();
    } else {
      const deadline = t0 + spec.seconds * 1000;
      const total = spec.total ?? Infinity;
      let connections = width;
      const next = () => {
        if (sent < total && performance.now() < deadline && send(next)) return;
        if (--connections === 0) settle(sent); // (send fails only if connections were lost and none may be opened)
      };
      for (let i = width; i > 0; i--) next();
    }
  });
  return { ...result, commitProbe: await commitProbe?.stop() };
}

if (!isMainThread && (workerData as { httpLoadWorker?: boolean } | null)?.httpLoadWorker) {
  const port = parentPort!;
  const pools = new Map<string, RawHttpPool>();
  port.on('message', (m: ToWorker) => {
    if (m.type === 'disconnect') {
      pools.get(m.url)?.close();
      pools.delete(m.url);
      port.postMessage({ type: 'disconnected' } satisfies Done);
      return;
    }
    const { spec } = m;
    let pool = pools.get(spec.url);
    if (!pool) {
      const { hostname, port: tcpPort } = new URL(spec.url);
      pools.set(spec.url, (pool = new RawHttpPool(hostname, Number(tcpPort), MAX_CONNECTIONS, spec.timeoutMs)));
    }
    runLoad(spec, pool, (done) => port.postMessage({ type: 'progress', done } satisfies Progress))
      .then((result) => port.postMessage({ type: 'result', result } satisfies Done, [result.latencies.buffer as ArrayBuffer, result.sentAt.buffer as ArrayBuffer]))
      .catch((err: unknown) => port.postMessage({ type: 'error', message: String((err as Error)?.stack ?? err) } satisfies Done));
  });
}
