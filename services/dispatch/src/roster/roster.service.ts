import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DISPATCH_CONFIG, type DispatchConfig } from '../dispatch.config.ts';
import { POSTS, type Post } from './duty.model.ts';
import { DutyRosterService } from './duty-roster.service.ts';
import { RosterErrors, type RosterProblem } from './roster.errors.ts';
import { POST_NAMES, UNROSTERED_ROLES } from './roster.labels.ts';
import { RosterRepository, type LeaveRow, type NamedEntry, type StaffRow } from './roster.repository.ts';
import { addDays, daysBetween, shiftSlots, shiftSpan, zonedIso, type ShiftSlot } from './roster.time.ts';
import { lookaheadDays, planRoster, type RosterEntry, type RosterGap } from './rotation.planner.ts';

/** Stored weeks a generation reads to continue the rotations (the car queue, night counts). */
const HISTORY_DAYS = 92;

export interface ShiftPosts {
  readonly shift: string;
  readonly post: Post;
  readonly staffCodes: readonly string[];
}

/** A warning about a manual change that was made anyway: the commander may have reasons. */
export interface RosterWarning {
  readonly field: string;
  readonly warning: string;
}

@Injectable()
export class RosterService {
  private readonly repo = new RosterRepository();
  private readonly slots: ShiftSlot[];

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    @Inject(DutyRosterService) private readonly duty: DutyRosterService,
  ) {
    this.slots = shiftSlots(config.shifts);
  }

  /** Plans `days` days from `from`, continuing the stored rotations, in place of what they held. */
  async generate(from: string, days: number, reason: string, actor: string) {
    const to = addDays(from, days - 1);
    const lookahead = lookaheadDays(this.config.restHours);
    const result = await this.db.transaction(async (m) => {
      await this.repo.lock(m);
      const people = await this.repo.activeStaff(m);
      if (people.length === 0) throw RosterErrors.noStaff();
      const [leave, before, after] = await Promise.all([
        this.repo.leave(m, from, addDays(to, lookahead)),
        this.repo.entries(m, addDays(from, -HISTORY_DAYS), addDays(from, -1)),
        this.repo.entries(m, addDays(to, 1), addDays(to, lookahead)),
      ]);
      const plan = planRoster(this.config, { from, days, people, leave, before, after });
      const replaced = await this.repo.replace(m, from, to, plan.entries);
      const carShifts = countCarShifts(plan.entries);
      const changeId = await this.repo.audit(m, {
        day: from,
        kind: 'generate',
        actor,
        reason,
        detail: { from, to, days, entries: plan.entries.length, replaced, byPost: countByPost(plan.entries), gaps: plan.gaps, carShifts },
      });
      return { changeId, gaps: plan.gaps, view: await this.view(m, from, to) };
    });
    this.duty.forget();
    return { changeId: result.changeId, ...result.view, gaps: result.gaps.map(gapView) };
  }

  async read(from: string, to: string) {
    return this.db.transaction('REPEATABLE READ', (m) => this.view(m, from, to));
  }

  /** A day's entries replaced by `shifts` (every post of every shift of the day; one left out is emptied). */
  async replaceDay(day: string, shifts: readonly ShiftPosts[], reason: string, actor: string) {
    const result = await this.db.transaction(async (m) => {
      await this.repo.lock(m);
      const entries = await this.checkDay(m, day, shifts);
      const warnings = await this.warnings(m, day, entries);
      const before = await this.repo.entries(m, day, day);
      await this.repo.replace(m, day, day, entries);
      const plain = (list: readonly RosterEntry[]) => list.map((e) => ({ shift: e.shift, post: e.post, staffCode: e.staffCode }));
      const changeId = await this.repo.audit(m, { day, kind: 'manual', actor, reason, detail: { from: day, to: day, before: plain(before), after: plain(entries), warnings } });
      const view = await this.view(m, day, day);
      return { changeId, warnings, day: view.days[0], carShifts: view.carShifts };
    });
    this.duty.forget();
    return result;
  }

  async addLeave(staffCode: string, from: string, to: string, reason: string, actor: string) {
    const days = Array.from({ length: daysBetween(from, to) }, (_, i) => addDays(from, i));
    const result = await this.db.transaction(async (m) => {
      await this.repo.lock(m);
      const person = (await this.repo.staffByCode(m, [staffCode])).get(staffCode);
      if (!person) throw RosterErrors.refused([RosterErrors.unknownStaff('staffCode', staffCode)]);
      if (!person.active) throw RosterErrors.refused([RosterErrors.inactiveStaff('staffCode', staffCode)]);
      const removed = await this.repo.addLeave(m, staffCode, days, reason);
      const changeId = await this.repo.audit(m, { day: from, kind: 'leave', actor, reason, detail: { from, to, staffCode, days: days.length, removedFromRoster: removed } });
      return { changeId, staffCode, name: person.name, from, to, days, removedFromRoster: removed };
    });
    this.duty.forget();
    return result;
  }

  async cancelLeave(staffCode: string, from: string, to: string, reason: string, actor: string) {
    const result = await this.db.transaction(async (m) => {
      await this.repo.lock(m);
      const person = (await this.repo.staffByCode(m, [staffCode])).get(staffCode);
      if (!person) throw RosterErrors.refused([RosterErrors.unknownStaff('staffCode', staffCode)]);
      const cancelled = await this.repo.cancelLeave(m, staffCode, from, to);
      // Nothing to cancel changes nothing, and is not audited.
      const changeId = cancelled.length ? await this.repo.audit(m, { day: from, kind: 'leave-cancelled', actor, reason, detail: { from, to, staffCode, cancelled } }) : null;
      return { changeId, staffCode, name: person.name, from, to, cancelled };
    });
    this.duty.forget();
    return result;
  }

  async changes(from: string, to: string) {
    const rows = await this.repo.changes(this.db.manager, from, to, 1000);
    return {
      from,
      to,
      changes: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        day: r.day,
        from: (r.detail.from as string | undefined) ?? r.day,
        to: (r.detail.to as string | undefined) ?? r.day,
        changedBy: r.changed_by,
        reason: r.reason,
        changedAt: new Date(r.changed_at).toISOString(),
        detail: r.detail,
      })),
    };
  }

  /** The entries a manual change asks for, or a 400 listing every wrong field. */
  private async checkDay(m: EntityManager, day: string, shifts: readonly ShiftPosts[]): Promise<RosterEntry[]> {
    const problems: RosterProblem[] = [];
    const names = this.slots.map((s) => s.name);
    const codes = [...new Set(shifts.flatMap((s) => s.staffCodes))];
    const [staff, leave] = await Promise.all([this.repo.staffByCode(m, codes), this.repo.leave(m, day, day)]);
    const onLeave = new Set(leave.map((l) => l.staffCode));
    const seenPosts = new Set<string>();
    const seenPeople = new Map<string, Set<string>>();
    const entries: RosterEntry[] = [];
    shifts.forEach((s, i) => {
      if (!names.includes(s.shift)) return problems.push(RosterErrors.unknownShift(`shifts[${i}].shift`, s.shift, names));
      if (seenPosts.has(`${s.shift}|${s.post}`)) return problems.push(RosterErrors.postTwice(`shifts[${i}]`, s.shift, s.post));
      seenPosts.add(`${s.shift}|${s.post}`);
      const inShift = seenPeople.get(s.shift) ?? new Set<string>();
      seenPeople.set(s.shift, inShift);
      s.staffCodes.forEach((code, j) => {
        const field = `shifts[${i}].staffCodes[${j}]`;
        const person = staff.get(code);
        if (!person) return problems.push(RosterErrors.unknownStaff(field, code));
        if (!person.active) return problems.push(RosterErrors.inactiveStaff(field, code));
        if (UNROSTERED_ROLES.has(person.role)) return problems.push(RosterErrors.notRostered(field, code, person.role));
        if (onLeave.has(code)) return problems.push(RosterErrors.onLeave(field, code, day));
        if (inShift.has(code)) return problems.push(RosterErrors.twiceInShift(field, code, s.shift));
        inShift.add(code);
        entries.push({ day, shift: s.shift, post: s.post, staffCode: code });
      });
    });
    if (problems.length) throw RosterErrors.refused(problems);
    return entries;
  }

  /** What a manual change breaks of the rules, said but not refused: rest, car eligibility and crew size. */
  private async warnings(m: EntityManager, day: string, entries: readonly RosterEntry[]): Promise<RosterWarning[]> {
    const reach = Math.ceil(this.config.restHours / 24) + 1;
    const around = (await this.repo.entries(m, addDays(day, -reach), addDays(day, reach))).filter((e) => e.day !== day);
    const staff = await this.repo.staffByCode(m, [...new Set(entries.map((e) => e.staffCode))]);
    const slot = new Map(this.slots.map((s) => [s.name, s]));
    const span = (e: RosterEntry) => shiftSpan(slot.get(e.shift)!, e.day);
    const rest = this.config.restHours * 60;
    const warnings: RosterWarning[] = [];
    const field = (e: RosterEntry) => `${e.shift}/${e.post}/${e.staffCode}`;
    for (const e of entries) {
      const others = [...around.filter((o) => o.staffCode === e.staffCode && slot.has(o.shift)), ...entries.filter((o) => o.staffCode === e.staffCode && o.shift !== e.shift)];
      const a = span(e);
      for (const o of others) {
        const b = span(o);
        if (a.start < b.start && b.start - a.end < rest) {
          warnings.push({ field: field(e), warning: `${e.staffCode} has ${(b.start - a.end) / 60} h between this shift and ${o.day} ${o.shift} (${o.post}); the rule is at least ${this.config.restHours} h` });
        } else if (b.start < a.start && o.day !== day && a.start - b.end < rest) {
          warnings.push({ field: field(e), warning: `${e.staffCode} has ${(a.start - b.end) / 60} h between ${o.day} ${o.shift} (${o.post}) and this shift; the rule is at least ${this.config.restHours} h` });
        }
      }
      if (e.post === '110-car' && !staff.get(e.staffCode)?.eligible110) warnings.push({ field: field(e), warning: `${e.staffCode} is not in the 110 car rotation (eligible110 in the staff file)` });
    }
    for (const s of this.slots) {
      const crew = entries.filter((e) => e.shift === s.name && e.post === '110-car').length;
      if (crew !== this.config.carCrew) warnings.push({ field: `${s.name}/110-car`, warning: `the car has ${crew} of ${this.config.carCrew} crew (DISPATCH_CAR_CREW) in the ${s.name} shift` });
    }
    return warnings;
  }

  /** The days from..to as the duty room reads them, with each person's car shifts in the range. */
  private async view(m: EntityManager, from: string, to: string) {
    const [entries, leave, staff] = await Promise.all([this.repo.entries(m, from, to), this.repo.leave(m, from, to), this.repo.activeStaff(m)]);
    const tz = this.config.timeZone;
    const byDay = groupBy(entries, (e) => e.day);
    const leaveByDay = groupBy(leave, (l) => l.day);
    const days = Array.from({ length: daysBetween(from, to) }, (_, i) => addDays(from, i)).map((day) => {
      const mine = byDay.get(day) ?? [];
      const stored = [...new Set(mine.map((e) => e.shift))].filter((name) => !this.slots.some((s) => s.name === name));
      return {
        day,
        rostered: mine.length > 0,
        shifts: [
          ...this.slots.map((s) => {
            const span = shiftSpan(s, day);
            return { shift: s.name, hours: s.label, daytime: s.daytime, startsAt: zonedIso(span.start, tz), endsAt: zonedIso(span.end, tz), posts: postsOf(mine.filter((e) => e.shift === s.name)) };
          }),
          // A shift no longer configured (DISPATCH_SHIFTS changed) is still shown as stored.
          ...stored.map((name) => ({ shift: name, hours: null, daytime: null, startsAt: null, endsAt: null, posts: postsOf(mine.filter((e) => e.shift === name)) })),
        ],
        leave: (leaveByDay.get(day) ?? []).map((l: LeaveRow) => ({ staffCode: l.staffCode, name: l.name, reason: l.reason })),
      };
    });
    return { from, to, timeZone: tz, days, carShifts: carShiftsView(entries, staff) };
  }
}

function groupBy<T>(list: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of list) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

const postsOf = (entries: readonly NamedEntry[]) =>
  POSTS.map((post) => ({
    post,
    nameZh: POST_NAMES[post].zh,
    nameEn: POST_NAMES[post].en,
    staff: entries.filter((e) => e.post === post).map((e) => ({ code: e.staffCode, name: e.name, role: e.role })),
  }));

const countCarShifts = (entries: readonly RosterEntry[]) => Object.fromEntries([...groupBy(entries.filter((e) => e.post === '110-car'), (e) => e.staffCode)].map(([code, l]) => [code, l.length]));
const countByPost = (entries: readonly RosterEntry[]) => Object.fromEntries([...groupBy(entries, (e) => e.post)].map(([post, l]) => [post, l.length]));

/** Everyone in the car rotation (none driving included) and anyone else who drove, most car shifts first. */
function carShiftsView(entries: readonly NamedEntry[], staff: readonly StaffRow[]) {
  const counts = new Map<string, { staffCode: string; name: string; count: number }>();
  for (const s of staff) if (s.eligible110) counts.set(s.code, { staffCode: s.code, name: s.name, count: 0 });
  for (const e of entries) if (e.post === '110-car') counts.set(e.staffCode, { staffCode: e.staffCode, name: e.name, count: (counts.get(e.staffCode)?.count ?? 0) + 1 });
  return [...counts.values()].sort((a, b) => b.count - a.count || (a.staffCode < b.staffCode ? -1 : 1));
}

const gapView = (g: RosterGap) => ({
  ...g,
  message: `${g.day} ${g.shift}: ${POST_NAMES[g.post].zh} / ${POST_NAMES[g.post].en} (${g.scope}) has ${g.found} of ${g.wanted}: nobody else free (leave, rest)`,
});

