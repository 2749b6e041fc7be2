import { BUNDLED_DISTRICT_FILE, loadDistrict } from '@jingwang/district';
import { BUNDLED_STAFF_FILE, loadStaffFile } from './staff-file.loader.ts';
import { buildStaffDirectory } from './staff.directory.ts';
import type { StaffFile } from './staff-file.types.ts';

const district = loadDistrict(BUNDLED_DISTRICT_FILE);
const staff = loadStaffFile(null, district).directory;
const codes = (list: readonly { code: string }[]) => list.map((m) => m.code).sort();

describe('the staff directory of the bundled sample', () => {
  it('says where it comes from, and that it is sample data', () => {
    expect({ version: staff.version, sample: staff.sample, source: staff.source }).toEqual({ version: '1.0.0', sample: true, source: BUNDLED_STAFF_FILE });
  });

  it('has the station as DOMAIN.md describes it: the case team, the duty room and the community side', () => {
    const count = (role: Parameters<typeof staff.byRole>[0]) => staff.byRole(role).length;
    expect({
      caseOfficers: count('case-officer'),
      commanders: count('commander'),
      callTakers: count('call-taker'),
      dutyOfficers: count('duty-officer'),
      communityPolice: count('community-police'),
      auxiliaries: count('auxiliary-police'),
      gridChiefs: count('grid-chief'),
      gridWorkers: count('grid-worker'),
    }).toEqual({ caseOfficers: 18, commanders: 1, callTakers: 2, dutyOfficers: 2, communityPolice: 18, auxiliaries: 18, gridChiefs: 65, gridWorkers: 152 });
    expect(staff.members).toHaveLength(18 + 5 + 36 + 65 + 152);
    expect(staff.squads.map((s) => [s.code, s.nameZh, s.officerCodes.length])).toEqual([
      ['JM-SQ01', '刑侦中队', 6],
      ['JM-SQ02', '治安中队', 6],
      ['JM-SQ03', '巡逻处警中队', 6],
    ]);
    for (const squad of staff.squads) {
      expect(codes(staff.officersOfSquad(squad.code))).toEqual([...squad.officerCodes].sort());
      expect(staff.squadByCode(squad.code)).toBe(squad);
    }
  });

  it.each(district.policeGrids.map((pg) => [pg.code, pg]))('gives police grid %s the district’s chief and auxiliaries', (code, pg) => {
    const chief = staff.policeGridChief(code);
    expect(chief).toMatchObject({ code: pg.chiefCode, name: district.personByCode(pg.chiefCode)!.name, role: 'community-police', policeGridCode: code, eligible110: true });
    expect(codes(staff.auxiliaries(code))).toEqual([...(pg.auxiliaryCodes ?? [])].sort());
  });

  it.each(district.grids.map((g) => [g.code, g]))('gives grid %s the district’s grid chief and grid workers', (code, g) => {
    expect(staff.gridChief(code)).toMatchObject({ code: g.chiefCode, role: 'grid-chief', gridCode: code, policeGridCode: g.policeGridCode, communityCode: g.communityCode, eligible110: false });
    expect(codes(staff.gridWorkers(code))).toEqual([...g.workerCodes].sort());
    for (const w of staff.gridWorkers(code)) expect(w).toMatchObject({ role: 'grid-worker', name: district.personByCode(w.code)!.name, policeGridCode: g.policeGridCode });
  });

  it('gives each community its community police, auxiliaries not among them', () => {
    for (const c of district.communities) {
      expect(codes(staff.communityOfficers(c.code))).toEqual(codes(district.peopleOfCommunity(c.code)!.police));
    }
    expect(codes(staff.allCommunityOfficers())).toEqual(codes(district.people.filter((p) => p.role === 'community-police')));
  });

  it('puts case officers and community police on the 110 car, nobody else', () => {
    expect(codes(staff.members.filter((m) => m.eligible110))).toEqual(codes([...staff.byRole('case-officer'), ...staff.byRole('community-police')]));
  });

  it('answers unknown codes with nothing, and hands out frozen members and lists', () => {
    expect(staff.byCode('JM-NOBODY')).toBeUndefined();
    expect(staff.policeGridChief('JM-PG99')).toBeUndefined();
    expect(staff.gridChief('JM-G999')).toBeUndefined();
    expect(staff.squadByCode('JM-SQ99')).toBeUndefined();
    for (const empty of [staff.gridWorkers('JM-G999'), staff.communityOfficers('JM-C99'), staff.officersOfSquad('JM-SQ99'), staff.auxiliaries('JM-PG99')]) expect(empty).toEqual([]);
    const member = staff.byCode('JM-CT001')!;
    expect(member).toMatchObject({ role: 'case-officer', unitCode: 'JM-SQ01', communityCode: null, policeGridCode: null, gridCode: null });
    expect(Object.isFrozen(member) && Object.isFrozen(staff.members) && Object.isFrozen(staff.gridWorkers('JM-G001')) && Object.isFrozen(staff.squads[0].officerCodes)).toBe(true);
  });
});

describe('buildStaffDirectory', () => {
  it('puts people on the 110 car by role when the file does not say', () => {
    const file: StaffFile = {
      schemaVersion: 1,
      version: 't',
      sample: true,
      districtVersion: 'x',
      squads: [{ code: 'SQ', nameZh: '中队', nameEn: 'Squad' }],
      people: [
        { code: 'A', name: '甲', role: 'case-officer', unitCode: 'SQ' },
        { code: 'B', name: '乙', role: 'case-officer', unitCode: 'SQ', eligible110: false },
        { code: 'C', name: '丙', role: 'call-taker' },
      ],
    };
    const d = buildStaffDirectory(file, 'memory');
    expect(d.members.map((m) => [m.code, m.eligible110])).toEqual([
      ['A', true],
      ['B', false],
      ['C', false],
    ]);
  });
});
