import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createEvent, IncidentRetyped, streamName, wireSubject, type IncidentRetypedV1 } from '@jingwang/contracts';
import { startService, waitFor, type RunningApp, type ServiceAppInput } from '@jingwang/testing';
import { ChannelKeys } from '../src/channels/channel-keys.service.ts';
import { LearningClassifier } from '../src/classifier/learning-classifier.service.ts';
import { createIntakeApp } from '../src/intake.app.ts';
import { loadIntakeConfig } from '../src/intake.config.ts';
import { migrations } from '../src/migrations/index.ts';
import { KEYS, alertBody, post, type IntakeHarness } from './intake.harness.ts';

// Call-takers' corrections (dispatch.incident.retyped.v1) teach intake's classifier while it runs.
const REBUILD_EVERY = 3;

/** Intake as the harness starts it, rebuilding its classifier after every REBUILD_EVERY corrections. */
const intakeApp = ({ databaseUrl, natsUrl, ns, relay }: ServiceAppInput): Promise<NestFastifyApplication> =>
  createIntakeApp({ databaseUrl, natsUrl, ns, relay, channelKeys: new ChannelKeys(KEYS), config: loadIntakeConfig({ INTAKE_CLASSIFIER_REBUILD_EVERY: String(REBUILD_EVERY) }) }, ['error']);

let h: IntakeHarness;
beforeAll(async () => {
  h = await startService({ service: 'intake', migrations, createApp: intakeApp });
});
afterAll(() => h?.close());

type App = RunningApp<NestFastifyApplication>;
const classifierOf = (app: App) => app.app.get(LearningClassifier);
const stored = async () => Number((await h.sql.query('SELECT count(*) FROM intake.learned_examples')).rows[0].count);
const rowsOf = async (eventId: string) => (await h.sql.query('SELECT * FROM intake.learned_examples WHERE event_id = $1', [eventId])).rows;

/** A correction as dispatch publishes it; resolves once intake has stored it. */
async function correct(text: string, to: string, from: string | null = null, ids: { incidentId: string; alertId: string } = { incidentId: randomUUID(), alertId: randomUUID() }) {
  const event = await h.publish<IncidentRetypedV1>(IncidentRetyped.subject, { ...ids, description: text, from, to, by: 'calltaker-02' });
  await waitFor(`correction ${event.id} stored`, async () => (await rowsOf(event.id)).length === 1);
  return event;
}

const filler = () => correct(`楼道里有人堆了一大堆旧轮胎 ${randomUUID().slice(0, 8)}`, 'CM-OBSTRUCTION');

/** Stores filler corrections until exactly `due` are stored since the app's classifier was built (a rebuild comes at REBUILD_EVERY). */
async function windowAt(app: App, due: number) {
  const classifier = classifierOf(app);
  for (;;) {
    await classifier.check(); // whatever is due is built, and nothing is being built
    const since = (await stored()) - classifier.storedAtBuild;
    if (since === due) return;
    await filler();
  }
}

let calls = 0;
/** POSTs `text` as a matter of its own (its own phone, a grid and no address): the answer. */
async function typeGiven(app: { url: string }, text: string) {
  const phone = `135${String(process.pid % 10_000).padStart(4, '0')}${String(++calls).padStart(4, '0')}`;
  const res = await post(app, alertBody({ description: text, caller: { phone }, location: { gridCode: `JM-G0${10 + (calls % 50)}` } }));
  expect(res.status).toBe(202);
  return res.body as { typeCode: string | null; needsTriage: boolean; alertId: string; incidentId: string };
}

describe('the classifier learns from corrections', () => {
  it('types a description as corrected once the corrections of a rebuild have arrived, without a restart', async () => {
    const text = '有人在楼下拿弹弓打路灯玩';
    const first = await typeGiven(h, text);
    expect(first.typeCode).not.toBe('CT-PROPERTY-DAMAGE');
    const classifier = classifierOf(h);
    await windowAt(h, REBUILD_EVERY - 1);
    const generation = classifier.generation;
    await correct(text, 'CT-PROPERTY-DAMAGE', first.typeCode, { incidentId: first.incidentId, alertId: first.alertId });
    await waitFor('the classifier rebuilt', () => classifier.generation > generation);
    expect(await typeGiven(h, text)).toMatchObject({ typeCode: 'CT-PROPERTY-DAMAGE', needsTriage: false });
  });

  it('waits for REBUILD_EVERY corrections before it rebuilds', async () => {
    const text = '俺家的鸡叫人给逮走了三只';
    const before = await typeGiven(h, text);
    expect(before).toMatchObject({ typeCode: null, needsTriage: true });
    const classifier = classifierOf(h);
    await windowAt(h, 0);
    const generation = classifier.generation;
    await correct(text, 'CT-THEFT', null, { incidentId: before.incidentId, alertId: before.alertId });
    await classifier.check();
    expect(classifier.generation).toBe(generation);
    expect(await typeGiven(h, text)).toMatchObject({ typeCode: null, needsTriage: true });
    for (let i = 1; i < REBUILD_EVERY; i++) await filler();
    await waitFor('the rebuild', () => classifier.generation > generation);
    expect(await typeGiven(h, text)).toMatchObject({ typeCode: 'CT-THEFT', needsTriage: false });
  });

  it('stores one example for an event delivered twice, none for a confirmation, and dead-letters an unknown type', async () => {
    const data: IncidentRetypedV1 = { incidentId: randomUUID(), alertId: randomUUID(), description: '楼下小卖部门口天天有人打牌赌钱', from: 'CM-NOISE', to: 'CT-GAMBLING', by: 'calltaker-01' };
    const event = createEvent(IncidentRetyped.subject, data);
    const js = jetstream(h.nc);
    // The same event twice (another message id gets it past the stream's duplicate window), as a redelivery would.
    await js.publish(wireSubject(h.ns, IncidentRetyped.subject), JSON.stringify(event), { msgID: event.id });
    await js.publish(wireSubject(h.ns, IncidentRetyped.subject), JSON.stringify(event), { msgID: `${event.id}:again` });
    const confirmed = await h.publish<IncidentRetypedV1>(IncidentRetyped.subject, { ...data, from: 'CT-GAMBLING', alertId: randomUUID() });
    const unknown = await h.publish<IncidentRetypedV1>(IncidentRetyped.subject, { ...data, to: 'CT-RETIRED', alertId: randomUUID() });
    // The consumer takes them one at a time, in order: once a later correction is stored, these were handled.
    await filler();

    const rows = await rowsOf(event.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ incident_id: data.incidentId, alert_id: data.alertId, text: data.description, from_type: 'CM-NOISE', to_type: 'CT-GAMBLING', learned_by: 'calltaker-01' });
    expect(rows[0].learned_at).toBeInstanceOf(Date);
    expect(await rowsOf(confirmed.id)).toEqual([]);
    expect(await rowsOf(unknown.id)).toEqual([]);
    const jsm = await jetstreamManager(h.nc);
    const dlq = streamName(h.ns, 'DLQ');
    const dead = await waitFor('the unknown type dead-lettered', async () => {
      const { state } = await jsm.streams.info(dlq);
      for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
        const m = await jsm.streams.getMessage(dlq, { seq }).catch(() => null);
        if (m?.string().includes(unknown.id)) return m.string();
      }
      return null;
    });
    expect(dead).toContain('CT-RETIRED');
  });

  it('builds a replica started later with what was learned; each replica rebuilds when it learns of corrections', async () => {
    const text = '有个戴头盔的在小区挨个车棚看电动车的锁';
    expect((await typeGiven(h, text)).typeCode).not.toBe('CT-SUSPICIOUS');
    await classifierOf(h).check();
    const replica = await h.startReplica();
    try {
      const [mine, its] = [classifierOf(h), classifierOf(replica)];
      expect(its.storedAtBuild).toBe(await stored()); // built at its start from the database
      await correct(text, 'CT-SUSPICIOUS', 'CT-VEHICLE-THEFT');
      const needed = await stored();
      // Whichever replica handles a correction checks after its commit; the other when it polls (called here).
      while (mine.storedAtBuild < needed || its.storedAtBuild < needed) {
        await Promise.all([mine.check(), its.check()]);
        if (mine.storedAtBuild < needed || its.storedAtBuild < needed) await filler();
      }
      expect(await typeGiven(replica, text)).toMatchObject({ typeCode: 'CT-SUSPICIOUS', needsTriage: false });
      expect(await typeGiven(h, text)).toMatchObject({ typeCode: 'CT-SUSPICIOUS', needsTriage: false });
    } finally {
      await replica.close();
    }
  });
});
