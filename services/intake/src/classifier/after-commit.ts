import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

// Work that must see what a transaction wrote (a classifier rebuilt from the learned examples reads
// them on another connection) runs once the transaction has committed; a rollback drops it.
const pending = new WeakMap<QueryRunner, (() => void)[]>();
const watched = new WeakSet<DataSource>();

class AfterCommitSubscriber implements EntitySubscriberInterface {
  afterTransactionCommit({ queryRunner }: TransactionCommitEvent): void {
    if (queryRunner.isTransactionActive) return; // a savepoint released: the transaction goes on
    const work = pending.get(queryRunner) ?? [];
    pending.delete(queryRunner);
    for (const fn of work) fn();
  }

  afterTransactionRollback({ queryRunner }: TransactionRollbackEvent): void {
    if (!queryRunner.isTransactionActive) pending.delete(queryRunner);
  }
}

/** Runs `fn` after `manager`'s transaction commits (on the next turn when it has no transaction). */
export function afterCommit(manager: EntityManager, fn: () => void): void {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) {
    setImmediate(fn);
    return;
  }
  const dataSource = manager.connection;
  if (!watched.has(dataSource)) {
    watched.add(dataSource);
    dataSource.subscribers.push(new AfterCommitSubscriber());
  }
  pending.set(runner, [...(pending.get(runner) ?? []), fn]);
}
