import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Alerts (one per report, any channel) and incidents (one per matter, linking its repeat calls). */
export class IntakeTables1764310000000 implements MigrationInterface {
  name = 'IntakeTables1764310000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE intake.incidents (
        id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        type_code text,
        first_alert_id uuid NOT NULL,
        opened_at timestamptz NOT NULL,
        last_alert_at timestamptz NOT NULL,
        repeat_count integer NOT NULL DEFAULT 0,
        closed_at timestamptz,
        resolution text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE intake.alerts (
        id uuid PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES intake.incidents (id),
        channel text NOT NULL,
        external_id text NOT NULL,
        reported_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        type_code text,
        type_confidence real NOT NULL,
        needs_triage boolean NOT NULL,
        description text NOT NULL,
        caller_name text,
        caller_phone text,
        address text,
        lat double precision,
        lng double precision,
        grid_code text,
        police_grid_code text,
        community_code text,
        building_key text,
        location_resolved_by text NOT NULL,
        attributes jsonb,
        media jsonb,
        actor text,
        link_reason text,
        response jsonb NOT NULL,
        UNIQUE (channel, external_id)
      )`);
    await q.query(`CREATE INDEX alerts_incident ON intake.alerts (incident_id)`);
    await q.query(`CREATE INDEX alerts_received ON intake.alerts (received_at DESC, id DESC)`);
    await q.query(`CREATE INDEX alerts_phone ON intake.alerts (caller_phone, reported_at) WHERE caller_phone IS NOT NULL`);
    await q.query(`CREATE INDEX alerts_building ON intake.alerts (building_key, reported_at) WHERE building_key IS NOT NULL`);
    await q.query(`CREATE INDEX alerts_place ON intake.alerts (lat, lng, reported_at) WHERE lat IS NOT NULL`);
    await q.query(`CREATE INDEX alerts_grid ON intake.alerts (grid_code, received_at DESC)`);
    await q.query(`CREATE INDEX incidents_open ON intake.incidents (type_code) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE intake.alerts`);
    await q.query(`DROP TABLE intake.incidents`);
  }
}
