// Breaks a copy of the bundled file in many ways at once: validation must name every problem.
import { readFileSync } from 'node:fs';
import { BUNDLED_DISTRICT_FILE } from './district.loader.ts';
import { validateDistrict } from './district.validator.ts';

// Mutable view of the file for the tests to break.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const pristine: Json = JSON.parse(readFileSync(BUNDLED_DISTRICT_FILE, 'utf8'));
const fresh = (): Json => structuredClone(pristine);
const problemKeys = (raw: unknown) => validateDistrict(raw).map((p) => `${p.path} ${p.code}`);

function breakEverything(): Json {
  const d = fresh();
  const personOf = (role: string, community: string) => d.people.find((p: Json) => p.role === role && p.communityCode === community).code;
  d.grids[3].policeGridCode = 'JM-PG99'; // grid -> missing police grid
  d.grids[5].polygon = structuredClone(d.grids[6].polygon); // overlapping polygons (identical)
  d.grids[1].polygon.coordinates[0] = d.grids[1].polygon.coordinates[0].map(([x, y]: number[]) => [x + 0.001, y]); // partial overlap with grids[2]
  d.grids[10].code = d.grids[9].code; // duplicate grid code
  d.people[5].code = d.people[4].code; // duplicate person code
  delete d.policeGrids[2].chiefCode; // police grid with no chief
  d.grids[12].chiefCode = ''; // grid with no chief
  d.grids[14].polygon.coordinates[0].pop(); // ring not closed
  d.grids[15].polygon.coordinates[0] = [[120.38, 36.06], [120.381, 36.061], [120.381, 36.06], [120.38, 36.061], [120.38, 36.06]]; // bow tie
  d.grids[16].polygon.coordinates[0][1] = [36.06, 120.38]; // latitude and longitude swapped
  d.grids[17].polygon = { type: 'MultiPolygon', coordinates: [] };
  d.streets[0].ranges[0].gridCode = 'JM-G999'; // address range -> unknown grid
  d.streets[1].ranges[1].from = d.streets[1].ranges[0].to; // overlapping address ranges
  d.streets[2].ranges[0].from = 500; // from > to
  d.streets[4].aliases = [d.streets[3].nameZh]; // one name for two streets
  d.policeGrids[4].chiefCode = personOf('grid-worker', d.policeGrids[4].communityCode); // wrong role
  d.grids[20].workerCodes[0] = personOf('grid-worker', 'JM-C06'); // worker from another community
  d.grids[21].chiefCode = 'JM-P999'; // unknown person
  d.people[0].role = 'sheriff';
  d.communities[5].nameEn = '';
  d.version = undefined;
  return d;
}

describe('validateDistrict', () => {
  it('accepts the bundled file', () => {
    expect(validateDistrict(fresh())).toEqual([]);
  });

  it('names every problem of a badly broken file in one run', () => {
    const keys = problemKeys(breakEverything());
    const expected = [
      'version MISSING_FIELD',
      'communities[5].nameEn INVALID_FIELD',
      'people[0].role INVALID_FIELD',
      'people[5].code DUPLICATE_CODE',
      'policeGrids[2].chiefCode MISSING_CHIEF',
      'policeGrids[4].chiefCode WRONG_ROLE',
      'grids[3].policeGridCode UNKNOWN_REFERENCE',
      'grids[10].code DUPLICATE_CODE',
      'grids[12].chiefCode MISSING_CHIEF',
      'grids[14].polygon.coordinates[0] POLYGON_NOT_CLOSED',
      'grids[15].polygon.coordinates[0] INVALID_POLYGON',
      'grids[16].polygon.coordinates[0][1] INVALID_POLYGON',
      'grids[17].polygon.type INVALID_POLYGON',
      'grids[20].workerCodes[0] WRONG_COMMUNITY',
      'grids[21].chiefCode UNKNOWN_REFERENCE',
      'grids[6].polygon OVERLAP',
      'grids[2].polygon OVERLAP',
      'streets[0].ranges[0].gridCode UNKNOWN_REFERENCE',
      'streets[1].ranges[1] ADDRESS_OVERLAP',
      'streets[2].ranges[0] INVALID_RANGE',
      'streets[4].aliases[0] DUPLICATE_STREET',
    ];
    for (const key of expected) expect(keys).toContain(key);
    // Beyond the breakage only its direct consequences: the codes people[5] and grids[10] had are
    // gone, so whatever named them now points nowhere.
    expect(keys.filter((k) => !expected.includes(k))).toEqual([
      'policeGrids[2].auxiliaryCodes[0] UNKNOWN_REFERENCE',
      'streets[5].ranges[2].gridCode UNKNOWN_REFERENCE',
      'streets[7].ranges[5].gridCode UNKNOWN_REFERENCE',
    ]);
  });

  it('says what to fix in every message', () => {
    for (const p of validateDistrict(breakEverything())) {
      expect(p.path).not.toBe('');
      expect(p.message).toMatch(/[a-z]/);
    }
    const missing = validateDistrict(breakEverything()).find((p) => p.path === 'grids[3].policeGridCode');
    expect(missing?.message).toMatch(/JM-PG99.*does not exist.*policeGrids/);
  });

  it('reports a file that is not an object, and missing top-level arrays', () => {
    expect(problemKeys(null)).toEqual(['(root) INVALID_FILE']);
    expect(problemKeys([])).toEqual(['(root) INVALID_FILE']);
    expect(problemKeys({ schemaVersion: 1, version: '1', station: { code: 'X', nameZh: 'x', nameEn: 'x' } })).toEqual([
      'communities MISSING_FIELD',
      'people MISSING_FIELD',
      'policeGrids MISSING_FIELD',
      'grids MISSING_FIELD',
      'streets MISSING_FIELD',
    ]);
  });

  it('rejects an unsupported schema version', () => {
    const d = fresh();
    d.schemaVersion = 2;
    expect(problemKeys(d)).toEqual(['schemaVersion UNSUPPORTED_SCHEMA']);
  });

  it('rejects a code shared by a community and a grid', () => {
    const d = fresh();
    d.grids[64].code = 'JM-C01';
    d.streets.forEach((s: Json) => s.ranges.forEach((r: Json) => { if (r.gridCode === 'JM-G065') r.gridCode = 'JM-G064'; }));
    const keys = problemKeys(d);
    expect(keys).toContain('grids[64].code DUPLICATE_CODE');
  });

  it('reports police grids and communities left empty', () => {
    const d = fresh();
    const pg = d.policeGrids[17].code;
    d.grids = d.grids.filter((g: Json) => g.policeGridCode !== pg);
    const gone = new Set(pristine.grids.filter((g: Json) => g.policeGridCode === pg).map((g: Json) => g.code));
    d.streets.forEach((s: Json) => { s.ranges = s.ranges.filter((r: Json) => !gone.has(r.gridCode)); });
    expect(problemKeys(d)).toEqual(['policeGrids[17] EMPTY_UNIT']);
  });

  it('reports a hole outside its polygon and a too-short ring', () => {
    const d = fresh();
    d.grids[0].polygon.coordinates.push([[0, 0], [1, 0], [1, 1], [0, 0]]);
    d.grids[1].polygon.coordinates[0] = [[120.38, 36.06], [120.381, 36.06], [120.38, 36.06]];
    expect(problemKeys(d)).toEqual(['grids[0].polygon.coordinates[1] INVALID_POLYGON', 'grids[1].polygon.coordinates[0] INVALID_POLYGON']);
  });

  it('accepts odd and even ranges sharing numbers, rejects same-parity overlap', () => {
    const base = fresh();
    base.streets[0].ranges = [
      { from: 1, to: 9, parity: 'odd', gridCode: 'JM-G001' },
      { from: 2, to: 10, parity: 'even', gridCode: 'JM-G002' },
      { from: 10, to: 20, parity: 'odd', gridCode: 'JM-G001' },
    ];
    expect(problemKeys(base)).toEqual([]);
    base.streets[0].ranges.push({ from: 9, to: 9, parity: 'all', gridCode: 'JM-G003' });
    expect(problemKeys(base)).toEqual(['streets[0].ranges[3] ADDRESS_OVERLAP']);
  });
});
