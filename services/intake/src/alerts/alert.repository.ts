import type { EntityManager } from 'typeorm';
import type { AlertChannel } from '@jingwang/contracts';
import type { AlertAccepted, AlertView } from './alert.types.ts';
import type { RepeatCandidate } from './repeat-call.matcher.ts';

export interface AlertRow {
  id: string;
  incidentId: string;
  channel: AlertChannel;
  externalId: string;
  reportedAt: string;
  typeCode: string | null;
  typeConfidence: number;
  needsTriage: boolean;
  description: string;
  callerName: string | null;
  callerPhone: string | null;
  address: string | null;
  lat: number | null;
  lng: number | null;
  gridCode: string | null;
  policeGridCode: string | null;
  communityCode: string | null;
  buildingKey: string | null;
  resolvedBy: string;
  attributes: Record<string, unknown> | null;
  media: unknown[] | null;
  actor: string;
  linkReason: string | null;
  response: AlertAccepted;
}

export interface AlertFilter {
  ids?: string[];
  channel?: string;
  gridCode?: string;
  typeCodes?: string[];
  status?: ('open' | 'closed')[];
  since?: string;
  until?: string;
  reportedSince?: string;
  reportedUntil?: string;
  /** Keyset position: alerts strictly older than this (received_at, id). */
  before?: { receivedAt: string; id: string };
  limit: number;
}

const VIEW = `
  SELECT a.*, i.status AS incident_status, i.repeat_count, i.updated_at AS incident_updated_at, i.first_alert_id
    FROM intake.alerts a JOIN intake.incidents i ON i.id = a.incident_id`;

/** Plain SQL: every request is a handful of round trips, and each one counts at 2,000 alerts/s. */
export class AlertRepository {
  /** Serialises concurrent alerts that could be the same matter (same phone, building or grid). */
  async lock(m: EntityManager, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await m.query('SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n', [[...new Set(keys)].sort()]);
  }

  /**
   * Alerts of open incidents that share a phone, a building or a nearby point with any alert of a
   * batch. One index range per trait (phone, building, boxes), joined to the incident after: the
   * plan cannot wander over every open incident, whatever the table statistics say.
   */
  async repeatCandidates(
    m: EntityManager,
    q: { since: Date; phones: string[]; buildingKeys: string[]; boxes: { minLat: number; maxLat: number; minLng: number; maxLng: number }[] },
  ): Promise<(RepeatCandidate & { typeCode: string | null })[]> {
    if (q.phones.length + q.buildingKeys.length + q.boxes.length === 0) return [];
    const rows: { incident_id: string; first_alert_id: string; type_code: string | null; caller_phone: string | null; building_key: string | null; lat: number | null; lng: number | null; reported_at: Date }[] =
      await m.query(
        `SELECT a.incident_id, i.first_alert_id, i.type_code, a.caller_phone, a.building_key, a.lat, a.lng, a.reported_at
           FROM (SELECT * FROM intake.alerts WHERE caller_phone = ANY($2) AND reported_at >= $1
                 UNION ALL
                 SELECT * FROM intake.alerts WHERE building_key = ANY($3) AND reported_at >= $1
                 UNION ALL
                 SELECT a.* FROM unnest($4::float8[], $5::float8[], $6::float8[], $7::float8[]) AS b(min_lat, max_lat, min_lng, max_lng)
                   JOIN intake.alerts a ON a.lat BETWEEN b.min_lat AND b.max_lat AND a.lng BETWEEN b.min_lng AND b.max_lng AND a.reported_at >= $1) a
           JOIN intake.incidents i ON i.id = a.incident_id
          WHERE i.status = 'open'`,
        [q.since, q.phones, q.buildingKeys, q.boxes.map((b) => b.minLat), q.boxes.map((b) => b.maxLat), q.boxes.map((b) => b.minLng), q.boxes.map((b) => b.maxLng)],
      );
    return rows.map((r) => ({
      incidentId: r.incident_id,
      firstAlertId: r.first_alert_id,
      typeCode: r.type_code,
      phone: r.caller_phone,
      buildingKey: r.building_key,
      lat: r.lat,
      lng: r.lng,
      reportedAt: new Date(r.reported_at),
    }));
  }

  async openIncidents(m: EntityManager, incidents: { id: string; typeCode: string | null; firstAlertId: string; reportedAt: string }[]): Promise<void> {
    if (incidents.length === 0) return;
    await m.query(
      `INSERT INTO intake.incidents (id, status, type_code, first_alert_id, opened_at, last_alert_at)
       SELECT id, 'open', type_code, first_alert_id, at, at FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[]) AS t(id, type_code, first_alert_id, at)`,
      [incidents.map((i) => i.id), incidents.map((i) => i.typeCode), incidents.map((i) => i.firstAlertId), incidents.map((i) => i.reportedAt)],
    );
  }

  /** Adds repeats to open incidents; returns each one's repeat count after (a closed one is left out). */
  async addRepeats(m: EntityManager, repeats: Map<string, { added: number; lastReportedAt: string }>): Promise<Map<string, number>> {
    if (repeats.size === 0) return new Map();
    const ids = [...repeats.keys()];
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [{ id: string; repeat_count: number }[], number] = await m.query(
      `UPDATE intake.incidents i SET repeat_count = i.repeat_count + v.added, last_alert_at = greatest(i.last_alert_at, v.last_at), updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::timestamptz[]) AS v(id, added, last_at)
        WHERE i.id = v.id AND i.status = 'open' RETURNING i.id, i.repeat_count`,
      [ids, ids.map((id) => repeats.get(id)!.added), ids.map((id) => repeats.get(id)!.lastReportedAt)],
    );
    return new Map(rows.map((r) => [r.id, r.repeat_count]));
  }

  /** Inserts the alerts; returns how many were new (fewer: a concurrent writer stored one first). */
  async insertAlerts(m: EntityManager, rows: AlertRow[]): Promise<number> {
    const col = <K extends keyof AlertRow>(k: K) => rows.map((r) => r[k]);
    const json = (k: 'attributes' | 'media' | 'response') => rows.map((r) => (r[k] ? JSON.stringify(r[k]) : null));
    const inserted: unknown[] = await m.query(
      `INSERT INTO intake.alerts (id, incident_id, channel, external_id, reported_at, type_code, type_confidence, needs_triage,
         description, caller_name, caller_phone, address, lat, lng, grid_code, police_grid_code, community_code, building_key,
         location_resolved_by, attributes, media, actor, link_reason, response)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::real[], $8::boolean[],
         $9::text[], $10::text[], $11::text[], $12::text[], $13::float8[], $14::float8[], $15::text[], $16::text[], $17::text[], $18::text[],
         $19::text[], $20::jsonb[], $21::jsonb[], $22::text[], $23::text[], $24::jsonb[])
       ON CONFLICT (channel, external_id) DO NOTHING RETURNING 1`,
      [
        col('id'), col('incidentId'), col('channel'), col('externalId'), col('reportedAt'), col('typeCode'), col('typeConfidence'), col('needsTriage'),
        col('description'), col('callerName'), col('callerPhone'), col('address'), col('lat'), col('lng'), col('gridCode'), col('policeGridCode'), col('communityCode'), col('buildingKey'),
        col('resolvedBy'), json('attributes'), json('media'), col('actor'), col('linkReason'), json('response'),
      ],
    );
    return inserted.length;
  }

  async storedResponses(m: EntityManager, keys: { channel: string; externalId: string }[]): Promise<Map<string, AlertAccepted>> {
    const rows: { channel: string; external_id: string; response: AlertAccepted }[] = await m.query(
      `SELECT a.channel, a.external_id, a.response FROM unnest($1::text[], $2::text[]) AS k(channel, external_id)
         JOIN intake.alerts a ON a.channel = k.channel AND a.external_id = k.external_id`,
      [keys.map((k) => k.channel), keys.map((k) => k.externalId)],
    );
    return new Map(rows.map((r) => [`${r.channel}\u0000${r.external_id}`, r.response]));
  }

  async closeIncident(m: EntityManager, incidentId: string, resolvedAt: string, outcome: string | null): Promise<'closed' | 'already-closed' | 'unknown'> {
    const [rows]: [unknown[], number] = await m.query(
      `UPDATE intake.incidents SET status = 'closed', closed_at = $2, resolution = $3, updated_at = now()
        WHERE id = $1 AND status = 'open' RETURNING 1`,
      [incidentId, resolvedAt, outcome],
    );
    if (rows.length === 1) return 'closed';
    return (await this.incident(m, incidentId)) ? 'already-closed' : 'unknown';
  }

  async find(m: EntityManager, f: AlertFilter): Promise<AlertView[]> {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      args.push(value);
      where.push(sql.replace('?', `$${args.length}`));
    };
    if (f.ids) add('a.id::text = ANY(?)', f.ids);
    if (f.channel) add('a.channel = ?', f.channel);
    if (f.gridCode) add('a.grid_code = ?', f.gridCode);
    if (f.typeCodes) add('a.type_code = ANY(?)', f.typeCodes);
    if (f.status) add('i.status = ANY(?)', f.status);
    if (f.since) add('a.received_at >= ?', f.since);
    if (f.until) add('a.received_at < ?', f.until);
    if (f.reportedSince) add('a.reported_at >= ?', f.reportedSince);
    if (f.reportedUntil) add('a.reported_at <= ?', f.reportedUntil);
    if (f.before) {
      args.push(f.before.receivedAt, f.before.id);
      where.push(`(a.received_at, a.id) < ($${args.length - 1}::timestamptz, $${args.length}::uuid)`);
    }
    args.push(f.limit);
    const rows = await m.query(`${VIEW} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.received_at DESC, a.id DESC LIMIT $${args.length}`, args);
    return rows.map(toView);
  }

  async ofIncident(m: EntityManager, incidentId: string): Promise<AlertView[]> {
    return (await m.query(`${VIEW} WHERE a.incident_id = $1 ORDER BY a.reported_at, a.id`, [incidentId])).map(toView);
  }

  async incident(m: EntityManager, id: string) {
    const rows = await m.query('SELECT * FROM intake.incidents WHERE id = $1', [id]);
    return rows[0] as
      | { id: string; status: 'open' | 'closed'; type_code: string | null; first_alert_id: string; opened_at: Date; last_alert_at: Date; repeat_count: number; closed_at: Date | null; resolution: string | null; updated_at: Date }
      | undefined;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toView(r: any): AlertView {
  const response = r.response as AlertAccepted;
  return {
    ...response,
    channel: r.channel,
    externalId: r.external_id,
    reportedAt: new Date(r.reported_at).toISOString(),
    receivedAt: new Date(r.received_at).toISOString(),
    description: r.description,
    caller: r.caller_name || r.caller_phone ? { ...(r.caller_name ? { name: r.caller_name } : {}), ...(r.caller_phone ? { phone: r.caller_phone } : {}) } : null,
    location: {
      ...(r.address ? { address: r.address } : {}),
      ...(r.lat !== null ? { lat: r.lat, lng: r.lng } : {}),
      ...(r.grid_code ? { gridCode: r.grid_code } : {}),
      resolvedBy: r.location_resolved_by,
    },
    attributes: r.attributes,
    media: r.media,
    incidentStatus: r.incident_status,
    incidentRepeatCount: r.repeat_count,
    incidentUpdatedAt: new Date(r.incident_updated_at).toISOString(),
  };
}
