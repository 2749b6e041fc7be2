import { Logger } from '@nestjs/common';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import type { DataSource } from 'typeorm';
import { wireSubject, type BusNamespace } from '@jingwang/contracts';
import { assertServiceName, PacedVacuum, quoteIdent } from '@jingwang/persistence';
import { exponentialDelay, sleep } from './backoff.ts';
import { JetStreamPublisher } from './jetstream.publisher.ts';
import { describeError } from './errors.ts';
import { messagingMetrics } from './messaging.metrics.ts';
import { onOutboxCommit } from './outbox-commit.signal.ts';
import type { OutboxRows } from './outbox.publisher.ts';

export interface OutboxRelayOptions {
  service: string;
  dataSource: DataSource;
  nc: NatsConnection;
  ns: BusNamespace;
  batchSize?: number;
  pollIntervalMs?: number;
  publishTimeoutMs?: number;
  maxBackoffMs?: number;
  /**
   * A claimed row is not claimed again for this long: the time a relay has to publish it and mark
   * it sent. A relay that dies holding rows leaves them to the next claim after this.
   */
  claimLeaseSeconds?: number;
  /**
   * VACUUM the outbox after this many rows were marked (0: never). Each row leaves a dead row and
   * index entries that every claim scans until a vacuum removes them (with 100,000 of them a claim
   * took 12 ms instead of 1), and the space it frees takes the next rows, so the outbox stays
   * small. Autovacuum does this too where it is on, but not at this rate.
   */
  vacuumEveryRows?: number;
  /**
   * Sent rows are marked (deleted) at most this often (0: after every batch): under load each mark is a
   * transaction and a wake-up of a Postgres process, and every batch sent meanwhile goes in the
   * next one. Marking later only keeps a row pending (leased to this relay) a little longer.
   */
  markIntervalMs?: number;
  /**
   * Rows handed over within this long of the last batch's end wait for the rest of it and go
   * together: under load, the commits of `lingerMs` go in one batch. Rows that come after a quiet
   * spell go at once (after one turn of the event loop, for the commits answered in it). Each
   * batch is a write to NATS, which wakes nats-server, and a mark. In bench:intake at 2,000
   * alerts/s (eight steps each way), 10 ms and marks at most every 100 ms took nats-server from
   * 0.041 to 0.035 ms of CPU per alert, Postgres from 0.312 to 0.292.
   */
  lingerMs?: number;
  /** Test seam: runs after a batch is published and before it is marked sent. */
  afterPublish?: (ids: string[]) => void | Promise<void>;
}

/**
 * A FROM item that lets the statement's own transaction commit without waiting for its WAL to
 * reach the disk: synchronous_commit is read at commit, before a SET LOCAL value is undone, so the
 * connection goes back to the pool as it came. For the marks of sent rows only: a mark lost in a
 * crash leaves its rows to be published again after their lease, and the stream's duplicate
 * window and the consumers' inboxes drop the copies. It spares the disk a flush per relay batch.
 */
export const ASYNC_COMMIT = `(SELECT set_config('synchronous_commit', 'off', true)) AS async_commit`;

/** Rows handed over at commit that wait in memory at most; more are left to the claims. */
const MAX_HANDED_OVER = 20_000;

interface OutboxRow {
  id: string;
  subject: string;
  envelope: string;
  headers: Record<string, string>;
}

/**
 * Publishes outbox rows to JetStream; the outbox holds only rows not yet published. Rows written
 * in this process come leased to it (see `OutboxPublisher`) and are handed over at commit: they
 * are published in commit order without being read back. Anything else is claimed: one statement
 * locks due rows with FOR UPDATE SKIP LOCKED (replicas share the work) and leases them by moving
 * `next_attempt_at` ahead; that finds rows written elsewhere, rows whose publish failed, and rows
 * leased to a relay that stopped or died before publishing them. Rows are published with
 * Nats-Msg-Id = event id (a re-publish after a crash or an expired lease is dropped by the stream's
 * duplicate window, and by consumers' inboxes beyond it), then marked sent, that is deleted (the
 * stream is the record), while the next batch is already on its way. Claims run when
 * woken by a commit without rows and at least every poll interval (rows written by other
 * processes wait for it); retries forever with backoff.
 */
export class OutboxRelay {
  private readonly log: Logger;
  private readonly table: string;
  private js: JetStreamPublisher | null = null;
  private readonly o: Required<Omit<OutboxRelayOptions, 'afterPublish'>> & Pick<OutboxRelayOptions, 'afterPublish'>;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private failures = 0;
  private unwatch: (() => void) | null = null;
  private statuses: (AsyncIterable<{ type: string }> & { stop?: () => void }) | null = null;
  /** Marking the last batch sent (or failed), which the next claim does not wait for. */
  private marking: Promise<void> = Promise.resolve();
  private readonly vacuum: PacedVacuum;
  /** Rows committed in this process and leased to this relay, in commit order. */
  private readonly committed: OutboxRow[] = [];
  private lastClaim = 0;
  /** Published, waiting for the next mark. */
  private readonly sentToMark: string[] = [];
  /** Failed to publish, waiting for the next mark (with the reason, and whether they are due at once). */
  private readonly failedToMark: { ids: string[]; reason: string; retryNow: boolean }[] = [];
  /** A mark is waiting to run (behind the one running, or for `markIntervalMs`): batches sent meanwhile go in it. */
  private markWaiting = false;
  private stopping = false;
  private lastMarkAt = 0;
  /** When the last batch's publishes were answered. */
  private lastBatchDone = 0;
  private reconnects = 0;

  constructor(options: OutboxRelayOptions) {
    this.o = { batchSize: 500, pollIntervalMs: 1000, publishTimeoutMs: 5000, maxBackoffMs: 15_000, claimLeaseSeconds: 30, vacuumEveryRows: 10_000, markIntervalMs: 100, lingerMs: 10, ...options };
    this.log = new Logger(`outbox:${options.service}`);
    this.table = `${quoteIdent(assertServiceName(options.service))}.outbox`;
    this.vacuum = new PacedVacuum(options.dataSource, this.table, this.o.vacuumEveryRows, (m) => this.log.warn(m));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.unwatch = onOutboxCommit(this.o.dataSource, this.o.service, { committed: (rows) => this.take(rows), wake: () => this.wake(), leaseSeconds: this.o.claimLeaseSeconds });
    void this.watchReconnects();
    this.loopDone = this.loop();
  }

  /** Finishes the batch in flight (publishing and marking it) before it returns. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true; // the last mark goes at once
    this.unwatch?.();
    this.statuses?.stop?.(); // or it would linger until the connection's next status change
    this.wake();
    await this.loopDone;
    await this.marking;
    await this.release(this.committed.splice(0));
    this.js?.close();
    this.js = null;
    await this.vacuum.settled();
  }

  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Publishes pending rows (those handed over, and those due) until none is left; returns how many were published. */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const { claimed, published } = await this.relayBatch(this.committed.length > 0 ? 'committed' : 'claim');
      total += published;
      if (claimed < this.o.batchSize && this.committed.length === 0) {
        await this.marking;
        return total;
      }
    }
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        // Handed-over rows first, but a claim at least every poll interval, whatever the load.
        const source = this.committed.length > 0 && Date.now() - this.lastClaim < this.o.pollIntervalMs ? 'committed' : 'claim';
        // Under load the commits of `lingerMs` go out in one batch, one write to NATS, not one each.
        if (source === 'committed' && this.committed.length < this.o.batchSize) {
          const wait = this.lastBatchDone + this.o.lingerMs - Date.now();
          await (wait > 0 ? sleep(wait) : new Promise(setImmediate));
        }
        const { claimed, failed } = await this.relayBatch(source);
        if (failed) {
          this.failures += 1;
          await this.pause(exponentialDelay(this.failures, 200, this.o.maxBackoffMs));
        } else {
          if (this.failures > 0) this.log.log(`relay works again after ${this.failures} failed attempts`);
          this.failures = 0;
          if (claimed < this.o.batchSize && this.committed.length === 0) await this.pause(this.o.pollIntervalMs);
        }
      } catch (err) {
        // The database is down or hung: said once, retried with backoff until it answers.
        if (++this.failures === 1) this.log.error(`relay cannot read or mark the outbox, retrying with backoff until it can: ${describeError(err)}`);
        await this.pause(exponentialDelay(this.failures, 200, this.o.maxBackoffMs));
      }
    }
  }

  /**
   * Rows committed in this process, leased to this relay. Beyond a bound (NATS down for long, the
   * relay backing off) they are left to the claims instead of memory: their lease is given up.
   */
  private take(rows: OutboxRows): void {
    const room = Math.max(0, MAX_HANDED_OVER - this.committed.length);
    for (let i = 0; i < Math.min(room, rows.id.length); i++) {
      this.committed.push({ id: rows.id[i], subject: rows.subject[i], envelope: rows.envelope[i], headers: rows.headers[i] });
    }
    if (rows.id.length > room) void this.release(rows.id.slice(room).map((id) => ({ id })));
    this.wake();
  }

  /** Gives up the lease of rows this relay will not publish: any relay's next claim takes them. */
  private async release(rows: Pick<OutboxRow, 'id'>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.o.dataSource
      .query(`UPDATE ${this.table} SET next_attempt_at = now() WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.id)])
      .catch((err) => this.log.warn(`could not release ${rows.length} outbox rows, they are claimed when their lease ends: ${describeError(err)}`));
  }

  /** Claims due rows: each is leased to this relay for `claimLeaseSeconds`. */
  private async claim(): Promise<OutboxRow[]> {
    this.lastClaim = Date.now();
    // ARRAY(...) is an init plan, run exactly once: `IN (SELECT ... LIMIT ... SKIP LOCKED)` may be
    // planned as a join that runs the locking subquery again and claims more than the limit.
    const [rows]: [(OutboxRow & { seq: string })[], number] = await this.o.dataSource.query(
      `UPDATE ${this.table} SET next_attempt_at = now() + $2 * interval '1 second'
        WHERE seq = ANY(ARRAY(SELECT seq FROM ${this.table} WHERE next_attempt_at <= now() ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED))
        RETURNING seq, id, subject, envelope, headers`,
      [this.o.batchSize, this.o.claimLeaseSeconds],
    );
    return rows.sort((a, b) => Number(a.seq) - Number(b.seq)); // RETURNING keeps no order
  }

  private async relayBatch(source: 'committed' | 'claim'): Promise<{ claimed: number; published: number; failed: number }> {
    const rows = source === 'committed' ? this.committed.splice(0, this.o.batchSize) : await this.claim();
    if (rows.length === 0) return { claimed: 0, published: 0, failed: 0 };
    const reconnectsBefore = this.reconnects;
    // Fired together, in order on one connection: the stream stores them in that order.
    const results = await Promise.allSettled(rows.map((r) => this.publishRow(r)));
    this.lastBatchDone = Date.now();
    await this.o.afterPublish?.(rows.map((r) => r.id));
    const sent = rows.filter((_, i) => results[i].status === 'fulfilled').map((r) => r.id);
    const failed = rows.filter((_, i) => results[i].status === 'rejected').map((r) => r.id);
    const reason = failed.length ? describeError((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason) : '';
    this.sentToMark.push(...sent);
    // A publish that failed across a reconnect (sent while NATS was down, timed out after it came
    // back) is due at once, like the rows the reconnect itself made due.
    if (failed.length) this.failedToMark.push({ ids: failed, reason, retryNow: this.reconnects !== reconnectsBefore });
    if (!this.markWaiting) {
      this.markWaiting = true;
      this.marking = this.marking.then(() => this.mark());
    }
    messagingMetrics.outboxPublished.inc({ service: this.o.service }, sent.length);
    if (failed.length) {
      messagingMetrics.outboxFailures.inc({ service: this.o.service }, failed.length);
      if (this.failures === 0) this.log.warn(`${failed.length} of ${rows.length} events not published, will retry: ${reason}`);
    }
    return { claimed: rows.length, published: sent.length, failed: failed.length };
  }

  /**
   * Marks every row sent so far and every row that failed: one UPDATE for the sent rows of all the
   * batches sent while the mark before was in flight or within `markIntervalMs` of it (under load
   * each mark is a transaction of its own and a wake-up of a Postgres process, not cheap on 2
   * cores). Never throws: rows it cannot mark are published again when their lease ends (and
   * dropped as duplicates).
   */
  private async mark(): Promise<void> {
    const wait = this.lastMarkAt + this.o.markIntervalMs - Date.now();
    if (wait > 0 && !this.stopping) await sleep(wait);
    this.markWaiting = false;
    this.lastMarkAt = Date.now();
    const sent = this.sentToMark.splice(0);
    const failed = this.failedToMark.splice(0);
    const rows = sent.length + failed.reduce((n, f) => n + f.ids.length, 0);
    try {
      if (sent.length) {
        await this.o.dataSource.query(`DELETE FROM ${this.table} USING ${ASYNC_COMMIT} WHERE id = ANY($1::uuid[])`, [sent]);
        messagingMetrics.outboxMarks.inc({ service: this.o.service });
      }
      for (const f of failed) {
        await this.o.dataSource.query(
          `UPDATE ${this.table} SET attempts = attempts + 1, last_error = $2,
             next_attempt_at = now() + CASE WHEN $3 THEN interval '0' ELSE least(interval '1 second' * power(2, attempts), interval '1 minute') END
           WHERE id = ANY($1::uuid[])`,
          [f.ids, f.reason, f.retryNow],
        );
      }
    } catch (err) {
      this.log.warn(`could not mark ${rows} outbox rows, they are retried after their lease: ${describeError(err)}`);
    }
    this.vacuum.wrote(rows);
  }

  private async publishRow(row: OutboxRow) {
    this.js ??= new JetStreamPublisher(this.o.nc, this.o.publishTimeoutMs);
    const h = natsHeaders();
    for (const [k, v] of Object.entries(row.headers)) h.set(k, v);
    h.set('Nats-Msg-Id', row.id);
    return this.js.publish(wireSubject(this.o.ns, row.subject), row.envelope, h);
  }

  private pause(ms: number): Promise<void> {
    if (this.woken || !this.running) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        this.woken = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /**
   * A NATS reconnect ends the backoff at once, the relay's and the rows': rows that failed while
   * NATS was down are due again now instead of up to a minute later (a row another replica holds
   * may be published twice; the stream drops the repeat), so the relay catches up in order.
   */
  private async watchReconnects(): Promise<void> {
    this.statuses = this.o.nc.status();
    for await (const s of this.statuses) {
      if (!this.running) break;
      if (s.type === 'reconnect') {
        this.reconnects += 1;
        this.failures = 0;
        await this.o.dataSource
          .query(`UPDATE ${this.table} SET next_attempt_at = now() WHERE last_error IS NOT NULL AND next_attempt_at > now()`)
          .catch((err) => this.log.warn(`could not make failed outbox rows due after the reconnect: ${describeError(err)}`));
        this.wake();
      }
    }
  }
}
