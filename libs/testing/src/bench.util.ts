import { readdirSync, readFileSync } from 'node:fs';

/** Latency and throughput arithmetic shared by the benchmark scripts. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export interface RunStats {
  label: string;
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

export function stats(label: string, latenciesMs: number[], seconds: number): RunStats {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return { label, count: sorted.length, seconds, perSecond: sorted.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export function printTable(rows: RunStats[]): void {
  const line = (r: RunStats) =>
    `${r.label.padEnd(44)} ${String(r.count).padStart(7)} ${r.seconds.toFixed(2).padStart(8)} ${r.perSecond.toFixed(0).padStart(9)} ${r.p50.toFixed(1).padStart(8)} ${r.p99.toFixed(1).padStart(8)}`;
  console.log(`${'run'.padEnd(44)} ${'events'.padStart(7)} ${'seconds'.padStart(8)} ${'events/s'.padStart(9)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
  for (const r of rows) console.log(line(r));
}

/** Runs `fn` for `total` items with at most `concurrency` at once, optionally paced to `ratePerSecond`. */
export async function drive(total: number, concurrency: number, fn: (i: number) => Promise<void>, ratePerSecond?: number): Promise<void> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= total) return;
        if (ratePerSecond) {
          const due = started + (i * 1000) / ratePerSecond;
          const wait = due - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        await fn(i);
      }
    }),
  );
}

/** Progress on stderr: one line rewritten on a terminal, a line every 5 s in a log. */
export function progress(label: string, done: () => number, total: number): () => void {
  const tty = process.stderr.isTTY;
  const show = () => process.stderr.write(tty ? `\r${label}: ${done()}/${total}   ` : `${label}: ${done()}/${total}\n`);
  const timer = setInterval(show, tty ? 500 : 5_000);
  return () => {
    clearInterval(timer);
    if (tty) process.stderr.write(`\r${label}: ${total}/${total}   \n`);
  };
}

/**
 * CPU time used from this call to the returned `stop()`: by the calling thread
 * (`process.threadCpuUsage`) and by every process named `processName` on this machine (by /proc;
 * null where there is none, e.g. the database runs elsewhere). Less noisy than throughput on a
 * shared machine: the work per item, whatever else the cores were doing.
 */
export function cpuMeter(processName = 'postgres'): { stop(): { threadMs: number; processMs: number | null } } {
  const thread = process.threadCpuUsage();
  const before = processTicks(processName);
  return {
    stop() {
      const after = processTicks(processName);
      const used = process.threadCpuUsage(thread);
      // Per process: one that started meanwhile counts whole, one that ended meanwhile is lost (a pool closing an idle connection).
      let ticks = 0;
      for (const [pid, t] of after) ticks += t - (before.get(pid) ?? 0);
      return { threadMs: (used.user + used.system) / 1000, processMs: after.size === 0 ? null : (ticks * 1000) / CLOCK_TICKS };
    },
  };
}

/** USER_HZ: /proc/<pid>/stat counts in these. 100 on Linux for x86 and arm. */
const CLOCK_TICKS = 100;

/** CPU ticks of each process named `name`, by pid (none where /proc is missing). */
function processTicks(name: string): Map<string, number> {
  const ticks = new Map<string, number>();
  let dirs: string[];
  try {
    dirs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return ticks;
  }
  for (const pid of dirs) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== name) continue;
      const fields = stat.slice(close + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12])); // utime, stime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}
