import { EventEmitter } from 'node:events';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent } from 'typeorm';

/**
 * Wakes the relays of this process when a transaction that wrote to the outbox commits. A NOTIFY
 * per transaction would do the same across processes, but Postgres commits notifying transactions
 * one at a time, which capped intake far below its target; rows written by other processes are
 * found by the relay's polling (or a NOTIFY sent by hand).
 */
const written = new WeakMap<QueryRunner, string>();
const signals = new EventEmitter().setMaxListeners(0);
const watched = new WeakSet<DataSource>();

export function markOutboxWritten(manager: EntityManager, service: string): void {
  const qr = manager.queryRunner;
  if (qr?.isTransactionActive) written.set(qr, service);
  else signals.emit(service); // no transaction: the insert has committed already
}

class OutboxCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit(event: TransactionCommitEvent): void {
    const service = written.get(event.queryRunner);
    if (service === undefined) return;
    written.delete(event.queryRunner);
    signals.emit(service);
  }
}

/** Calls `wake` after every commit that wrote to `service`'s outbox through `dataSource`. */
export function onOutboxCommit(dataSource: DataSource, service: string, wake: () => void): () => void {
  if (!watched.has(dataSource)) {
    watched.add(dataSource);
    dataSource.subscribers.push(new OutboxCommitSubscriber());
  }
  signals.on(service, wake);
  return () => signals.off(service, wake);
}
