import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, readEvents, waitFor, waitForPort, withClient } from '@jingwang/testing';
import { alertBody, KEYS, prepareBus, startIntakeApp } from './intake.harness.ts';
import { serviceDatabaseUrl } from '@jingwang/persistence';
import { deleteNamespace } from '@jingwang/messaging';

const root = fileURLToPath(new URL('../../../', import.meta.url));

it('a service killed between the database write and the publish loses nothing: the event goes out once, later', async () => {
  const { db, ns, nc } = await prepareBus();
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', './tools/runtime/register.mjs', 'services/intake/src/main.ts'], {
    cwd: root,
    stdio: 'ignore',
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      INTAKE_DATABASE_URL: serviceDatabaseUrl('intake', { DATABASE_URL: db.url }),
      NATS_URL: nc.getServer().startsWith('nats') ? nc.getServer() : `nats://${nc.getServer()}`,
      JW_BUS_PREFIX: ns.prefix,
      JW_OUTBOX_RELAY: 'off', // the crash window made wide: written, never published
      INTAKE_PORT: String(port),
      INTAKE_CHANNEL_KEYS: Object.entries(KEYS).map(([k, v]) => `${k}=${v}`).join(','),
    },
  });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    await waitForPort(port, 30_000);
    const body = alertBody();
    const res = await fetch(`http://127.0.0.1:${port}/v1/alerts`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-key': KEYS['110'] }, body: JSON.stringify(body) });
    expect(res.status).toBe(202);
    const { alertId } = (await res.json()) as { alertId: string };
    child.kill('SIGKILL');
    await exited;
    expect((await readEvents(nc, ns, 'INTAKE')).length).toBe(0);

    const instance = await startIntakeApp(db, ns); // a new instance, relay on
    try {
      const events = await waitFor('the event from the dead instance', async () => {
        const all = await readEvents(nc, ns, 'INTAKE');
        return all.length ? all : null;
      });
      // The relay is done with the row once it is deleted (published, then marked): only then is "once" final.
      await waitFor('the outbox emptied', async () => Number((await withClient(db.url, (c) => c.query('SELECT count(*) FROM intake.outbox'))).rows[0].count) === 0);
      expect((await readEvents(nc, ns, 'INTAKE')).map((e) => e.data.alertId)).toEqual([alertId]);
      expect(events[0].type).toBe('intake.alert.received.v1');
    } finally {
      await instance.close();
    }
  } finally {
    child.kill('SIGKILL');
    await deleteNamespace(nc, ns);
    await nc.close();
    await db.drop();
  }
});
