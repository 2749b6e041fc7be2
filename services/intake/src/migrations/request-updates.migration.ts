import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open311 service request updates (`GET/POST servicerequestupdates`): what the station did about a
 * request (from dispatch's status changes, one row per event and alert) and what the client said
 * (a comment posted by an Open311 client). `id` is the update_id clients keep: FixMyStreet skips an
 * update whose id it has already stored, so it must never change. `updated_at` is when the row was
 * written, the time clients poll by, so a late event is still seen by the next poll.
 */
export class IntakeRequestUpdates1764310000008 implements MigrationInterface {
  name = 'IntakeRequestUpdates1764310000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE intake.request_updates (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        alert_id uuid NOT NULL,
        incident_id uuid NOT NULL,
        source text NOT NULL CHECK (source IN ('dispatch', 'client')),
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        description_zh text,
        description_en text,
        note text,
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        changed_at timestamptz NOT NULL,
        event_id uuid,
        to_status text,
        transition text,
        resolution text,
        actor_id text,
        client_update_id text,
        client_status text,
        author jsonb,
        media jsonb,
        CHECK (source <> 'dispatch' OR (event_id IS NOT NULL AND description_zh IS NOT NULL AND description_en IS NOT NULL)),
        CHECK (source <> 'client' OR (note IS NOT NULL OR media IS NOT NULL)),
        UNIQUE (event_id, alert_id)
      )`);
    // The poll: updates written in [start_date, end_date], oldest first.
    await q.query('CREATE INDEX request_updates_updated ON intake.request_updates (updated_at, id)');
    // The newest change an alert already has (an event handled out of order keeps its status), and a client's retried POST.
    await q.query('CREATE INDEX request_updates_alert ON intake.request_updates (alert_id, changed_at)');
    await q.query('CREATE UNIQUE INDEX request_updates_client ON intake.request_updates (alert_id, client_update_id) WHERE client_update_id IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE intake.request_updates');
  }
}
