import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An alert's incident is checked by the one statement that writes alerts, not by a foreign key:
 * the key looked the incident up and locked it (FOR KEY SHARE, a WAL record; a MultiXact when two
 * batches link to one incident) once for every alert, though that statement has just opened or
 * updated each incident it links to. `intake.check_alert_incidents(ok)` raises what the key
 * raised (23503) when an alert names an incident the statement neither opened nor repeated.
 * Incidents are never deleted.
 */
export class IntakeAlertIncidentCheck1764310000006 implements MigrationInterface {
  name = 'IntakeAlertIncidentCheck1764310000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE intake.alerts DROP CONSTRAINT alerts_incident_id_fkey');
    await q.query(`
      CREATE FUNCTION intake.check_alert_incidents(ok boolean) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT ok THEN
          RAISE EXCEPTION 'intake batch: an alert names an incident the batch neither opens nor repeats'
            USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN true;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION intake.check_alert_incidents');
    await q.query('ALTER TABLE intake.alerts ADD CONSTRAINT alerts_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES intake.incidents (id)');
  }
}
