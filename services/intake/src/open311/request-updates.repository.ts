import type { EntityManager } from 'typeorm';
import type { IncidentStatusChangedV1 } from '@jingwang/contracts';
import type { UpdateWording } from './status-change.wording.ts';

/** One row of intake.request_updates, as GET servicerequestupdates shows it. */
export interface StoredUpdate {
  updateId: string;
  alertId: string;
  source: 'dispatch' | 'client';
  status: 'open' | 'closed';
  descriptionZh: string | null;
  descriptionEn: string | null;
  note: string | null;
  clientStatus: string | null;
  media: { url: string }[] | null;
  updatedAt: Date;
}

/** A comment an Open311 client posted about one of its requests. */
export interface ClientNote {
  alertId: string;
  /** The client's own id for the comment: a retried POST with it gets the first answer. */
  clientUpdateId?: string;
  clientStatus?: string;
  note: string;
  changedAt: Date;
  author?: Record<string, string>;
  media?: { url: string }[];
}

// Two-key advisory locks live apart from the one-key locks of intake's write path.
const LOCK_CLASS = 311;

/** intake.request_updates: written by dispatch's status changes and clients' comments, read by the poll. */
export class RequestUpdatesRepository {
  /**
   * One update per alert of the incident on `channels`, idempotent per (event, alert). An event
   * handled after a newer one (a redelivery, another worker) keeps the newer status, so that the
   * update a client sees last never reopens a closed request. The lock per incident orders two
   * workers' changes of one incident. 'unknown' when intake has no such incident.
   */
  async recordStatusChange(m: EntityManager, eventId: string, change: IncidentStatusChangedV1, wording: UpdateWording, channels: readonly string[]): Promise<'recorded' | 'unknown'> {
    await m.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, change.incidentId]);
    const [row]: { known: boolean }[] = await m.query(
      `WITH written AS (
         INSERT INTO intake.request_updates
                (alert_id, incident_id, source, status, description_zh, description_en, note, changed_at, event_id, to_status, transition, resolution, actor_id)
         SELECT a.id, a.incident_id, 'dispatch', COALESCE(newer.status, $2), $3, $4, $5, $6, $7, $8, $9, $10, $11
           FROM intake.alerts a
           LEFT JOIN LATERAL (
             SELECT u.status FROM intake.request_updates u
              WHERE u.alert_id = a.id AND u.source = 'dispatch' AND u.changed_at > $6
              ORDER BY u.changed_at DESC, u.id DESC LIMIT 1) newer ON true
          WHERE a.incident_id = $1 AND a.channel = ANY($12)
          ORDER BY a.reported_at, a.id
         ON CONFLICT (event_id, alert_id) DO NOTHING
         RETURNING 1)
       SELECT EXISTS (SELECT 1 FROM intake.incidents WHERE id = $1) AS known, (SELECT count(*) FROM written) AS written`,
      [
        change.incidentId,
        wording.status,
        wording.zh,
        wording.en,
        change.note?.trim() || null,
        change.changedAt,
        eventId,
        change.to,
        change.transition,
        change.resolution ?? null,
        change.actorId,
        channels,
      ],
    );
    return row.known ? 'recorded' : 'unknown';
  }

  /**
   * The client's note as an update of its request, with the request's status as the station last
   * gave it. The update id, the first one's for a retry with the same client update id, or
   * undefined when the alert does not exist.
   */
  async recordClientNote(m: EntityManager, note: ClientNote): Promise<string | undefined> {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO intake.request_updates (alert_id, incident_id, source, status, note, changed_at, client_update_id, client_status, author, media)
       SELECT a.id, a.incident_id, 'client',
              COALESCE((SELECT u.status FROM intake.request_updates u WHERE u.alert_id = a.id AND u.source = 'dispatch'
                         ORDER BY u.changed_at DESC, u.id DESC LIMIT 1), i.status),
              $2, $3, $4, $5, $6, $7
         FROM intake.alerts a JOIN intake.incidents i ON i.id = a.incident_id
        WHERE a.id = $1
       ON CONFLICT (alert_id, client_update_id) WHERE client_update_id IS NOT NULL DO NOTHING
       RETURNING id::text`,
      [note.alertId, note.note, note.changedAt, note.clientUpdateId ?? null, note.clientStatus ?? null, note.author ?? null, note.media ? JSON.stringify(note.media) : null],
    );
    if (rows.length > 0 || note.clientUpdateId === undefined) return rows[0]?.id;
    // A retry (or a concurrent twin, committed by now: this statement has a fresh snapshot).
    const [first]: { id: string }[] = await m.query('SELECT id::text FROM intake.request_updates WHERE alert_id = $1 AND client_update_id = $2', [note.alertId, note.clientUpdateId]);
    return first?.id;
  }

  /** Updates written in [from, to], oldest first, at most `limit`. */
  async written(m: EntityManager, from: Date, to: Date, limit: number): Promise<StoredUpdate[]> {
    const rows: Record<string, unknown>[] = await m.query(
      `SELECT id::text, alert_id, source, status, description_zh, description_en, note, client_status, media, updated_at
         FROM intake.request_updates
        WHERE updated_at >= $1 AND updated_at <= $2
        ORDER BY updated_at, id
        LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((r) => ({
      updateId: r.id as string,
      alertId: r.alert_id as string,
      source: r.source as StoredUpdate['source'],
      status: r.status as StoredUpdate['status'],
      descriptionZh: r.description_zh as string | null,
      descriptionEn: r.description_en as string | null,
      note: r.note as string | null,
      clientStatus: r.client_status as string | null,
      media: r.media as StoredUpdate['media'],
      updatedAt: r.updated_at as Date,
    }));
  }
}
