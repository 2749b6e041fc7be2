// The loop through the real services: intake and dispatch on one bus (real NATS JetStream) and
// their own databases (real Postgres), as deployed, with nothing of either mocked.
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NatsConnection } from '@nats-io/transport-node';
import type { BusNamespace } from '@jingwang/contracts';
import { connectNats, deleteNamespace } from '@jingwang/messaging';
import { serviceDatabaseUrl } from '@jingwang/persistence';
import { natsTestUrl, prepareServiceDatabase, prepareTestBus, startTestApp, waitFor, type RunningApp, type TestDatabase } from '@jingwang/testing';
import { alertBody, intakeApp, post } from '../services/intake/test/intake.harness.ts';
import { migrations as intakeMigrations } from '../services/intake/src/migrations/index.ts';
import { call, dispatchApp } from '../services/dispatch/test/dispatch.harness.ts';
import { migrations as dispatchMigrations } from '../services/dispatch/src/migrations/index.ts';

let nc: NatsConnection;
let ns: BusNamespace;
const dbs: TestDatabase[] = [];
let intake: RunningApp<NestFastifyApplication>;
let dispatch: RunningApp<NestFastifyApplication>;

beforeAll(async () => {
  nc = await connectNats({ servers: natsTestUrl(), name: 'e2e' }, Object.assign(new Logger('nats:e2e'), { log: () => undefined })); // warnings only
  ns = await prepareTestBus(nc);
  const [intakeDb, dispatchDb] = await Promise.all([prepareServiceDatabase('intake', intakeMigrations), prepareServiceDatabase('dispatch', dispatchMigrations)]);
  dbs.push(intakeDb, dispatchDb);
  const input = (service: string, db: TestDatabase) => ({ databaseUrl: serviceDatabaseUrl(service, { DATABASE_URL: db.url }), natsUrl: natsTestUrl(), ns, relay: true, env: {} });
  intake = await startTestApp(intakeApp, input('intake', intakeDb));
  dispatch = await startTestApp(dispatchApp, input('dispatch', dispatchDb));
});

afterAll(async () => {
  await dispatch?.close();
  await intake?.close();
  for (const db of dbs) await db.drop();
  if (nc) {
    await deleteNamespace(nc, ns);
    await nc.close();
  }
});

const incident = (id: string) => call(dispatch, 'GET', `/v1/incidents/${id}`);

it('an alert posted to intake is assigned by dispatch, accepted, resolved on site, closed by intake; a new call about the same matter opens a new incident', async () => {
  // Through 12345, so the caller can follow it as an Open311 request.
  const body = alertBody({ channel: '12345', description: '楼上邻居装修噪音太大了，吵得老人睡不着', caller: { name: '刘先生', phone: '13800138111' } });
  const first = await post(intake, body);
  expect(first.status).toBe(202);
  const incidentId = first.body.incidentId as string;

  const assigned = await waitFor('dispatch to assign the incident', async () => {
    const r = await incident(incidentId);
    return r.status === 200 && r.body.status === 'assigned' ? r.body : null;
  });
  expect(assigned).toMatchObject({ lane: 'community', alertId: first.body.alertId, assignees: [expect.objectContaining({ part: 'police-grid-chief' }), expect.anything()] });

  for (const to of ['accepted', 'en-route', 'on-scene']) expect((await call(dispatch, 'POST', `/v1/incidents/${incidentId}/transitions`, { to })).status).toBe(200);
  const resolved = await call(dispatch, 'POST', `/v1/incidents/${incidentId}/transitions`, { to: 'resolved', resolution: 'resolved-on-site', note: '已劝导停工' });
  expect(resolved.body).toMatchObject({ status: 'resolved', resolvedOnSite: true });

  await waitFor('intake to close its incident', async () => {
    const res = await fetch(`${intake.url}/v1/incidents/${incidentId}`, { headers: { 'x-channel-key': 'key-staff-test' } });
    const view = (await res.json()) as { status?: string };
    return view.status === 'closed';
  });

  // The caller's Open311 client sees what happened: assigned ... resolved, closed at the end.
  const updates = await waitFor('the Open311 updates up to the resolution', async () => {
    const all = (await (await fetch(`${intake.url}/open311/v2/servicerequestupdates.json`)).json()) as { service_request_id: string; status: string; description: string }[];
    const mine = all.filter((u) => u.service_request_id === first.body.alertId);
    return mine.some((u) => u.status === 'closed') ? mine : null;
  });
  expect(updates.length).toBeGreaterThanOrEqual(4);
  expect(updates.at(-1)!.description).toContain('已劝导停工');

  // The same caller about the same matter: the old incident is closed, so this is a new one.
  const again = await post(intake, { ...body, externalId: `${String(body.externalId)}-again` });
  expect(again.status).toBe(202);
  expect(again.body.incidentId).not.toBe(incidentId);
  await waitFor('the new incident assigned', async () => ((await incident(again.body.incidentId as string)).body.status === 'assigned' ? true : null));
});
