import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isAlertTypeCode } from '@jingwang/alert-catalog';
import { LANE_NAMES, type LaneName } from '@jingwang/contracts';

export const STRATEGIES = ['case-team-unit', 'community-1+1+N'] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** One row of the rule table: which incidents it takes, and how it picks people. */
export interface RoutingRule {
  readonly id: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly lane: LaneName;
  /** Only these types (all of the lane when absent). */
  readonly typeCodes?: readonly string[];
  /** Only these priorities (all when absent). */
  readonly priorities?: readonly number[];
  readonly strategy: Strategy;
  /** Also send the 110 car crew on duty. */
  readonly with110Car: boolean;
}

export interface RoutingRules {
  readonly version: string;
  readonly source: string;
  readonly rules: readonly RoutingRule[];
}

export const BUNDLED_ROUTING_FILE = fileURLToPath(new URL('../../data/routing-rules.json', import.meta.url));

/** The first rule for the incident; the table must end with a rule per lane that takes everything. */
export function ruleFor(rules: RoutingRules, lane: LaneName, typeCode: string, priority: number): RoutingRule {
  const rule = rules.rules.find((r) => r.lane === lane && (!r.typeCodes || r.typeCodes.includes(typeCode)) && (!r.priorities || r.priorities.includes(priority)));
  if (!rule) throw new Error(`routing rules ${rules.version} have no rule for lane ${lane}`); // validateRules makes this unreachable
  return rule;
}

/** Reads and checks a rule file; every problem is named, with where it is. */
export function loadRoutingRules(path: string | null): RoutingRules {
  const source = path ?? BUNDLED_ROUTING_FILE;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(source, 'utf8'));
  } catch (err) {
    throw new Error(`DISPATCH_ROUTING_FILE ${source} cannot be read as JSON: ${(err as Error).message}`);
  }
  const problems = validateRules(raw);
  if (problems.length) throw new Error(`DISPATCH_ROUTING_FILE ${source} has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
  const file = raw as { version: string; rules: RoutingRule[] };
  return { version: file.version, source, rules: file.rules };
}

export function validateRules(raw: unknown): string[] {
  const problems: string[] = [];
  const file = raw as { schemaVersion?: unknown; version?: unknown; rules?: unknown };
  if (typeof raw !== 'object' || raw === null) return ['the file must hold a JSON object'];
  if (file.schemaVersion !== 1) problems.push(`schemaVersion: must be 1 (got ${JSON.stringify(file.schemaVersion)})`);
  if (typeof file.version !== 'string' || !file.version) problems.push('version: must be a non-empty string, e.g. "1.0.0"');
  if (!Array.isArray(file.rules) || file.rules.length === 0) return [...problems, 'rules: must be a non-empty array'];
  const ids = new Set<string>();
  file.rules.forEach((r: Partial<RoutingRule>, i) => {
    const at = `rules[${i}]`;
    if (typeof r.id !== 'string' || !/^[A-Za-z0-9+-]{1,64}$/.test(r.id)) problems.push(`${at}.id: must be 1-64 characters A-Z, a-z, 0-9, + or -`);
    else if (ids.has(r.id)) problems.push(`${at}.id: "${r.id}" is used twice`);
    else ids.add(r.id);
    for (const k of ['nameZh', 'nameEn'] as const) if (typeof r[k] !== 'string' || !r[k]) problems.push(`${at}.${k}: must be a non-empty string`);
    if (!LANE_NAMES.includes(r.lane as LaneName)) problems.push(`${at}.lane: must be one of ${LANE_NAMES.join(', ')}`);
    if (!STRATEGIES.includes(r.strategy as Strategy)) problems.push(`${at}.strategy: must be one of ${STRATEGIES.join(', ')}`);
    if (r.strategy === 'case-team-unit' && r.lane !== 'case-team') problems.push(`${at}.strategy: case-team-unit sends the case team: its lane must be case-team`);
    if (typeof r.with110Car !== 'boolean') problems.push(`${at}.with110Car: must be true or false`);
    if (r.typeCodes !== undefined) {
      if (!Array.isArray(r.typeCodes) || r.typeCodes.length === 0) problems.push(`${at}.typeCodes: must be a non-empty array of type codes, or absent for all`);
      else for (const c of r.typeCodes) if (typeof c !== 'string' || !isAlertTypeCode(c)) problems.push(`${at}.typeCodes: "${String(c)}" is not one of the 63 type codes`);
    }
    if (r.priorities !== undefined && (!Array.isArray(r.priorities) || r.priorities.length === 0 || r.priorities.some((p) => ![1, 2, 3, 4].includes(p)))) {
      problems.push(`${at}.priorities: must be a non-empty array of 1 to 4, or absent for all`);
    }
  });
  for (const lane of LANE_NAMES) {
    if (!(file.rules as Partial<RoutingRule>[]).some((r) => r.lane === lane && r.typeCodes === undefined && r.priorities === undefined)) {
      problems.push(`rules: lane ${lane} needs a last rule without typeCodes and priorities, so that every incident of the lane is routed`);
    }
  }
  return problems;
}
