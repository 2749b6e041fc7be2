import type { EntityManager } from 'typeorm';
import type { AlertView, AlertAccepted } from '../alert.types.ts';

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

/** Reads of alerts with their incident's state, in the shape of `AlertView`. */
export class AlertReadRepository {
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
