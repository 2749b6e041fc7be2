import type { AssigneeV1, IncidentStatus, LaneName, Resolution } from '@jingwang/contracts';

/** An incident as dispatch keeps it (dispatch.incidents), in camelCase. */
export interface IncidentRecord {
  id: string;
  alertId: string;
  channel: string;
  externalId: string;
  description: string;
  typeCode: string | null;
  /** What intake's classifier said; a correction is learned against it. */
  classifiedTypeCode: string | null;
  typeConfidence: number;
  lane: LaneName | null;
  priority: number;
  gridCode: string | null;
  policeGridCode: string | null;
  communityCode: string | null;
  status: IncidentStatus;
  resolution: Resolution | null;
  resolvedOnSite: boolean | null;
  disputeFlag: boolean;
  repeatCount: number;
  receivedAt: string;
  createdAt: string;
  assignedAt: string | null;
  ruleId: string | null;
  unitCode: string | null;
  assignees: AssigneeV1[];
  acceptBy: string | null;
  arriveBy: string | null;
  resolveBy: string | null;
  acceptedAt: string | null;
  arrivedAt: string | null;
  resolvedAt: string | null;
  updatedAt: string;
}

/** The columns, in the table's names, and how a row reads back. */
export const INCIDENT_COLUMNS = `id, alert_id, channel, external_id, description, type_code, classified_type_code, type_confidence, lane, priority,
  grid_code, police_grid_code, community_code, status, resolution, resolved_on_site, dispute_flag, repeat_count, received_at, created_at,
  assigned_at, rule_id, unit_code, assignees, accept_by, arrive_by, resolve_by, accepted_at, arrived_at, resolved_at, updated_at`;

type Row = Record<string, unknown>;
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : (v as Date).toISOString());

export function incidentOf(r: Row): IncidentRecord {
  return {
    id: r.id as string,
    alertId: r.alert_id as string,
    channel: r.channel as string,
    externalId: r.external_id as string,
    description: r.description as string,
    typeCode: (r.type_code as string | null) ?? null,
    classifiedTypeCode: (r.classified_type_code as string | null) ?? null,
    typeConfidence: Number(r.type_confidence),
    lane: (r.lane as LaneName | null) ?? null,
    priority: Number(r.priority),
    gridCode: (r.grid_code as string | null) ?? null,
    policeGridCode: (r.police_grid_code as string | null) ?? null,
    communityCode: (r.community_code as string | null) ?? null,
    status: r.status as IncidentStatus,
    resolution: (r.resolution as Resolution | null) ?? null,
    resolvedOnSite: (r.resolved_on_site as boolean | null) ?? null,
    disputeFlag: r.dispute_flag as boolean,
    repeatCount: Number(r.repeat_count),
    receivedAt: iso(r.received_at)!,
    createdAt: iso(r.created_at)!,
    assignedAt: iso(r.assigned_at),
    ruleId: (r.rule_id as string | null) ?? null,
    unitCode: (r.unit_code as string | null) ?? null,
    assignees: r.assignees as AssigneeV1[],
    acceptBy: iso(r.accept_by),
    arriveBy: iso(r.arrive_by),
    resolveBy: iso(r.resolve_by),
    acceptedAt: iso(r.accepted_at),
    arrivedAt: iso(r.arrived_at),
    resolvedAt: iso(r.resolved_at),
    updatedAt: iso(r.updated_at)!,
  };
}

/** One change in an incident's life (dispatch.incident_events): its timeline and audit trail. */
export interface TimelineEntry {
  incidentId: string;
  what: string;
  actorId: string;
  fromStatus: IncidentStatus | null;
  toStatus: IncidentStatus | null;
  note: string | null;
  detail: Record<string, unknown>;
  at?: string;
}
