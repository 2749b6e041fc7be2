// The staff file written into dispatch's tables at start, on the real app, Postgres and NATS.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { startService, type ServiceHarness } from '@jingwang/testing';
import { createDispatchApp } from '../src/dispatch.app.ts';
import { loadDispatchConfig } from '../src/dispatch.config.ts';
import { migrations } from '../src/migrations/index.ts';
import { BUNDLED_STAFF_FILE } from '../src/staff/staff-file.loader.ts';
import type { StaffFile } from '../src/staff/staff-file.types.ts';

// A mutable copy of the bundled sample for the tests to change.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const sample = (): Json => JSON.parse(readFileSync(BUNDLED_STAFF_FILE, 'utf8'));

// The bundled sample unless a test says otherwise, whatever the environment of the run.
const start = () =>
  startService({ service: 'dispatch', migrations, env: { DISPATCH_STAFF_FILE: undefined }, createApp: ({ env: e, ...bus }) => createDispatchApp({ ...bus, config: loadDispatchConfig({ DISPATCH_STAFF_KEY: 'key-staff-test', ...e }) }, ['error']) });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jw-staff-sync-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function writeStaffFile(file: StaffFile | Json): string {
  const path = join(dir, `staff-${++files}.json`);
  writeFileSync(path, JSON.stringify(file, null, 2));
  return path;
}

async function rows<T = Record<string, unknown>>(h: ServiceHarness, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await h.sql.query(sql, params)).rows as T[];
}

describe('the bundled sample at start', () => {
  let h: ServiceHarness<NestFastifyApplication>;
  beforeAll(async () => {
    h = await start();
  });
  afterAll(() => h?.close());

  it('writes every person, squad and the file version into the dispatch schema', async () => {
    const byRole = await rows<{ role: string; n: string; car: string }>(
      h,
      'SELECT role, count(*) AS n, count(*) FILTER (WHERE eligible_110) AS car FROM dispatch.staff WHERE active GROUP BY role ORDER BY role',
    );
    expect(Object.fromEntries(byRole.map((r) => [r.role, [Number(r.n), Number(r.car)]]))).toEqual({
      'auxiliary-police': [18, 0],
      'call-taker': [2, 0],
      'case-officer': [18, 18],
      commander: [1, 0],
      'community-police': [18, 18],
      'duty-officer': [2, 0],
      'grid-chief': [65, 0],
      'grid-worker': [152, 0],
    });
    expect(await rows(h, "SELECT code, name, role, unit_code, community_code, police_grid_code, grid_code, eligible_110, active, staff_version, open_assignments FROM dispatch.staff WHERE code IN ('JM-P001', 'JM-P008', 'JM-CT001') ORDER BY code")).toEqual([
      expect.objectContaining({ code: 'JM-CT001', role: 'case-officer', unit_code: 'JM-SQ01', community_code: null, grid_code: null, eligible_110: true, active: true, staff_version: '1.0.0', open_assignments: 0 }),
      { code: 'JM-P001', name: '马军洋', role: 'community-police', unit_code: null, community_code: 'JM-C01', police_grid_code: 'JM-PG01', grid_code: null, eligible_110: true, active: true, staff_version: '1.0.0', open_assignments: 0 },
      expect.objectContaining({ code: 'JM-P008', role: 'grid-worker', community_code: 'JM-C01', police_grid_code: 'JM-PG01', grid_code: 'JM-G001', eligible_110: false }),
    ]);
    expect(await rows(h, 'SELECT code, name_zh, active, open_assignments FROM dispatch.units ORDER BY code')).toEqual([
      { code: 'JM-SQ01', name_zh: '刑侦中队', active: true, open_assignments: 0 },
      { code: 'JM-SQ02', name_zh: '治安中队', active: true, open_assignments: 0 },
      { code: 'JM-SQ03', name_zh: '巡逻处警中队', active: true, open_assignments: 0 },
    ]);
    expect(await rows(h, 'SELECT version, sample, source, summary FROM dispatch.staff_files')).toEqual([
      {
        version: '1.0.0',
        sample: true,
        source: BUNDLED_STAFF_FILE,
        summary: expect.objectContaining({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), people: 276, squads: 3, districtVersion: '1.0.0', deactivated: 0, leaveDays: 0 }),
      },
    ]);
  });

  it('stops the start on a bad DISPATCH_STAFF_FILE, naming every problem, and writes nothing', async () => {
    const f = sample();
    f.schemaVersion = 2;
    f.version = '9.9.9';
    f.people.find((p: Json) => p.code === 'JM-CT003').unitCode = 'JM-SQ09';
    f.people.find((p: Json) => p.code === 'JM-P012').gridCode = 'JM-G009';
    f.people = f.people.filter((p: Json) => p.role !== 'commander' && p.code !== 'JM-P011');
    f.leave = [{ staffCode: 'JM-CT404', from: '2026-12-01', to: '2026-11-31' }];
    const path = writeStaffFile(f);
    const failed = await h.startReplica({ env: { DISPATCH_STAFF_FILE: path } }).then(
      () => null,
      (err: unknown) => err as Error & { code: string; problems: { path: string; code: string }[] },
    );
    expect(failed).toMatchObject({ name: 'StaffFileInvalidError', code: 'DISPATCH.STAFF_FILE_INVALID' });
    const p012 = f.people.findIndex((p: Json) => p.code === 'JM-P012');
    expect(failed!.problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      'schemaVersion UNSUPPORTED_SCHEMA',
      'people[2].unitCode UNKNOWN_SQUAD',
      `people[${p012}].gridCode DISTRICT_MISMATCH`,
      'people MISSING_DUTY_ROLE',
      'people MISSING_CHIEF',
      'leave[0].staffCode UNKNOWN_STAFF',
      'leave[0].to INVALID_DATE',
    ]);
    expect(failed!.message).toContain(`staff file ${path} has 7 problems`);
    for (const problem of failed!.problems) expect(failed!.message).toContain(problem.path);
    expect(await rows(h, 'SELECT version FROM dispatch.staff_files')).toEqual([{ version: '1.0.0' }]);
    // The running replica is not disturbed.
    expect((await fetch(`${h.url}/health/ready`)).status).toBe(200);
  });

  it('stops the start on a staff file that does not exist', async () => {
    const path = join(dir, 'missing.json');
    await expect(h.startReplica({ env: { DISPATCH_STAFF_FILE: path } })).rejects.toMatchObject({ code: 'DISPATCH.STAFF_FILE_UNREADABLE', message: expect.stringContaining(path) });
  });
});

describe('a new version of the staff file', () => {
  let h: ServiceHarness<NestFastifyApplication>;
  beforeAll(async () => {
    h = await start();
  });
  afterAll(() => h?.close());

  it('deactivates the people and squads it drops, keeps their open assignments, updates the rest and adds its leave; replicas starting together write it once', async () => {
    await h.sql.query("UPDATE dispatch.staff SET open_assignments = 3 WHERE code IN ('JM-CT001', 'JM-CT002', 'JM-CT013')");
    await h.sql.query("UPDATE dispatch.units SET open_assignments = 2 WHERE code IN ('JM-SQ02', 'JM-SQ03')");
    const v2 = sample();
    v2.version = '2.0.0';
    v2.squads = v2.squads.filter((s: Json) => s.code !== 'JM-SQ03');
    v2.squads[1].nameZh = '治安案件中队';
    v2.people = v2.people.filter((p: Json) => p.code !== 'JM-CT001');
    for (const p of v2.people) if (p.unitCode === 'JM-SQ03') p.unitCode = 'JM-SQ02';
    v2.people.find((p: Json) => p.code === 'JM-CT002').name = '于建君';
    v2.leave = [
      { staffCode: 'JM-CT002', from: '2026-12-30', to: '2027-01-01', reason: '年休假' },
      { staffCode: 'JM-P001', from: '2026-12-31', to: '2026-12-31' },
    ];
    const env = { DISPATCH_STAFF_FILE: writeStaffFile(v2) };
    await Promise.all([h.startReplica({ env }), h.startReplica({ env })]);

    const staff = await rows(h, "SELECT code, name, unit_code, active, staff_version, open_assignments FROM dispatch.staff WHERE code IN ('JM-CT001', 'JM-CT002', 'JM-CT013') ORDER BY code");
    expect(staff).toEqual([
      { code: 'JM-CT001', name: '朱国庆', unit_code: 'JM-SQ01', active: false, staff_version: '1.0.0', open_assignments: 3 },
      { code: 'JM-CT002', name: '于建君', unit_code: 'JM-SQ01', active: true, staff_version: '2.0.0', open_assignments: 3 },
      { code: 'JM-CT013', name: expect.any(String), unit_code: 'JM-SQ02', active: true, staff_version: '2.0.0', open_assignments: 3 },
    ]);
    expect(await rows(h, 'SELECT count(*)::int AS n FROM dispatch.staff WHERE active')).toEqual([{ n: 275 }]);
    expect(await rows(h, 'SELECT code, name_zh, active, open_assignments FROM dispatch.units ORDER BY code')).toEqual([
      { code: 'JM-SQ01', name_zh: '刑侦中队', active: true, open_assignments: 0 },
      { code: 'JM-SQ02', name_zh: '治安案件中队', active: true, open_assignments: 2 },
      { code: 'JM-SQ03', name_zh: '巡逻处警中队', active: false, open_assignments: 2 },
    ]);
    expect(await rows(h, "SELECT staff_code, to_char(day, 'YYYY-MM-DD') AS day, reason FROM dispatch.leave ORDER BY staff_code, day")).toEqual([
      { staff_code: 'JM-CT002', day: '2026-12-30', reason: '年休假' },
      { staff_code: 'JM-CT002', day: '2026-12-31', reason: '年休假' },
      { staff_code: 'JM-CT002', day: '2027-01-01', reason: '年休假' },
      { staff_code: 'JM-P001', day: '2026-12-31', reason: null },
    ]);
    expect(await rows(h, "SELECT version, summary->'deactivated' AS deactivated, summary->'leaveDays' AS leave FROM dispatch.staff_files ORDER BY loaded_at")).toEqual([
      { version: '1.0.0', deactivated: 0, leave: 0 },
      { version: '2.0.0', deactivated: 1, leave: 4 },
    ]);

    // A replica of the previous release restarting mid-rollout does not write its older file back.
    await h.startReplica();
    expect(await rows(h, "SELECT active, staff_version FROM dispatch.staff WHERE code = 'JM-CT001'")).toEqual([{ active: false, staff_version: '1.0.0' }]);
    expect(await rows(h, "SELECT active FROM dispatch.units WHERE code = 'JM-SQ03'")).toEqual([{ active: false }]);

    // Leave the roster cancelled is not brought back by a restart on the same version.
    await h.sql.query("DELETE FROM dispatch.leave WHERE staff_code = 'JM-P001'");
    await h.startReplica({ env });
    expect(await rows(h, "SELECT count(*)::int AS n FROM dispatch.leave WHERE staff_code = 'JM-P001'")).toEqual([{ n: 0 }]);

    // The same version with other content is refused: a version names one content.
    v2.people.find((p: Json) => p.code === 'JM-CT002').name = '于建军';
    await expect(h.startReplica({ env: { DISPATCH_STAFF_FILE: writeStaffFile(v2) } })).rejects.toMatchObject({
      code: 'DISPATCH.STAFF_FILE_VERSION_REUSED',
      message: expect.stringContaining('give the changed file a new version'),
    });
    expect(await rows(h, "SELECT name FROM dispatch.staff WHERE code = 'JM-CT002'")).toEqual([{ name: '于建君' }]);
  });
});
