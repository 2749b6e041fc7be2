// HTTP load for the intake benchmark, generated in a worker thread so that it does not take the
// event loop of the server under test (which runs on the main thread). node:http with a
// keep-alive agent: undici's fetch costs too much CPU on a 2-core machine.
//
// Open loop: requests are sent at the offered rate whether or not earlier ones have answered; when
// `maxInFlight` are outstanding the request is dropped (a failure). Closed loop: `concurrency`
// connections, each sending its next request as soon as the previous one answers.
import http from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

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
}

type Progress = { type: 'progress'; done: number };
type Done = { type: 'result'; result: LoadResult } | { type: 'error'; message: string };

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
    return new Promise((resolve, reject) => {
      const onMessage = (m: Progress | Done) => {
        if (m.type === 'progress') return;
        this.worker.off('message', onMessage);
        this.worker.off('error', onError);
        if (m.type === 'result') resolve(m.result);
        else reject(new Error(`load worker: ${m.message}`));
      };
      const onError = (err: Error) => {
        this.worker.off('message', onMessage);
        reject(err);
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', onError);
      this.worker.postMessage(spec);
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

function runLoad(spec: LoadSpec, agent: http.Agent, report: (done: number) => void): Promise<LoadResult> {
  const { hostname, port } = new URL(spec.url);
  const channels = Object.keys(spec.mix.keys);
  const latencies: number[] = [];
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
  const t0 = performance.now();
  const progressTimer = setInterval(() => report(answered + dropped), 250);

  const send = (after: () => void) => {
    const channel = channels[seq % channels.length];
    const body = Buffer.from(alertJson(spec.mix, channel, `${spec.tag}-${seq++}`));
    let finished = false;
    const finish = (status: number, text: string, failure?: 'timeout' | 'network') => {
      if (finished) return;
      finished = true;
      const now = performance.now();
      inFlight--;
      answered++;
      lastAnswer = now;
      if (failure === 'timeout') timeouts++;
      else if (failure === 'network') networkErrors++;
      else if (status === 202) {
        latencies.push(now - start);
        if (text.includes('"status":"linked"')) linked++;
      } else {
        statuses[status] = (statuses[status] ?? 0) + 1;
        sampleError ??= `${status} ${text.slice(0, 300)}`;
      }
      after();
    };
    inFlight++;
    sent++;
    const start = performance.now();
    const req = http.request(
      {
        agent,
        hostname,
        port,
        path: '/v1/alerts',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-channel-key': spec.mix.keys[channel] },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => finish(res.statusCode ?? 0, text));
        res.on('error', (e) => finish(0, e.message, 'network'));
      },
    );
    req.setTimeout(spec.timeoutMs, () => {
      finish(0, 'timeout', 'timeout');
      req.destroy();
    });
    req.on('error', (e) => {
      sampleError ??= `network: ${e.message}`;
      finish(0, e.message, 'network');
    });
    req.end(body);
  };

  return new Promise((resolve) => {
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
      });
    };

    if (spec.mode === 'open') {
      const rate = spec.rate!;
      const total = Math.round(rate * spec.seconds);
      const cap = spec.maxInFlight ?? 256;
      let scheduled = 0;
      const maybeDone = () => {
        if (scheduled === total && inFlight === 0) settle(total);
      };
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
        while (scheduled < due) {
          scheduled++;
          if (inFlight >= cap) dropped++;
          else send(maybeDone);
        }
        if (scheduled < total) setTimeout(tick, 1);
        else maybeDone();
      };
      tick();
    } else {
      const deadline = t0 + spec.seconds * 1000;
      const total = spec.total ?? Infinity;
      let connections = spec.concurrency ?? 64;
      const next = () => {
        if (sent < total && performance.now() < deadline) send(next);
        else if (--connections === 0) settle(sent);
      };
      for (let i = spec.concurrency ?? 64; i > 0; i--) next();
    }
  });
}

if (!isMainThread && (workerData as { httpLoadWorker?: boolean } | null)?.httpLoadWorker) {
  const port = parentPort!;
  const agents = new Map<string, http.Agent>();
  port.on('message', (spec: LoadSpec) => {
    let agent = agents.get(spec.url);
    if (!agent) agents.set(spec.url, (agent = new http.Agent({ keepAlive: true, maxSockets: 256 })));
    runLoad(spec, agent, (done) => port.postMessage({ type: 'progress', done } satisfies Progress))
      .then((result) => port.postMessage({ type: 'result', result } satisfies Done, [result.latencies.buffer as ArrayBuffer]))
      .catch((err: unknown) => port.postMessage({ type: 'error', message: String((err as Error)?.stack ?? err) } satisfies Done));
  });
}
