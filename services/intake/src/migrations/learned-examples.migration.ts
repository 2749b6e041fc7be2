import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The classifier's learned examples: a call-taker's correction of a type (dispatch's
 * `dispatch.incident.retyped.v1`) keeps the description with the type it was corrected to. One row
 * per event (`event_id`), so a delivery handled twice stores one example. Rows are never updated
 * or deleted; every replica's classifier is rebuilt from the newest of them.
 */
export class IntakeLearnedExamples1764310000009 implements MigrationInterface {
  name = 'IntakeLearnedExamples1764310000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE intake.learned_examples (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        incident_id uuid NOT NULL,
        alert_id uuid NOT NULL,
        text text NOT NULL,
        from_type text,
        to_type text NOT NULL,
        learned_by text NOT NULL,
        learned_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        event_id uuid NOT NULL UNIQUE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE intake.learned_examples');
  }
}
