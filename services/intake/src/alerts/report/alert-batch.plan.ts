import { timeOrderedId, type EventActor } from '@jingwang/contracts';
import type { Located, Typed } from './alert-enrichment.rules.ts';
import type { AlertRow } from '../write-path/alert-batch.statements.ts';
import type { AlertAccepted, AlertInput } from '../alert.types.ts';
import { normalisePhone } from './phone.validator.ts';
import { boundingBox, matchRepeat, placeCells, relatedTypeCodes, type LinkReason, type RepeatCandidate } from './repeat-call.matcher.ts';

/** One alert, checked and enriched, waiting to be written. */
export interface AlertJob {
  input: AlertInput;
  actor: EventActor;
  typed: Typed;
  located: Located;
}

export interface JobTraits {
  phone: string | null;
  buildingKey: string | null;
  lat: number | null;
  lng: number | null;
  box: ReturnType<typeof boundingBox> | null;
  /** The lattice cells the box touches (`placeCells`): the place's lock keys. */
  placeCells: string[];
  /** The type and its dispute family; empty when there is no type to link by. */
  typeCodes: string[];
  since: Date;
}

export interface PlannedAlert {
  job: AlertJob;
  row: AlertRow;
  accepted: AlertAccepted;
  link: { reason: LinkReason; position: number } | null;
}

export interface BatchPlan {
  alerts: PlannedAlert[];
  newIncidents: { id: string; typeCode: string | null; firstAlertId: string; reportedAt: string }[];
  /** Repeats added per existing or new incident, and the latest report time among them. */
  repeats: Map<string, { added: number; lastReportedAt: string }>;
}

export const jobKey = (input: Pick<AlertInput, 'channel' | 'externalId'>): string => `${input.channel}\u0000${input.externalId}`;

export function traitsOf(job: AlertJob, windowMinutes: number, radiusMetres: number): JobTraits {
  const phone = job.input.caller?.phone ? normalisePhone(job.input.caller.phone) : null;
  const lat = job.input.location.lat ?? null;
  const lng = job.input.location.lng ?? null;
  const box = lat !== null && lng !== null ? boundingBox(lat, lng, radiusMetres) : null;
  return {
    phone,
    buildingKey: job.located.buildingKey,
    lat,
    lng,
    box,
    placeCells: box ? placeCells(box, radiusMetres) : [],
    typeCodes: job.typed.typeCode ? relatedTypeCodes(job.typed.typeCode) : [],
    since: new Date(Date.parse(job.input.reportedAt) - windowMinutes * 60_000),
  };
}

/** The advisory-lock keys of a job: what a concurrent call about the same matter would share. */
export function lockKeys(t: JobTraits): string[] {
  if (t.typeCodes.length === 0 || (!t.phone && !t.buildingKey && !t.box)) return [];
  const family = [...t.typeCodes].sort()[0];
  return [
    ...(t.phone ? [`intake:phone:${t.phone}:${family}`] : []),
    ...(t.buildingKey ? [`intake:building:${t.buildingKey}:${family}`] : []),
    ...t.placeCells.map((cell) => `intake:place:${cell}:${family}`),
  ];
}

/**
 * Decides, in order, whether each alert opens an incident or repeats one: against the open
 * incidents found in the database and against the alerts earlier in the same batch, so that
 * several calls about one matter in one batch still make one incident.
 */
export function planBatch(jobs: { job: AlertJob; traits: JobTraits }[], found: (RepeatCandidate & { typeCode: string | null })[], radiusMetres: number): BatchPlan {
  const known = [...found];
  const plan: BatchPlan = { alerts: [], newIncidents: [], repeats: new Map() };
  for (const { job, traits } of jobs) {
    const alertId = timeOrderedId(); // keys of alerts and incidents grow at their indexes' right edge
    const since = traits.since.getTime();
    const accept = (c: (typeof known)[number]) => c.typeCode !== null && traits.typeCodes.includes(c.typeCode) && c.reportedAt.getTime() >= since;
    const match = traits.typeCodes.length ? matchRepeat(traits, known, radiusMetres, accept) : null;
    const incidentId = match?.candidate.incidentId ?? timeOrderedId();
    const firstAlertId = match?.candidate.firstAlertId ?? alertId;
    let link: PlannedAlert['link'] = null;
    if (match) {
      const r = plan.repeats.get(incidentId) ?? { added: 0, lastReportedAt: job.input.reportedAt };
      r.added += 1;
      if (job.input.reportedAt > r.lastReportedAt) r.lastReportedAt = job.input.reportedAt;
      plan.repeats.set(incidentId, r);
      link = { reason: match.reason, position: r.added };
    } else {
      plan.newIncidents.push({ id: incidentId, typeCode: job.typed.typeCode, firstAlertId: alertId, reportedAt: job.input.reportedAt });
    }
    known.push({ incidentId, firstAlertId, typeCode: job.typed.typeCode, phone: traits.phone, buildingKey: traits.buildingKey, lat: traits.lat, lng: traits.lng, reportedAt: new Date(job.input.reportedAt) });
    const needsTriage = job.typed.lowConfidence || job.located.resolvedBy === 'unresolved';
    const accepted: AlertAccepted = {
      alertId,
      incidentId,
      status: match ? 'linked' : 'new',
      ...(match ? { linkedTo: firstAlertId } : {}),
      typeCode: job.typed.typeCode,
      typeConfidence: job.typed.typeConfidence,
      gridCode: job.located.gridCode,
      policeGridCode: job.located.policeGridCode,
      communityCode: job.located.communityCode,
      needsTriage,
    };
    plan.alerts.push({ job, accepted, link, row: rowOf(job, traits, accepted, match?.reason ?? null) });
  }
  return plan;
}

function rowOf(job: AlertJob, t: JobTraits, a: AlertAccepted, linkReason: string | null): AlertRow {
  const { input, located, typed, actor } = job;
  return {
    id: a.alertId,
    incidentId: a.incidentId,
    channel: input.channel,
    externalId: input.externalId,
    reportedAt: input.reportedAt,
    typeCode: typed.typeCode,
    typeConfidence: typed.typeConfidence,
    needsTriage: a.needsTriage,
    description: input.description,
    callerName: input.caller?.name ?? null,
    callerPhone: t.phone,
    address: input.location.address ?? null,
    lat: t.lat,
    lng: t.lng,
    gridCode: located.gridCode,
    policeGridCode: located.policeGridCode,
    communityCode: located.communityCode,
    buildingKey: located.buildingKey,
    resolvedBy: located.resolvedBy,
    attributes: input.attributes ?? null,
    media: input.media ?? null,
    actor: `${actor.kind}:${actor.id}`,
    linkReason,
    response: a,
  };
}
