import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dispatch's tables: who can be sent (staff, loaded from the staff file), the duty roster, the
 * incidents with their assignment and deadlines, the timeline of every change, and SLA breaches.
 */
export class DispatchTables1796322427535 implements MigrationInterface {
  name = 'DispatchTables1796322427535';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dispatch.staff_files (
        version text PRIMARY KEY,
        sample boolean NOT NULL,
        source text NOT NULL,
        summary jsonb NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per person; rows missing from a newer staff file are kept, inactive, for the history.
    await q.query(`
      CREATE TABLE dispatch.staff (
        code text PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL,
        unit_code text,
        community_code text,
        police_grid_code text,
        grid_code text,
        eligible_110 boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        staff_version text NOT NULL,
        open_assignments integer NOT NULL DEFAULT 0 CHECK (open_assignments >= 0)
      )`);
    await q.query(`
      CREATE TABLE dispatch.units (
        code text PRIMARY KEY,
        name_zh text NOT NULL,
        name_en text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        open_assignments integer NOT NULL DEFAULT 0 CHECK (open_assignments >= 0)
      )`);
    // post: 110-car, case-team, community, duty-commander, duty-room, grid
    await q.query(`
      CREATE TABLE dispatch.roster (
        day date NOT NULL,
        shift text NOT NULL,
        post text NOT NULL,
        staff_code text NOT NULL REFERENCES dispatch.staff (code),
        PRIMARY KEY (day, shift, post, staff_code)
      )`);
    await q.query(`CREATE INDEX roster_staff ON dispatch.roster (staff_code, day)`);
    await q.query(`
      CREATE TABLE dispatch.leave (
        staff_code text NOT NULL REFERENCES dispatch.staff (code),
        day date NOT NULL,
        reason text,
        PRIMARY KEY (staff_code, day)
      )`);
    await q.query(`
      CREATE TABLE dispatch.roster_changes (
        id bigserial PRIMARY KEY,
        day date,
        kind text NOT NULL,
        changed_by text NOT NULL,
        reason text NOT NULL,
        detail jsonb NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE dispatch.incidents (
        id uuid PRIMARY KEY,
        alert_id uuid NOT NULL,
        channel text NOT NULL,
        external_id text NOT NULL,
        description text NOT NULL,
        type_code text,
        classified_type_code text,
        type_confidence real NOT NULL DEFAULT 0,
        lane text CHECK (lane IN ('case-team', 'community')),
        priority smallint NOT NULL CHECK (priority BETWEEN 1 AND 4),
        grid_code text,
        police_grid_code text,
        community_code text,
        status text NOT NULL CHECK (status IN ('triage', 'assigned', 'accepted', 'en-route', 'on-scene', 'resolved')),
        resolution text,
        resolved_on_site boolean,
        dispute_flag boolean NOT NULL DEFAULT false,
        repeat_count integer NOT NULL DEFAULT 0,
        received_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        assigned_at timestamptz,
        rule_id text,
        unit_code text,
        assignees jsonb NOT NULL DEFAULT '[]',
        accept_by timestamptz,
        arrive_by timestamptz,
        resolve_by timestamptz,
        accepted_at timestamptz,
        arrived_at timestamptz,
        resolved_at timestamptz,
        accept_breached_at timestamptz,
        arrive_breached_at timestamptz,
        resolve_breached_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX incidents_open ON dispatch.incidents (lane, status, created_at DESC, id DESC) WHERE status <> 'resolved'`);
    await q.query(`CREATE INDEX incidents_created ON dispatch.incidents (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX incidents_grid ON dispatch.incidents (grid_code, created_at DESC)`);
    await q.query(`CREATE INDEX incidents_assignees ON dispatch.incidents USING gin (assignees jsonb_path_ops)`);
    // The SLA scheduler's three scans: only deadlines still running and not yet reported.
    await q.query(`CREATE INDEX incidents_accept_due ON dispatch.incidents (accept_by) WHERE status = 'assigned' AND accept_breached_at IS NULL`);
    await q.query(
      `CREATE INDEX incidents_arrive_due ON dispatch.incidents (arrive_by) WHERE status IN ('assigned', 'accepted', 'en-route') AND arrive_breached_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX incidents_resolve_due ON dispatch.incidents (resolve_by) WHERE status IN ('assigned', 'accepted', 'en-route', 'on-scene') AND resolve_breached_at IS NULL`,
    );
    // The timeline and audit trail of every incident: one row per change, never updated.
    await q.query(`
      CREATE TABLE dispatch.incident_events (
        id bigserial PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES dispatch.incidents (id),
        at timestamptz NOT NULL DEFAULT now(),
        what text NOT NULL,
        actor_id text NOT NULL,
        from_status text,
        to_status text,
        note text,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX incident_events_incident ON dispatch.incident_events (incident_id, id)`);
    await q.query(`
      CREATE TABLE dispatch.sla_breaches (
        incident_id uuid NOT NULL REFERENCES dispatch.incidents (id),
        kind text NOT NULL CHECK (kind IN ('accept', 'arrive', 'resolve')),
        due_at timestamptz NOT NULL,
        detected_at timestamptz NOT NULL DEFAULT now(),
        escalated_to text,
        PRIMARY KEY (incident_id, kind)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['sla_breaches', 'incident_events', 'incidents', 'roster_changes', 'leave', 'roster', 'units', 'staff', 'staff_files']) {
      await q.query(`DROP TABLE dispatch.${t}`);
    }
  }
}
