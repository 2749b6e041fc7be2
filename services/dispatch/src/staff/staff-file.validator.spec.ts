// Breaks copies of the bundled staff file: validation must name every problem, each where it is.
import { readFileSync } from 'node:fs';
import { BUNDLED_DISTRICT_FILE, loadDistrict, parseDistrict } from '@jingwang/district';
import { StaffFileInvalidError } from './staff.errors.ts';
import { BUNDLED_STAFF_FILE, parseStaffFile } from './staff-file.loader.ts';
import { dayNumber, validateStaffFile } from './staff-file.validator.ts';

// Mutable views of the files for the tests to break.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const district = loadDistrict(BUNDLED_DISTRICT_FILE);
const pristine: Json = JSON.parse(readFileSync(BUNDLED_STAFF_FILE, 'utf8'));
const fresh = (): Json => structuredClone(pristine);
const keys = (raw: unknown, d = district) => validateStaffFile(raw, d).map((p) => `${p.path} ${p.code}`);
const at = (f: Json, code: string): number => f.people.findIndex((p: Json) => p.code === code);
const first = (f: Json, role: string): number => f.people.findIndex((p: Json) => p.role === role);

describe('validateStaffFile', () => {
  it('accepts the bundled sample', () => {
    expect(validateStaffFile(fresh(), district)).toEqual([]);
  });

  // Each case breaks a fresh copy and returns what to validate.
  it.each<[string, (f: Json) => unknown, string[]]>([
    ['a file that is not an object', () => [], ['(root) INVALID_FILE']],
    ['an unknown schemaVersion', (f) => ({ ...f, schemaVersion: 2 }), ['schemaVersion UNSUPPORTED_SCHEMA']],
    ['no version', (f) => ({ ...f, version: undefined }), ['version MISSING_FIELD']],
    ['sample that is not true or false', (f) => ({ ...f, sample: 'yes' }), ['sample INVALID_FIELD']],
    ['no sample flag', (f) => ({ ...f, sample: undefined }), ['sample MISSING_FIELD']],
    ['a district version other than the district in use', (f) => ({ ...f, districtVersion: '0.9' }), ['districtVersion DISTRICT_VERSION']],
    ['an unknown top-level field', (f) => ({ ...f, staff: [] }), ['staff UNKNOWN_FIELD']],
    ['squads that are not an array', (f) => ({ ...f, squads: {} }), ['squads INVALID_FIELD']],
    ['no people', (f) => ({ ...f, people: undefined }), ['people MISSING_FIELD', 'squads[0] EMPTY_SQUAD', 'squads[1] EMPTY_SQUAD', 'squads[2] EMPTY_SQUAD']],
  ])('names %s', (_case, broken, expected) => {
    expect(keys(broken(fresh())).filter((k) => !/UNKNOWN_SQUAD/.test(k))).toEqual(expected);
  });

  it('names duplicate codes of people and squads, unknown roles and fields, and bad codes', () => {
    const f = fresh();
    f.people[1].code = f.people[0].code;
    f.squads[1].code = f.squads[0].code;
    f.people[2].role = 'sheriff';
    f.people[3].elegible110 = true;
    f.people[4].code = 'JM CT 5';
    expect(keys(f)).toEqual(
      expect.arrayContaining(['people[1].code DUPLICATE_CODE', 'squads[1].code DUPLICATE_CODE', 'people[2].role UNKNOWN_ROLE', 'people[3].elegible110 UNKNOWN_FIELD', 'people[4].code INVALID_CODE']),
    );
  });

  it('names a case officer without a squad or with an unknown one, a case officer with a post, and a squad without officers', () => {
    const f = fresh();
    const officers = f.people.filter((p: Json) => p.role === 'case-officer');
    delete officers[0].unitCode;
    officers[1].unitCode = 'JM-SQ99';
    officers[2].gridCode = 'JM-G001';
    for (const o of officers.filter((p: Json) => p.unitCode === 'JM-SQ03')) o.unitCode = 'JM-SQ02';
    const problems = validateStaffFile(f, district);
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual(
      expect.arrayContaining(['people[0].unitCode UNKNOWN_SQUAD', 'people[1].unitCode UNKNOWN_SQUAD', 'people[2].gridCode MISPLACED_FIELD', 'squads[2] EMPTY_SQUAD']),
    );
    expect(problems.find((p) => p.path === 'people[1].unitCode')?.message).toMatch(/"JM-SQ99" is not in squads; use one of: JM-SQ01, JM-SQ02, JM-SQ03/);
  });

  it('names missing duty-room roles: a commander and a call-taker', () => {
    const f = fresh();
    f.people = f.people.filter((p: Json) => p.role !== 'commander' && p.role !== 'call-taker');
    const problems = validateStaffFile(f, district).filter((p) => p.code === 'MISSING_DUTY_ROLE');
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('commander (指挥长)'), expect.stringContaining('call-taker (接警员)')]);
  });

  it('names eligible110 on people who do not ride the 110 car', () => {
    const f = fresh();
    for (const role of ['auxiliary-police', 'grid-worker', 'call-taker']) f.people[first(f, role)].eligible110 = true;
    expect(keys(f).sort()).toEqual(['auxiliary-police', 'grid-worker', 'call-taker'].map((role) => `people[${first(f, role)}].eligible110 NOT_ELIGIBLE_110`).sort());
  });

  it('names community-side people whose code, name, role, community or post disagrees with the district', () => {
    const f = fresh();
    f.people[at(f, 'JM-P008')].code = 'JM-P999'; // not in the district (and so JM-P008 is missing)
    f.people[at(f, 'JM-P009')].name = '张三';
    f.people[at(f, 'JM-P010')].role = 'grid-chief';
    f.people[at(f, 'JM-P004')].communityCode = 'JM-C02';
    f.people[at(f, 'JM-P005')].policeGridCode = 'JM-PG01';
    f.people[at(f, 'JM-P012')].gridCode = 'JM-G003';
    f.people[at(f, 'JM-P013')].policeGridCode = 'JM-PG02';
    delete f.people[at(f, 'JM-P015')].gridCode;
    f.people[at(f, 'JM-P016')].unitCode = 'JM-SQ01';
    const problems = validateStaffFile(f, district);
    const byPath = (path: string) => problems.find((p) => p.path === path);
    expect(problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual(
      [
        `people[${at(f, 'JM-P999')}].code NOT_IN_DISTRICT`,
        'people MISSING_PERSON',
        `people[${at(f, 'JM-P009')}].name DISTRICT_MISMATCH`,
        `people[${at(f, 'JM-P010')}].role DISTRICT_MISMATCH`,
        `people[${at(f, 'JM-P004')}].communityCode DISTRICT_MISMATCH`,
        `people[${at(f, 'JM-P005')}].policeGridCode DISTRICT_MISMATCH`,
        `people[${at(f, 'JM-P012')}].gridCode DISTRICT_MISMATCH`,
        `people[${at(f, 'JM-P013')}].policeGridCode DISTRICT_MISMATCH`,
        `people[${at(f, 'JM-P015')}].gridCode MISSING_FIELD`,
        `people[${at(f, 'JM-P016')}].unitCode MISPLACED_FIELD`,
      ].sort(),
    );
    expect(byPath(`people[${at(f, 'JM-P009')}].name`)?.message).toBe('the district calls JM-P009 "胡刚明", not "张三"; use the district\'s name (or correct the district file)');
    expect(byPath(`people[${at(f, 'JM-P010')}].role`)?.message).toBe('the district has JM-P010 胡振 as grid-worker (网格员), not grid-chief (网格长); set role to grid-worker');
    expect(byPath(`people[${at(f, 'JM-P005')}].policeGridCode`)?.message).toBe('the district puts JM-P005 徐怡丽 in police grid "JM-PG02", not "JM-PG01"; set policeGridCode to "JM-PG02" (or change the district file)');
    expect(byPath(`people[${at(f, 'JM-P015')}].gridCode`)?.message).toBe('gridCode is missing; set it to "JM-G003"');
    expect(byPath('people')?.message).toMatch(/JM-P008 肖春阳 .* is not in the file; add them/);
  });

  it('names a police grid whose chief in the file differs from the district, and police grids and grids without their chief', () => {
    const f = fresh();
    f.people[at(f, 'JM-P002')].policeGridChief = false; // the district's chief of JM-PG02, not marked
    f.people = f.people.filter((p: Json) => p.code !== 'JM-P001' && p.code !== 'JM-P011'); // chief of JM-PG01; grid chief of JM-G002
    const problems = validateStaffFile(f, district);
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([`people[${at(f, 'JM-P002')}].policeGridChief CHIEF_MISMATCH`, 'people MISSING_CHIEF', 'people MISSING_CHIEF']);
    expect(problems.map((p) => p.message)).toEqual([
      "JM-P002 魏志 is the police-grid chief (警格长) of JM-PG02 in the district; set policeGridChief to true",
      expect.stringMatching(/^police grid JM-PG01 金门路社区第一警格 has no chief \(警格长\): add the district's chief JM-P001 马军洋/),
      expect.stringMatching(/^grid JM-G002 金门路社区第2网格 has no grid chief \(网格长\): add the district's grid chief JM-P011/),
    ]);
  });

  it('posts a community police officer who chiefs no police grid to a police grid of their community, and names a wrong chief mark', () => {
    const raw: Json = JSON.parse(readFileSync(BUNDLED_DISTRICT_FILE, 'utf8'));
    raw.people.push({ code: 'JM-P900', name: '石建新', role: 'community-police', communityCode: 'JM-C01' });
    const wider = parseDistrict(raw);
    const f = fresh();
    f.districtVersion = wider.version;
    const officer = { code: 'JM-P900', name: '石建新', role: 'community-police', communityCode: 'JM-C01', policeGridCode: 'JM-PG03', eligible110: true };
    f.people.push(officer);
    expect(keys(f, wider)).toEqual([]);
    officer.policeGridCode = 'JM-PG04';
    (officer as Json).policeGridChief = true;
    const problems = validateStaffFile(f, wider);
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([`people[${f.people.length - 1}].policeGridCode DISTRICT_MISMATCH`, `people[${f.people.length - 1}].policeGridChief CHIEF_MISMATCH`]);
    expect(problems[0].message).toBe('"JM-PG04" is not one of the police grids of community JM-C01: JM-PG01, JM-PG02, JM-PG03; pick one of them');
    expect(problems[1].message).toMatch(/is not a police-grid chief in the district: the chief of JM-PG04 is JM-P044 .*; remove policeGridChief here/);
    // A case officer may not take a district person's code (they are the district's).
    f.people[0].code = 'JM-P900';
    expect(keys(f, wider)).toEqual(expect.arrayContaining([`people[${f.people.length - 1}].code DUPLICATE_CODE`]));
  });

  it('names leave of unknown people and bad dates', () => {
    const f = fresh();
    f.leave = [
      { staffCode: 'JM-CT001', from: '2026-12-01', to: '2026-12-03', reason: '年休假' },
      { staffCode: 'JM-XX001', from: '2026-12-01', to: '2026-12-01' },
      { staffCode: 'JM-CT002', from: '2026-02-30', to: 'tomorrow' },
      { staffCode: 'JM-CT003', from: '2026-12-05', to: '2026-12-01' },
      { staffCode: 'JM-CT004', from: '2026-01-01', to: '2027-06-01' },
      { staffCode: 'JM-CT005', from: '2026-12-01', to: '2026-12-01', note: 'x' },
    ];
    expect(keys(f)).toEqual([
      'leave[1].staffCode UNKNOWN_STAFF',
      'leave[2].from INVALID_DATE',
      'leave[2].to INVALID_DATE',
      'leave[3].to INVALID_DATE',
      'leave[4].to INVALID_DATE',
      'leave[5].note UNKNOWN_FIELD',
    ]);
  });

  it('names every problem of a badly broken file at once, in the error that stops the start', () => {
    const f = fresh();
    f.schemaVersion = 3;
    f.people[0].unitCode = 'JM-SQ99';
    f.people[at(f, 'JM-P009')].name = '张三';
    f.people = f.people.filter((p: Json) => p.role !== 'commander' && p.code !== 'JM-P011');
    f.leave = [{ staffCode: 'nobody', from: '2026-13-01', to: '2026-12-01' }];
    let error: unknown;
    try {
      parseStaffFile(f, district, '/etc/jingwang/staff.json');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StaffFileInvalidError);
    const e = error as StaffFileInvalidError;
    expect(e.code).toBe('DISPATCH.STAFF_FILE_INVALID');
    expect(e.problems.map((p) => p.code)).toEqual(['UNSUPPORTED_SCHEMA', 'UNKNOWN_SQUAD', 'DISTRICT_MISMATCH', 'MISSING_DUTY_ROLE', 'MISSING_CHIEF', 'UNKNOWN_STAFF', 'INVALID_DATE']);
    expect(e.message.split('\n')).toEqual([
      'staff file /etc/jingwang/staff.json has 7 problems (fix them or point DISPATCH_STAFF_FILE at another file):',
      ...e.problems.map((p) => `  ${p.path}  [${p.code}]  ${p.message}`),
    ]);
    expect(e.details).toBe(e.problems);
  });
});

describe('dayNumber', () => {
  it('reads calendar dates only', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2028-02-29')).toBe(dayNumber('2028-03-01')! - 1);
    for (const bad of ['2026-02-29', '2026-04-31', '2026-00-10', '2026-1-5', '20261205', '2026-12-05T00:00']) expect(dayNumber(bad)).toBeUndefined();
  });
});
