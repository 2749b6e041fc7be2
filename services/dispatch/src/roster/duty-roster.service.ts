import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DISPATCH_CONFIG, type DispatchConfig } from '../dispatch.config.ts';
import type { StaffRole } from '../staff/staff.model.ts';
import type { DutyNow, DutyRoster, Post } from './duty.model.ts';
import { UNROSTERED_ROLES } from './roster.labels.ts';
import { shiftAt, shiftSlots, shiftSpan, zonedIso, type ShiftSlot } from './roster.time.ts';

/** DutyNow with what GET /v1/staff shows besides: each person's posts and leave, the shift's hours. */
export interface ShiftDuty extends DutyNow {
  readonly startsAt: string;
  readonly endsAt: string;
  postsOf(staffCode: string): readonly Post[];
  isOnLeave(staffCode: string): boolean;
}

interface ShiftRows {
  roster: [string, Post][];
  leave: string[];
  staff: [string, StaffRole][];
}

class ShiftDutyView implements ShiftDuty {
  readonly rostered: boolean;
  readonly carCrew: readonly string[];
  readonly dutyCommander: string | null;
  private readonly posts = new Map<string, Post[]>();
  private readonly leave: ReadonlySet<string>;
  private readonly roles: ReadonlyMap<string, StaffRole>;

  constructor(
    readonly day: string,
    readonly shift: string,
    readonly startsAt: string,
    readonly endsAt: string,
    rows: ShiftRows,
  ) {
    this.leave = new Set(rows.leave);
    this.roles = new Map(rows.staff);
    for (const [code, post] of rows.roster) this.posts.set(code, [...(this.posts.get(code) ?? []), post]);
    this.rostered = rows.roster.length > 0;
    const on = (post: Post) => rows.roster.filter(([code, p]) => p === post && this.isOnDuty(code)).map(([code]) => code).sort();
    this.carCrew = on('110-car');
    // Without a roster: the commander, else a duty officer, whoever is not on leave.
    const fallback = () => rows.staff.filter(([code, role]) => role === 'commander' && !this.leave.has(code)).concat(rows.staff.filter(([code, role]) => role === 'duty-officer' && !this.leave.has(code)));
    this.dutyCommander = (this.rostered ? on('duty-commander')[0] : fallback()[0]?.[0]) ?? null;
  }

  isOnDuty(staffCode: string): boolean {
    const role = this.roles.get(staffCode);
    if (role === undefined || this.leave.has(staffCode)) return false; // unknown, inactive or on leave
    if (!this.rostered || UNROSTERED_ROLES.has(role)) return true;
    return this.posts.has(staffCode);
  }

  postsOf(staffCode: string): readonly Post[] {
    return this.isOnDuty(staffCode) ? (this.posts.get(staffCode) ?? []) : [];
  }

  isOnLeave(staffCode: string): boolean {
    return this.leave.has(staffCode);
  }
}

/** How long a shift's duty is kept: changes made by another replica show within this. */
export const DUTY_CACHE_MS = 5_000;

/**
 * Who is on duty, from dispatch.roster, dispatch.leave and dispatch.staff: one query per shift
 * every DUTY_CACHE_MS at most, shared by every caller meanwhile (routing asks for each batch).
 * A roster change in this process clears it at once (`forget`).
 */
@Injectable()
export class DutyRosterService implements DutyRoster {
  private readonly slots: ShiftSlot[];
  private readonly cache = new Map<string, { until: number; duty: Promise<ShiftDuty> }>();

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {
    this.slots = shiftSlots(config.shifts);
  }

  dutyAt(at: Date): Promise<ShiftDuty> {
    const { day, slot } = shiftAt(this.slots, at, this.config.timeZone);
    const key = `${day}|${slot.name}`;
    const now = Date.now();
    const kept = this.cache.get(key);
    if (kept && kept.until > now) return kept.duty;
    for (const [k, v] of this.cache) if (v.until <= now) this.cache.delete(k);
    const duty = this.load(day, slot);
    this.cache.set(key, { until: now + DUTY_CACHE_MS, duty });
    // A failed read is not kept: the next caller asks the database again.
    duty.catch(() => this.cache.get(key)?.duty === duty && this.cache.delete(key));
    return duty;
  }

  /** After a roster or leave change: the next question reads the database. */
  forget(): void {
    this.cache.clear();
  }

  private async load(day: string, slot: ShiftSlot): Promise<ShiftDuty> {
    const [rows] = (await this.db.query(
      `SELECT
         (SELECT coalesce(json_agg(json_build_array(staff_code, post)), '[]') FROM dispatch.roster WHERE day = $1 AND shift = $2) AS roster,
         (SELECT coalesce(json_agg(staff_code), '[]') FROM dispatch.leave WHERE day = $1) AS leave,
         (SELECT coalesce(json_agg(json_build_array(code, role) ORDER BY code), '[]') FROM dispatch.staff WHERE active) AS staff`,
      [day, slot.name],
    )) as ShiftRows[];
    const span = shiftSpan(slot, day);
    return new ShiftDutyView(day, slot.name, zonedIso(span.start, this.config.timeZone), zonedIso(span.end, this.config.timeZone), rows);
  }
}
