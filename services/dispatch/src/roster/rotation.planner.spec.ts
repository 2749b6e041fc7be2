import { loadDistrict } from '@jingwang/district';
import { shiftsOf } from '../dispatch.config.ts';
import { loadStaffFile } from '../staff/staff-file.loader.ts';
import type { StaffRole } from '../staff/staff.model.ts';
import { carOrder, NIGHT_RUN, planRoster, type LeaveDay, type PlannerPerson, type PlanRules, type RosterEntry } from './rotation.planner.ts';
import { addDays, dayNumber, shiftSlots, shiftSpan } from './roster.time.ts';

const rules: PlanRules = { shifts: shiftsOf('day=08:00-20:00,night=20:00-08:00'), carCrew: 2, restHours: 12 };
const slots = shiftSlots(rules.shifts);
const slotOf = (name: string) => slots.find((s) => s.name === name)!;
const spanOf = (e: { day: string; shift: string }) => shiftSpan(slotOf(e.shift), e.day);

/**
 * A station shaped like the article's: 1 commander, 2 call-takers, 2 duty officers, 4 case-team
 * squads of 5, 6 communities of 3 community police and 3 auxiliaries, grid staff; 16 take turns
 * on the car (3 of each squad, the first community officer of four communities).
 */
function station(): PlannerPerson[] {
  const people: PlannerPerson[] = [];
  const add = (code: string, role: StaffRole, over: Partial<PlannerPerson> = {}) =>
    people.push({ code, role, unitCode: null, communityCode: null, eligible110: false, ...over });
  add('CMD', 'commander');
  add('CT1', 'call-taker');
  add('CT2', 'call-taker');
  add('DO1', 'duty-officer');
  add('DO2', 'duty-officer');
  for (let s = 1; s <= 4; s++) for (let i = 1; i <= 5; i++) add(`CO${s}${i}`, 'case-officer', { unitCode: `SQ${s}`, eligible110: i <= 3 });
  for (let c = 1; c <= 6; c++) {
    for (let i = 1; i <= 3; i++) add(`CP${c}${i}`, 'community-police', { communityCode: `C${c}`, eligible110: i === 1 && c <= 4 });
    for (let i = 1; i <= 3; i++) add(`AX${c}${i}`, 'auxiliary-police', { communityCode: `C${c}` });
    add(`GC${c}`, 'grid-chief', { communityCode: `C${c}` });
    add(`GW${c}`, 'grid-worker', { communityCode: `C${c}` });
  }
  return people;
}

const FROM = '2031-03-03';
const WEEKS_8 = 56;
const people = station();
/** The bundled Jinmen Road sample: 36 take turns on the car (every case and community officer). */
const sample = loadStaffFile(null, loadDistrict()).directory.members;

/** Car turns in time order: [time, code]. */
const carTurns = (entries: readonly RosterEntry[]) =>
  entries
    .filter((e) => e.post === '110-car')
    .map((e) => ({ at: spanOf(e).start, day: e.day, code: e.staffCode }))
    .sort((a, b) => a.at - b.at || (a.code < b.code ? -1 : 1));

/** Was `code` unable to take the car shift starting at `at`: on leave, or within rest of a shift planned before the car of that day. */
function unavailable(code: string, turn: { at: number; day: string }, mine: readonly RosterEntry[], leave: readonly LeaveDay[]): boolean {
  if (leave.some((l) => l.staffCode === code && l.day === turn.day)) return true;
  const car = { start: turn.at, end: turn.at + 720 };
  return mine.some((e) => {
    if (e.day >= turn.day && e.post !== '110-car') return false; // the day's other posts come after its car
    const s = spanOf(e);
    return !(car.end + rules.restHours * 60 <= s.start || s.end + rules.restHours * 60 <= car.start);
  });
}

/** Strict rotation: whenever someone takes the car again, everyone else who could have was on it since their last turn. */
function expectStrictRotation(entries: readonly RosterEntry[], leave: readonly LeaveDay[] = [], eligible = people.filter((p) => p.eligible110).map((p) => p.code)) {
  const turns = carTurns(entries);
  const byPerson = Map.groupBy(entries, (e) => e.staffCode);
  const turnsOf = new Map(eligible.map((c) => [c, turns.filter((t) => t.code === c).map((t) => t.at)]));
  const last = new Map<string, number>();
  for (const t of turns) {
    const previous = last.get(t.code);
    if (previous !== undefined) {
      const waiting = eligible.filter((x) => x !== t.code && !turnsOf.get(x)!.some((at) => at >= previous && at <= t.at) && !unavailable(x, t, byPerson.get(x) ?? [], leave));
      if (waiting.length) throw new Error(`${t.code} took the car again on ${t.day} at ${t.at} while ${waiting.join(', ')} had not had a turn since ${previous}`);
    }
    last.set(t.code, t.at);
  }
}

function expectRest(entries: readonly RosterEntry[]) {
  const by = new Map<string, { start: number; end: number; e: RosterEntry }[]>();
  for (const e of entries) by.set(e.staffCode, [...(by.get(e.staffCode) ?? []), { ...spanOf(e), e }]);
  for (const [code, spans] of by) {
    spans.sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) {
      const restMinutes = spans[i].start - spans[i - 1].end;
      if (restMinutes < rules.restHours * 60) throw new Error(`${code} rests ${restMinutes / 60} h between ${JSON.stringify(spans[i - 1].e)} and ${JSON.stringify(spans[i].e)}`);
    }
  }
}

const counts = (codes: readonly string[], of: readonly string[]) => codes.map((c) => of.filter((x) => x === c).length);
const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);

describe.each([
  ['a synthetic station', people],
  ['the bundled sample', sample],
])('planRoster: the 110 car, %s', (_name, staff) => {
  const eligible = staff.filter((p) => p.eligible110).map((p) => p.code);
  const plan = planRoster(rules, { from: FROM, days: WEEKS_8, people: staff, leave: [], before: [] });

  it('is fair over 8 weeks: car-shift counts differ by at most 1 at every point once everyone has been once', () => {
    const turns = carTurns(plan.entries);
    expect(turns).toHaveLength(WEEKS_8 * 2 * rules.carCrew);
    const seen = new Map<string, number>();
    let checkedPoints = 0;
    for (let i = 0; i < turns.length; i++) {
      seen.set(turns[i].code, (seen.get(turns[i].code) ?? 0) + 1);
      const shiftEnds = i + 1 === turns.length || turns[i + 1].at !== turns[i].at;
      if (!shiftEnds || seen.size < eligible.length) continue;
      expect(spread(eligible.map((c) => seen.get(c) ?? 0))).toBeLessThanOrEqual(1);
      checkedPoints++;
    }
    expect(checkedPoints).toBeGreaterThan(80); // of 112 shifts
    expect(new Set(turns.map((t) => t.code))).toEqual(new Set(eligible));
  });

  it('takes nobody twice before every available eligible person once', () => {
    expectStrictRotation(plan.entries, [], eligible);
  });

  it('gives every person at least restHours between two shifts, on every post, and leaves no post unfilled', () => {
    expectRest(plan.entries);
    expect(plan.gaps).toEqual([]);
  });

  it('continues the rotation from the stored roster: eight weeks generated week by week are the eight weeks generated at once', () => {
    let stored: RosterEntry[] = [];
    for (let w = 0; w < 8; w++) stored = [...stored, ...planRoster(rules, { from: addDays(FROM, 7 * w), days: 7, people: staff, leave: [], before: stored }).entries];
    const key = (e: RosterEntry) => `${e.day}|${e.shift}|${e.post}|${e.staffCode}`;
    expect(stored.map(key).sort()).toEqual(plan.entries.map(key).sort());
  });
});

describe('planRoster: the 110 car', () => {
  const plan = planRoster(rules, { from: FROM, days: WEEKS_8, people, leave: [], before: [] });

  it('fills every car shift with carCrew people, and reports no gap anywhere on a full station', () => {
    const crews = Map.groupBy(plan.entries.filter((e) => e.post === '110-car'), (e) => `${e.day}|${e.shift}`);
    for (let d = 0; d < WEEKS_8; d++) for (const shift of ['day', 'night']) expect([d, shift, crews.get(`${addDays(FROM, d)}|${shift}`)?.length]).toEqual([d, shift, 2]);
    expect(plan.gaps).toEqual([]);
  });

  it('keeps everyone\'s rest however long restHours is', () => {
    const p = planRoster({ ...rules, restHours: 24 }, { from: FROM, days: 14, people, leave: [], before: [] });
    expect(p.entries.filter((e) => e.post === '110-car')).toHaveLength(14 * 2 * 2);
    for (const [code, mine] of Map.groupBy(p.entries, (e) => e.staffCode)) {
      const spans = mine.map(spanOf).sort((a, b) => a.start - b.start);
      for (let i = 1; i < spans.length; i++) expect([code, spans[i].start - spans[i - 1].end >= 24 * 60]).toEqual([code, true]);
    }
  });

  it('keeps a person who must rest at the head of the queue, for the first shift they can work', () => {
    // The queue starts with the first of each team (carOrder): CP11, CP21, CP31, CP41, CO11, ...
    // CP11 worked the night before FROM (stored): resting on FROM's day shift.
    const before: RosterEntry[] = [{ day: addDays(FROM, -1), shift: 'night', post: 'community', staffCode: 'CP11' }];
    const p = planRoster(rules, { from: FROM, days: 1, people, leave: [], before });
    const car = (shift: string) => p.entries.filter((e) => e.shift === shift && e.post === '110-car').map((e) => e.staffCode);
    expect(car('day')).toEqual(['CP21', 'CP31']);
    expect(car('night')).toEqual(['CP11', 'CP41']);
  });

  it('keeps the rest a stored later day needs when a week is generated again before it', () => {
    const later = planRoster(rules, { from: addDays(FROM, 7), days: 1, people, leave: [], before: [] }).entries;
    const again = planRoster(rules, { from: FROM, days: 7, people, leave: [], before: [], after: later });
    expectRest([...again.entries, ...later]);
  });
});

describe('planRoster: leave', () => {
  // CO11 (car) away the first week, CP11 (car) the third, the commander two days that are not the
  // duty officers' changeover day or the day after it (on those, one of the two is resting from nights, the other starting them).
  const changeover = Array.from({ length: 14 }, (_, i) => addDays(FROM, i)).findIndex((d) => dayNumber(d) % NIGHT_RUN === 0);
  const commanderAway = [changeover + 2, changeover + 3];
  const leave: LeaveDay[] = [
    ...Array.from({ length: 7 }, (_, i) => ({ staffCode: 'CO11', day: addDays(FROM, i) })),
    ...Array.from({ length: 7 }, (_, i) => ({ staffCode: 'CP11', day: addDays(FROM, 14 + i) })),
    ...commanderAway.map((d) => ({ staffCode: 'CMD', day: addDays(FROM, d) })),
    { staffCode: 'CT1', day: addDays(FROM, 10) },
  ];
  const plan = planRoster(rules, { from: FROM, days: WEEKS_8, people, leave, before: [] });

  it('rosters nobody on a leave day, on any post', () => {
    const onLeave = plan.entries.filter((e) => leave.some((l) => l.staffCode === e.staffCode && l.day === e.day));
    expect(onLeave).toEqual([]);
    expectRest(plan.entries);
  });

  it('keeps the strict rotation around people on leave, and puts them first when they are back', () => {
    expectStrictRotation(plan.entries, leave);
    const firstTurn = (code: string, from: string) => carTurns(plan.entries).find((t) => t.code === code && t.day >= from);
    expect(firstTurn('CO11', addDays(FROM, 7))).toMatchObject({ day: addDays(FROM, 7), at: spanOf({ day: addDays(FROM, 7), shift: 'day' }).start });
    expect(firstTurn('CP11', addDays(FROM, 21))?.day).toBe(addDays(FROM, 21));
  });

  it('has a duty officer command the day shifts the commander is on leave', () => {
    for (const d of commanderAway) {
      const commander = plan.entries.filter((e) => e.day === addDays(FROM, d) && e.shift === 'day' && e.post === 'duty-commander');
      expect(commander).toHaveLength(1);
      expect(['DO1', 'DO2']).toContain(commander[0].staffCode);
    }
    expect(plan.entries.filter((e) => e.day === addDays(FROM, commanderAway[1] + 1) && e.shift === 'day' && e.post === 'duty-commander').map((e) => e.staffCode)).toEqual(['CMD']);
  });

  it('reports a car shift it cannot fill as a gap rather than breaking rest or leave', () => {
    const few = people.map((p) => ({ ...p, eligible110: p.code === 'CO11' || p.code === 'CO12' }));
    const short = planRoster(rules, { from: FROM, days: 3, people: few, leave: [{ staffCode: 'CO12', day: addDays(FROM, 1) }], before: [] });
    expectRest(short.entries);
    expect(short.gaps.filter((g) => g.post === '110-car').length).toBeGreaterThan(0);
    expect(short.gaps).toContainEqual({ day: addDays(FROM, 1), shift: 'day', post: '110-car', scope: 'eligible110', wanted: 2, found: expect.any(Number) });
  });
});

describe('carOrder', () => {
  it('interleaves the teams, so that a community\'s officers do not drive one after another', () => {
    expect(carOrder(people.filter((p) => p.eligible110)).map((p) => p.code).slice(0, 10)).toEqual(['CP11', 'CP21', 'CP31', 'CP41', 'CO11', 'CO21', 'CO31', 'CO41', 'CO12', 'CO22']);
    const order = carOrder(sample.filter((p) => p.eligible110));
    for (let i = 1; i < order.length; i++) expect(order[i].communityCode !== null && order[i].communityCode === order[i - 1].communityCode).toBe(false);
  });
});

describe('planRoster: night minimum and day staffing', () => {
  const plan = planRoster(rules, { from: FROM, days: WEEKS_8, people, leave: [], before: [] });
  const at = (day: string, shift: string, post: string) => plan.entries.filter((e) => e.day === day && e.shift === shift && e.post === post).map((e) => e.staffCode);
  const role = (code: string) => people.find((p) => p.code === code)!;
  const days = Array.from({ length: WEEKS_8 }, (_, i) => addDays(FROM, i));

  it('covers every night: one duty officer commanding, a call-taker, one squad, a community officer in every community', () => {
    for (const day of days) {
      const commander = at(day, 'night', 'duty-commander');
      expect(commander.map((c) => role(c).role)).toEqual(['duty-officer']);
      expect(at(day, 'night', 'duty-room').map((c) => role(c).role)).toEqual(['call-taker']);
      const squad = new Set(at(day, 'night', 'case-team').map((c) => role(c).unitCode));
      expect(squad.size).toBe(1);
      const community = at(day, 'night', 'community').map(role);
      for (let c = 1; c <= 6; c++) expect(community.filter((p) => p.communityCode === `C${c}` && p.role === 'community-police').length).toBeGreaterThanOrEqual(1);
    }
  });

  it('rotates each night post fairly, in runs of at most NIGHT_RUN nights', () => {
    const nights = (post: string) => days.flatMap((d) => at(d, 'night', post));
    expect(spread(counts(['DO1', 'DO2'], nights('duty-commander')))).toBeLessThanOrEqual(NIGHT_RUN);
    expect(spread(counts(['CT1', 'CT2'], nights('duty-room')))).toBeLessThanOrEqual(NIGHT_RUN);
    const squadNights = ['SQ1', 'SQ2', 'SQ3', 'SQ4'].map((s) => days.filter((d) => at(d, 'night', 'case-team').some((c) => role(c).unitCode === s)).length);
    expect(spread(squadNights)).toBeLessThanOrEqual(NIGHT_RUN);
    expect(Math.min(...squadNights)).toBeGreaterThan(0);
    for (let c = 1; c <= 6; c++) {
      const n = counts([1, 2, 3].map((i) => `CP${c}${i}`), nights('community'));
      expect(Math.min(...n)).toBeGreaterThan(0);
      expect(spread(n)).toBeLessThanOrEqual(NIGHT_RUN);
    }
    // No run longer than NIGHT_RUN nights.
    for (const code of ['DO1', 'DO2', 'CT1', 'CT2']) {
      let run = 0;
      for (const d of days) {
        run = at(d, 'night', role(code).role === 'duty-officer' ? 'duty-commander' : 'duty-room').includes(code) ? run + 1 : 0;
        expect(run).toBeLessThanOrEqual(NIGHT_RUN);
      }
    }
  });

  it('puts on the day shift the commander and everyone else of the teams who is not on leave, resting or on the car', () => {
    const teams = people.filter((p) => ['case-officer', 'community-police', 'auxiliary-police', 'call-taker', 'duty-officer'].includes(p.role));
    const expected: Record<string, string> = { 'case-officer': 'case-team', 'community-police': 'community', 'auxiliary-police': 'community', 'call-taker': 'duty-room', 'duty-officer': 'duty-room' };
    const shiftOf = Map.groupBy(plan.entries, (e) => `${e.day}|${e.shift}`);
    const codes = (day: string, shift: string) => new Set((shiftOf.get(`${day}|${shift}`) ?? []).map((e) => e.staffCode));
    for (const day of days.slice(1)) {
      expect(at(day, 'day', 'duty-commander')).toEqual(['CMD']);
      const [working, nightBefore, nightOf] = [codes(day, 'day'), codes(addDays(day, -1), 'night'), codes(day, 'night')];
      for (const p of teams) expect([p.code, working.has(p.code) || nightBefore.has(p.code) || nightOf.has(p.code)]).toEqual([p.code, true]);
      for (const e of shiftOf.get(`${day}|day`)!) if (e.post !== '110-car' && e.post !== 'duty-commander') expect([e.staffCode, e.post]).toEqual([e.staffCode, expected[role(e.staffCode).role]]);
    }
  });

  it('never rosters grid chiefs or grid workers, and nobody twice in one shift', () => {
    expect(plan.entries.filter((e) => ['grid-chief', 'grid-worker'].includes(role(e.staffCode).role))).toEqual([]);
    const keys = plan.entries.map((e) => `${e.day}|${e.shift}|${e.staffCode}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('works with three shifts (two of them by day), spreading the day staff and keeping rest', () => {
    const three: PlanRules = { shifts: shiftsOf('early=06:00-14:00,late=14:00-22:00,night=22:00-06:00'), carCrew: 2, restHours: 8 };
    const p = planRoster(three, { from: FROM, days: 14, people, leave: [], before: [] });
    const threeSlots = shiftSlots(three.shifts);
    expect(threeSlots.map((s) => [s.name, s.daytime])).toEqual([
      ['early', true],
      ['late', true],
      ['night', false],
    ]);
    for (const [code, mine] of Map.groupBy(p.entries, (e) => e.staffCode)) {
      const spans = mine.map((e) => shiftSpan(threeSlots.find((s) => s.name === e.shift)!, e.day)).sort((a, b) => a.start - b.start);
      for (let i = 1; i < spans.length; i++) expect([code, spans[i].start - spans[i - 1].end >= 8 * 60]).toEqual([code, true]);
    }
    for (const shift of ['early', 'late']) expect(p.entries.filter((e) => e.day === addDays(FROM, 5) && e.shift === shift && e.post === 'case-team').length).toBeGreaterThan(2);
    expect(p.entries.filter((e) => e.post === '110-car')).toHaveLength(14 * 3 * 2);
  });
});
