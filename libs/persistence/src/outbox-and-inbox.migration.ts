import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent } from './identifiers.ts';
import { schemaOf } from './migration.util.ts';

/**
 * The outbox and inbox every service has in its own schema (docs/events-and-delivery.md), as
 * they are now, in one migration for a new schema. The outbox holds only what is still to be
 * published (the relay deletes a row once the stream took it), each envelope as the text
 * published, with its lease (`next_attempt_at`), attempts and last error. A schema made before
 * this (intake's) got here through the migrations in services/intake/src/migrations/messaging;
 * a test checks that both end in the same tables.
 */
export class OutboxAndInbox1764300000100 implements MigrationInterface {
  name = 'OutboxAndInbox1764300000100';

  async up(q: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(q));
    await q.query(`
      CREATE TABLE ${s}.outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        subject text NOT NULL,
        envelope text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text
      )`);
    // Rows are deleted from the end the table grows at: a VACUUM would find empty pages there and
    // cut them off under an ACCESS EXCLUSIVE lock, which every insert of the service waits behind.
    await q.query(`ALTER TABLE ${s}.outbox SET (vacuum_truncate = false)`);
    await q.query(`
      CREATE TABLE ${s}.inbox (
        consumer text NOT NULL,
        message_key text NOT NULL,
        subject text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(q));
    await q.query(`DROP TABLE ${s}.inbox`);
    await q.query(`DROP TABLE ${s}.outbox`);
  }
}

/** Every new service lists these first in its migrations: its outbox and inbox. */
export const MESSAGING_MIGRATIONS = [OutboxAndInbox1764300000100];
