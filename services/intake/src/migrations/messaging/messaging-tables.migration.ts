import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent, schemaOf } from '@jingwang/persistence';

/**
 * Intake's outbox and inbox as first made. A new service's schema gets them as they are now from
 * one migration (libs/persistence OutboxAndInbox); intake keeps the history its databases ran.
 */
export class MessagingTables1764300000000 implements MigrationInterface {
  name = 'MessagingTables1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(q));
    const channel = `outbox_${schemaOf(q)}`;
    await q.query(`
      CREATE TABLE ${s}.outbox (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        subject text NOT NULL,
        envelope jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_pending ON ${s}.outbox (seq) WHERE sent_at IS NULL`);
    // One NOTIFY per inserting statement wakes the relay; the relay polls too, so a lost notify only delays.
    await q.query(`
      CREATE FUNCTION ${s}.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('${channel}', ''); RETURN NULL; END $$`);
    await q.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON ${s}.outbox
      FOR EACH STATEMENT EXECUTE FUNCTION ${s}.outbox_notify()`);
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
    await q.query(`DROP FUNCTION ${s}.outbox_notify()`);
  }
}
