import { readFileSync } from 'node:fs';
import { BUNDLED_DISTRICT_FILE, loadDistrict, parseDistrict } from '@jingwang/district';
import { BUNDLED_STAFF_FILE } from '../src/staff/staff-file.loader.ts';
import { validateStaffFile } from '../src/staff/staff-file.validator.ts';
import { communitySide, generateStaffSample, staffSampleText } from './staff-sample.ts';

describe('the staff sample generator', () => {
  it('is deterministic and matches the committed data file (regenerate it after changing the generator)', () => {
    const text = staffSampleText();
    expect(staffSampleText()).toBe(text);
    expect(readFileSync(BUNDLED_STAFF_FILE, 'utf8')).toBe(text);
  });

  it('produces a valid staff file marked as sample, with names of its own', () => {
    const district = loadDistrict(BUNDLED_DISTRICT_FILE);
    const file = generateStaffSample(district);
    expect(validateStaffFile(file, district)).toEqual([]);
    expect(file.sample).toBe(true);
    const invented = file.people.filter((p) => !district.personByCode(p.code));
    expect(invented).toHaveLength(23);
    const names = new Set(district.people.map((p) => p.name));
    for (const p of invented) expect(names.has(p.name)).toBe(false);
  });

  it('posts community police who chief no police grid to the least-staffed police grid of their community, in file order', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const raw: any = JSON.parse(readFileSync(BUNDLED_DISTRICT_FILE, 'utf8'));
    for (const code of ['JM-P901', 'JM-P902', 'JM-P903', 'JM-P904']) raw.people.push({ code, name: `警员${code.slice(-1)}`, role: 'community-police', communityCode: 'JM-C02' });
    raw.people.push({ code: 'JM-P905', name: '网格员五', role: 'grid-worker', communityCode: 'JM-C01' });
    const district = parseDistrict(raw);
    const posts = new Map(communitySide(district).map((p) => [p.code, p.gridCode ?? p.policeGridCode]));
    expect(['JM-P901', 'JM-P902', 'JM-P903', 'JM-P904'].map((c) => posts.get(c))).toEqual(['JM-PG04', 'JM-PG05', 'JM-PG06', 'JM-PG04']);
    // The first grid of JM-C01 with the fewest people (a grid chief and two workers).
    expect(posts.get('JM-P905')).toBe('JM-G002');
    const file = { ...generateStaffSample(district), districtVersion: district.version };
    expect(validateStaffFile(file, district)).toEqual([]);
  });
});
