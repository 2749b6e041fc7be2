import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent, schemaOf } from '@jingwang/persistence';

/**
 * Drops the per-statement NOTIFY trigger on the outbox: Postgres serialises the commits of
 * notifying transactions, which capped every producer. Relays are now woken in-process after
 * commit (libs/messaging outbox-commit.signal.ts) and poll for rows written elsewhere. The
 * function the trigger called is dropped by OutboxNotifyFunctionDropped.
 */
export class OutboxWithoutNotifyTrigger1764300000001 implements MigrationInterface {
  name = 'OutboxWithoutNotifyTrigger1764300000001';

  async up(q: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(q));
    await q.query(`DROP TRIGGER IF EXISTS outbox_notify ON ${s}.outbox`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(q));
    await q.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON ${s}.outbox FOR EACH STATEMENT EXECUTE FUNCTION ${s}.outbox_notify()`);
  }
}

