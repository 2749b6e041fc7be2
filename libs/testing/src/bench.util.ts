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
