import { CHANNELS } from '@jingwang/contracts';
import { waitFor } from '@jingwang/testing';
import { alertBody, countRows, post, publishedSoFar, startIntake, type IntakeHarness } from './intake.harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake();
});
afterAll(() => h?.close());

describe('POST /v1/alerts', () => {
  it.each(CHANNELS)('takes an alert from channel %s, opens an incident and emits intake.alert.received.v1', async (channel) => {
    const body = alertBody({ channel, caller: { phone: `1390000${String(CHANNELS.indexOf(channel)).padStart(4, '0')}` }, location: { gridCode: `JM-G0${10 + CHANNELS.indexOf(channel)}` } });
    const res = await post(h, body);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'new', typeCode: 'CM-NOISE', gridCode: body.location && (body.location as { gridCode: string }).gridCode, needsTriage: false });
    const event = (await waitFor('the received event', async () => (await h.events()).find((e) => e.data.alertId === res.body.alertId)))!;
    expect(event.type).toBe('intake.alert.received.v1');
    expect(event.data).toMatchObject({ channel, externalId: body.externalId, incidentId: res.body.incidentId });
    expect(event.actor).toEqual(['walk-in', 'transfer', 'grid-sweep'].includes(channel) ? { kind: 'user', id: 'officer-007', role: channel } : { kind: 'channel', id: channel });
  });

  it('is idempotent per (channel, externalId): the same answer, nothing new stored or published', async () => {
    const body = alertBody({ caller: { phone: '13911112222' }, location: { gridCode: 'JM-G030' } });
    const first = await post(h, body);
    const alerts = await countRows(h, 'alerts');
    const again = await Promise.all([post(h, body), post(h, { ...body, description: 'changed text is ignored' })]);
    for (const r of again) {
      expect(r.status).toBe(202);
      expect(r.body).toEqual(first.body);
    }
    expect(await countRows(h, 'alerts')).toBe(alerts);
    expect((await publishedSoFar(h)).filter((e) => e.data.externalId === body.externalId && e.data.channel === body.channel)).toHaveLength(1);
    // The same externalId on another channel is another alert.
    const other = await post(h, { ...body, channel: '12345' });
    expect(other.body.alertId).not.toBe(first.body.alertId);
  });

  it('recognises a repeat whose externalId and address hold quotes, backslashes, braces and commas', async () => {
    // A batch sends these as parameters; a batch written alert by alert, as inlined literals.
    const body = alertBody({ externalId: `it's a "test" \\ {x,y} 号 ${Date.now()}`, location: { gridCode: 'JM-G031', address: `金门路1号'"\\{}` } });
    const first = await post(h, body);
    expect(first.status).toBe(202);
    const again = await post(h, body);
    expect(again.body).toEqual(first.body);
    const stored = await h.sql.query('SELECT external_id, address FROM intake.alerts WHERE id = $1', [first.body.alertId]);
    expect(stored.rows[0]).toEqual({ external_id: body.externalId, address: (body.location as { address: string }).address });
  });

  it('stores attributes, media, answers and events as sent (quotes, backslashes, JSON null inside), and SQL NULL where there are none', async () => {
    const attributes = { note: 'he said "stop" \\ 停', nothing: null, list: [1, 'a"b'] };
    const media = [{ url: 'https://x.test/a%22b.jpg?q=\\', type: 'image' }];
    // Each its own matter (its own phone, no building or point), so that each opens an incident.
    const base = Math.floor(Math.random() * 1000) * 10;
    const own = (i: number, o: Record<string, unknown> = {}) => alertBody({ caller: { phone: `1370000${String(base + i).padStart(4, '0')}` }, location: { gridCode: 'JM-G032' }, ...o });
    const bodies = [own(0, { attributes, media }), own(1), own(2, { attributes: { only: true } })];
    const answers = await Promise.all(bodies.map((b) => post(h, b))); // one batch, or several: written as array parameters
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    const { rows } = await h.sql.query(
      `SELECT a.id, a.attributes, a.attributes IS NULL AS no_attributes, a.media IS NULL AS no_media, a.media, a.response
         FROM intake.alerts a WHERE a.id = ANY($1) ORDER BY a.external_id`,
      [answers.map((a) => a.body.alertId)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const [withBoth, bare, onlyAttributes] = answers.map((a) => byId.get(a.body.alertId));
    expect(withBoth).toMatchObject({ attributes, media, no_attributes: false, no_media: false, response: answers[0].body });
    expect(bare).toMatchObject({ no_attributes: true, no_media: true, response: answers[1].body });
    expect(onlyAttributes).toMatchObject({ attributes: { only: true }, no_media: true });
    // The event as published (the relay deletes an outbox row once the stream has it).
    const event = await waitFor("the first alert's event", async () => (await h.events()).find((e) => e.data.alertId === answers[0].body.alertId));
    expect(event).toMatchObject({ type: 'intake.alert.received.v1', data: { alertId: answers[0].body.alertId, description: bodies[0].description } });
  });
});

describe('location', () => {
  it('uses gridCode, then coordinates, then the address, and keeps an unplaceable alert for triage', async () => {
    const byGrid = await post(h, alertBody({ caller: undefined, location: { gridCode: 'JM-G005', address: '闽江路1号' } }));
    expect(byGrid.body).toMatchObject({ gridCode: 'JM-G005', policeGridCode: expect.stringMatching(/^JM-PG/), communityCode: expect.stringMatching(/^JM-C/) });

    const byAddress = await post(h, alertBody({ caller: undefined, location: { address: '青岛市市南区金門路１２號' } }));
    expect(byAddress.body.gridCode).toBe('JM-G001');

    const fromAddress = (await (await fetch(`${h.url}/v1/alerts/${byAddress.body.alertId}`)).json()) as { location: { resolvedBy: string } };
    expect(fromAddress.location.resolvedBy).toBe('address');

    const byPoint = await post(h, alertBody({ caller: undefined, location: { lat: 36.0705, lng: 120.3855 } }));
    expect(byPoint.body.gridCode).toMatch(/^JM-G/);
    const view = (await (await fetch(`${h.url}/v1/alerts/${byPoint.body.alertId}`)).json()) as { location: { resolvedBy: string } };
    expect(view.location.resolvedBy).toBe('coordinates');

    const nowhere = await post(h, alertBody({ caller: undefined, location: { address: '北京市长安街1号', lat: 39.9, lng: 116.4 } }));
    expect(nowhere.status).toBe(202);
    expect(nowhere.body).toMatchObject({ gridCode: null, policeGridCode: null, communityCode: null, needsTriage: true });
  });
});

describe('type', () => {
  it('takes a given typeCode with confidence 1, and says needsTriage when the classifier is unsure', async () => {
    const given = await post(h, alertBody({ typeCode: 'CT-THEFT', description: '有情况', caller: undefined, location: { gridCode: 'JM-G040' } }));
    expect(given.body).toMatchObject({ typeCode: 'CT-THEFT', typeConfidence: 1, needsTriage: false });
    const unsure = await post(h, alertBody({ description: 'zzqx 0000 kkkk', caller: undefined, location: { gridCode: 'JM-G041' } }));
    expect(unsure.body).toMatchObject({ typeCode: null, needsTriage: true });
  });
});

describe('reads', () => {
  it('lists alerts newest first with a cursor, filtered by channel and grid', async () => {
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await post(h, alertBody({ channel: 'nuannan', caller: undefined, location: { gridCode: 'JM-G060' }, description: `路灯坏了第${i}盏` }))).body.alertId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await fetch(`${h.url}/v1/alerts?channel=nuannan&gridCode=JM-G060&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { items: { alertId: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.alertId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
    const bad = await fetch(`${h.url}/v1/alerts?cursor=nonsense`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('REQUEST.INVALID');
  });

  it('answers 404 for an unknown alert or incident and 400 for a malformed id', async () => {
    expect((await fetch(`${h.url}/v1/alerts/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await fetch(`${h.url}/v1/incidents/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await fetch(`${h.url}/v1/alerts/123`)).status).toBe(400);
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    expect(await (await fetch(`${h.url}/health/ready`)).json()).toEqual({ status: 'ok', checks: { postgres: 'ok', nats: 'ok' } });
    expect(await (await fetch(`${h.url}/metrics`)).text()).toContain('jw_http_request_seconds');
    const doc = (await (await fetch(`${h.url}/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/alerts', '/v1/alerts/{id}', '/v1/incidents/{id}']));
  });
});
