import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent } from 'typeorm';
import type { OutboxRows } from './outbox.publisher.ts';

/**
 * Hands what a transaction wrote to the outbox to the relay of this process when the transaction
 * commits: the rows themselves, which the relay publishes without claiming them from the table
 * (they were written leased to it, see `localRelayLease`), or a bare wake-up to claim. A NOTIFY
 * per transaction would wake relays across processes, but Postgres commits notifying
 * transactions one at a time, which capped intake far below its target; rows written by other
 * processes are found by the relay's polling (or a NOTIFY sent by hand).
 */
const written = new WeakMap<QueryRunner, { service: string; rows: OutboxRows[] }>();
const relays = new Map<string, LocalRelay[]>();
const watched = new WeakSet<DataSource>();

export interface LocalRelay {
  /** Rows committed and leased to this relay. */
  committed: (rows: OutboxRows) => void;
  /** Something was committed that the relay must claim. */
  wake: () => void;
  leaseSeconds: number;
}

/**
 * How long rows written now are leased to this process's relay for `service` (0: no relay here,
 * the rows are due at once). A row leased to a relay that stops or dies before publishing it is
 * claimed by any relay when the lease ends.
 */
export function localRelayLease(service: string): number {
  return relays.get(service)?.[0].leaseSeconds ?? 0;
}

/** Leased rows go to the first relay registered (whose lease `localRelayLease` gave them), a wake-up to every one. */
function signal(service: string, batches: OutboxRows[]): void {
  const here = relays.get(service) ?? [];
  const leased = batches.filter((b) => b.leaseSeconds > 0 && b.id.length > 0);
  if (here.length > 0) for (const rows of leased) here[0].committed(rows);
  if (leased.length < batches.length || batches.length === 0) for (const r of here) r.wake();
}

/** After an outbox insert: `rows` (written with `localRelayLease`) go to the relay at commit, or it is woken to claim. */
export function markOutboxWritten(manager: EntityManager, service: string, rows?: OutboxRows): void {
  const qr = manager.queryRunner;
  if (!qr?.isTransactionActive) return signal(service, rows ? [rows] : []); // no transaction: the insert has committed already
  const entry = written.get(qr) ?? { service, rows: [] };
  if (rows) entry.rows.push(rows);
  written.set(qr, entry);
}

class OutboxCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const entry = written.get(event.queryRunner);
    if (entry === undefined) return;
    written.delete(event.queryRunner);
    signal(entry.service, entry.rows);
  }
}

/** Registers `relay` for every commit that wrote to `service`'s outbox through `dataSource`; returns its removal. */
export function onOutboxCommit(dataSource: DataSource, service: string, relay: LocalRelay): () => void {
  if (!watched.has(dataSource)) {
    watched.add(dataSource);
    dataSource.subscribers.push(new OutboxCommitSubscriber());
  }
  relays.set(service, [...(relays.get(service) ?? []), relay]);
  return () => {
    const rest = (relays.get(service) ?? []).filter((r) => r !== relay);
    if (rest.length) relays.set(service, rest);
    else relays.delete(service);
  };
}
