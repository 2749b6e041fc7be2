import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent, schemaOf } from '@jingwang/persistence';

/**
 * Drops `outbox_notify()`, left behind when its trigger went (OutboxWithoutNotifyTrigger): nothing
 * calls it, and without it intake's outbox and inbox are what a new schema's single messaging
 * migration makes (a test compares the two).
 */
export class OutboxNotifyFunctionDropped1764310000007 implements MigrationInterface {
  name = 'OutboxNotifyFunctionDropped1764310000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS ${quoteIdent(schemaOf(q))}.outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    const s = quoteIdent(schemaOf(q));
    await q.query(`CREATE FUNCTION ${s}.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox_${schemaOf(q)}', ''); RETURN NULL; END $$`);
  }
}
