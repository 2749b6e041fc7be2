import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdent, schemaOf } from '@jingwang/persistence';

/**
 * The outbox keeps each event's envelope as the text that is published, not as jsonb: Postgres no
 * longer parses and re-sorts every envelope on the way in (a twentieth of its CPU per alert in
 * bench:intake) or writes it out again for a claim, and a claimed row is published byte for byte
 * as the relay of the writing process would have published it.
 */
export class OutboxEnvelopeText1764300000002 implements MigrationInterface {
  name = 'OutboxEnvelopeText1764300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ${outbox(q)} ALTER COLUMN envelope TYPE text USING envelope::text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ${outbox(q)} ALTER COLUMN envelope TYPE jsonb USING envelope::jsonb`);
  }
}

const outbox = (q: QueryRunner): string => `${quoteIdent(schemaOf(q))}.outbox`;
