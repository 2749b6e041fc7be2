import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { BUNDLED_DISTRICT_FILE, loadDistrict } from '@jingwang/district';
import { DomainError } from '@jingwang/http';
import { StaffFileInvalidError } from './staff.errors.ts';
import { BUNDLED_STAFF_FILE, loadStaffFile, resolveStaffFile } from './staff-file.loader.ts';
import { loadStaffFileOnce } from './staff.module.ts';

const district = loadDistrict(BUNDLED_DISTRICT_FILE);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jw-staff-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadStaffFile', () => {
  it('reads DISPATCH_STAFF_FILE (relative to the working directory), else the bundled sample', () => {
    expect(resolveStaffFile(null)).toBe(BUNDLED_STAFF_FILE);
    expect(resolveStaffFile('')).toBe(BUNDLED_STAFF_FILE);
    const copy = join(dir, 'station.staff.json');
    writeFileSync(copy, readFileSync(BUNDLED_STAFF_FILE, 'utf8').replace('"sample": true', '"sample": false'));
    expect(resolveStaffFile(relative(process.cwd(), copy))).toBe(copy);
    const loaded = loadStaffFile(relative(process.cwd(), copy), district);
    expect({ source: loaded.source, sample: loaded.directory.sample, people: loaded.directory.members.length }).toEqual({ source: copy, sample: false, people: 276 });
  });

  it('fingerprints the content, not its layout', () => {
    const compact = join(dir, 'compact.json');
    writeFileSync(compact, JSON.stringify(JSON.parse(readFileSync(BUNDLED_STAFF_FILE, 'utf8'))));
    expect(loadStaffFile(compact, district).hash).toBe(loadStaffFile(null, district).hash);
    expect(loadStaffFile(null, district).hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a file it cannot read, or that is not JSON, saying which file and what to do', () => {
    const missing = join(dir, 'nope.json');
    expect(() => loadStaffFile(missing, district)).toThrow(expect.objectContaining({ code: 'DISPATCH.STAFF_FILE_UNREADABLE', message: expect.stringContaining(`cannot read staff file ${missing} (set DISPATCH_STAFF_FILE`) }));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "schemaVersion": 1,');
    let error: unknown;
    try {
      loadStaffFile(broken, district);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StaffFileInvalidError);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as StaffFileInvalidError).problems).toEqual([{ path: '(root)', code: 'INVALID_FILE', message: expect.stringMatching(/^not valid JSON: /) }]);
  });
});

describe('loadStaffFileOnce (the module\'s provider)', () => {
  it('keeps the error of a bad file instead of throwing it, for the start to fail cleanly', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ schemaVersion: 9 }));
    const load = loadStaffFileOnce({ staffFile: bad }, district);
    expect('error' in load && load.error).toBeInstanceOf(StaffFileInvalidError);
    const good = loadStaffFileOnce({ staffFile: null }, district);
    expect('loaded' in good && good.loaded.directory.version).toBe('1.0.0');
  });
});
