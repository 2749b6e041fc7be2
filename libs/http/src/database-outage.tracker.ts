export interface OutageLog {
  warn(message: string): void;
  log(message: string): void;
}

export interface DatabaseOutageOptions {
  /** Answers when the database does (`SELECT 1`); run while an outage lasts, to see its end. */
  probe: () => Promise<unknown>;
  log: OutageLog;
  /** Seconds a caller is told to wait (Retry-After). */
  retryAfterSeconds: number;
  /** Between probes while the database does not answer. */
  probeEveryMs?: number;
  /** A probe that has not answered after this long counts as failed. */
  probeTimeoutMs?: number;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * One outage of the service's database, from the first request answered 503 to the first probe
 * that gets an answer: logged once when it starts (with the reason) and once when it ends (with
 * how long it lasted and how many requests were refused), instead of a stack trace per request
 * (33,000 lines for two 10-s outages). The end is seen by probing, not by the next request that
 * succeeds: a request does not say whether it used the database.
 */
export class DatabaseOutageTracker {
  private since: number | null = null;
  private refusedCount = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly o: DatabaseOutageOptions) {}

  get retryAfterSeconds(): number {
    return this.o.retryAfterSeconds;
  }

  get inOutage(): boolean {
    return this.since !== null;
  }

  /** A request was answered 503 because the database did not answer; `reason` is for the log. */
  refused(reason: string): void {
    this.refusedCount++;
    if (this.since !== null) return;
    this.since = performance.now();
    this.o.log.warn(`the database is unavailable (${reason}); requests that need it are answered 503 until it answers again`);
    this.schedule();
  }

  /** Stops probing (the app closes). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.probeOnce(), this.o.probeEveryMs ?? 1000);
    this.timer.unref();
  }

  private async probeOnce(): Promise<void> {
    this.timer = null;
    let timeout: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      this.o.probe().then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => (timeout = setTimeout(() => resolve(false), this.o.probeTimeoutMs ?? 5000).unref())),
    ]);
    clearTimeout(timeout);
    if (this.stopped || this.since === null) return;
    if (!answered) return this.schedule();
    const lasted = performance.now() - this.since;
    const refused = this.refusedCount;
    this.since = null;
    this.refusedCount = 0;
    const requests = refused === 1 ? '1 request was' : `${refused.toLocaleString('en-US')} requests were`;
    this.o.log.log(`the database answers again after ${seconds(lasted)} s; ${requests} answered 503`);
  }
}
