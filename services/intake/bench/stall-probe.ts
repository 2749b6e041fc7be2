// BENCH_TIMELINE's probe of one thread: how late a 5 ms timer fires (the event loop held by
// something: a long task, a GC pause, a descheduled thread) and the GC pauses V8 reports, with
// epoch times so that the server's and the load generator's threads can be lined up.
import { PerformanceObserver, performance } from 'node:perf_hooks';

const TICK_MS = 5;

export interface StallSample {
  /** Epoch ms. */
  at: number;
  ms: number;
}

export interface StallRecord {
  /** Timer lateness beyond TICK_MS, one per tick that was late by at least 1 ms. */
  lags: StallSample[];
  /** GC pauses (every kind). */
  gcs: StallSample[];
}

const epoch = (t: number) => performance.timeOrigin + t;

export function startStallProbe(): { stop(): StallRecord } {
  const record: StallRecord = { lags: [], gcs: [] };
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK_MS;
    if (late >= 1) record.lags.push({ at: epoch(last), ms: late });
    last = now;
  }, TICK_MS);
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) record.gcs.push({ at: epoch(e.startTime), ms: e.duration });
  });
  gc.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      clearInterval(timer);
      gc.disconnect();
      return record;
    },
  };
}

/** Per window of `windowMs` from `startEpoch`, the samples in it folded by `fold` from 0; what falls outside is left out. */
export function perWindow(samples: StallSample[], startEpoch: number, windowMs: number, windows: number, fold: (acc: number, ms: number) => number): number[] {
  const out = new Array<number>(windows).fill(0);
  for (const s of samples) {
    const w = Math.floor((s.at - startEpoch) / windowMs);
    if (w >= 0 && w < windows) out[w] = fold(out[w], s.ms);
  }
  return out;
}

/** Per window of `windowMs` from `startEpoch`: the longest lag and the GC pause total, as "lag/gc". */
export function stallCells(r: StallRecord, startEpoch: number, windowMs: number, windows: number): string[] {
  const gc = perWindow(r.gcs, startEpoch, windowMs, windows, (a, ms) => a + ms);
  return perWindow(r.lags, startEpoch, windowMs, windows, Math.max).map((l, w) => `${l.toFixed(0)}/${gc[w].toFixed(0)}`);
}
