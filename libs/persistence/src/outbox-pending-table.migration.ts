import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent } from './identifiers.ts';
import { schemaOf } from './messaging-tables.migration.ts';

/**
 * The outbox keeps what a service emitted (written once, pruned after its retention) and
 * `outbox_pending` what is still to be published: a row there per unsent event, with its lease and
 * its attempts, deleted once the event is published. Marking a row sent used to update the outbox
 * row: its `sent_at` is in the pending index's predicate, so every mark copied the whole row
 * (envelope and all) to a new place, with two index entries and a lock record, a third of the WAL
 * intake writes per alert. Deleting a small pending row writes a few dozen bytes. Holds the
 * outbox's lock while it runs; the service's writers must be stopped (their statements name the
 * dropped columns).
 */
export class OutboxPendingTable1764300000003 implements MigrationInterface {
  name = 'OutboxPendingTable1764300000003';

  async up(q: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(q));
    await q.query(`DROP INDEX ${s}.outbox_pending`); // the table takes its name
    // No foreign key: it would look up and lock the outbox row for every insert. Rows of both are
    // written by one statement (see libs/messaging outboxInsert).
    await q.query(`
      CREATE TABLE ${s}.outbox_pending (
        seq bigint PRIMARY KEY,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`INSERT INTO ${s}.outbox_pending SELECT seq, next_attempt_at, attempts, last_error FROM ${s}.outbox WHERE sent_at IS NULL`);
    await q.query(`ALTER TABLE ${s}.outbox DROP COLUMN attempts, DROP COLUMN next_attempt_at, DROP COLUMN last_error, DROP COLUMN sent_at`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(q));
    await q.query(`
      ALTER TABLE ${s}.outbox ADD COLUMN attempts integer NOT NULL DEFAULT 0, ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN last_error text, ADD COLUMN sent_at timestamptz`);
    // When a row went out is not kept: its creation stands in for it.
    await q.query(`UPDATE ${s}.outbox o SET sent_at = o.created_at WHERE NOT EXISTS (SELECT 1 FROM ${s}.outbox_pending p WHERE p.seq = o.seq)`);
    await q.query(`
      UPDATE ${s}.outbox o SET attempts = p.attempts, next_attempt_at = p.next_attempt_at, last_error = p.last_error
        FROM ${s}.outbox_pending p WHERE p.seq = o.seq`);
    await q.query(`DROP TABLE ${s}.outbox_pending`);
    await q.query(`CREATE INDEX outbox_pending ON ${s}.outbox (seq) WHERE sent_at IS NULL`);
  }
}
