import pg from 'pg';
import type { DataSource } from 'typeorm';
import { pgTimeoutsOf } from '@jingwang/persistence';
import { withArrayLiterals } from './array-literal.encoder.ts';
import type { FirstStatement, LastStatement } from './pipelined.transaction.ts';

/** A statement of a chain: with a `name`, prepared once on the chain's connection. */
type ChainStatement = FirstStatement & { name?: string };

/** How a transaction of a chain ended, when it did not commit. */
type Failed = (err: unknown, committed: false | 'unknown') => void;

/** One transaction of a chain: its first statement, then (on its rows) its last, which ends with the COMMIT. */
export interface ChainLink<R = unknown, L = unknown, T = unknown> {
  first: ChainStatement;
  /** Plans the rest from the first statement's rows; throwing rolls the transaction back. */
  work: (rows: R[]) => LastStatement<L, T>;
  committed: (result: T) => void;
  /**
   * The transaction failed: `committed` is false when it certainly did not commit, `'unknown'`
   * when its COMMIT got no answer (the connection broke on the way).
   */
  failed: Failed;
}

/**
 * A transaction whose statements are all known before it starts: BEGIN, the statements and COMMIT
 * go in one write. `statements` is called when the transaction is sent; throwing fails it
 * unsent. The first statement that fails rolls it back (the rest fail unrun), and `failed` gets
 * that statement's error.
 */
export interface OneTripLink<T = unknown> {
  statements: () => { before: ChainStatement[]; last: LastStatement<unknown, T> };
  committed: (result: T) => void;
  failed: Failed;
}

export type AnyLink<R, L, T> = ChainLink<R, L, T> | OneTripLink<T>;

const isOneTrip = <R, L, T>(link: AnyLink<R, L, T>): link is OneTripLink<T> => 'statements' in link;

/**
 * Runs transactions one after another on a connection of its own, in one round trip each while
 * there is more to do: the last statement and COMMIT of one are pipelined with the BEGIN and first
 * statement of the next (node-postgres `pipeline` mode), each with its own outcome, so a failed
 * transaction is told apart from the next one's start. The next one's first statement runs after
 * the commit, on a fresh snapshot, as if sent alone. A transaction started with nothing behind it
 * takes two round trips.
 *
 * `next` hands out the next transaction (or null when there is none), of either kind; `kick` says
 * there may be one. One-trip links go back to back: up to `oneTripsInFlight` are sent before the
 * first is answered, so that Postgres works on the next while this thread reads the last one's
 * answer and plans another; `next` is told how many are in flight, to hand out one only when it
 * is worth it. A link of the other kind waits until those are answered. Outside TypeORM: no
 * subscribers, so callers act on `committed` themselves. The connection is opened on demand and
 * closed after `idleMs` without work, and by `close`.
 */
export class TransactionChain<R = unknown, L = unknown, T = unknown> {
  private client: pg.Client | null = null;
  private running: Promise<void> | null = null;
  /** A kick while running: work may have come after the run's last look. */
  private kicked = false;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly connection: pg.ClientConfig,
    private readonly next: (inFlight: number) => AnyLink<R, L, T> | null,
    private readonly idleMs = 10_000,
    private readonly oneTripsInFlight = 1,
  ) {}

  /** Wakes a run waiting on one-trip links in flight: there may be another to send. */
  private wake: (() => void) | null = null;

  kick(): void {
    if (this.running) {
      this.kicked = true;
      this.wake?.();
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.kicked = false;
    this.running = this.run().finally(() => {
      this.running = null;
      this.idleTimer = setTimeout(() => void this.disconnect(), this.idleMs).unref();
      if (this.kicked) this.kick();
    });
  }

  /** Finishes the transactions it has (and any `next` still hands out), then closes the connection. */
  async close(): Promise<void> {
    await this.running;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.disconnect();
  }

  private async run(): Promise<void> {
    let link = this.next(0);
    let rows: R[] | null = null; // the open transaction's first-statement rows
    let rowsOn: pg.Client | null = null; // and its connection
    while (link) {
      const client = await this.connected().catch((err: unknown) => {
        link!.failed(err, false);
        return null;
      });
      if (!client) {
        link = this.next(0);
        continue;
      }
      if (isOneTrip(link)) {
        link = await this.oneTrips(client, link);
        continue;
      }
      if (rowsOn !== client) rows = null; // its connection broke meanwhile: the transaction is gone, start it again
      if (!rows) {
        const { first: statement } = link;
        const [, first] = await Promise.allSettled(together(client, () => [client.query('BEGIN'), client.query(prepared(statement))]));
        if (first.status === 'rejected') {
          await this.rollback(client);
          link.failed(first.reason, false);
          link = this.next(0);
          continue;
        }
        rows = first.value.rows as R[];
        rowsOn = client;
      }
      let last: LastStatement<L, T>;
      try {
        last = link.work(rows);
      } catch (err) {
        await this.rollback(client);
        link.failed(err, false);
        rows = null;
        link = this.next(0);
        continue;
      }
      const following = this.next(0);
      const pipelined = following && !isOneTrip(following) ? following : null;
      const sent = together(client, () => [
        client.query(prepared(last)),
        client.query('COMMIT'),
        ...(pipelined ? [client.query('BEGIN'), client.query(prepared(pipelined.first))] : []),
      ]);
      const [write, commit, , first] = await Promise.allSettled(sent);
      rows = null;
      let lost = false;
      if (write.status === 'fulfilled' && commit.status === 'fulfilled' && commit.value.command === 'COMMIT') link.committed(last.result(write.value.rows as L[]));
      else if (commit.status === 'rejected') {
        // No answer to the COMMIT: the connection broke (or the COMMIT failed), and whether it committed is unknown.
        this.discard(client);
        lost = true;
        link.failed(write.status === 'rejected' ? write.reason : commit.reason, 'unknown');
      } else link.failed(write.status === 'rejected' ? write.reason : new Error('the transaction was rolled back at COMMIT'), false);
      if (!following) link = this.next(0);
      else if (!pipelined || lost) link = following; // not started yet, or its transaction went with the connection: started on a new one
      else if (first?.status === 'fulfilled') {
        link = pipelined;
        rows = first.value.rows as R[];
        rowsOn = client;
      } else {
        await this.rollback(client); // its first statement failed: it is done
        pipelined.failed((first as PromiseRejectedResult).reason, false);
        link = this.next(0);
      }
    }
  }

  /**
   * Sends `first` and the one-trip links after it, keeping up to `oneTripsInFlight` in flight;
   * returns the first link of the other kind, or null when there is no more work. Once the
   * connection broke, nothing more is sent on it: the next link goes back to `run`, which opens a
   * new one.
   */
  private async oneTrips(client: pg.Client, first: OneTripLink<T>): Promise<AnyLink<R, L, T> | null> {
    const inFlight: { done: boolean; finished: Promise<void> }[] = [];
    const send = (link: OneTripLink<T>) => {
      const flight = { done: false, finished: Promise.resolve() };
      flight.finished = this.oneTrip(client, link).then(() => void (flight.done = true));
      inFlight.push(flight);
    };
    send(first);
    for (;;) {
      const link = inFlight.length < this.oneTripsInFlight ? this.next(inFlight.length) : null;
      if (link && isOneTrip(link) && this.client === client) send(link);
      else if (link || inFlight.length === 0) {
        await Promise.all(inFlight.map((f) => f.finished));
        return link;
      } else if (inFlight.length < this.oneTripsInFlight) {
        // Nothing worth sending yet: wait for an answer, or for a kick. Answers come in the order sent.
        const woken = new Promise<void>((resolve) => (this.wake = resolve));
        await Promise.race([inFlight[0].finished, woken]);
        this.wake = null;
        while (inFlight[0]?.done) inFlight.shift();
      } else await inFlight.shift()!.finished;
    }
  }

  /** One one-trip link: BEGIN, its statements and COMMIT in one write; resolves when its outcome was reported. */
  private async oneTrip(client: pg.Client, link: OneTripLink<T>): Promise<void> {
    let planned: ReturnType<OneTripLink<T>['statements']>;
    try {
      planned = link.statements();
    } catch (err) {
      link.failed(err, false);
      return;
    }
    const { before, last } = planned;
    const outcomes = await Promise.allSettled(
      together(client, () => [client.query('BEGIN'), ...[...before, last].map((s) => client.query(prepared(s))), client.query('COMMIT')]),
    );
    const commit = outcomes.at(-1)!;
    const lastRows = outcomes.at(-2)!;
    const firstError = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')?.reason;
    if (commit.status === 'fulfilled' && commit.value.command === 'COMMIT' && lastRows.status === 'fulfilled') link.committed(last.result(lastRows.value.rows));
    else if (commit.status === 'rejected') {
      this.discard(client); // the connection broke (or the COMMIT failed): whether it committed is unknown
      link.failed(firstError, 'unknown');
    } else link.failed(firstError ?? new Error('the transaction was rolled back at COMMIT'), false);
  }

  private async connected(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({ ...this.connection, pipeline: true } as pg.ClientConfig);
    client.on('error', () => this.discard(client)); // a broken connection: the queries in flight fail, the next run reconnects
    await client.connect();
    this.client = client;
    return client;
  }

  /** Ends an open transaction; a connection that cannot is dropped. */
  private async rollback(client: pg.Client): Promise<void> {
    await client.query('ROLLBACK').catch(() => this.discard(client));
  }

  private discard(client: pg.Client): void {
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

/** A statement as pg's query config, its arrays already written as literals (`withArrayLiterals`). */
function prepared(statement: ChainStatement): pg.QueryConfig {
  return { name: statement.name, text: statement.text, values: withArrayLiterals(statement.values) };
}

/**
 * Queries sent in one write to the socket: pg writes each query with a syscall of its own, and
 * each write can wake the server process (and cost this thread its core) before the next is
 * written.
 */
function together<T>(client: pg.Client, send: () => T): T {
  const stream = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
  stream?.cork?.();
  try {
    return send();
  } finally {
    stream?.uncork?.();
  }
}

/**
 * The pg connection settings of a TypeORM Postgres data source (url, search_path, application
 * name, and its connect, statement and query timeouts: a chain on a hung server fails its links,
 * in pipeline mode by dropping the connection, and they are written one by one through the pool),
 * with `settings` as session settings of the connection (`-c name=value`).
 */
export function clientConfigOf(dataSource: DataSource, settings: Record<string, string> = {}): pg.ClientConfig {
  const o = dataSource.options as { url?: string; applicationName?: string; extra?: { options?: string } };
  for (const [name, value] of Object.entries(settings)) {
    if (!/^[\w.]+$/.test(name) || !/^[\w.:/-]+$/.test(value)) throw new Error(`clientConfigOf: session setting ${name}=${value} must be a plain name and value`);
  }
  const options = [o.extra?.options, ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`)].filter(Boolean).join(' ');
  return { connectionString: o.url, application_name: o.applicationName, options: options || undefined, ...pgTimeoutsOf(dataSource) };
}
