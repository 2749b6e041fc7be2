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

  async repeatCandidates(
    m: EntityManager,
    q: { typeCodes: string[]; since: Date; phone: string | null; buildingKey: string | null; box: { minLat: number; maxLat: number; minLng: number; maxLng: number } | null },
  ): Promise<RepeatCandidate[]> {
    // One index range per trait, joined to the incident after: the plan cannot wander over every
    // open incident of the family, whatever the table statistics say.
    const branches: string[] = [];
    const args: unknown[] = [q.typeCodes, q.since];
    if (q.phone) {
      args.push(q.phone);
      branches.push(`SELECT * FROM intake.alerts WHERE caller_phone = $${args.length} AND reported_at >= $2`);
    }
    if (q.buildingKey) {
      args.push(q.buildingKey);
      branches.push(`SELECT * FROM intake.alerts WHERE building_key = $${args.length} AND reported_at >= $2`);
    }
    if (q.box) {
      args.push(q.box.minLat, q.box.maxLat, q.box.minLng, q.box.maxLng);
      const n = args.length;
      branches.push(`SELECT * FROM intake.alerts WHERE lat BETWEEN $${n - 3} AND $${n - 2} AND lng BETWEEN $${n - 1} AND $${n} AND reported_at >= $2`);
    }
    if (branches.length === 0) return [];
    const rows: { incident_id: string; first_alert_id: string; caller_phone: string | null; building_key: string | null; lat: number | null; lng: number | null; reported_at: Date }[] =
      await m.query(
        `SELECT a.incident_id, i.first_alert_id, a.caller_phone, a.building_key, a.lat, a.lng, a.reported_at
           FROM (${branches.join(' UNION ALL ')}) a JOIN intake.incidents i ON i.id = a.incident_id
          WHERE i.status = 'open' AND i.type_code = ANY($1)
          ORDER BY a.reported_at DESC LIMIT 50`,
        args,
      );
    return rows.map((r) => ({ incidentId: r.incident_id, firstAlertId: r.first_alert_id, phone: r.caller_phone, buildingKey: r.building_key, lat: r.lat, lng: r.lng, reportedAt: new Date(r.reported_at) }));
  }

  async countRepeat(m: EntityManager, incidentId: string, reportedAt: string): Promise<number> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [{ repeat_count: number }[], number] = await m.query(
      `UPDATE intake.incidents SET repeat_count = repeat_count + 1, last_alert_at = greatest(last_alert_at, $2), updated_at = now()
        WHERE id = $1 RETURNING repeat_count`,
      [incidentId, reportedAt],
    );
    return rows[0].repeat_count;
  }

  /**
   * Inserts the alert, and with `openIncident` its new incident in the same statement. False when
   * (channel, externalId) exists already: the caller rolls back and answers as the first time.
   */
  async insertAlert(m: EntityManager, a: AlertRow, openIncident: boolean): Promise<boolean> {
    const incident = openIncident
      ? `WITH incident AS (INSERT INTO intake.incidents (id, status, type_code, first_alert_id, opened_at, last_alert_at) VALUES ($2, 'open', $6, $1, $5, $5)) `
      : '';
    const rows: unknown[] = await m.query(
      `${incident}INSERT INTO intake.alerts (id, incident_id, channel, external_id, reported_at, type_code, type_confidence, needs_triage,
         description, caller_name, caller_phone, address, lat, lng, grid_code, police_grid_code, community_code, building_key,
         location_resolved_by, attributes, media, actor, link_reason, response)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24)
       ON CONFLICT (channel, external_id) DO NOTHING RETURNING 1`,
      [
        a.id, a.incidentId, a.channel, a.externalId, a.reportedAt, a.typeCode, a.typeConfidence, a.needsTriage,
        a.description, a.callerName, a.callerPhone, a.address, a.lat, a.lng, a.gridCode, a.policeGridCode, a.communityCode, a.buildingKey,
        a.resolvedBy, a.attributes ? JSON.stringify(a.attributes) : null, a.media ? JSON.stringify(a.media) : null, a.actor, a.linkReason, JSON.stringify(a.response),
      ],
    );
    return rows.length === 1;
  }

  async storedResponse(m: EntityManager, channel: string, externalId: string): Promise<AlertAccepted | null> {
    const rows: { response: AlertAccepted }[] = await m.query('SELECT response FROM intake.alerts WHERE channel = $1 AND external_id = $2', [channel, externalId]);
    return rows[0]?.response ?? null;
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
