import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * VACUUM of a service's busiest tables after every `everyRows` rows its writers report, at
 * autovacuum's pace (vacuum_cost_delay 2 ms) beside them rather than in their way: run flat out,
 * the VACUUM of a large outbox stalled every writer of the service for half a second (measured in
 * bench:intake). The service does not wait for autovacuum, which may be off or tuned for other
 * tables: the outbox leaves dead index entries behind every row sent, and a table that is only
 * inserted into needs its visibility map set for index-only scans. At most one VACUUM waits behind
 * the one running, so a slow one never piles up a queue.
 */
export class PacedVacuum {
  private written = 0;
  private running: Promise<void> = Promise.resolve();
  private waiting = false;

  /** `tables`: quoted names, comma-separated; `everyRows` 0: never. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly tables: string,
    private readonly everyRows: number,
    private readonly warn: (message: string) => void,
  ) {}

  /** Counts rows written (or marked, or rolled back: each leaves work for VACUUM); starts one when due. */
  wrote(rows: number): void {
    if (this.everyRows <= 0) return;
    this.written += rows;
    if (this.written < this.everyRows) return;
    this.written = 0;
    if (this.waiting) return;
    this.waiting = true;
    this.running = this.running.then(() => {
      this.waiting = false;
      return this.vacuum();
    });
  }

  /** Resolves when the VACUUMs started so far have ended: before the data source closes. */
  settled(): Promise<void> {
    return this.running;
  }

  private async vacuum(): Promise<void> {
    const qr = this.dataSource.createQueryRunner();
    try {
      const client = (await qr.connect()) as pg.PoolClient;
      // A paced VACUUM of a large table may outlast the service's statement timeout, and pg's
      // client-side query_timeout, set for the whole pool, would give up on it while the server
      // goes on: neither applies to it (0 is "the pool's" to pg, so the longest timer instead).
      await client.query(`SET statement_timeout = 0; SET vacuum_cost_delay = '2ms'`);
      await client.query({ text: `VACUUM (SKIP_LOCKED) ${this.tables}`, query_timeout: NO_CLIENT_TIMEOUT } as pg.QueryConfig);
    } catch (err) {
      this.warn(`VACUUM of ${this.tables} failed: ${(err as Error).message}`);
    } finally {
      // Back as the pool gave it (a connection that broke meanwhile, the pool drops itself).
      await qr.query('RESET statement_timeout; RESET vacuum_cost_delay').catch(() => undefined);
      await qr.release();
    }
  }
}

/** setTimeout's longest delay (about 24.8 days): for pg, a query timeout that never fires. */
const NO_CLIENT_TIMEOUT = 2 ** 31 - 1;
