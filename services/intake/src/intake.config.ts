import { CHANNELS, type AlertChannel } from '@jingwang/contracts';

export interface IntakeConfig {
  /** How far back a repeat call looks for an open incident, by the new alert's channel. */
  repeatWindowMinutes: Record<AlertChannel, number>;
  /** Alerts this close (or in the same building) are the same place. */
  repeatRadiusMetres: number;
  /** How far in the future `reportedAt` may be (clocks of other systems drift). */
  clockSkewMinutes: number;
  /** Group commit: transactions writing alerts at once, and alerts per transaction at most. */
  writers: number;
  maxBatch: number;
  /** Batches planned on the view that one chain sends before the first is answered. */
  batchesInFlight: number;
  /** Plan batches on the service's view of the open incidents (one round trip), or always on a search (two). */
  planOnView: boolean;
  /** VACUUM intake.alerts and intake.incidents after this many alerts written (0: never, leave it to autovacuum). */
  vacuumEveryAlerts: number;
  /** Open311 `attribute[<name>]`s holding the client's own report id: a POST repeating one gets the first answer (like external_id). */
  open311ClientIdAttributes: string[];
  /** The classifier is rebuilt with the learned examples once this many corrections were stored since its last build. */
  classifierRebuildEvery: number;
}

export const INTAKE_CONFIG = Symbol('INTAKE_CONFIG');

const DEFAULT_WINDOWS: Record<AlertChannel, number> = {
  '110': 120,
  '12345': 72 * 60,
  nuannan: 72 * 60,
  'mediation-platform': 72 * 60,
  'walk-in': 72 * 60,
  transfer: 72 * 60,
  'grid-sweep': 72 * 60,
};

/** `INTAKE_REPEAT_WINDOWS="110=2h,12345=72h,walk-in=30m"` overrides the defaults per channel. */
export function loadIntakeConfig(env: Record<string, string | undefined> = process.env): IntakeConfig {
  const repeatWindowMinutes = { ...DEFAULT_WINDOWS };
  for (const part of (env.INTAKE_REPEAT_WINDOWS ?? '').split(',').filter(Boolean)) {
    const m = /^\s*([a-z0-9-]+)\s*=\s*(\d+)\s*(m|h)\s*$/.exec(part);
    if (!m || !(CHANNELS as readonly string[]).includes(m[1])) {
      throw new Error(`INTAKE_REPEAT_WINDOWS: "${part}" is not <channel>=<number>h|m with a channel among ${CHANNELS.join(', ')}`);
    }
    repeatWindowMinutes[m[1] as AlertChannel] = Number(m[2]) * (m[3] === 'h' ? 60 : 1);
  }
  return {
    repeatWindowMinutes,
    repeatRadiusMetres: Number(env.INTAKE_REPEAT_RADIUS_METRES ?? 100),
    clockSkewMinutes: Number(env.INTAKE_CLOCK_SKEW_MINUTES ?? 5),
    writers: positive('INTAKE_WRITERS', env.INTAKE_WRITERS ?? '1'),
    maxBatch: positive('INTAKE_MAX_BATCH', env.INTAKE_MAX_BATCH ?? '64'),
    batchesInFlight: positive('INTAKE_BATCHES_IN_FLIGHT', env.INTAKE_BATCHES_IN_FLIGHT ?? '2'),
    planOnView: onOff('INTAKE_PLAN_ON_VIEW', env.INTAKE_PLAN_ON_VIEW ?? 'on'),
    vacuumEveryAlerts: wholeNumber('INTAKE_VACUUM_EVERY_ALERTS', env.INTAKE_VACUUM_EVERY_ALERTS ?? '10000'),
    open311ClientIdAttributes: attributeNames('INTAKE_OPEN311_CLIENT_ID_ATTRIBUTES', env.INTAKE_OPEN311_CLIENT_ID_ATTRIBUTES ?? 'fixmystreet_id'),
    classifierRebuildEvery: positive('INTAKE_CLASSIFIER_REBUILD_EVERY', env.INTAKE_CLASSIFIER_REBUILD_EVERY ?? '10'),
  };
}

/** Comma-separated attribute codes (empty: none); short, so that `<name>:<id>` fits an externalId of 128. */
function attributeNames(name: string, raw: string): string[] {
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.find((n) => !/^[A-Za-z0-9_.-]{1,32}$/.test(n) || n === 'external_id');
  if (bad !== undefined) throw new Error(`${name}: "${bad}" is not an attribute code of 1-32 letters, digits, _ . - (external_id is always one)`);
  return names;
}

function onOff(name: string, raw: string): boolean {
  if (raw !== 'on' && raw !== 'off') throw new Error(`${name} must be on or off (got "${raw}")`);
  return raw === 'on';
}

function positive(name: string, raw: string): number {
  return wholeNumber(name, raw, 1);
}

function wholeNumber(name: string, raw: string, least = 0): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < least) throw new Error(`${name} must be a whole number of at least ${least} (got "${raw}")`);
  return n;
}
