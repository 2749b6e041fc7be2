import type { EntityManager } from 'typeorm';
import { INCIDENT_COLUMNS, incidentOf, type IncidentRecord, type TimelineEntry } from './incident.record.ts';

const SNAKE: Record<string, string> = {};
const snake = (k: string) => (SNAKE[k] ??= k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

/** The columns a new incident is written with (the rest take their defaults). */
const NEW_COLUMNS: [keyof IncidentRecord, string][] = [
  ['id', 'uuid'], ['alertId', 'uuid'], ['channel', 'text'], ['externalId', 'text'], ['description', 'text'], ['typeCode', 'text'],
  ['classifiedTypeCode', 'text'], ['typeConfidence', 'real'], ['lane', 'text'], ['priority', 'smallint'], ['gridCode', 'text'],
  ['policeGridCode', 'text'], ['communityCode', 'text'], ['status', 'text'], ['receivedAt', 'timestamptz'], ['createdAt', 'timestamptz'], ['assignedAt', 'timestamptz'],
  ['ruleId', 'text'], ['unitCode', 'text'], ['assignees', 'jsonb'], ['acceptBy', 'timestamptz'], ['arriveBy', 'timestamptz'], ['resolveBy', 'timestamptz'],
];
const NEW_NAMES = NEW_COLUMNS.map(([k]) => snake(k)).join(', ');
const INSERT_INCIDENTS = `INSERT INTO dispatch.incidents (${NEW_NAMES})
  SELECT ${NEW_NAMES} FROM jsonb_to_recordset($1::jsonb) AS x(${NEW_COLUMNS.map(([k, t]) => `${snake(k)} ${t}`).join(', ')})
  ON CONFLICT (id) DO NOTHING RETURNING id`;

const INSERT_TIMELINE = `INSERT INTO dispatch.incident_events (incident_id, what, actor_id, from_status, to_status, note, detail, at)
  SELECT incident_id, what, actor_id, from_status, to_status, note, coalesce(detail, '{}'), coalesce(at, now())
    FROM jsonb_to_recordset($1::jsonb) AS x(incident_id uuid, what text, actor_id text, from_status text, to_status text, note text, detail jsonb, at timestamptz)`;

/** Dispatch's reads and writes of incidents, always inside the caller's transaction. */
export class IncidentRepository {
  /** New incidents; answers the ids written (an id already there is left as it was). */
  async insertNew(m: EntityManager, incidents: IncidentRecord[]): Promise<Set<string>> {
    if (incidents.length === 0) return new Set();
    const rows = incidents.map((i) => Object.fromEntries(NEW_COLUMNS.map(([k]) => [snake(k), i[k]])));
    const inserted = (await m.query(INSERT_INCIDENTS, [JSON.stringify(rows)])) as { id: string }[];
    return new Set(inserted.map((r) => r.id));
  }

  async appendTimeline(m: EntityManager, entries: TimelineEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map((e) => ({
      incident_id: e.incidentId, what: e.what, actor_id: e.actorId, from_status: e.fromStatus, to_status: e.toStatus, note: e.note, detail: e.detail, at: e.at ?? null,
    }));
    await m.query(INSERT_TIMELINE, [JSON.stringify(rows)]);
  }

  /** The incident, locked for the rest of the transaction (one change at a time). */
  async lock(m: EntityManager, id: string): Promise<IncidentRecord | null> {
    const rows = (await m.query(`SELECT ${INCIDENT_COLUMNS} FROM dispatch.incidents WHERE id = $1 FOR UPDATE`, [id])) as Record<string, unknown>[];
    return rows[0] ? incidentOf(rows[0]) : null;
  }

  async find(m: EntityManager, id: string): Promise<IncidentRecord | null> {
    const rows = (await m.query(`SELECT ${INCIDENT_COLUMNS} FROM dispatch.incidents WHERE id = $1`, [id])) as Record<string, unknown>[];
    return rows[0] ? incidentOf(rows[0]) : null;
  }

  /** Writes the changed fields of an incident (updated_at follows). */
  async update(m: EntityManager, id: string, changes: Partial<IncidentRecord>): Promise<IncidentRecord> {
    const keys = Object.keys(changes) as (keyof IncidentRecord)[];
    const sets = keys.map((k, i) => `${snake(k)} = $${i + 2}${k === 'assignees' ? '::jsonb' : ''}`);
    const values = keys.map((k) => (k === 'assignees' ? JSON.stringify(changes[k]) : changes[k]));
    const rows = (await m.query(`UPDATE dispatch.incidents SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${INCIDENT_COLUMNS}`, [id, ...values])) as [
      Record<string, unknown>[],
      number,
    ];
    return incidentOf(rows[0][0]);
  }

  async timeline(m: EntityManager, id: string): Promise<TimelineEntry[]> {
    const rows = (await m.query(
      'SELECT incident_id, what, actor_id, from_status, to_status, note, detail, at FROM dispatch.incident_events WHERE incident_id = $1 ORDER BY id',
      [id],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      incidentId: r.incident_id as string,
      what: r.what as string,
      actorId: r.actor_id as string,
      fromStatus: (r.from_status as TimelineEntry['fromStatus']) ?? null,
      toStatus: (r.to_status as TimelineEntry['toStatus']) ?? null,
      note: (r.note as string | null) ?? null,
      detail: r.detail as Record<string, unknown>,
      at: (r.at as Date).toISOString(),
    }));
  }
}
