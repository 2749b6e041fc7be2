// Runs the CLI as an operator would: a real process with the workspace loader.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_DISTRICT_FILE } from '@jingwang/district';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'district-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const env = { ...process.env };
  delete env.DISTRICT_FILE;
  const r = spawnSync(process.execPath, ['--import', './tools/runtime/register.mjs', 'tools/district/district.cli.ts', ...args], {
    cwd: root,
    env,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('district CLI', () => {
  it('checks the bundled file when none is given and prints a summary per community', () => {
    const r = cli('check');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(BUNDLED_DISTRICT_FILE);
    expect(r.out).toContain('SAMPLE DATA');
    for (const code of ['JM-C01', 'JM-C02', 'JM-C03', 'JM-C04', 'JM-C05', 'JM-C06']) expect(r.out).toContain(code);
    expect(r.out).toMatch(/Total\s+6 communities\s+18\s+65\s+36 \(18\+18\)/);
    expect(r.out).toContain('OK');
  }, 30_000);

  it('lists every problem of a bad file and exits 1', () => {
    const bad = JSON.parse(readFileSync(BUNDLED_DISTRICT_FILE, 'utf8'));
    bad.grids[3].policeGridCode = 'JM-PG99';
    delete bad.policeGrids[0].chiefCode;
    bad.grids[5].polygon = bad.grids[6].polygon;
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = cli('check', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('3 problems');
    expect(r.err).toContain('grids[3].policeGridCode');
    expect(r.err).toContain('policeGrids[0].chiefCode');
    expect(r.err).toContain('grids[6].polygon');
  }, 30_000);

  it('exits 1 on a file that is not JSON, and 2 on bad usage', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, 'not json');
    expect(cli('check', file).code).toBe(1);
    const usage = cli('frobnicate');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('usage');
  }, 30_000);

  it('locates a point and resolves an address', () => {
    const address = cli('address', '金門路１２號3单元');
    expect(address.code).toBe(0);
    expect(address.out).toContain('金门路12号 (3单元) -> JM-G001');
    expect(cli('locate', '36.0', '120.0').code).toBe(1);
  }, 30_000);
});
