import type { EntityManager } from 'typeorm';

export interface IncidentRow {
  id: string;
  status: 'open' | 'closed';
  type_code: string | null;
  first_alert_id: string;
  opened_at: Date;
  last_alert_at: Date;
  repeat_count: number;
  closed_at: Date | null;
  resolution: string | null;
  updated_at: Date;
}

/** An incident's own row: read, and closed when dispatch reports it resolved. */
export class IncidentRepository {
  async closeIncident(m: EntityManager, incidentId: string, resolvedAt: string, outcome: string | null): Promise<'closed' | 'already-closed' | 'unknown'> {
    const [rows]: [unknown[], number] = await m.query(
      `UPDATE intake.incidents SET status = 'closed', closed_at = $2, resolution = $3, updated_at = now()
        WHERE id = $1 AND status = 'open' RETURNING 1`,
      [incidentId, resolvedAt, outcome],
    );
    if (rows.length === 1) return 'closed';
    return (await this.incident(m, incidentId)) ? 'already-closed' : 'unknown';
  }

  async incident(m: EntityManager, id: string): Promise<IncidentRow | undefined> {
    const rows: IncidentRow[] = await m.query('SELECT * FROM intake.incidents WHERE id = $1', [id]);
    return rows[0];
  }
}
