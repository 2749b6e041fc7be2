// The generator as a user runs it, in a throwaway copy of this workspace (with its uncommitted
// changes): `npx nx g @jingwang/tools:service <name>`, then, in the copy, the type check, lint of
// what it made and changed, the new service's unit and integration tests, the contracts' spec and
// the deployment files' spec. The copy is deleted afterwards; nothing here touches this workspace.
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../../stack/workspace.ts';

/** One fixed name: Postgres roles are cluster-wide, so each run would otherwise leave a role of its own behind. */
const NAME = 'throwaway';
/** The files the generator edits, to see that a refused run leaves them as they were. */
const SHARED = ['libs/contracts/src/topology.ts', 'libs/contracts/src/services.ts', 'libs/contracts/src/index.ts', 'docker-compose.yml', 'deploy/k8s/base/kustomization.yaml', 'deploy/k8s/base/migrate.job.yaml', 'README.md'];

let copy: string;
let generated: Run;

interface Run {
  code: number;
  out: string;
}

/** Runs a command in the copy; never throws (the test looks at the exit code and the output). */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const { JEST_WORKER_ID: _worker, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: copy,
        maxBuffer: 64 * 1024 ** 2,
        // npx resolves to the workspace's Node 24 (the `node` devDependency) through node_modules/.bin.
        env: { ...inherited, PATH: `${join(copy, 'node_modules/.bin')}:${process.env.PATH}`, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', FORCE_COLOR: '0', ...env },
      },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

const generate = (name: string, ...flags: string[]) => run('npx', ['nx', 'g', '@jingwang/tools:service', name, '--no-interactive', ...flags]);

function succeeded(what: string, r: Run): void {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.out.slice(-12_000)}`);
}

const snapshot = () => Object.fromEntries(SHARED.map((f) => [f, readFileSync(join(copy, f), 'utf8')]));

beforeAll(async () => {
  copy = mkdtempSync(join(tmpdir(), 'jw-generator-'));
  // What git tracks plus what it would track (new files not ignored): the workspace as it is now.
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(ROOT, file))) continue; // deleted, and not yet staged
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  generated = await generate(NAME);
  succeeded(`npx nx g @jingwang/tools:service ${NAME}`, generated);
}, 60_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

it('makes the service and says what it made and what to do next', () => {
  for (const line of [`CREATE services/${NAME}/src/main.ts`, `CREATE services/${NAME}/src/notes/notes.controller.ts`, `CREATE deploy/k8s/services/${NAME}/${NAME}.deployment.yaml`, 'UPDATE libs/contracts/src/topology.ts', 'UPDATE docker-compose.yml', 'UPDATE README.md']) {
    expect(generated.out).toContain(line);
  }
  expect(generated.out).toContain(`npx jest services/${NAME}`);
  expect(generated.out).toContain(`services/${NAME}/src/notes/`);
  expect(generated.out).toContain(`${NAME}.note.recorded.v1`); // the contract's schema was written (docs/generated/contracts)
  expect(existsSync(join(copy, `docs/generated/contracts/${NAME}.note.recorded.v1.schema.json`))).toBe(true);
});

it('makes a service that type-checks, passes lint, its own tests, the contracts spec and the deployment checks', async () => {
  const changed = [`services/${NAME}`, `libs/contracts/src/events/${NAME}.events.ts`, 'libs/contracts/src/topology.ts', 'libs/contracts/src/services.ts', 'libs/contracts/src/index.ts'];
  const tests = [`services/${NAME}`, 'libs/contracts/src/contracts.spec.ts', 'tools/stack/deploy-files.spec.ts'];
  const [typecheck, lint, jest] = await Promise.all([
    run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']),
    // The boundaries rule reads Nx's project graph, which must know the new project (as `npm run lint` does).
    run('npx', ['nx', 'show', 'projects']).then((r) => (r.code === 0 ? run('npx', ['eslint', '--max-warnings=0', ...changed]) : r)),
    run('npx', ['jest', '--ci', ...tests], { NODE_OPTIONS: '--experimental-vm-modules --no-warnings' }),
  ]);
  succeeded('tsc -p tsconfig.json --noEmit', typecheck);
  succeeded(`eslint ${changed.join(' ')}`, lint);
  succeeded(`jest ${tests.join(' ')}`, jest);
  // Its unit and integration specs ran, not just some of them.
  for (const spec of [`services/${NAME}/src/notes/notes.service.spec.ts`, `services/${NAME}/src/${NAME}.config.spec.ts`, `services/${NAME}/test/${NAME}.int-spec.ts`, 'tools/stack/deploy-files.spec.ts']) {
    expect(jest.out).toMatch(new RegExp(`PASS .*${spec.replace(/\./g, '\\.')}`));
  }
}, 150_000);

it('refuses a bad name, an existing project and a second run, saying why; writes nothing then, nor on --dry-run', async () => {
  const before = snapshot();
  // Each run its own Nx cache folder, so that they may run at once.
  const own = (i: number) => ({ NX_WORKSPACE_DATA_DIRECTORY: join(copy, '.nx', `refusal-${i}`) });
  const [bad, existing, again, dry] = await Promise.all([
    run('npx', ['nx', 'g', '@jingwang/tools:service', 'Road_Works', '--no-interactive'], own(1)),
    run('npx', ['nx', 'g', '@jingwang/tools:service', 'intake', '--no-interactive'], own(2)),
    run('npx', ['nx', 'g', '@jingwang/tools:service', NAME, '--no-interactive'], own(3)),
    run('npx', ['nx', 'g', '@jingwang/tools:service', 'drydock', '--no-interactive', '--dry-run'], own(4)),
  ]);
  expect(bad.code).not.toBe(0);
  expect(bad.out).toContain('name "Road_Works" cannot be a service name: use lower-case letters and digits');
  expect(existing.code).not.toBe(0);
  expect(existing.out).toContain('name "intake" is taken: the project intake exists (services/intake)');
  expect(again.code).not.toBe(0);
  expect(again.out).toContain(`name "${NAME}" is taken: the project ${NAME} exists (services/${NAME})`);
  succeeded('the dry run', dry);
  expect(dry.out).toContain('CREATE services/drydock/src/main.ts');
  expect(dry.out).toContain('NOTE: The "dryRun" flag means no changes were made.');
  expect(existsSync(join(copy, 'services/drydock'))).toBe(false);
  expect(existsSync(join(copy, 'services/Road_Works'))).toBe(false);
  expect(snapshot()).toEqual(before);
}, 60_000);
