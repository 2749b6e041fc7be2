import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { getAlertType } from '@jingwang/alert-catalog';
import { LANE_NAMES, type IncidentStatus } from '@jingwang/contracts';
import { decodeKeysetCursor, encodeKeysetCursor } from '@jingwang/http';
import { IncidentErrors } from '../../dispatch.errors.ts';
import { INCIDENT_COLUMNS, incidentOf, type IncidentRecord, type TimelineEntry } from '../incident.record.ts';
import { IncidentRepository } from '../incident.repository.ts';
import type { ListIncidentsQuery } from './list-incidents.query.ts';

/** The next deadline still running: what the board counts down to (negative when overdue). */
export interface SlaCountdown {
  kind: 'accept' | 'arrive' | 'resolve';
  dueAt: string;
  secondsLeft: number;
}

export interface IncidentView extends IncidentRecord {
  typeNameZh: string | null;
  typeNameEn: string | null;
  sla: SlaCountdown | null;
}

const OPEN_STATUSES: IncidentStatus[] = ['triage', 'assigned', 'accepted', 'en-route', 'on-scene'];
const BOARD_LIMIT = 500;

export function countdown(i: IncidentRecord, now: number): SlaCountdown | null {
  const next: [SlaCountdown['kind'], string | null][] =
    i.status === 'assigned' ? [['accept', i.acceptBy], ['arrive', i.arriveBy]]
      : i.status === 'accepted' || i.status === 'en-route' ? [['arrive', i.arriveBy], ['resolve', i.resolveBy]]
        : i.status === 'on-scene' ? [['resolve', i.resolveBy]] : [];
  const [kind, due] = next.find(([, d]) => d !== null) ?? [];
  return kind && due ? { kind, dueAt: due, secondsLeft: Math.round((Date.parse(due) - now) / 1000) } : null;
}

export function viewOf(i: IncidentRecord, now = Date.now()): IncidentView {
  const type = i.typeCode ? getAlertType(i.typeCode) : undefined;
  return { ...i, typeNameZh: type?.nameZh ?? null, typeNameEn: type?.nameEn ?? null, sla: countdown(i, now) };
}

/** Reads for the duty room: lists with keyset pages, one incident with its timeline, the triage queue, the board. */
@Injectable()
export class IncidentQueries {
  private readonly incidents = new IncidentRepository();

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async page(q: ListIncidentsQuery): Promise<{ items: IncidentView[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => where.push(sql.replace('?', `$${params.push(value)}`));
    if (q.lane) add('lane = ?', q.lane);
    if (q.status) add('status = ?', q.status);
    if (q.gridCode) add('grid_code = ?', q.gridCode);
    if (q.assignee) add('assignees @> ?::jsonb', JSON.stringify([{ code: q.assignee }]));
    if (q.cursor) {
      const { at, id } = decodeKeysetCursor(q.cursor);
      where.push(`(created_at, id) < ($${params.push(at)}::timestamptz, $${params.push(id)}::uuid)`);
    }
    const limit = q.limit ?? 50;
    const rows = (await this.dataSource.query(
      `SELECT ${INCIDENT_COLUMNS} FROM dispatch.incidents ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT ${limit + 1}`,
      params,
    )) as Record<string, unknown>[];
    const items = rows.slice(0, limit).map((r) => viewOf(incidentOf(r)));
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? encodeKeysetCursor(last.createdAt, last.id) : null };
  }

  async one(id: string): Promise<IncidentView & { timeline: TimelineEntry[]; slaBreaches: { kind: string; dueAt: string; detectedAt: string; escalatedTo: string | null }[] }> {
    const m = this.dataSource.manager;
    const inc = await this.incidents.find(m, id);
    if (!inc) throw IncidentErrors.notFound(id);
    const [timeline, breaches] = await Promise.all([
      this.incidents.timeline(m, id),
      m.query('SELECT kind, due_at, detected_at, escalated_to FROM dispatch.sla_breaches WHERE incident_id = $1 ORDER BY detected_at', [id]) as Promise<Record<string, unknown>[]>,
    ]);
    return {
      ...viewOf(inc),
      timeline,
      slaBreaches: breaches.map((b) => ({ kind: b.kind as string, dueAt: (b.due_at as Date).toISOString(), detectedAt: (b.detected_at as Date).toISOString(), escalatedTo: (b.escalated_to as string | null) ?? null })),
    };
  }

  /** Waiting for a call-taker, oldest first. */
  async triageQueue(): Promise<{ items: IncidentView[] }> {
    const rows = (await this.dataSource.query(`SELECT ${INCIDENT_COLUMNS} FROM dispatch.incidents WHERE status = 'triage' ORDER BY created_at, id LIMIT ${BOARD_LIMIT}`)) as Record<string, unknown>[];
    return { items: rows.map((r) => viewOf(incidentOf(r))) };
  }

  /** Open incidents by lane and status, most urgent deadline first, with counts. */
  async board(): Promise<{ at: string; lanes: Record<string, { counts: Record<string, number>; items: Record<string, IncidentView[]> }>; triage: number }> {
    const now = Date.now();
    const [rows, counts] = await Promise.all([
      this.dataSource.query(
        `SELECT ${INCIDENT_COLUMNS} FROM dispatch.incidents WHERE status IN ('assigned', 'accepted', 'en-route', 'on-scene') ORDER BY priority, created_at LIMIT ${BOARD_LIMIT}`,
      ) as Promise<Record<string, unknown>[]>,
      this.dataSource.query(`SELECT coalesce(lane, 'untyped') AS lane, status, count(*)::int AS n FROM dispatch.incidents WHERE status <> 'resolved' GROUP BY 1, 2`) as Promise<
        { lane: string; status: string; n: number }[]
      >,
    ]);
    const lanes: Record<string, { counts: Record<string, number>; items: Record<string, IncidentView[]> }> = {};
    for (const lane of LANE_NAMES) lanes[lane] = { counts: Object.fromEntries(OPEN_STATUSES.filter((s) => s !== 'triage').map((s) => [s, 0])), items: {} };
    for (const c of counts) if (lanes[c.lane] && c.status !== 'triage') lanes[c.lane].counts[c.status] = c.n;
    const views = rows.map((r) => viewOf(incidentOf(r), now)).sort((a, b) => a.priority - b.priority || (a.sla?.secondsLeft ?? Infinity) - (b.sla?.secondsLeft ?? Infinity));
    for (const v of views) (lanes[v.lane!].items[v.status] ??= []).push(v);
    return { at: new Date(now).toISOString(), lanes, triage: counts.filter((c) => c.status === 'triage').reduce((s, c) => s + c.n, 0) };
  }
}
