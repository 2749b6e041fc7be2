import type { DataSource, EntityManager } from 'typeorm';
import { assertServiceName, quoteIdent } from '@jingwang/persistence';

export type InboxOutcome<T> = { duplicate: true } | { duplicate: false; result: T };

/**
 * Runs a handler's writes and the inbox insert in one transaction. A message already in the inbox
 * was fully handled before (its transaction committed), so it is skipped. Two concurrent
 * deliveries of one message serialise on the inbox key: the second waits, then sees the first.
 */
export class Inbox {
  private readonly insert: string;

  constructor(
    private readonly dataSource: DataSource,
    service: string,
  ) {
    this.insert = `INSERT INTO ${quoteIdent(assertServiceName(service))}.inbox (consumer, message_key, subject)
      SELECT $1, k, s FROM unnest($2::text[], $3::text[]) AS t(k, s)
      ON CONFLICT DO NOTHING RETURNING message_key`;
  }

  async run<T>(consumer: string, key: string, subject: string, work: (manager: EntityManager) => Promise<T>): Promise<InboxOutcome<T>> {
    let outcome: InboxOutcome<T> = { duplicate: true };
    await this.runBatch(consumer, [{ key, subject }], async (manager, fresh) => {
      if (fresh.size) outcome = { duplicate: false, result: await work(manager) };
    });
    return outcome;
  }

  /** The batch form: one insert for all keys; `work` gets the keys not seen before. */
  runBatch(consumer: string, entries: { key: string; subject: string }[], work: (manager: EntityManager, fresh: Set<string>) => Promise<void>): Promise<Set<string>> {
    return this.dataSource.transaction(async (manager) => {
      const inserted: { message_key: string }[] = await manager.query(this.insert, [consumer, entries.map((e) => e.key), entries.map((e) => e.subject)]);
      const fresh = new Set(inserted.map((r) => r.message_key));
      await work(manager, new Set(fresh));
      return fresh;
    });
  }
}
