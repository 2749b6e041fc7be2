// Intake against a private Postgres that this test stops and hangs (never the machine's shared
// one): callers get 503 with Retry-After within seconds, never a hang or a 500, and once the
// database is back, alerts are taken again and none is stored or published twice.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNamespace } from '@jingwang/contracts';
import { connectNats, deleteNamespace } from '@jingwang/messaging';
import { migrateService, serviceDatabaseUrl } from '@jingwang/persistence';
import { natsTestUrl, PostgresProcess, prepareTestBus, readEvents, startTestApp, waitFor, withClient, type RunningApp } from '@jingwang/testing';
import { migrations } from '../src/migrations/index.ts';
import { alertBody, intakeApp, post } from './intake.harness.ts';

/** Short, so that the test is quick; a hung database must be answered within them and the slack. */
const TIMEOUTS = { DB_CONNECT_TIMEOUT_MS: '1000', DB_STATEMENT_TIMEOUT_MS: '1000', DB_QUERY_TIMEOUT_MS: '1500' };
/**
 * The batch's query timeout (1.5 s), one alert's attempt alone (1.5 s) and slack: well under the
 * request timeout (HTTP_REQUEST_TIMEOUT_MS, 15 s), so the 503 comes from the database's timeouts,
 * and the alerts of a failed batch are refused together, not each after its own timeout in turn
 * (six in a row took 2.5 to 7.5 s).
 */
const ANSWERED_WITHIN_MS = 6_000;

let pgServer: PostgresProcess;
let nc: NatsConnection;
let ns: BusNamespace;
let intake: RunningApp<NestFastifyApplication>;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  for (const [name, value] of Object.entries(TIMEOUTS)) [saved[name], process.env[name]] = [process.env[name], value];
  pgServer = await PostgresProcess.start();
  await migrateService({ service: 'intake', url: pgServer.url, migrations });
  nc = await connectNats({ servers: natsTestUrl(), name: 'intake-faults' });
  ns = await prepareTestBus(nc);
  intake = await startTestApp(intakeApp, { databaseUrl: serviceDatabaseUrl('intake', { DATABASE_URL: pgServer.url }), natsUrl: natsTestUrl(), ns, relay: true, env: process.env });
}, 60_000);

afterAll(async () => {
  pgServer?.resume();
  await intake?.close();
  if (nc) await deleteNamespace(nc, ns).then(() => nc.close());
  await pgServer?.destroy();
  for (const [name, value] of Object.entries(saved)) if (value === undefined) delete process.env[name];
  else process.env[name] = value;
});

/** A POST /v1/alerts and how long its answer took, with its Retry-After. */
async function timedPost(body: Record<string, unknown>) {
  const t0 = performance.now();
  const res = await post(intake, body);
  return { ...res, ms: performance.now() - t0 };
}

async function retryAfterOf(body: Record<string, unknown>): Promise<string | null> {
  const res = await fetch(`${intake.url}/v1/alerts`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-key': 'key-110-test' }, body: JSON.stringify(body) });
  await res.text();
  return res.headers.get('retry-after');
}

const storedOnce = async (externalIds: string[]) =>
  (await withClient(pgServer.url, (c) => c.query('SELECT external_id, count(*)::int AS n FROM intake.alerts WHERE external_id = ANY($1) GROUP BY 1', [externalIds]))).rows.sort((a, b) =>
    a.external_id < b.external_id ? -1 : 1,
  );

/** Waits until the stream holds an event for each of these alerts, then checks each has exactly one. */
async function publishedOnce(alertIds: string[]): Promise<void> {
  const events = await waitFor('an event for each alert', async () => {
    const all = await readEvents(nc, ns, 'INTAKE');
    return alertIds.every((id) => all.some((e) => e.data.alertId === id)) ? all : null;
  });
  for (const id of alertIds) expect(events.filter((e) => e.data.alertId === id)).toHaveLength(1);
}

describe.each([
  ['stopped', () => pgServer.stop(), () => pgServer.start()],
  ['hung (its processes stopped with SIGSTOP)', async () => pgServer.pause(), async () => pgServer.resume()],
] as const)('with Postgres %s', (_, breakIt, mendIt) => {
  it('answers every alert 503 SERVICE.UNAVAILABLE with Retry-After within seconds, then takes them again, each stored and published once', async () => {
    const before = alertBody();
    expect((await post(intake, before)).status).toBe(202);
    await breakIt();
    const during = Array.from({ length: 6 }, () => alertBody());
    let mended = false;
    try {
      const answers = await Promise.all(during.map(timedPost));
      for (const a of answers) {
        expect({ status: a.status, code: a.body?.error?.code }).toEqual({ status: 503, code: 'SERVICE.UNAVAILABLE' });
        expect(a.ms).toBeLessThan(ANSWERED_WITHIN_MS);
      }
      expect(await retryAfterOf(alertBody())).toBe('5');
      const open311 = await fetch(`${intake.url}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: 'key-12345-test', service_code: 'CM-NOISE', description: '楼上吵', address_string: '南京路20号' }).toString(),
      });
      expect({ status: open311.status, retryAfter: open311.headers.get('retry-after') }).toEqual({ status: 503, retryAfter: '5' });
      await open311.text();
      await mendIt();
      mended = true;
      // The callers retry, as Retry-After tells them: each alert once, whatever the refused attempts left behind.
      const retried = await waitFor('the alerts taken again', async () => {
        const again = await Promise.all(during.map((b) => post(intake, b)));
        return again.every((a) => a.status === 202) ? again : null;
      }, 30_000, 500);
      const ids = during.map((b) => b.externalId as string);
      expect(await storedOnce(ids)).toEqual([...ids].sort().map((external_id) => ({ external_id, n: 1 })));
      await publishedOnce(retried.map((a) => a.body.alertId as string));
    } finally {
      if (!mended) await mendIt();
    }
  }, 90_000);
});
