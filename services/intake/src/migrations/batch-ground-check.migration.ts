import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `intake.check_batch_ground(ok)` raises a serialization failure (40001) when `ok` is false. A
 * batch's write statement calls it with what it found (every alert new, every repeated incident
 * still open and at the count it was planned on), so that the write and its COMMIT can travel in
 * one round trip: a batch whose ground moved is rolled back by its own statement, not after the
 * writer has read the counts.
 */
export class IntakeBatchGroundCheck1764310000003 implements MigrationInterface {
  name = 'IntakeBatchGroundCheck1764310000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION intake.check_batch_ground(ok boolean) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT ok THEN
          RAISE EXCEPTION 'intake batch: another transaction stored one of its alerts or changed an incident it links to'
            USING ERRCODE = 'serialization_failure', HINT = 'plan the batch again';
        END IF;
        RETURN true;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION intake.check_batch_ground');
  }
}
