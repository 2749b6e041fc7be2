// GET /v1/staff on the real app, Postgres and NATS: who can be sent, on or off duty by the roster
// and leave, busy while holding an open assignment, with the squads' load.
import { call, startDispatch, type DispatchHarness } from './dispatch.harness.ts';

let h: DispatchHarness;
const DAY = '2032-03-01';
let roster: { shifts: { shift: string; posts: { post: string; staff: { code: string }[] }[] }[] };
beforeAll(async () => {
  h = await startDispatch();
  const res = await call(h, 'POST', '/v1/roster/generate', { from: DAY, days: 1 });
  expect(res.status).toBe(201);
  roster = res.body.days[0];
});
afterAll(() => h?.close());

interface Member {
  code: string;
  role: string;
  unitCode: string | null;
  roleZh: string;
  roleEn: string;
  communityCode: string | null;
  policeGridCode: string | null;
  gridCode: string | null;
  onDuty: boolean;
  onLeave: boolean;
  busy: boolean;
  openAssignments: number;
  posts: string[];
}

const BY_DAY = `${DAY}T10:00:00+08:00`;
const AT_NIGHT = '2032-03-02T03:00:00+08:00'; // the night shift of the 1st
const staff = async (query: string) => {
  const res = await call(h, 'GET', `/v1/staff?${query}`);
  expect(res.status).toBe(200);
  return res.body as { day: string; shift: string; rostered: boolean; members: Member[]; squads: Record<string, unknown>[] };
};
const onPost = (shift: string, post: string) => roster.shifts.find((s) => s.shift === shift)!.posts.find((p) => p.post === post)!.staff.map((s) => s.code);
const at = (iso: string) => `at=${encodeURIComponent(iso)}`;

describe('GET /v1/staff', () => {
  it('lists every active person with role names in Chinese and English, on duty as the roster says, with their posts', async () => {
    const res = await staff(at(BY_DAY));
    expect(res).toMatchObject({ day: DAY, shift: 'day', rostered: true, startsAt: `${DAY}T08:00:00+08:00`, endsAt: `${DAY}T20:00:00+08:00` });
    expect(res.members).toHaveLength(276);
    const byCode = new Map(res.members.map((m) => [m.code, m]));
    expect(byCode.get('JM-DR01')).toMatchObject({ role: 'commander', roleZh: '指挥长', roleEn: 'Commander', onDuty: true, posts: ['duty-commander'], busy: false, openAssignments: 0 });
    for (const code of onPost('day', '110-car')) expect(byCode.get(code)).toMatchObject({ onDuty: true, posts: ['110-car'] });
    for (const code of onPost('night', '110-car')) expect(byCode.get(code)).toMatchObject({ onDuty: false, posts: [] }); // they drive tonight
    expect(byCode.get('JM-P008')).toMatchObject({ role: 'grid-worker', roleZh: '网格员', onDuty: true, posts: [] }); // never rostered: on call
  });

  it('filters on duty and off duty at night: the night minimum on, the commander and day staff off, grid staff on call', async () => {
    const on = await staff(`${at(AT_NIGHT)}&onDuty=true`);
    expect(on).toMatchObject({ day: DAY, shift: 'night', rostered: true });
    const onCodes = on.members.map((m) => m.code);
    for (const post of ['110-car', 'case-team', 'community', 'duty-commander', 'duty-room']) for (const code of onPost('night', post)) expect(onCodes).toContain(code);
    expect(on.members.every((m) => m.onDuty)).toBe(true);
    expect(on.members.filter((m) => !['grid-chief', 'grid-worker'].includes(m.role)).length).toBe(new Set(roster.shifts[1].posts.flatMap((p) => p.staff.map((s) => s.code))).size);
    const off = await staff(`${at(AT_NIGHT)}&onDuty=false`);
    expect(off.members.map((m) => m.code)).toContain('JM-DR01');
    expect(off.members.every((m) => !m.onDuty)).toBe(true);
    expect(on.members.length + off.members.length).toBe(276);
  });

  it('filters by role, community, police grid and grid', async () => {
    const caseOfficers = await staff(`role=case-officer&${at(BY_DAY)}`);
    expect(caseOfficers.members).toHaveLength(18);
    expect(caseOfficers.members.every((m) => m.role === 'case-officer' && m.roleEn === 'Case officer')).toBe(true);
    const community = await staff('communityCode=JM-C01&role=community-police');
    expect(community.members.length).toBeGreaterThan(0);
    expect(community.members.every((m) => m.communityCode === 'JM-C01' && m.role === 'community-police')).toBe(true);
    expect((await staff('policeGridCode=JM-PG01')).members.every((m) => m.policeGridCode === 'JM-PG01')).toBe(true);
    const grid = await staff('gridCode=JM-G001');
    expect(grid.members.map((m) => m.role).sort()).toEqual(['grid-chief', 'grid-worker', 'grid-worker', 'grid-worker']);
    expect((await staff('gridCode=JM-NOWHERE')).members).toEqual([]);
  });

  it('shows busy people (an open assignment) and the squads with their load', async () => {
    const officer = onPost('day', 'case-team')[0];
    await h.sql.query('UPDATE dispatch.staff SET open_assignments = 2 WHERE code = $1', [officer]);
    await h.sql.query(`UPDATE dispatch.units SET open_assignments = 3 WHERE code = 'JM-SQ01'`);
    try {
      const res = await staff(`role=case-officer&${at(BY_DAY)}`);
      expect(res.members.find((m) => m.code === officer)).toMatchObject({ onDuty: true, busy: true, openAssignments: 2 });
      expect(res.members.filter((m) => m.busy)).toHaveLength(1);
      expect(res.squads).toHaveLength(3);
      expect(res.squads[0]).toMatchObject({ code: 'JM-SQ01', nameZh: '刑侦中队', nameEn: 'Criminal Investigation Squad', openAssignments: 3, officers: 6 });
      expect(res.squads.filter((s) => s.busyOfficers === 1).map((s) => s.code)).toEqual([res.members.find((m) => m.code === officer)!.unitCode]);
      // The night: one squad on, the others resting.
      const night = await staff(`role=case-officer&${at(AT_NIGHT)}`);
      expect(night.squads.map((s) => s.onDuty as number).filter((n) => n > 0).length).toBeGreaterThanOrEqual(1);
      expect(night.squads.reduce((n, s) => n + (s.onDuty as number), 0)).toBe(night.members.filter((m) => m.onDuty).length);
    } finally {
      await h.sql.query('UPDATE dispatch.staff SET open_assignments = 0 WHERE code = $1', [officer]);
      await h.sql.query(`UPDATE dispatch.units SET open_assignments = 0 WHERE code = 'JM-SQ01'`);
    }
  });

  it('takes everyone not on leave as on duty in a shift without a roster; someone on leave is off', async () => {
    await h.sql.query(`INSERT INTO dispatch.leave (staff_code, day, reason) VALUES ('JM-CT002', '2032-04-01', '年假') ON CONFLICT DO NOTHING`);
    const res = await staff(at('2032-04-01T15:00:00+08:00'));
    expect(res).toMatchObject({ day: '2032-04-01', shift: 'day', rostered: false });
    expect(res.members.filter((m) => !m.onDuty).map((m) => [m.code, m.onLeave])).toEqual([['JM-CT002', true]]);
  });

  it.each([
    ['an unknown role', 'role=chef', 'role'],
    ['onDuty not true or false', 'onDuty=yes', 'onDuty'],
    ['a moment that is not one', 'at=yesterday', 'at'],
    ['an unknown parameter', 'team=1', 'team'],
  ])('refuses %s with a 400 naming it', async (_case, query, field) => {
    expect(await call(h, 'GET', `/v1/staff?${query}`)).toMatchObject({ status: 400, body: { error: { code: 'REQUEST.INVALID', message: expect.stringContaining(field) } } });
  });

  it('needs the staff key', async () => {
    expect(await call(h, 'GET', '/v1/staff', undefined, { 'x-staff-key': 'wrong-key-x' })).toMatchObject({ status: 403, body: { error: { code: 'AUTH.INVALID_STAFF_KEY' } } });
  });
});
