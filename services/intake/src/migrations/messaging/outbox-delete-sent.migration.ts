import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent, schemaOf } from '@jingwang/persistence';

/**
 * The outbox holds only what is still to be published: the relay deletes a row once it is
 * published, and the stream (kept 400 days, `libs/contracts` topology) is the record of what the
 * service emitted. Marking a row sent used to update it: `sent_at` is in the pending index's
 * predicate, so every mark copied the whole row (envelope and all) to a new place, with two index
 * entries and a lock record, a third of the WAL intake wrote per alert; and the rows kept for a
 * week made the outbox the largest table of a service, its new pages written out as fast as the
 * alerts'. A delete writes a few dozen bytes, and VACUUM gives the space back to the next rows, so
 * the outbox stays small and in memory. Drops the sent rows. Stop the service's replicas for it:
 * the relay of the code before names `sent_at`.
 */
export class OutboxDeleteSent1764300000003 implements MigrationInterface {
  name = 'OutboxDeleteSent1764300000003';

  async up(q: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(q));
    await q.query(`DELETE FROM ${s}.outbox WHERE sent_at IS NOT NULL`);
    await q.query(`DROP INDEX ${s}.outbox_pending`);
    await q.query(`ALTER TABLE ${s}.outbox DROP COLUMN sent_at`);
    // Rows are deleted from the end the table grows at, so a VACUUM would find empty pages there and
    // cut them off under an ACCESS EXCLUSIVE lock, which every insert of the service waits behind.
    await q.query(`ALTER TABLE ${s}.outbox SET (vacuum_truncate = false)`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(q));
    await q.query(`ALTER TABLE ${s}.outbox RESET (vacuum_truncate)`);
    await q.query(`ALTER TABLE ${s}.outbox ADD COLUMN sent_at timestamptz`);
    await q.query(`CREATE INDEX outbox_pending ON ${s}.outbox (seq) WHERE sent_at IS NULL`);
  }
}
