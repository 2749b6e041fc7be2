import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { CHANNELS, durableName, streamName, wireSubject } from '@jingwang/contracts';
import { readDeadLetters, waitFor } from '@jingwang/testing';
import { alertBody, countRows, startIntake, type IntakeHarness } from './intake.harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake();
});
afterAll(() => h?.close());

const publish = (channel: string, body: unknown) => jetstream(h.nc).publish(wireSubject(h.ns, `channel.${channel}.alert`), typeof body === 'string' ? body : JSON.stringify(body));

const deadLetters = () => readDeadLetters(h.nc, h.ns);

/** The durable consumer of channel.*.alert: how far it has acked. */
const channelConsumer = async () => (await jetstreamManager(h.nc)).consumers.info(streamName(h.ns, 'CHANNELS'), durableName('intake', 'channel.*.alert'));

const alertByExternalId = async (externalId: string) => (await h.sql.query('SELECT id, channel, actor, incident_id FROM intake.alerts WHERE external_id = $1', [externalId])).rows;

describe('channel.<channel>.alert on NATS', () => {
  it.each(CHANNELS)('takes an alert from %s through the same validation, and emits the same event', async (channel) => {
    const body = alertBody({ channel, caller: { phone: `1360000${String(CHANNELS.indexOf(channel)).padStart(4, '0')}` }, location: { gridCode: `JM-G04${CHANNELS.indexOf(channel)}` } });
    await publish(channel, body);
    const [row] = await waitFor('the alert', async () => {
      const rows = await alertByExternalId(body.externalId as string);
      return rows.length ? rows : null;
    });
    expect(row).toMatchObject({ channel, actor: `channel:${channel}` });
    await waitFor('its event', async () => (await h.events()).some((e) => e.data.alertId === row.id));
  });

  it('is idempotent with HTTP and with itself: the same (channel, externalId) is stored once', async () => {
    const body = alertBody({ channel: '12345', caller: { phone: '13600009999' }, location: { gridCode: 'JM-G050' } });
    await publish('12345', body);
    const { seq } = await publish('12345', body);
    const res = await fetch(`${h.url}/v1/alerts`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-channel-key': 'key-12345-test' }, body: JSON.stringify(body) });
    expect(res.status).toBe(202); // answered after its commit
    // Every message up to the second has been handled and acked (an ack follows its commit).
    await waitFor('both messages acked', async () => (await channelConsumer()).ack_floor.stream_seq >= seq);
    expect(await alertByExternalId(body.externalId as string)).toHaveLength(1);
  });

  it('sends an invalid alert, or one on the wrong channel subject, to the dead-letter stream with its reason', async () => {
    const before = await countRows(h, 'alerts');
    const tag = `dead-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await publish('110', alertBody({ channel: '110', externalId: `${tag}-1`, caller: { phone: 'not-a-phone' } }));
    await publish('110', alertBody({ channel: 'nuannan', externalId: `${tag}-2` }));
    await publish('110', `{oops ${tag}`);
    await publish('110', alertBody({ channel: '110', externalId: `${tag}-4`, typeCode: 'CT-NOPE' }));
    // This test's four: other tests of the file dead-letter messages of their own.
    const dead = await waitFor('four dead letters', async () => {
      const mine = (await deadLetters()).filter((d) => d.body.includes(tag));
      return mine.length >= 4 ? mine : null;
    });
    expect(dead).toHaveLength(4);
    const reasons = dead.map((d) => d.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/caller\.phone/),
        expect.stringMatching(/body\.channel nuannan arrived on channel\.110\.alert/),
        expect.stringMatching(/not valid JSON/),
        expect.stringMatching(/typeCode: CT-NOPE is not one of the 63/),
      ]),
    );
    expect(dead.every((d) => d.subject === wireSubject(h.ns, 'dlq.intake.channel.110.alert'))).toBe(true);
    expect(await countRows(h, 'alerts')).toBe(before);
  });

  it('dead-letters a resolution for an incident intake never opened', async () => {
    await h.publish('dispatch.incident.resolved.v1', { incidentId: '00000000-0000-4000-8000-000000000001', resolvedAt: new Date().toISOString() });
    await waitFor('the dead letter', async () => (await deadLetters()).some((d) => d.reason.includes('incident 00000000-0000-4000-8000-000000000001 does not exist')));
  });
});
