import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_DISTRICT_FILE, DISTRICT_FILE_ENV, loadDistrict, parseDistrict, resolveDistrictFile } from './district.loader.ts';
import { DistrictValidationError } from './district.errors.ts';

const dir = mkdtempSync(join(tmpdir(), 'district-loader-'));
const raw = JSON.parse(readFileSync(BUNDLED_DISTRICT_FILE, 'utf8'));
const saved = process.env[DISTRICT_FILE_ENV];

afterEach(() => {
  if (saved === undefined) delete process.env[DISTRICT_FILE_ENV];
  else process.env[DISTRICT_FILE_ENV] = saved;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadDistrict', () => {
  it('loads the bundled file by default', () => {
    delete process.env[DISTRICT_FILE_ENV];
    expect(resolveDistrictFile()).toBe(BUNDLED_DISTRICT_FILE);
    const d = loadDistrict();
    expect(d.source).toBe(BUNDLED_DISTRICT_FILE);
    expect(d.grids).toHaveLength(65);
  });

  it('loads the file named by DISTRICT_FILE, and an explicit path over it', () => {
    const own = { ...structuredClone(raw), version: 'own-district-7' };
    const file = join(dir, 'own.json');
    writeFileSync(file, JSON.stringify(own));
    process.env[DISTRICT_FILE_ENV] = file;
    expect(loadDistrict().version).toBe('own-district-7');
    expect(loadDistrict(BUNDLED_DISTRICT_FILE).version).toBe(raw.version);
  });

  it('throws DistrictValidationError listing every problem with its path', () => {
    const bad = structuredClone(raw);
    bad.grids[3].policeGridCode = 'JM-PG99';
    delete bad.policeGrids[0].chiefCode;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    let error: unknown;
    try {
      loadDistrict(file);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DistrictValidationError);
    const e = error as DistrictValidationError;
    expect(e.source).toBe(file);
    expect(e.problems.map((p) => p.path)).toEqual(['policeGrids[0].chiefCode', 'grids[3].policeGridCode']);
    expect(e.message).toContain('2 problems');
    expect(e.message).toContain('grids[3].policeGridCode: police grid "JM-PG99" does not exist');
  });

  it('reports a file that is not JSON as a validation error, and a missing file plainly', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "schemaVersion": 1,');
    expect(() => loadDistrict(file)).toThrow(DistrictValidationError);
    expect(() => loadDistrict(join(dir, 'missing.json'))).toThrow(/cannot read district file .*missing\.json/);
  });
});

describe('parseDistrict', () => {
  it('builds from parsed JSON without touching the input', () => {
    const input = structuredClone(raw);
    const d = parseDistrict(input);
    expect(d.byGridCode('JM-G001')?.nameZh).toBe(input.grids[0].nameZh);
    expect(Object.isFrozen(input)).toBe(false);
  });
});
