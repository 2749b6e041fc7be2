import type { ShiftSpec } from '../dispatch.config.ts';
import type { StaffRole } from '../staff/staff.model.ts';
import type { Post } from './duty.model.ts';
import { addDays, dayNumber, shiftSlots, shiftSpan, type ShiftSlot } from './roster.time.ts';

/**
 * The duty roster's rules, without I/O: who works which post in which shift.
 *
 * - 110-car: `carCrew` people of the eligible, in strict rotation. The queue is "longest since
 *   their last car shift first", so whoever was skipped (on leave, resting) keeps their place at
 *   the head, and nobody comes round twice while an available colleague waits.
 * - Night shifts get the minimum, each post a rotation of its own: one duty officer commanding,
 *   one call-taker in the duty room, one case-team squad, one community police officer per
 *   community. A night post is held for a run of up to `nightRun` nights (a night week), then
 *   passes to whoever has held it fewest nights: night after night in turns would keep every
 *   member of a small pool (two call-takers) resting by day, leaving the day shift without them.
 * - Day shifts get everyone else who can work: the commander (a duty officer when the commander
 *   cannot), call-takers and duty officers in the duty room, every case officer, every community
 *   and auxiliary officer. With several day shifts, people are spread over them.
 * - Nobody works two shifts less than `restHours` apart; nobody works on a leave day.
 *
 * The car is planned first, for every day (and a few days past the last, as a constraint only:
 * the last night's posts must leave the next car crew their rest, as they would if the next week
 * were planned with this one), so that no other post ever makes someone miss their car turn. Then
 * each day: its night posts, then its day posts (a night's people must be known before the day's
 * "everyone else" is, since they rest by day; the other way round nights could not rotate).
 */

export interface PlannerPerson {
  readonly code: string;
  readonly role: StaffRole;
  readonly unitCode: string | null;
  readonly communityCode: string | null;
  readonly eligible110: boolean;
}

export interface RosterEntry {
  readonly day: string;
  readonly shift: string;
  readonly post: Post;
  readonly staffCode: string;
}

export interface LeaveDay {
  readonly staffCode: string;
  readonly day: string;
}

export interface PlanRules {
  readonly shifts: readonly ShiftSpec[];
  readonly carCrew: number;
  readonly restHours: number;
  /** Nights running a night post is held before it passes on (default NIGHT_RUN). */
  readonly nightRun?: number;
}

export interface PlanInput {
  /** First day to plan, YYYY-MM-DD, and how many. */
  readonly from: string;
  readonly days: number;
  /** Active staff (any role; grid chiefs and grid workers are never rostered). */
  readonly people: readonly PlannerPerson[];
  readonly leave: readonly LeaveDay[];
  /** The stored roster before `from` (a few weeks are enough): where each rotation stands, and rest. */
  readonly before: readonly RosterEntry[];
  /** Stored days after the planned ones, kept: people on them need their rest before. */
  readonly after?: readonly RosterEntry[];
}

/** A post the rules could not fill: who was wanted, how many were found. */
export interface RosterGap {
  readonly day: string;
  readonly shift: string;
  readonly post: Post;
  /** The community of a community post, the pool otherwise. */
  readonly scope: string;
  readonly wanted: number;
  readonly found: number;
}

export interface RosterPlan {
  readonly entries: RosterEntry[];
  readonly gaps: RosterGap[];
}

export const NIGHT_RUN = 7;

/** Days past the last planned one whose car crews are planned as a constraint (their leave and stored roster are needed too). */
export const lookaheadDays = (restHours: number): number => Math.ceil(restHours / 24) + 2;

interface Span {
  start: number;
  end: number;
}

interface Run {
  holder: string;
  length: number;
  lastDay: number;
}

const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/**
 * The car queue's first order: the first of every team (community, squad, else role), then the
 * second of each, and so on. In code order a community's officers would drive one after another
 * and, resting around their car shifts together, leave their community's night post unfilled.
 */
export function carOrder(eligible: readonly PlannerPerson[]): PlannerPerson[] {
  const teams = new Map<string, PlannerPerson[]>();
  for (const p of [...eligible].sort(byCode)) {
    const team = p.communityCode ?? p.unitCode ?? p.role;
    teams.set(team, [...(teams.get(team) ?? []), p]);
  }
  const ordered = [...teams.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, members]) => members);
  const out: PlannerPerson[] = [];
  for (let i = 0; out.length < eligible.length; i++) for (const members of ordered) if (members[i]) out.push(members[i]);
  return out;
}

export function planRoster(rules: PlanRules, input: PlanInput): RosterPlan {
  return new RotationPlanner(rules, input).plan();
}

class RotationPlanner {
  private readonly slots: ShiftSlot[];
  private readonly slotByName: Map<string, ShiftSlot>;
  private readonly restMinutes: number;
  private readonly nightRun: number;
  private readonly people: PlannerPerson[];
  private readonly person = new Map<string, PlannerPerson>();
  private readonly leave = new Set<string>();
  /** Shifts each person works (stored and planned), by the day they start on, to keep their rest. */
  private readonly worked = new Map<string, Map<number, Span[]>>();
  /** How many days either side of a shift another can be within rest of it. */
  private readonly restDays: number;
  private readonly byRole = new Map<StaffRole, PlannerPerson[]>();
  /** The car queue's order among those who never drove: teams interleaved (see carOrder). */
  private readonly carRank = new Map<string, number>();
  /** Per rotation: when each member last took it (local minutes); absent: never. */
  private readonly lastTurn = new Map<string, Map<string, number>>();
  /** Per night post: nights each member held it (in the stored weeks and the planned ones). */
  private readonly nights = new Map<string, Map<string, number>>();
  private readonly runs = new Map<string, Run>();
  /** Case-team squads (a case officer without a squad is a squad of one). */
  private readonly squads = new Map<string, PlannerPerson[]>();
  private readonly order = new Map<string, number>();
  private readonly communityCache = new Map<string, [string, string[]][]>();
  private readonly entries: RosterEntry[] = [];
  private readonly gaps: RosterGap[] = [];

  constructor(
    private readonly rules: PlanRules,
    private readonly input: PlanInput,
  ) {
    this.slots = shiftSlots(rules.shifts);
    this.slotByName = new Map(this.slots.map((s) => [s.name, s]));
    this.restMinutes = rules.restHours * 60;
    this.nightRun = Math.max(1, rules.nightRun ?? NIGHT_RUN);
    this.people = [...input.people].sort(byCode);
    this.people.forEach((p, i) => {
      this.person.set(p.code, p);
      this.order.set(p.code, i);
      this.byRole.set(p.role, [...(this.byRole.get(p.role) ?? []), p]);
    });
    this.restDays = Math.ceil(this.restMinutes / 1440) + 2;
    carOrder(this.people.filter((p) => p.eligible110)).forEach((p, i) => this.carRank.set(p.code, i));
    for (const l of input.leave) this.leave.add(`${l.staffCode}|${l.day}`);
    for (const p of this.role('case-officer')) {
      const squad = p.unitCode ?? p.code;
      this.squads.set(squad, [...(this.squads.get(squad) ?? []), p]);
    }
    [...this.squads.keys()].sort().forEach((s, i) => this.order.set(`squad:${s}`, i));
    // A stored shift no longer configured is left out: its hours are not known.
    const stored = input.before.flatMap((e) => {
      const slot = this.slotByName.get(e.shift);
      return slot ? [{ e, slot, start: shiftSpan(slot, e.day).start }] : [];
    });
    for (const { e, slot } of stored.sort((a, b) => a.start - b.start)) this.record(e, slot);
    for (const e of input.after ?? []) {
      const slot = this.slotByName.get(e.shift);
      if (slot) this.work(e.staffCode, shiftSpan(slot, e.day));
    }
  }

  plan(): RosterPlan {
    const { from, days } = this.input;
    const storedLater = new Set((this.input.after ?? []).map((e) => e.day));
    const lookahead = lookaheadDays(this.rules.restHours);
    for (let i = 0; i < days + lookahead; i++) {
      const day = addDays(from, i);
      if (i < days || !storedLater.has(day)) this.planCar(day, i < days);
    }
    for (let i = 0; i < days; i++) this.planDay(addDays(from, i));
    return { entries: this.entries, gaps: this.gaps };
  }

  private planCar(day: string, kept: boolean): void {
    const eligible = this.people.filter((p) => p.eligible110).map((p) => p.code);
    for (const slot of this.slots) {
      const crew = this.queue('110-car', eligible).filter((code) => this.canWork(code, day, slot)).slice(0, this.rules.carCrew);
      for (const code of crew) this.assign(day, slot, '110-car', code, kept);
      if (kept && crew.length < this.rules.carCrew) this.gap(day, slot, '110-car', 'eligible110', this.rules.carCrew, crew.length);
    }
  }

  private role(...roles: StaffRole[]): PlannerPerson[] {
    return roles.length === 1 ? (this.byRole.get(roles[0]) ?? []) : this.people.filter((p) => roles.includes(p.role));
  }

  private planDay(day: string): void {
    const free = (slot: ShiftSlot) => (code: string) => this.canWork(code, day, slot);
    // The night minimum, each post in its own rotation.
    for (const slot of this.slots.filter((s) => !s.daytime)) {
      const can = free(slot);
      const one = (post: Post, scope: string, pool: string[], phase: number) => {
        const key = `${post}:${scope}@${slot.name}`;
        const who = this.pickRun(key, pool, can, day, phase);
        if (who) this.assign(day, slot, post, who);
        else this.gap(day, slot, post, scope, 1, 0);
      };
      one('duty-commander', 'duty-officer', this.codes('duty-officer'), 0);
      one('duty-room', 'call-taker', this.codes('call-taker'), Math.floor(this.nightRun / 2));
      const crewOf = (squad: string) => this.squads.get(squad)!.map((p) => p.code).filter(can);
      const squad = this.pickRun(`case-team:squad@${slot.name}`, [...this.squads.keys()], (s) => crewOf(s).length > 0, day, 1);
      if (squad) for (const code of crewOf(squad)) this.assign(day, slot, 'case-team', code);
      else this.gap(day, slot, 'case-team', 'squad', 1, 0);
      this.communities('community-police').forEach(([community, police], i) => one('community', community, police, 2 + i));
    }
    // Day shifts: the commander, then everyone else who can work.
    const daySlots = this.slots.filter((s) => s.daytime);
    if (daySlots.length === 0) return;
    const dayStart = this.entries.length;
    for (const slot of daySlots) {
      const can = free(slot);
      const who = this.queue('duty-commander:day', this.codes('commander')).find(can) ?? this.queue('duty-commander:day', this.codes('duty-officer')).find(can);
      if (who) this.assign(day, slot, 'duty-commander', who);
      else this.gap(day, slot, 'duty-commander', 'commander', 1, 0);
    }
    const spread = (post: Post, pool: PlannerPerson[]) =>
      pool.forEach((p, i) => {
        const slot = daySlots.map((_, j) => daySlots[(dayNumber(day) + i + j) % daySlots.length]).find((s) => this.canWork(p.code, day, s));
        if (slot) this.assign(day, slot, post, p.code);
      });
    spread('duty-room', this.role('call-taker', 'duty-officer'));
    spread('case-team', this.role('case-officer'));
    spread('community', this.role('community-police', 'auxiliary-police'));
    const today = this.entries.slice(dayStart);
    for (const slot of daySlots) {
      const here = new Set(today.filter((e) => e.shift === slot.name).map((e) => `${e.post}|${e.staffCode}`));
      const has = (post: Post, codes: string[]) => codes.some((c) => here.has(`${post}|${c}`));
      if (!has('duty-room', this.codes('call-taker', 'duty-officer'))) this.gap(day, slot, 'duty-room', 'duty-room', 1, 0);
      if (!has('case-team', this.codes('case-officer'))) this.gap(day, slot, 'case-team', 'squad', 1, 0);
      for (const [community, members] of this.communities('community-police', 'auxiliary-police')) if (!has('community', members)) this.gap(day, slot, 'community', community, 1, 0);
    }
  }

  private codes(...roles: StaffRole[]): string[] {
    return this.role(...roles).map((p) => p.code);
  }

  /** Community code → members of these roles posted there, communities in code order. */
  private communities(...roles: StaffRole[]): [string, string[]][] {
    const key = roles.join('+');
    const known = this.communityCache.get(key);
    if (known) return known;
    const by = new Map<string, string[]>();
    for (const p of this.role(...roles)) if (p.communityCode) by.set(p.communityCode, [...(by.get(p.communityCode) ?? []), p.code]);
    const found = [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    this.communityCache.set(key, found);
    return found;
  }

  private canWork(code: string, day: string, slot: ShiftSlot): boolean {
    if (this.leave.has(`${code}|${day}`)) return false;
    const worked = this.worked.get(code);
    if (!worked) return true;
    const span = shiftSpan(slot, day);
    const rest = this.restMinutes;
    const n = dayNumber(day);
    for (let d = n - this.restDays; d <= n + this.restDays; d++) {
      for (const w of worked.get(d) ?? []) if (!(span.end + rest <= w.start || w.end + rest <= span.start)) return false;
    }
    return true;
  }

  /** The members of a rotation, longest since their last turn first, then in code order (the car's: carOrder). */
  private queue(key: string, members: string[]): string[] {
    const last = this.lastTurn.get(key);
    const at = (m: string) => last?.get(m) ?? -Infinity;
    const ranks = key === '110-car' ? this.carRank : this.order;
    const rank = (m: string) => ranks.get(m) ?? this.order.get(`squad:${m}`) ?? 0;
    return [...members].sort((a, b) => at(a) - at(b) || rank(a) - rank(b));
  }

  /**
   * Last night's holder while the run lasts and they can; else whoever has held the post fewest
   * nights (then longest ago), the holder of a finished run last. Runs change hands on fixed days,
   * each post on its own (`phase`): the call-takers' and the duty officers' changeovers (each
   * leaves the next day shift without that pool) never fall on the same day.
   */
  private pickRun(key: string, members: string[], can: (who: string) => boolean, day: string, phase: number): string | null {
    const run = this.runs.get(key);
    const n = dayNumber(day);
    const ran = run && run.lastDay === n - 1 && members.includes(run.holder) ? run.holder : null;
    const held = this.nights.get(key);
    const count = (m: string) => held?.get(m) ?? 0;
    const changeover = (n + phase) % this.nightRun === 0 || (run?.length ?? 0) >= this.nightRun;
    // A run also ends when the holder is a run ahead of someone who can take it.
    const ahead = ran !== null && members.some((m) => m !== ran && count(m) + this.nightRun <= count(ran) && can(m));
    if (ran && !changeover && !ahead && can(ran)) return ran;
    const byTurns = this.queue(key, members);
    const rank = new Map(byTurns.map((m, i) => [m, i]));
    const fair = [...members].sort((a, b) => Number(a === ran) - Number(b === ran) || count(a) - count(b) || rank.get(a)! - rank.get(b)!);
    return fair.find(can) ?? null;
  }

  /** `kept`: false for the car crews past the last day, planned only for the rest they need. */
  private assign(day: string, slot: ShiftSlot, post: Post, staffCode: string, kept = true): void {
    const entry = { day, shift: slot.name, post, staffCode };
    if (kept) this.entries.push(entry);
    this.record(entry, slot);
  }

  /** A stored or planned entry: the person's time taken, and the turn in its rotation. */
  private record(e: RosterEntry, slot: ShiftSlot): void {
    const span = shiftSpan(slot, e.day);
    this.work(e.staffCode, span);
    if (e.post === '110-car') return this.turn('110-car', e.staffCode, span.start);
    if (slot.daytime) {
      if (e.post === 'duty-commander') this.turn('duty-commander:day', e.staffCode, span.start);
      return;
    }
    const p = this.person.get(e.staffCode);
    if (e.post === 'case-team' && p) return this.turn(`case-team:squad@${slot.name}`, p.unitCode ?? p.code, span.start, dayNumber(e.day));
    if (e.post === 'community' && p?.communityCode) return this.turn(`community:${p.communityCode}@${slot.name}`, e.staffCode, span.start, dayNumber(e.day));
    if (e.post === 'duty-commander') return this.turn(`duty-commander:duty-officer@${slot.name}`, e.staffCode, span.start, dayNumber(e.day));
    if (e.post === 'duty-room') return this.turn(`duty-room:call-taker@${slot.name}`, e.staffCode, span.start, dayNumber(e.day));
  }

  private work(code: string, span: Span): void {
    let byDay = this.worked.get(code);
    if (!byDay) this.worked.set(code, (byDay = new Map()));
    const d = Math.floor(span.start / 1440);
    byDay.set(d, [...(byDay.get(d) ?? []), span]);
  }

  private turn(key: string, who: string, at: number, nightDay?: number): void {
    let last = this.lastTurn.get(key);
    if (!last) this.lastTurn.set(key, (last = new Map()));
    last.set(who, Math.max(at, last.get(who) ?? -Infinity));
    if (nightDay === undefined) return;
    const run = this.runs.get(key);
    if (run && run.holder === who && run.lastDay === nightDay) return; // a squad's second member
    let held = this.nights.get(key);
    if (!held) this.nights.set(key, (held = new Map()));
    held.set(who, (held.get(who) ?? 0) + 1);
    if (run && run.holder === who && run.lastDay === nightDay - 1) Object.assign(run, { length: run.length + 1, lastDay: nightDay });
    else this.runs.set(key, { holder: who, length: 1, lastDay: nightDay });
  }

  private gap(day: string, slot: ShiftSlot, post: Post, scope: string, wanted: number, found: number): void {
    this.gaps.push({ day, shift: slot.name, post, scope, wanted, found });
  }
}
