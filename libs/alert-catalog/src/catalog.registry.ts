import type { AlertSla, AlertType, AlertTypeCode, AlertTypeSpec, Keyword, Lane, Priority } from './alert-type.model.ts';
import { CASE_TEAM_SPECS } from './case-team.data.ts';
import { COMMUNITY_SPECS } from './community.data.ts';

/** Accept and arrive targets follow from the priority, so one table sets station policy. */
export const PRIORITY_SLA: Readonly<Record<Priority, Omit<AlertSla, 'resolveHours'>>> = {
  1: { acceptMinutes: 1, arriveMinutes: 5 },
  2: { acceptMinutes: 2, arriveMinutes: 10 },
  3: { acceptMinutes: 5, arriveMinutes: 20 },
  4: { acceptMinutes: 10, arriveMinutes: 120 },
};

/** Parses the `phrase:weight phrase:weight` notation of the data files. */
export function parseKeywords(source: string): Keyword[] {
  return source
    .split(/\s+/)
    .filter(Boolean)
    .map((item) => {
      const at = item.lastIndexOf(':');
      const phrase = at > 0 ? item.slice(0, at) : item;
      const weight = at > 0 ? Number(item.slice(at + 1)) : 1;
      if (!phrase || !Number.isFinite(weight) || weight <= 0) throw new Error(`bad keyword "${item}"`);
      return Object.freeze({ phrase, weight });
    });
}

function build(spec: AlertTypeSpec): AlertType {
  const { resolveHours, keywords, disputeFamily, ...rest } = spec;
  return Object.freeze({
    ...rest,
    code: spec.code as AlertTypeCode,
    sla: Object.freeze({ ...PRIORITY_SLA[spec.priority], resolveHours }),
    ...(disputeFamily ? { disputeFamily } : {}),
    keywords: Object.freeze(parseKeywords(keywords)),
  });
}

/** All 63 types: the 37 case-team types first, then the 26 community types. */
export const alertTypes: readonly AlertType[] = Object.freeze(
  [...CASE_TEAM_SPECS, ...COMMUNITY_SPECS].map(build),
);

const byCode = new Map<string, AlertType>(alertTypes.map((t) => [t.code, t]));

export function isAlertTypeCode(code: string): code is AlertTypeCode {
  return byCode.has(code);
}

export function getAlertType(code: string): AlertType | undefined {
  return byCode.get(code);
}

const byLane = new Map<Lane, readonly AlertType[]>(
  (['case-team', 'community'] as const).map((lane) => [lane, Object.freeze(alertTypes.filter((t) => t.lane === lane))]),
);

export function typesByLane(lane: Lane): readonly AlertType[] {
  return byLane.get(lane) ?? [];
}

/** Same type or same dispute family: what intake links a repeat call to an open incident by. */
export function areRelatedTypes(a: string, b: string): boolean {
  if (a === b) return isAlertTypeCode(a);
  const family = byCode.get(a)?.disputeFamily;
  return family !== undefined && family === byCode.get(b)?.disputeFamily;
}
