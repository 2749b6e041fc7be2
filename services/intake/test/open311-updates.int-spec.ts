// Open311 servicerequestupdates (mySociety's extension) as FixMyStreet uses it. Every call below is
// the one FixMyStreet's client makes, as perllib/Open311.pm writes it (mysociety/fixmystreet at
// 84d7c80c5d): GET and POST to `servicerequestupdates.xml` (line 25), parameters encoded by URI's
// query_form (line 630; a POST body likewise, line 661), jurisdiction_id on every call and api_key on
// every POST (lines 613-615), the answer read with XML::Simple, `request_update` forced to a list
// (lines 721-740). A run of that very client against intake is described in the issue note.
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import fc from 'fast-check';
import type { EntityManager } from 'typeorm';
import { durableName, streamName, wireSubject, type EventEnvelope, type IncidentStatusChangedV1 } from '@jingwang/contracts';
import { readDeadLetters, waitFor } from '@jingwang/testing';
import { readXml, leaves, type XmlNode } from '../src/open311/open311.xml-reader.testing.ts';
import { RequestUpdatesRepository } from '../src/open311/request-updates.repository.ts';
import { describeStatusChange } from '../src/open311/status-change.wording.ts';
import { alertBody, KEYS, post, startIntake, type IntakeHarness } from './intake.harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake();
});
afterAll(() => h?.close());

const STATUS_CHANGED = 'dispatch.incident.status-changed.v1';
const JURISDICTION = 'shinan.qingdao';

/**
 * URI::_query::query_form: every reserved character %-escaped (a comma too), a space as +, a list
 * as repeated keys. A lone surrogate (fuzzed text) has no UTF-8: sent as U+FFFD, as a Perl client would.
 */
function queryForm(params: Record<string, string | string[]>): string {
  const escape = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
  return Object.entries(params)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${escape(k)}=${escape(x)}`))
    .join('&');
}

async function fmsGet(path: string, params: Record<string, string>) {
  // Open311.pm _request: jurisdiction_id added to every call (line 613).
  const res = await fetch(`${h.url}/open311/v2/${path}?${queryForm({ ...params, jurisdiction_id: JURISDICTION })}`);
  return { status: res.status, text: await res.text() };
}

async function fmsPost(path: string, params: Record<string, string | string[]>, apiKey: string = KEYS['12345']) {
  // Open311.pm _request: POST $uri, $params (line 661) is a form body; api_key added to a POST (line 615).
  const res = await fetch(`${h.url}/open311/v2/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: queryForm({ ...params, jurisdiction_id: JURISDICTION, api_key: apiKey }),
  });
  return { status: res.status, text: await res.text() };
}

/** What XML::Simple (ForceArray request_update, GroupTags) gives Open311.pm: the root's items as flat hashes. */
const items = (xml: string, item: string) => readXml(xml).children.filter((c: XmlNode) => c.name === item).map(leaves);

const W3C_UTC = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * GetServiceRequestUpdates.pm parse_dates (lines 20-40): start two hours ago, end now, both
 * W3CDTF in UTC; Open311.pm get_service_request_updates (lines 354-373) sends them with
 * api_key (empty when the body has none configured) and returns `request_update`.
 */
async function pollUpdates(ids: string[], window: { start?: Date; end?: Date } = {}): Promise<Record<string, string>[]> {
  const end = window.end ?? new Date(Date.now() + 1000);
  const start = window.start ?? new Date(end.getTime() - 2 * 3_600_000);
  const res = await fmsGet('servicerequestupdates.xml', { api_key: '', start_date: W3C_UTC(start), end_date: W3C_UTC(end) });
  expect(res.status).toBe(200);
  return items(res.text, 'request_update').filter((u) => ids.includes(u.service_request_id));
}

let seq = 0;
const newPhone = () => `135${String((process.pid * 1000 + seq++) % 1e8).padStart(8, '0')}`;
/** A place of its own (about 1 km apart): requests of one test never join another test's incident by place. */
const newPlace = () => ({ lat: (36.0 + (seq++ % 90) * 0.01).toFixed(4), long: '120.3855' });

/** Open311.pm send_service_request (lines 91-140): the fields of _populate_service_request_params; the id from request[0]. */
async function sendRequest(phone: string, extra: Record<string, string | string[]> = {}): Promise<{ id: string; notice: string }> {
  const res = await fmsPost('requests.xml', {
    service_code: 'CM-NOISE',
    description: '楼上每天半夜跳绳\n\n吵得睡不着\n\nhttps://fms.example/report/1\n',
    first_name: '伟',
    last_name: '吴',
    phone,
    ...newPlace(),
    ...extra,
  });
  expect(res.status).toBe(200);
  const [request] = items(res.text, 'request');
  return { id: request.service_request_id, notice: request.service_notice };
}

const incidentOf = async (alertId: string) => ((await (await fetch(`${h.url}/v1/alerts/${alertId}`)).json()) as { incidentId: string }).incidentId;

function changed(incidentId: string, to: IncidentStatusChangedV1['to'], more: Partial<IncidentStatusChangedV1> = {}): IncidentStatusChangedV1 {
  return { incidentId, from: 'assigned', to, transition: to, lane: 'community', actorId: 'officer-007', changedAt: new Date().toISOString(), ...more };
}

const updatesInDb = async (alertId: string) => Number((await h.sql.query('SELECT count(*) FROM intake.request_updates WHERE alert_id = $1', [alertId])).rows[0].count);

const deadLetters = () => readDeadLetters(h.nc, h.ns);

describe('GET servicerequestupdates: what dispatch did, for every 12345 request of the incident', () => {
  it('gives the first call and its repeat an update per status change, none to the 110 call of the same incident', async () => {
    const phone = newPhone();
    const first = await sendRequest(phone);
    const repeat = await sendRequest(phone, { description: '又在跳绳' });
    expect(repeat.notice).toContain(first.id); // linked, not a new incident
    const call110 = await post(h, alertBody({ channel: '110', caller: { phone }, location: { lat: 36.0705, lng: 120.3855 }, typeCode: 'CM-NOISE' }));
    expect(call110.body).toMatchObject({ status: 'linked' });
    const incidentId = await incidentOf(first.id);
    expect(await incidentOf(repeat.id)).toBe(incidentId);

    // One change after another, as they happen (four workers may handle events published together in any order).
    const t0 = Date.now() - 60_000;
    const steps: Partial<IncidentStatusChangedV1>[] = [
      { to: 'assigned', from: 'triage', transition: 'triaged' },
      { to: 'en-route', from: 'accepted', note: '预计10分钟到达' },
      { to: 'on-scene', from: 'en-route' },
      { to: 'resolved', from: 'on-scene', resolution: 'resolved-on-site', note: '已调解，双方和解' },
    ];
    for (const [i, step] of steps.entries()) {
      await h.publish(STATUS_CHANGED, changed(incidentId, step.to!, { ...step, changedAt: new Date(t0 + i * 1000).toISOString() }));
      await waitFor(`update ${i + 1}`, async () => (await updatesInDb(first.id)) === i + 1);
    }

    const updates = await pollUpdates([first.id, repeat.id]);
    expect(updates).toHaveLength(8);
    for (const id of [first.id, repeat.id]) {
      const mine = updates.filter((u) => u.service_request_id === id);
      expect(mine.map((u) => u.description)).toEqual([
        '已派警 / Officers assigned',
        "民警已出发 / Officers on the way. 民警备注 / Officer's note: 预计10分钟到达",
        '民警已到场 / Officers on scene',
        "已处理完毕（现场解决） / Resolved on site. 民警备注 / Officer's note: 已调解，双方和解",
      ]);
      expect(mine.map((u) => u.status)).toEqual(['open', 'open', 'open', 'closed']);
      for (const u of mine) {
        // UpdatesBase.pm check_date (lines 108-120) parses updated_datetime as W3CDTF; process_requests skips an update without update_id.
        expect(u.updated_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
        expect(u.update_id).toMatch(/^\d+$/);
        expect(u.media_url).toBe('');
      }
    }
    expect(new Set(updates.map((u) => u.update_id)).size).toBe(8);
    expect(await pollUpdates([call110.body.alertId as string])).toEqual([]);
    expect(await updatesInDb(call110.body.alertId as string)).toBe(0);

    // Stable: polled again, in JSON too, the same ids (FixMyStreet stores them as its comments' external_id).
    expect((await pollUpdates([first.id, repeat.id])).map((u) => u.update_id)).toEqual(updates.map((u) => u.update_id));
    const json = JSON.parse((await fmsGet('servicerequestupdates.json', {})).text) as Record<string, string>[];
    expect(json.filter((u) => u.service_request_id === first.id)).toEqual(updates.filter((u) => u.service_request_id === first.id));
  });

  it('makes no second update for an event delivered again', async () => {
    const { id } = await sendRequest(newPhone());
    const incidentId = await incidentOf(id);
    const event = await h.publish(STATUS_CHANGED, changed(incidentId, 'accepted', { from: 'assigned' }));
    await waitFor('the update', async () => (await updatesInDb(id)) === 1);

    // The same envelope past JetStream's duplicate window (another Nats-Msg-Id): the inbox skips it.
    const { seq } = await jetstream(h.nc).publish(wireSubject(h.ns, STATUS_CHANGED), JSON.stringify(event), { msgID: randomUUID() });
    const consumer = async () => (await jetstreamManager(h.nc)).consumers.info(streamName(h.ns, 'DISPATCH'), durableName('intake', STATUS_CHANGED));
    await waitFor('the copy acked', async () => (await consumer()).ack_floor.stream_seq >= seq);
    expect(await updatesInDb(id)).toBe(1);

    // And the insert itself is idempotent per (event, alert), inbox or not.
    const manager = { query: async (sql: string, params: unknown[]) => (await h.sql.query(sql, params)).rows } as unknown as EntityManager;
    const repo = new RequestUpdatesRepository();
    const e = event as EventEnvelope<IncidentStatusChangedV1>;
    expect(await repo.recordStatusChange(manager, e.id, e.data, describeStatusChange(e.data), ['12345'])).toBe('recorded');
    expect(await updatesInDb(id)).toBe(1);
  });

  it('keeps a closed request closed when an older change is handled after the resolution', async () => {
    const { id } = await sendRequest(newPhone());
    const incidentId = await incidentOf(id);
    const now = Date.now();
    await h.publish(STATUS_CHANGED, changed(incidentId, 'resolved', { from: 'on-scene', resolution: 'unfounded', changedAt: new Date(now).toISOString() }));
    await waitFor('the resolution', async () => (await updatesInDb(id)) === 1);
    await h.publish(STATUS_CHANGED, changed(incidentId, 'on-scene', { from: 'en-route', changedAt: new Date(now - 60_000).toISOString() }));
    const updates = await waitFor('both', async () => {
      const u = await pollUpdates([id]);
      return u.length === 2 ? u : null;
    });
    // The last one a client reads must not reopen it (FixMyStreet applies the newest update's status).
    expect(updates.map((u) => [u.description, u.status])).toEqual([
      ['经核查，未发现所报情况 / Checked: nothing was found as reported', 'closed'],
      ['民警已到场 / Officers on scene', 'closed'],
    ]);
  });

  it('dead-letters a status change of an incident intake does not know', async () => {
    const unknown = randomUUID();
    await h.publish(STATUS_CHANGED, changed(unknown, 'accepted'));
    await waitFor('the dead letter', async () => (await deadLetters()).some((d) => d.reason.includes(`incident ${unknown} does not exist`)));
  });

  it('answers only the window asked for, the last 24 hours by default, and refuses more than 7 days saying so', async () => {
    const { id } = await sendRequest(newPhone());
    await h.publish(STATUS_CHANGED, changed(await incidentOf(id), 'accepted'));
    await waitFor('the update', async () => (await pollUpdates([id])).length === 1);
    expect(await pollUpdates([id], { end: new Date(Date.now() - 3_600_000) })).toEqual([]);
    expect(await pollUpdates([id], { start: new Date(Date.now() + 60_000), end: new Date(Date.now() + 120_000) })).toEqual([]);
    const byDefault = JSON.parse((await fetch(`${h.url}/open311/v2/servicerequestupdates.json`).then((r) => r.text())) as string) as { service_request_id: string }[];
    expect(byDefault.some((u) => u.service_request_id === id)).toBe(true);

    const tooLong = await fmsGet('servicerequestupdates.xml', { start_date: '2024-04-01T00:00:00Z', end_date: '2024-04-09T00:00:00Z' });
    expect(tooLong.status).toBe(400);
    // What Open311.pm _process_error (lines 703-719) would log.
    expect(items(tooLong.text, 'error')).toEqual([{ code: '400', description: 'end_date: 8 days after start_date; ask for at most 7 days of updates at a time' }]);
  });
});

describe('POST servicerequestupdates: a comment from the client, linked to its request', () => {
  /** Open311.pm _populate_service_request_update_params (lines 473-583) for a comment on report `id`. */
  const comment = (id: string, updateId: string, more: Record<string, string | string[]> = {}) => ({
    updated_datetime: W3C_UTC(new Date(Date.now() - 5000)).replace('Z', '+00:00'),
    service_request_id: id,
    status: 'OPEN',
    description: '还是很吵，民警走后又开始了',
    last_name: '-',
    first_name: 'Wei',
    email: 'wei@example.org',
    update_id: updateId,
    ...more,
  });

  it('stores it, answers its update_id as post_service_request_update reads it, and the same again for a retry', async () => {
    const { id } = await sendRequest(newPhone());
    const res = await fmsPost('servicerequestupdates.xml', comment(id, '90001', { media_url: ['https://fms.example/c/1.0.full.jpeg', 'https://fms.example/c/1.1.full.jpeg'] }));
    expect(res.status).toBe(200);
    // Open311.pm line 393: $obj->{request_update}->[0]->{update_id}.
    const [{ update_id: updateId }] = items(res.text, 'request_update');
    expect(updateId).toMatch(/^\d+$/);
    const again = await fmsPost('servicerequestupdates.xml', comment(id, '90001'));
    expect(items(again.text, 'request_update')[0].update_id).toBe(updateId);

    const [row] = (await h.sql.query('SELECT source, note, client_update_id, client_status, author, media, status FROM intake.request_updates WHERE id = $1', [updateId])).rows;
    expect(row).toEqual({
      source: 'client',
      note: '还是很吵，民警走后又开始了',
      client_update_id: '90001',
      client_status: 'OPEN',
      author: { first_name: 'Wei', email: 'wei@example.org' },
      media: [{ url: 'https://fms.example/c/1.0.full.jpeg' }, { url: 'https://fms.example/c/1.1.full.jpeg' }],
      status: 'open',
    });
    // In the poll with the id FixMyStreet keeps for its comment, so it skips it (GetServiceRequestUpdates.pm line 69).
    expect(await pollUpdates([id])).toEqual([expect.objectContaining({ update_id: updateId, description: '还是很吵，民警走后又开始了', media_url: 'https://fms.example/c/1.0.full.jpeg', status: 'open' })]);
  });

  it('answers 404 for a request it does not have, 400 naming a wrong field, 401/403 naming api_key', async () => {
    const { id } = await sendRequest(newPhone());
    for (const unknown of [randomUUID(), '4521']) {
      const res = await fmsPost('servicerequestupdates.xml', comment(unknown, '1'));
      expect(res.status).toBe(404);
      expect(items(res.text, 'error')).toEqual([{ code: '404', description: `service_request_id ${unknown} not found` }]);
    }
    const noText = await fmsPost('servicerequestupdates.json', { service_request_id: id, status: 'SOMETIMES' });
    expect(noText.status).toBe(400);
    expect((JSON.parse(noText.text) as { description: string }[]).map((e) => e.description.split(':')[0])).toEqual(['status', 'description']);
    const wrongKey = await fmsPost('servicerequestupdates.xml', comment(id, '2'), 'key-110-test');
    expect(wrongKey.status).toBe(403);
    expect(items(wrongKey.text, 'error')[0].description).toMatch(/^AUTH\.INVALID_API_KEY: api_key: /);
    const noKey = await fmsPost('servicerequestupdates.xml', comment(id, '3'), '');
    expect(noKey.status).toBe(401);
    expect(items(noKey.text, 'error')[0].description).toContain('api_key: missing');
    expect(await updatesInDb(id)).toBe(0);
  });
});

describe('servicerequestupdates under fuzzed input', () => {
  const nasty = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('', ' ', '\u0000', '\ud800', "'; DROP TABLE intake.request_updates; --", '%ZZ', '2026-02-30T10:00:00Z', '1000-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', 'OPEN', 'fixed', '-1', 'https://x.test/a.jpg'),
  );
  const value = fc.oneof(nasty, fc.array(nasty, { maxLength: 3 }));
  const FIELDS = ['service_request_id', 'update_id', 'updated_datetime', 'status', 'description', 'media_url', 'first_name', 'last_name', 'email', 'api_key'];
  const total = async () => Number((await h.sql.query('SELECT count(*) FROM intake.request_updates')).rows[0].count);

  it('never answers a 5xx, and stores nothing for a refused comment', async () => {
    const { id } = await sendRequest(newPhone());
    const body = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 4 }).map((fields) => ({ service_request_id: id, description: '还在吵', api_key: KEYS['12345'], ...fields }));
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (fields, asJson) => {
        const before = await total();
        const res = await fetch(`${h.url}/open311/v2/servicerequestupdates.json`, asJson
          ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) }
          : { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: queryForm(fields as Record<string, string | string[]>) });
        const text = await res.text();
        if (res.status >= 500) throw new Error(`answered ${res.status}: ${text.slice(0, 300)}`);
        if (res.status !== 200) expect(await total()).toBe(before);
      }),
      { numRuns: 100 },
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('start_date', 'end_date', 'api_key', 'jurisdiction_id'), value, { maxKeys: 3 }), async (query) => {
        const res = await fetch(`${h.url}/open311/v2/servicerequestupdates.xml?${queryForm(query as Record<string, string | string[]>)}`);
        const text = await res.text();
        if (res.status >= 500) throw new Error(`answered ${res.status}: ${text.slice(0, 300)}`);
        expect([200, 400]).toContain(res.status);
      }),
      { numRuns: 100 },
    );
  });
});
