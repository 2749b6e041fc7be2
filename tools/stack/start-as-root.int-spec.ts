// `npm start` on embedded defaults from a fresh checkout in a private (mode 700) folder. As root (a
// container, CI, a root shell) Postgres runs as the OS user postgres, which can reach neither the
// checkout's .data/ nor the binaries in its node_modules; not as root, nothing special happens.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createTestNamespace, freePort, waitFor } from '@jingwang/testing';
import { rootStateDir } from './root-postgres.ts';
import { ROOT } from './workspace.ts';

const asRoot = process.getuid?.() === 0;
const postgresUid = (() => {
  try {
    return Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return null;
  }
})();

let box: string | undefined; // the private folder holding the copy
let stateDir: string | undefined; // where, as root, the copy's Postgres data and binaries go instead
const launchers: ChildProcess[] = [];

afterAll(async () => {
  // Each launcher leads its own process group: whatever it left (postgres, nats-server, intake) goes with it.
  const alive = (pid: number) => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const { pid } of launchers) {
    if (pid === undefined || !alive(pid)) continue;
    process.kill(-pid, 'SIGKILL');
    await waitFor(`process group ${pid} to end`, () => !alive(pid), 20_000);
  }
  for (const dir of [box, stateDir]) if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  try {
    if (stateDir) rmdirSync(dirname(stateDir)); // ROOT_STATE_BASE, if no other checkout uses it
  } catch {
    // not empty
  }
});

/** A mode-700 folder on node_modules' file system (so `cp -al` can link), outside the checkout if possible. */
function privateFolder(): string {
  const dev = statSync(join(ROOT, 'node_modules')).dev;
  for (const parent of [tmpdir(), join(ROOT, '.data')]) {
    try {
      mkdirSync(parent, { recursive: true });
      if (statSync(parent).dev === dev) return mkdtempSync(join(parent, 'jw-start-as-root-'));
    } catch {
      // not writable here: next
    }
  }
  return mkdtempSync(join(tmpdir(), 'jw-start-as-root-'));
}

/** What a fresh clone plus `npm ci` holds: the files git tracks or would track, and node_modules. */
function copyWorkspace(to: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const file of files.split('\0').filter(Boolean)) {
    if (!existsSync(join(ROOT, file))) continue; // deleted in the work tree, not yet in the index
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(to, file));
  }
  // Hard links cost no space and about a second; a copy where they are refused (another file
  // system, or fs.protected_hardlinks for someone who does not own the files).
  try {
    execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(to, 'node_modules')], { stdio: 'ignore' });
  } catch {
    rmSync(join(to, 'node_modules'), { recursive: true, force: true });
    execFileSync('cp', ['-a', join(ROOT, 'node_modules'), join(to, 'node_modules')], { stdio: 'ignore' });
  }
}

interface Run {
  out: string;
  code: number | null;
}

/** The launcher until its services table, then intake ready, then Ctrl-C (SIGINT); or until it exits by itself. */
async function npmStart(ws: string, env: NodeJS.ProcessEnv, intakePort: number): Promise<Run> {
  // The copy's own node, as `npm start` there would run it.
  const node = existsSync(join(ws, 'node_modules/.bin/node')) ? join(ws, 'node_modules/.bin/node') : process.execPath;
  const child = spawn(node, ['--import', './tools/runtime/register.mjs', 'tools/stack/start.ts'], { cwd: ws, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  launchers.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  await waitFor('the services table, or an exit', () => out.includes('running; Ctrl-C stops everything') || ended(), 45_000, 100);
  if (!ended()) {
    await waitFor('intake ready', async () => (await fetch(`http://127.0.0.1:${intakePort}/health/ready`).catch(() => null))?.ok, 30_000, 200);
    child.kill('SIGINT');
  }
  await waitFor('the launcher to exit', ended, 30_000, 50);
  return { out, code: child.exitCode };
}

it('npm start on embedded defaults works from a private checkout, as root too, and keeps its data for the next start', async () => {
  box = privateFolder();
  chmodSync(box, 0o700);
  const ws = join(box, 'ws');
  mkdirSync(ws);
  if (asRoot) stateDir = rootStateDir(ws);
  copyWorkspace(ws);

  const ports = new Set<number>();
  while (ports.size < 3) ports.add(await freePort());
  const [pgPort, natsPort, intakePort] = [...ports];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    JW_EMBEDDED: '1',
    JW_EMBEDDED_PG_PORT: String(pgPort),
    JW_EMBEDDED_NATS_PORT: String(natsPort),
    INTAKE_PORT: String(intakePort),
    JW_BUS_PREFIX: createTestNamespace().prefix,
  };
  for (const name of ['JW_DATA_DIR', 'DATABASE_URL', 'NATS_URL']) delete env[name];

  if (asRoot && postgresUid === null) {
    // Where it truly cannot: one line that says what to do, and a clean exit.
    const { out, code } = await npmStart(ws, env, intakePort);
    expect(out).toContain('there is no such user: create it (useradd --system --user-group postgres)');
    expect(code).toBe(1);
    return;
  }

  const first = await npmStart(ws, env, intakePort);
  expect(first.out).toContain(`intake     http://127.0.0.1:${intakePort}`);
  expect(first.out).toContain('[stack] stopped');
  expect(first.code).toBe(0);
  const databaseDir = asRoot ? join(stateDir!, 'postgres') : join(ws, '.data', 'postgres');
  expect(first.out).toContain(`[stack] initialising an embedded Postgres in ${databaseDir}`);
  expect(first.out).toContain(`[stack] embedded Postgres on 127.0.0.1:${pgPort}${asRoot ? ' (as OS user postgres)' : ''}, data in ${databaseDir}`);
  expect(first.out).toContain(`[stack] nats-server (JetStream) on 127.0.0.1:${natsPort}, data in ${join(ws, '.data', 'nats')}`);
  if (asRoot) {
    expect(first.out).toContain(`so it runs the linked copy in ${stateDir}/`);
    expect(statSync(databaseDir).uid).toBe(postgresUid);
  } else {
    expect(first.out).not.toContain('running as root');
  }

  // The second start finds the cluster it made and its schema.
  const second = await npmStart(ws, env, intakePort);
  expect(second.out).not.toContain('initialising an embedded Postgres');
  expect(second.out).toContain(`data in ${databaseDir}`);
  expect(second.out).toContain('[stack] intake: schema up to date');
  expect(second.out).toContain('[stack] stopped');
  expect(second.code).toBe(0);
}, 90_000);
