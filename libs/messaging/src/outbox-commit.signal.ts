import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent } from 'typeorm';
import type { OutboxRows } from './outbox.publisher.ts';

/**
 * Hands what a transaction wrote to the outbox to the relay of this process (for the same data
 * source and service: another database's relay would publish it on its own bus) when the
 * transaction commits: the rows themselves, which the relay publishes without claiming them from the table
 * (they were written leased to it, see `localRelayLease`), or a bare wake-up to claim. A NOTIFY
 * per transaction would wake relays across processes, but Postgres commits notifying
 * transactions one at a time, which capped intake far below its target; rows written by other
 * processes are found by the relay's polling.
 */
const written = new WeakMap<QueryRunner, { service: string; rows: OutboxRows[] }>();
const relays = new WeakMap<DataSource, Map<string, LocalRelay[]>>();

export interface LocalRelay {
  /** Rows committed and leased to this relay. */
  committed: (rows: OutboxRows) => void;
  /** Something was committed that the relay must claim. */
  wake: () => void;
  leaseSeconds: number;
}

/**
 * How long rows written now through `dataSource` are leased to this process's relay for `service`
 * (0: no relay here, the rows are due at once). A row leased to a relay that stops or dies before
 * publishing it is claimed by any relay when the lease ends.
 */
export function localRelayLease(dataSource: DataSource, service: string): number {
  return relays.get(dataSource)?.get(service)?.[0].leaseSeconds ?? 0;
}

/** Leased rows go to the first relay registered (whose lease `localRelayLease` gave them), a wake-up to every one. */
function signal(dataSource: DataSource, service: string, batches: OutboxRows[]): void {
  const here = relays.get(dataSource)?.get(service) ?? [];
  const leased = batches.filter((b) => b.leaseSeconds > 0 && b.id.length > 0);
  if (here.length > 0) for (const rows of leased) here[0].committed(rows);
  if (leased.length < batches.length || batches.length === 0) for (const r of here) r.wake();
}

/** After an outbox insert: `rows` (written with `localRelayLease`) go to the relay at commit, or it is woken to claim. */
export function markOutboxWritten(manager: EntityManager, service: string, rows?: OutboxRows): void {
  const qr = manager.queryRunner;
  if (!qr?.isTransactionActive) return outboxCommitted(manager.connection, service, rows); // no transaction: the insert has committed already
  const entry = written.get(qr) ?? { service, rows: [] };
  if (rows) entry.rows.push(rows);
  written.set(qr, entry);
}

/** Rows whose insert has committed, by a writer outside TypeORM's transactions: to the relay now. */
export function outboxCommitted(dataSource: DataSource, service: string, rows?: OutboxRows): void {
  signal(dataSource, service, rows ? [rows] : []);
}

class OutboxCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const entry = written.get(event.queryRunner);
    if (entry === undefined) return;
    written.delete(event.queryRunner);
    signal(event.connection, entry.service, entry.rows);
  }
}

/** Registers `relay` for every commit that wrote to `service`'s outbox through `dataSource`; returns its removal. */
export function onOutboxCommit(dataSource: DataSource, service: string, relay: LocalRelay): () => void {
  let byService = relays.get(dataSource);
  if (!byService) {
    relays.set(dataSource, (byService = new Map()));
    dataSource.subscribers.push(new OutboxCommitSubscriber());
  }
  const services = byService;
  services.set(service, [...(services.get(service) ?? []), relay]);
  return () => {
    const rest = (services.get(service) ?? []).filter((r) => r !== relay);
    if (rest.length) services.set(service, rest);
    else services.delete(service);
  };
}
