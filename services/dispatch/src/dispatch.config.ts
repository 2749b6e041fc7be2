import { Logger } from '@nestjs/common';

/** A shift of the duty day: `day=08:00-20:00`; a shift whose end is before its start runs past midnight. */
export interface ShiftSpec {
  name: string;
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
}

export interface DispatchConfig {
  /** Connections of each replica's pool; count them against Postgres' max_connections. */
  dbPoolSize: number;
  /** The staff key (the same as intake's `staff=` key): the console's calls carry it in X-Staff-Key. */
  staffKey: string;
  /** `DISPATCH_STAFF_FILE`: the station's people; unset, the bundled Jinmen Road sample. */
  staffFile: string | null;
  /** `DISPATCH_ROUTING_FILE`: the district's routing rules; unset, the bundled defaults. */
  routingFile: string | null;
  /** The station's time zone: shifts and roster days are local. */
  timeZone: string;
  shifts: ShiftSpec[];
  /** Officers on the 110 patrol car in each shift. */
  carCrew: number;
  /** Least hours off between two shifts of one person. */
  restHours: number;
  /** How often the SLA scheduler looks for missed deadlines. */
  slaScanSeconds: number;
}

export const DISPATCH_CONFIG = Symbol('DISPATCH_CONFIG');

/** dispatch's settings from the environment; a wrong value stops the start with the variable's name. */
export function loadDispatchConfig(env: Record<string, string | undefined> = process.env): DispatchConfig {
  return {
    dbPoolSize: wholeNumber('DISPATCH_DB_POOL_SIZE', env.DISPATCH_DB_POOL_SIZE ?? '10', 1),
    staffKey: staffKeyOf(env),
    staffFile: env.DISPATCH_STAFF_FILE?.trim() || null,
    routingFile: env.DISPATCH_ROUTING_FILE?.trim() || null,
    timeZone: timeZoneOf(env.DISPATCH_TIME_ZONE ?? 'Asia/Shanghai'),
    shifts: shiftsOf(env.DISPATCH_SHIFTS ?? 'day=08:00-20:00,night=20:00-08:00'),
    carCrew: wholeNumber('DISPATCH_CAR_CREW', env.DISPATCH_CAR_CREW ?? '2', 1),
    restHours: wholeNumber('DISPATCH_REST_HOURS', env.DISPATCH_REST_HOURS ?? '12', 0),
    slaScanSeconds: wholeNumber('DISPATCH_SLA_SCAN_SECONDS', env.DISPATCH_SLA_SCAN_SECONDS ?? '15', 1),
  };
}

function staffKeyOf(env: Record<string, string | undefined>): string {
  const key = env.DISPATCH_STAFF_KEY;
  if (key === undefined || key === '') {
    if (env.NODE_ENV === 'production') throw new Error('DISPATCH_STAFF_KEY must be set in production (the same key as intake\'s staff=<key>)');
    new Logger('dispatch').warn('DISPATCH_STAFF_KEY not set: using the development key local-staff');
    return 'local-staff';
  }
  if (key.length < 8) throw new Error('DISPATCH_STAFF_KEY must be at least 8 characters');
  return key;
}

function timeZoneOf(raw: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: raw });
  } catch {
    throw new Error(`DISPATCH_TIME_ZONE must be an IANA time zone such as Asia/Shanghai (got "${raw}")`);
  }
  return raw;
}

const minuteOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** `day=08:00-20:00,night=20:00-08:00`: named shifts that together cover the 24 hours once. */
export function shiftsOf(raw: string): ShiftSpec[] {
  const shifts: ShiftSpec[] = [];
  for (const part of raw.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z][a-z0-9-]*)=([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(part);
    if (!m) throw new Error(`DISPATCH_SHIFTS: "${part}" is not <name>=HH:MM-HH:MM (e.g. day=08:00-20:00)`);
    shifts.push({ name: m[1], startMinute: minuteOf(`${m[2]}:${m[3]}`), endMinute: minuteOf(`${m[4]}:${m[5]}`) });
  }
  if (shifts.length === 0) throw new Error('DISPATCH_SHIFTS must name at least one shift');
  if (new Set(shifts.map((s) => s.name)).size !== shifts.length) throw new Error('DISPATCH_SHIFTS names a shift twice');
  const covered = shifts.reduce((sum, s) => sum + ((s.endMinute - s.startMinute + 1440) % 1440 || 1440), 0);
  const sorted = [...shifts].sort((a, b) => a.startMinute - b.startMinute);
  const chained = sorted.every((s, i) => s.endMinute === sorted[(i + 1) % sorted.length].startMinute);
  if (covered !== 1440 || !chained) throw new Error('DISPATCH_SHIFTS must cover the 24 hours once, each shift starting where another ends');
  return shifts;
}

function wholeNumber(name: string, raw: string, least: number): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(n) || n < least) throw new Error(`${name} must be a whole number of at least ${least} (got "${raw}")`);
  return n;
}
