import type { EntityManager } from 'typeorm';

export interface Correction {
  eventId: string;
  incidentId: string;
  alertId: string;
  text: string;
  fromType: string | null;
  toType: string;
  learnedBy: string;
}

export interface LearnedRow {
  id: string;
  text: string;
  to_type: string;
}

/** Call-takers' corrections of a type, as the classifier learns them (intake.learned_examples). */
export class LearnedExamplesRepository {
  /** Stores a correction once per event; false when this event was stored before. */
  async store(m: EntityManager, c: Correction): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO intake.learned_examples (event_id, incident_id, alert_id, text, from_type, to_type, learned_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (event_id) DO NOTHING RETURNING 1`,
      [c.eventId, c.incidentId, c.alertId, c.text, c.fromType, c.toType, c.learnedBy],
    );
    return rows.length === 1;
  }

  /**
   * The newest `limit` examples, oldest first, and how many there are in all (one snapshot). Ids
   * are taken at insert, not commit, so "stored since" is told by the count, which only grows.
   */
  async newest(m: EntityManager, limit: number): Promise<{ rows: LearnedRow[]; total: number }> {
    const rows: (LearnedRow & { total: number })[] = await m.query(
      `WITH total AS (SELECT count(*)::int AS n FROM intake.learned_examples)
       SELECT newest.*, (SELECT n FROM total) AS total
         FROM (SELECT id, text, to_type FROM intake.learned_examples ORDER BY id DESC LIMIT $1) newest
        ORDER BY id`,
      [limit],
    );
    const total = rows.length ? rows[0].total : 0; // no rows at all: LIMIT keeps at least one
    return { rows: rows.map(({ id, text, to_type }) => ({ id, text, to_type })), total };
  }

  /** How many examples are stored (an index-only scan: cheap enough to poll). */
  async count(m: EntityManager): Promise<number> {
    const rows: { n: number }[] = await m.query('SELECT count(*)::int AS n FROM intake.learned_examples');
    return rows[0].n;
  }
}
