/** Who is on duty at a moment, as the roster says (routing and the SLA scheduler ask this). */
export interface DutyNow {
  /** The roster day (local date, YYYY-MM-DD) and shift the moment falls in. */
  readonly day: string;
  readonly shift: string;
  /** False when the roster has no entries for this shift: everyone not on leave is taken as on duty. */
  readonly rostered: boolean;
  isOnDuty(staffCode: string): boolean;
  /** The 110 patrol car's crew this shift. */
  readonly carCrew: readonly string[];
  /** The duty commander this shift, or null. */
  readonly dutyCommander: string | null;
}

export interface DutyRoster {
  /** Cached per shift; changes to the roster take effect within seconds. */
  dutyAt(at: Date): Promise<DutyNow>;
}

export const DUTY_ROSTER = Symbol('DUTY_ROSTER');

/** Roster posts. Grid chiefs and grid workers are not rostered: they are taken as on call in their grid unless on leave. */
export const POSTS = ['110-car', 'case-team', 'community', 'duty-commander', 'duty-room'] as const;
export type Post = (typeof POSTS)[number];
