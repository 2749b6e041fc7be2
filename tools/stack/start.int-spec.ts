import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createTestDatabase, createTestNamespace, freePort, natsTestUrl, waitFor } from '@jingwang/testing';
import { connectNats, deleteNamespace } from '@jingwang/messaging';
import { discoverServices, ROOT } from './workspace.ts';

it('npm start provisions, migrates and starts every service, then stops cleanly on Ctrl-C', async () => {
  const db = await createTestDatabase('stack');
  const ns = createTestNamespace();
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', './tools/runtime/register.mjs', 'tools/stack/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: db.url, NATS_URL: natsTestUrl(), JW_BUS_PREFIX: ns.prefix, INTAKE_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  try {
    await waitFor('the services table', () => out.includes('running; Ctrl-C stops everything'), 60_000, 100);
    expect(out).toContain(`intake     http://127.0.0.1:${port}`);
    // Every one of intake's migrations, in order, found as `npm start` finds them.
    const { migrations } = (await import(pathToFileURL(discoverServices().find((s) => s.name === 'intake')!.migrations).href)) as { migrations: (new () => { name: string })[] };
    expect(out).toContain(`intake: migrated (${migrations.map((M) => new M().name).join(', ')})`);
    const ready = await waitFor('intake ready', async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.ok, 60_000, 200);
    expect(ready).toBe(true);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(out).toContain('[stack] stopped');
  } finally {
    child.kill('SIGKILL');
    const nc = await connectNats({ servers: natsTestUrl(), name: 'cleanup' });
    await deleteNamespace(nc, ns);
    await nc.close();
    await db.drop();
  }
}, 120_000);
