// The duty roster on the real app, Postgres and NATS: generation, reading, manual changes with
// their audit trail, refusals, leave, and who DutyRoster says is on duty. Each test uses days of
// its own (the bundled sample's staff), so that they pass alone and in any order.
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DUTY_ROSTER, type DutyRoster } from '../src/roster/duty.model.ts';
import { RosterModule } from '../src/roster/roster.module.ts';
import { call, startDispatch, type DispatchHarness, type Reply } from './dispatch.harness.ts';

let h: DispatchHarness;
beforeAll(async () => {
  h = await startDispatch();
});
afterAll(() => h?.close());

interface StaffOnPost {
  code: string;
  name: string;
  role: string;
}
interface PostView {
  post: string;
  nameZh: string;
  staff: StaffOnPost[];
}
interface DayView {
  day: string;
  rostered: boolean;
  shifts: { shift: string; startsAt: string; endsAt: string; posts: PostView[] }[];
  leave: { staffCode: string; reason: string }[];
}

const generate = (from: string, days: number, reason?: string) => call(h, 'POST', '/v1/roster/generate', { from, days, ...(reason && { reason }) });
const roster = (from: string, to: string) => call(h, 'GET', `/v1/roster?from=${from}&to=${to}`);
const on = (day: DayView, shift: string, post: string) => day.shifts.find((s) => s.shift === shift)!.posts.find((p) => p.post === post)!.staff.map((s) => s.code);
/** A day as PUT takes it: every post of every shift with its people. */
const asShifts = (day: DayView) => day.shifts.flatMap((s) => s.posts.map((p) => ({ shift: s.shift, post: p.post, staffCodes: p.staff.map((x) => x.code) })));
const rows = async (sql: string, params: unknown[] = []) => (await h.sql.query(sql, params)).rows as Record<string, unknown>[];
const countOf = async (sql: string, params: unknown[] = []) => Number((await rows(sql, params))[0].n);
const duty = () => h.app.get<symbol, DutyRoster>(DUTY_ROSTER);

describe('POST /v1/roster/generate and GET /v1/roster', () => {
  it('generates a week: the car crewed in every shift, the night minimum and the day staffing, audited with who and why', async () => {
    const res = await generate('2031-03-03', 7, '三月第一周排班');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ from: '2031-03-03', to: '2031-03-09', timeZone: 'Asia/Shanghai', gaps: [], changeId: expect.any(String) });
    const days = res.body.days as DayView[];
    expect(days.map((d) => d.day)).toEqual(['2031-03-03', '2031-03-04', '2031-03-05', '2031-03-06', '2031-03-07', '2031-03-08', '2031-03-09']);
    for (const day of days) {
      expect(day.shifts.map((s) => s.shift)).toEqual(['day', 'night']);
      for (const shift of ['day', 'night']) expect(on(day, shift, '110-car')).toHaveLength(2);
      expect(on(day, 'day', 'duty-commander')).toEqual(['JM-DR01']);
      expect(on(day, 'night', 'duty-commander')).toEqual([expect.stringMatching(/^JM-DR0[45]$/)]); // a duty officer
      expect(on(day, 'night', 'duty-room')).toEqual([expect.stringMatching(/^JM-DR0[23]$/)]); // a call-taker
      expect(on(day, 'night', 'community').length).toBeGreaterThanOrEqual(6);
    }
    expect(days[0].shifts[1]).toMatchObject({ startsAt: '2031-03-03T20:00:00+08:00', endsAt: '2031-03-04T08:00:00+08:00' });
    expect(days[0].shifts[0].posts[0]).toMatchObject({ post: '110-car', nameZh: '110巡逻车', staff: [{ code: expect.any(String), name: expect.any(String), role: expect.any(String) }, expect.anything()] });
    // Everyone in the car rotation is counted; 28 car shifts over 36 eligible: nobody twice.
    const car = res.body.carShifts as { staffCode: string; count: number }[];
    expect(car).toHaveLength(36);
    expect(car.reduce((n, c) => n + c.count, 0)).toBe(28);
    expect(Math.max(...car.map((c) => c.count))).toBe(1);

    const read = await roster('2031-03-03', '2031-03-09');
    expect(read).toMatchObject({ status: 200, body: { from: '2031-03-03', to: '2031-03-09', days: res.body.days, carShifts: res.body.carShifts } });
    const changes = await call(h, 'GET', '/v1/roster/changes?from=2031-03-05&to=2031-03-05');
    expect(changes.body.changes).toEqual([
      expect.objectContaining({ id: res.body.changeId, kind: 'generate', from: '2031-03-03', to: '2031-03-09', changedBy: 'JM-DR02', reason: '三月第一周排班', detail: expect.objectContaining({ entries: expect.any(Number), gaps: [] }) }),
    ]);
  });

  it('continues the rotation from the stored weeks: two weeks generated one by one keep every car count within one of the others', async () => {
    expect((await generate('2031-05-05', 7)).status).toBe(201);
    expect((await generate('2031-05-12', 7)).status).toBe(201);
    const counts = ((await roster('2031-05-05', '2031-05-18')).body.carShifts as { count: number }[]).map((c) => c.count);
    // 56 car shifts over 36 people: 20 have two, 16 one; a rotation started afresh gave 28 people two and 8 none.
    expect(counts.sort()).toEqual([...Array(16).fill(1), ...Array(20).fill(2)]);
  });

  it('generates the most days at once (92) without a gap on the bundled station, and documents the roster API', async () => {
    const res = await generate('2033-01-03', 92);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ from: '2033-01-03', to: '2033-04-04', gaps: [] });
    expect(res.body.days).toHaveLength(92);
    const counts = (res.body.carShifts as { count: number }[]).map((c) => c.count);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1); // 368 car shifts over 36 people
    // RosterModule's routes (GET /docs builds the same for the whole app).
    const docs = SwaggerModule.createDocument(h.app, new DocumentBuilder().build(), { include: [RosterModule] });
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/v1/roster', '/v1/roster/generate', '/v1/roster/{date}', '/v1/roster/leave', '/v1/roster/changes', '/v1/staff']));
  });

  it('generating days again replaces them, and says what it replaced', async () => {
    await generate('2031-06-02', 2);
    const again = await generate('2031-06-02', 2, 'again');
    expect(again.status).toBe(201);
    expect(await countOf(`SELECT count(*) AS n FROM dispatch.roster WHERE day BETWEEN '2031-06-02' AND '2031-06-03'`)).toBe(
      (again.body.days as DayView[]).flatMap((d) => d.shifts.flatMap((s) => s.posts.flatMap((p) => p.staff))).length,
    );
    const changes = (await call(h, 'GET', '/v1/roster/changes?from=2031-06-02&to=2031-06-03')).body.changes as { reason: string; detail: { replaced: number } }[];
    expect(changes.map((c) => c.reason)).toEqual(['again', '生成排班 / roster generated']);
    expect(changes[0].detail.replaced).toBeGreaterThan(0);
  });

  it.each([
    ['days 0', { from: '2031-07-01', days: 0 }, 'days'],
    ['days 93', { from: '2031-07-01', days: 93 }, 'days'],
    ['days not a whole number', { from: '2031-07-01', days: 1.5 }, 'days'],
    ['a date that does not exist', { from: '2031-02-30', days: 1 }, 'from'],
    ['a date in another form', { from: '03/07/2031', days: 1 }, 'from'],
    ['a blank reason', { from: '2031-07-01', days: 1, reason: '  ' }, 'reason'],
    ['an unknown field', { from: '2031-07-01', days: 1, shifts: 3 }, 'shifts'],
  ])('refuses to generate with %s: 400 naming the field, nothing stored', async (_case, body, field) => {
    const before = await countOf('SELECT count(*) AS n FROM dispatch.roster_changes');
    const res = await call(h, 'POST', '/v1/roster/generate', body);
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'REQUEST.INVALID', message: expect.stringContaining(field) } } });
    expect(await countOf('SELECT count(*) AS n FROM dispatch.roster_changes')).toBe(before);
    expect(await countOf(`SELECT count(*) AS n FROM dispatch.roster WHERE day = '2031-07-01'`)).toBe(0);
  });

  it('refuses a range of more than 92 days, backwards or not dates, and calls without the staff key or actor', async () => {
    expect(await roster('2031-01-01', '2031-04-03')).toMatchObject({ status: 400, body: { error: { code: 'REQUEST.INVALID', message: expect.stringContaining('to: at most 92 days') } } });
    expect((await roster('2031-01-01', '2031-04-02')).status).toBe(200);
    expect(await roster('2031-01-02', '2031-01-01')).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('to: must not be before from') } } });
    expect(await roster('2031-01-01', 'tomorrow')).toMatchObject({ status: 400, body: { error: { details: [{ field: 'to' }] } } });
    expect(await call(h, 'GET', '/v1/roster?from=2031-01-01')).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('to') } } });
    expect(await call(h, 'GET', '/v1/roster?from=2031-01-01&to=2031-01-02', undefined, { 'x-staff-key': '' })).toMatchObject({ status: 401 });
    expect(await call(h, 'POST', '/v1/roster/generate', { from: '2031-07-01', days: 1 }, { 'x-actor-id': '' })).toMatchObject({ status: 400, body: { error: { code: 'AUTH.MISSING_ACTOR' } } });
  });
});

describe('PUT /v1/roster/{date}', () => {
  const day = '2031-08-04';
  let generated: DayView;
  beforeAll(async () => {
    generated = ((await generate(day, 1)).body.days as DayView[])[0];
  });
  const current = async () => ((await roster(day, day)).body.days as DayView[])[0];
  const put = (shifts: unknown, reason: unknown = '换班', date = day): Promise<Reply> => call(h, 'PUT', `/v1/roster/${date}`, { shifts, reason });

  it('replaces the day by hand, says what breaks the rules as warnings, audits before and after, and DutyRoster answers at once', async () => {
    const moment = new Date(`${day}T10:00:00+08:00`);
    const was = await duty().dutyAt(moment); // cached now
    const shifts = asShifts(await current());
    const car = shifts.find((s) => s.shift === 'day' && s.post === '110-car')!;
    const replacement = 'JM-CT001' === car.staffCodes[0] || 'JM-CT001' === car.staffCodes[1] ? 'JM-CT002' : 'JM-CT001';
    for (const s of shifts) s.staffCodes = s.staffCodes.filter((c) => c !== replacement); // off whatever post they had
    car.staffCodes = [car.staffCodes[0], replacement];
    const res = await put(shifts, '张警官家中有事，与刘警官换班');
    expect(res.status).toBe(200);
    expect(on(res.body.day, 'day', '110-car')).toEqual([...car.staffCodes].sort());
    expect(res.body.warnings).toEqual(expect.any(Array));
    expect((await duty().dutyAt(moment)).carCrew).toEqual([...car.staffCodes].sort());
    expect(was.carCrew).toEqual(on(generated, 'day', '110-car').sort());

    const changes = (await call(h, 'GET', `/v1/roster/changes?from=${day}&to=${day}`)).body.changes as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(changes[0]).toMatchObject({ id: res.body.changeId, kind: 'manual', changedBy: 'JM-DR02', reason: '张警官家中有事，与刘警官换班', from: day, to: day });
    expect(changes[0].detail.after).toContainEqual({ shift: 'day', post: '110-car', staffCode: replacement });
    expect(changes[0].detail.before).toContainEqual({ shift: 'day', post: '110-car', staffCode: on(generated, 'day', '110-car')[1] });
  });

  it('warns of rest too short and a car crew not as configured, and makes the change', async () => {
    const shifts = asShifts(await current());
    const dayCar = shifts.find((s) => s.shift === 'day' && s.post === '110-car')!;
    const nightCar = shifts.find((s) => s.shift === 'night' && s.post === '110-car')!;
    const tired = dayCar.staffCodes[0];
    for (const s of shifts) if (s.shift === 'night') s.staffCodes = s.staffCodes.filter((c) => c !== tired);
    nightCar.staffCodes = [...nightCar.staffCodes, tired];
    const res = await put(shifts, '夜班加派');
    expect(res.status).toBe(200);
    expect(res.body.warnings).toEqual(
      expect.arrayContaining([
        { field: `day/110-car/${tired}`, warning: expect.stringContaining('0 h between this shift and') },
        { field: 'night/110-car', warning: 'the car has 3 of 2 crew (DISPATCH_CAR_CREW) in the night shift' },
      ]),
    );
  });

  it.each([
    ['an unknown staff code', (s: ShiftsOf) => s.withCode('day', 'case-team', 'JM-NOBODY'), 'DISPATCH.UNKNOWN_STAFF', 'staffCodes[', 'GET /v1/staff'],
    ['a grid worker', (s: ShiftsOf) => s.withCode('day', 'community', 'JM-P008'), 'DISPATCH.NOT_ROSTERED_ROLE', 'staffCodes[', 'grid workers are not rostered'],
    ['an unknown shift', (s: ShiftsOf) => [...s.all, { shift: 'evening', post: 'case-team', staffCodes: [] }], 'DISPATCH.UNKNOWN_SHIFT', '.shift', 'the shifts are day, night'],
    ['an unknown post', (s: ShiftsOf) => [...s.all, { shift: 'day', post: 'canteen', staffCodes: [] }], 'REQUEST.INVALID', '.post', 'post must be one of'],
    ['one post twice', (s: ShiftsOf) => [...s.all, { shift: 'day', post: 'case-team', staffCodes: [] }], 'REQUEST.INVALID', 'shifts[', 'given twice'],
    ['someone on two posts of one shift', (s: ShiftsOf) => s.withCode('day', 'case-team', s.first('day', '110-car')), 'DISPATCH.ROSTER_CONFLICT', 'staffCodes[', 'one post per person per shift'],
    ['staff codes that are not strings', (s: ShiftsOf) => [...s.all.slice(1), { ...s.all[0], staffCodes: [42] }], 'REQUEST.INVALID', 'staffCodes', 'string'],
  ])('refuses %s with a 400 naming the field and the fix, and changes nothing', async (_case, change, code, field, fix) => {
    const before = await current();
    const changes = await countOf('SELECT count(*) AS n FROM dispatch.roster_changes');
    const res = await put(change(new ShiftsOf(asShifts(before))));
    expect(res).toMatchObject({ status: 400, body: { error: { code, message: expect.stringContaining(field) } } });
    expect(res.body.error.message).toContain(fix);
    expect(await current()).toEqual(before);
    expect(await countOf('SELECT count(*) AS n FROM dispatch.roster_changes')).toBe(changes);
  });

  it('refuses inactive staff and staff on leave that day, a missing reason and a date that is not one', async () => {
    await h.sql.query(`INSERT INTO dispatch.staff (code, name, role, staff_version, active) VALUES ('JM-GONE', '离职民警', 'case-officer', 'test', false) ON CONFLICT DO NOTHING`);
    const shifts = new ShiftsOf(asShifts(await current()));
    expect(await put(shifts.withCode('day', 'case-team', 'JM-GONE'))).toMatchObject({ status: 400, body: { error: { code: 'DISPATCH.STAFF_INACTIVE', message: expect.stringContaining('no longer in the staff file') } } });
    const offDuty = (await rows(`SELECT code FROM dispatch.staff WHERE role = 'case-officer' AND active ORDER BY code DESC LIMIT 1`))[0].code as string;
    await h.sql.query(`INSERT INTO dispatch.leave (staff_code, day, reason) VALUES ($1, $2, '年假')`, [offDuty, day]);
    try {
      const res = await put(new ShiftsOf(asShifts(await current()).map((s) => ({ ...s, staffCodes: s.staffCodes.filter((c) => c !== offDuty) }))).withCode('day', 'case-team', offDuty));
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'DISPATCH.STAFF_ON_LEAVE', message: expect.stringContaining('cancel the leave first (DELETE /v1/roster/leave)') } } });
    } finally {
      await h.sql.query('DELETE FROM dispatch.leave WHERE staff_code = $1 AND day = $2', [offDuty, day]);
    }
    expect(await call(h, 'PUT', `/v1/roster/${day}`, { shifts: shifts.all })).toMatchObject({ status: 400, body: { error: { code: 'REQUEST.INVALID', message: expect.stringContaining('reason') } } });
    expect(await put(shifts.all, '换班', '2031-02-29')).toMatchObject({ status: 400, body: { error: { code: 'REQUEST.INVALID', message: expect.stringContaining('date: must be a date written YYYY-MM-DD') } } });
  });
});

/** A day's posts as PUT takes them, with the changes the refusal cases make. */
class ShiftsOf {
  constructor(readonly all: { shift: string; post: string; staffCodes: string[] }[]) {}
  first(shift: string, post: string): string {
    return this.all.find((s) => s.shift === shift && s.post === post)!.staffCodes[0];
  }
  withCode(shift: string, post: string, code: string) {
    return this.all.map((s) => (s.shift === shift && s.post === post ? { ...s, staffCodes: [...s.staffCodes, code] } : s));
  }
}

describe('leave', () => {
  it('takes someone off the roster of their leave days, keeps them off when the days are generated again, and is audited; cancelling is too', async () => {
    const first = ((await generate('2031-09-01', 3)).body.days as DayView[])[1];
    const who = on(first, 'day', '110-car')[0];
    const res = await call(h, 'POST', '/v1/roster/leave', { staffCode: who, from: '2031-09-02', to: '2031-09-03', reason: '病假' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ staffCode: who, days: ['2031-09-02', '2031-09-03'], removedFromRoster: expect.arrayContaining([{ day: '2031-09-02', shift: 'day', post: '110-car' }]) });
    const after = (await roster('2031-09-02', '2031-09-03')).body.days as DayView[];
    for (const d of after) {
      expect(d.leave).toEqual([expect.objectContaining({ staffCode: who, reason: '病假' })]);
      expect(d.shifts.flatMap((s) => s.posts.flatMap((p) => p.staff.map((x) => x.code)))).not.toContain(who);
    }
    expect((await duty().dutyAt(new Date('2031-09-02T12:00:00+08:00'))).isOnDuty(who)).toBe(false);
    const again = (await generate('2031-09-01', 3)).body.days as DayView[];
    expect(again.slice(1).flatMap((d) => d.shifts.flatMap((s) => s.posts.flatMap((p) => p.staff.map((x) => x.code))))).not.toContain(who);

    const cancel = await call(h, 'DELETE', '/v1/roster/leave', { staffCode: who, from: '2031-09-03', to: '2031-09-03', reason: '提前销假' });
    expect(cancel).toMatchObject({ status: 200, body: { cancelled: ['2031-09-03'], changeId: expect.any(String) } });
    const kinds = ((await call(h, 'GET', '/v1/roster/changes?from=2031-09-03&to=2031-09-03')).body.changes as { kind: string; reason: string }[]).map((c) => [c.kind, c.reason]);
    expect(kinds.slice(0, 3)).toEqual([
      ['leave-cancelled', '提前销假'],
      ['generate', '生成排班 / roster generated'],
      ['leave', '病假'],
    ]);
  });

  it('refuses leave for someone unknown, backwards, or too long, and without a reason', async () => {
    const leave = (body: object) => call(h, 'POST', '/v1/roster/leave', { staffCode: 'JM-CT001', from: '2031-10-01', to: '2031-10-02', reason: '年假', ...body });
    expect(await leave({ staffCode: 'JM-NOBODY' })).toMatchObject({ status: 400, body: { error: { code: 'DISPATCH.UNKNOWN_STAFF', details: [{ field: 'staffCode' }] } } });
    expect(await leave({ to: '2031-09-30' })).toMatchObject({ status: 400, body: { error: { details: [{ field: 'to' }] } } });
    expect(await leave({ to: '2032-01-01' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('at most 92 days') } } });
    expect(await leave({ reason: undefined })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('reason') } } });
    expect(await countOf(`SELECT count(*) AS n FROM dispatch.leave WHERE day BETWEEN '2031-09-30' AND '2032-01-01' AND staff_code = 'JM-CT001'`)).toBe(0);
  });
});

describe('DutyRoster.dutyAt', () => {
  it('answers a day and a night moment from the roster: shift, car crew, duty commander, who is on duty', async () => {
    const day = ((await generate('2031-11-03', 1)).body.days as DayView[])[0];
    const byDay = await duty().dutyAt(new Date('2031-11-03T10:00:00+08:00'));
    expect(byDay).toMatchObject({ day: '2031-11-03', shift: 'day', rostered: true, dutyCommander: 'JM-DR01', carCrew: on(day, 'day', '110-car').sort() });
    const atNight = await duty().dutyAt(new Date('2031-11-04T02:00:00+08:00')); // after midnight: still the 3rd's night
    expect(atNight).toMatchObject({ day: '2031-11-03', shift: 'night', rostered: true, dutyCommander: on(day, 'night', 'duty-commander')[0], carCrew: on(day, 'night', '110-car').sort() });
    for (const code of on(day, 'night', 'case-team')) expect(atNight.isOnDuty(code)).toBe(true);
    const caseTeamByDay = on(day, 'day', 'case-team');
    const offAtNight = caseTeamByDay.find((c) => !on(day, 'night', 'case-team').includes(c) && !on(day, 'night', '110-car').includes(c))!;
    expect([byDay.isOnDuty(offAtNight), atNight.isOnDuty(offAtNight)]).toEqual([true, false]);
    expect(atNight.isOnDuty('JM-DR01')).toBe(false); // the commander works days
    expect(atNight.isOnDuty('JM-P008')).toBe(true); // a grid worker: never rostered, on call
    expect(atNight.isOnDuty('JM-NOBODY')).toBe(false);
  });

  it('takes everyone not on leave as on duty in a shift without a roster', async () => {
    await h.sql.query(`INSERT INTO dispatch.leave (staff_code, day, reason) VALUES ('JM-CT003', '2031-12-01', '年假'), ('JM-DR01', '2031-12-01', '年假')`);
    const now = await duty().dutyAt(new Date('2031-12-01T09:00:00+08:00'));
    expect(now).toMatchObject({ day: '2031-12-01', shift: 'day', rostered: false, carCrew: [], dutyCommander: 'JM-DR04' }); // the commander on leave: a duty officer
    expect(['JM-CT001', 'JM-P001', 'JM-P008', 'JM-DR02'].map((c) => now.isOnDuty(c))).toEqual([true, true, true, true]);
    expect(now.isOnDuty('JM-CT003')).toBe(false);
  });

  it('reads the database once per shift while cached, and shares the answer', async () => {
    const at = new Date('2031-12-10T11:00:00+08:00');
    const [a, b] = await Promise.all([duty().dutyAt(at), duty().dutyAt(new Date('2031-12-10T19:59:00+08:00'))]);
    expect(a).toBe(b);
    expect(await duty().dutyAt(at)).toBe(a);
  });
});
