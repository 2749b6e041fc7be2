import { jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './staff.cli.ts';

let dir: string;
let out: string[];
let err: string[];
const configured = process.env.DISPATCH_STAFF_FILE;
beforeEach(() => {
  delete process.env.DISPATCH_STAFF_FILE;
  dir = mkdtempSync(join(tmpdir(), 'jw-staff-cli-'));
  out = [];
  err = [];
  jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => {
  if (configured !== undefined) process.env.DISPATCH_STAFF_FILE = configured;
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('staff.cli check', () => {
  it('summarises a valid file (the bundled sample by default)', () => {
    expect(main(['check'])).toBe(0);
    expect(out).toEqual(expect.arrayContaining(['version 1.0.0, schema 1, for district version 1.0.0, SAMPLE DATA', '  JM-SQ01  刑侦中队 Criminal Investigation Squad: 6 officers', 'Total: 276 people', 'OK: no problems found']));
  });

  it('lists every problem of a bad file, with exit code 1', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ schemaVersion: 2, version: 'x', sample: false, districtVersion: '1.0.0', squads: [], people: [] }));
    expect(main(['check', file])).toBe(1);
    expect(err[0]).toBe(`staff file: ${file}`);
    expect(err[1]).toMatch(/^\d+ problems:$/);
    expect(err).toEqual(expect.arrayContaining([expect.stringContaining('schemaVersion  [UNSUPPORTED_SCHEMA]'), expect.stringContaining('[MISSING_DUTY_ROLE]')]));
    expect(err).toHaveLength(2 + Number(err[1].split(' ')[0]));
  });

  it('says what to do with a file it cannot read, and shows its usage otherwise', () => {
    expect(main(['check', join(dir, 'none.json')])).toBe(1);
    expect(err[0]).toContain('cannot read staff file');
    expect(main(['frobnicate'])).toBe(2);
    expect(err.at(-1)).toContain('usage: staff.cli.ts check [file]');
  });
});
