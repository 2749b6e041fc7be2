import { randomUUID } from 'node:crypto';
import { AlertLinked, DisputeReferred, IncidentAssigned, IncidentEscalated, IncidentResolved, IncidentRetyped, IncidentStatusChanged, IncidentTriageRequired } from '@jingwang/contracts';
import { waitFor } from '@jingwang/testing';
import { call, district, eventsOf, incidentOnce, publishAgain, receive, startDispatch, type DispatchHarness } from './dispatch.harness.ts';

let h: DispatchHarness;
beforeAll(async () => {
  h = await startDispatch();
});
afterAll(() => h?.close());

const types = (events: { type: string }[]) => events.map((e) => e.type);
const loadOf = async (code: string) => Number((await h.sql.query('SELECT open_assignments FROM dispatch.staff WHERE code = $1', [code])).rows[0].open_assignments);

describe('routing new incidents', () => {
  it('assigns a community matter to its police-grid chief and grid chief, with rule, reason and deadlines, and keeps the timeline', async () => {
    const grid = district.grids[3];
    const place = district.locationOfGrid(grid.code)!;
    const event = await receive(h, { typeCode: 'CM-NOISE', gridCode: grid.code });
    const [assigned] = await eventsOf(h, event.data.incidentId, 'the assignment', (e) => e.some((x) => x.type === IncidentAssigned.subject));
    expect(assigned).toMatchObject({
      type: IncidentAssigned.subject,
      correlationId: event.correlationId,
      causationId: event.id,
      data: {
        incidentId: event.data.incidentId, lane: 'community', typeCode: 'CM-NOISE', ruleId: 'community-1+1+N', cause: 'new', receivedAt: event.occurredAt,
        assignees: [expect.objectContaining({ code: place.policeGrid.chiefCode, part: 'police-grid-chief' }), expect.objectContaining({ code: grid.chiefCode, part: 'grid-chief' })],
        deadlines: { acceptBy: expect.any(String), arriveBy: expect.any(String), resolveBy: expect.any(String) },
      },
    });
    const inc = await incidentOnce(h, event.data.incidentId);
    expect(inc).toMatchObject({ status: 'assigned', lane: 'community', typeNameZh: expect.any(String), sla: { kind: 'accept', secondsLeft: expect.any(Number) } });
    expect(inc.timeline.map((t: { what: string }) => t.what)).toEqual(['received', 'assigned']);
    expect(inc.timeline[1].note).toContain('rule community-1+1+N');
  });

  it('assigns once when the same event is delivered twice', async () => {
    const event = await receive(h, { typeCode: 'CT-THEFT' });
    const assigned = (await eventsOf(h, event.data.incidentId, 'the assignment', (e) => e.length > 0))[0];
    const lead = assigned.data.assignees[0].code as string;
    const before = await loadOf(lead);
    await publishAgain(h, event);
    // A second, later incident shows the redelivery has been handled (one consumer, in order per batch).
    const later = await receive(h, { typeCode: 'CM-NOISE' });
    await eventsOf(h, later.data.incidentId, 'a later assignment', (e) => e.length > 0);
    await waitFor('the redelivery handled', async () => Number((await h.sql.query(`SELECT count(*) FROM dispatch.inbox WHERE message_key = $1`, [event.id])).rows[0].count) === 1);
    const mine = (await h.events()).filter((e) => e.data.incidentId === event.data.incidentId);
    expect(types(mine)).toEqual([IncidentAssigned.subject]);
    expect(await loadOf(lead)).toBe(before);
  });

  it('puts an untyped or unlocated incident in the triage queue; a call-taker types and places it, routing runs and intake learns the type', async () => {
    const untyped = await receive(h, { typeCode: null });
    const unlocated = await receive(h, { typeCode: 'CM-NOISE', gridCode: null });
    const [t1] = await eventsOf(h, untyped.data.incidentId, 'triage required', (e) => e.length > 0);
    const [t2] = await eventsOf(h, unlocated.data.incidentId, 'triage required', (e) => e.length > 0);
    expect([t1.type, t1.data.reasons, t2.data.reasons]).toEqual([IncidentTriageRequired.subject, ['untyped'], ['unlocated']]);
    const queue = await call(h, 'GET', '/v1/triage');
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([untyped.data.incidentId, unlocated.data.incidentId]));

    const grid = district.grids[10];
    const res = await call(h, 'POST', `/v1/incidents/${untyped.data.incidentId}/triage`, { typeCode: 'CM-WATER-LEAK', gridCode: grid.code, note: '楼上漏水' });
    expect(res).toMatchObject({ status: 200, body: { status: 'assigned', typeCode: 'CM-WATER-LEAK', lane: 'community', gridCode: grid.code } });
    const events = await eventsOf(h, untyped.data.incidentId, 'assigned and retyped', (e) => e.length >= 4);
    expect(types(events)).toEqual([IncidentTriageRequired.subject, IncidentStatusChanged.subject, IncidentAssigned.subject, IncidentRetyped.subject]);
    expect(events[3].data).toMatchObject({ from: null, to: 'CM-WATER-LEAK', by: 'JM-DR02', description: untyped.data.description });
    expect(events[2].data).toMatchObject({ cause: 'triage' });

    expect(await call(h, 'POST', `/v1/incidents/${untyped.data.incidentId}/triage`, { typeCode: 'CM-WATER-LEAK', gridCode: grid.code })).toMatchObject({ status: 409, body: { error: { code: 'DISPATCH.NOT_IN_TRIAGE' } } });
    expect(await call(h, 'POST', `/v1/incidents/${unlocated.data.incidentId}/triage`, { typeCode: 'XX-NONE', gridCode: grid.code })).toMatchObject({ status: 400, body: { error: { code: 'DISPATCH.UNKNOWN_TYPE', message: expect.stringContaining('typeCode') } } });
    expect(await call(h, 'POST', `/v1/incidents/${unlocated.data.incidentId}/triage`, { typeCode: 'CM-NOISE', gridCode: 'NOWHERE' })).toMatchObject({ status: 400, body: { error: { code: 'DISPATCH.UNKNOWN_GRID', message: expect.stringContaining('gridCode') } } });
    expect((await incidentOnce(h, unlocated.data.incidentId)).status).toBe('triage');
  });
});

describe('the lifecycle', () => {
  const go = (id: string, body: Record<string, unknown>) => call(h, 'POST', `/v1/incidents/${id}/transitions`, body);

  it('closes a call in triage that needs nobody sent (unfounded), and only so', async () => {
    const event = await receive(h, { typeCode: null });
    await incidentOnce(h, event.data.incidentId, 'triage');
    expect(await go(event.data.incidentId, { to: 'accepted' })).toMatchObject({ status: 409, body: { error: { details: { allowed: ['resolved'] } } } });
    expect(await go(event.data.incidentId, { to: 'resolved', resolution: 'referred-to-mediation' })).toMatchObject({ status: 409, body: { error: { code: 'DISPATCH.INVALID_RESOLUTION' } } });
    expect(await go(event.data.incidentId, { to: 'resolved', resolution: 'unfounded', note: '咨询类来电' })).toMatchObject({ status: 200, body: { status: 'resolved', lane: null } });
    const events = await eventsOf(h, event.data.incidentId, 'closed from triage', (e) => e.some((x) => x.type === IncidentResolved.subject));
    expect(events.find((e) => e.type === IncidentStatusChanged.subject)!.data).toMatchObject({ from: 'triage', to: 'resolved', lane: null, resolution: 'unfounded' });
  });

  it('accepted -> en-route -> on-scene -> resolved on site, each recorded with actor and note; resolved frees the people and tells intake', async () => {
    const event = await receive(h, { typeCode: 'CM-NOISE', gridCode: district.grids[5].code });
    const inc = await incidentOnce(h, event.data.incidentId, 'assigned');
    const chief = inc.assignees[0].code as string;
    const before = await loadOf(chief);
    for (const to of ['accepted', 'en-route', 'on-scene']) expect(await go(inc.id, { to, note: `${to} note` })).toMatchObject({ status: 200, body: { status: to } });
    expect(await go(inc.id, { to: 'resolved' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('resolution') } } });
    const done = await go(inc.id, { to: 'resolved', resolution: 'resolved-on-site', note: '双方和解' });
    expect(done).toMatchObject({ status: 200, body: { status: 'resolved', resolution: 'resolved-on-site', resolvedOnSite: true, acceptedAt: expect.any(String), arrivedAt: expect.any(String), resolvedAt: expect.any(String) } });
    expect(await loadOf(chief)).toBe(before - 1);
    const events = await eventsOf(h, inc.id, 'resolved', (e) => e.some((x) => x.type === IncidentResolved.subject));
    expect(events.filter((e) => e.type === IncidentStatusChanged.subject).map((e) => [e.data.from, e.data.to, e.data.actorId])).toEqual([
      ['assigned', 'accepted', 'JM-DR02'], ['accepted', 'en-route', 'JM-DR02'], ['en-route', 'on-scene', 'JM-DR02'], ['on-scene', 'resolved', 'JM-DR02'],
    ]);
    expect(events.find((e) => e.type === IncidentResolved.subject)!.data).toMatchObject({ incidentId: inc.id, resolution: 'resolved-on-site', resolvedOnSite: true, lane: 'community', typeCode: 'CM-NOISE' });
    const timeline = (await incidentOnce(h, inc.id)).timeline;
    expect(timeline.map((t: { what: string; actorId: string }) => t.what)).toEqual(['received', 'assigned', 'accepted', 'en-route', 'on-scene', 'resolved']);
    expect(timeline.at(-1)).toMatchObject({ actorId: 'JM-DR02', note: '双方和解', fromStatus: 'on-scene', toStatus: 'resolved' });
  });

  it('refuses every transition the status does not allow with 409 and the allowed ones, and changes nothing', async () => {
    const event = await receive(h, { typeCode: 'CT-THEFT' });
    const inc = await incidentOnce(h, event.data.incidentId, 'assigned');
    expect(await go(inc.id, { to: 'on-scene' })).toMatchObject({ status: 409, body: { error: { code: 'DISPATCH.INVALID_TRANSITION', details: { from: 'assigned', to: 'on-scene', allowed: ['accepted', 'resolved', 'transferred', 'reassigned'] } } } });
    expect(await go(inc.id, { to: 'en-route' })).toMatchObject({ status: 409 });
    expect(await go(inc.id, { to: 'resolved', resolution: 'resolved-on-site' })).toMatchObject({ status: 409, body: { error: { code: 'DISPATCH.INVALID_RESOLUTION' } } });
    expect(await go(inc.id, { to: 'accepted', resolution: 'unfounded' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('resolution') } } });
    expect(await go(inc.id, { to: 'flying' })).toMatchObject({ status: 400, body: { error: { code: 'REQUEST.INVALID', message: expect.stringContaining('to') } } });
    expect((await incidentOnce(h, inc.id)).status).toBe('assigned');
    expect(await go(inc.id, { to: 'resolved', resolution: 'unfounded' })).toMatchObject({ status: 200 });
    for (const to of ['accepted', 'resolved', 'transferred']) {
      expect(await go(inc.id, { to, resolution: to === 'resolved' ? 'unfounded' : undefined })).toMatchObject({ status: 409, body: { error: { details: { allowed: [] } } } });
    }
    expect(await call(h, 'POST', `/v1/incidents/${randomUUID()}/transitions`, { to: 'accepted' })).toMatchObject({ status: 404, body: { error: { code: 'DISPATCH.INCIDENT_NOT_FOUND' } } });
  });

  it('transfers a community matter that turns out a crime to the case team, and back', async () => {
    const event = await receive(h, { typeCode: 'CM-NOISE' });
    const inc = await incidentOnce(h, event.data.incidentId, 'assigned');
    const moved = await go(inc.id, { to: 'transferred', note: '发现涉嫌故意伤害' });
    expect(moved).toMatchObject({ status: 200, body: { status: 'assigned', lane: 'case-team', unitCode: expect.stringMatching(/^JM-SQ/) } });
    const back = await go(inc.id, { to: 'transferred' });
    expect(back.body).toMatchObject({ lane: 'community', unitCode: null });
    const assigned = (await eventsOf(h, inc.id, 'three assignments', (e) => e.filter((x) => x.type === IncidentAssigned.subject).length === 3)).filter((e) => e.type === IncidentAssigned.subject);
    expect(assigned.map((e) => [e.data.lane, e.data.cause])).toEqual([['community', 'new'], ['case-team', 'transfer'], ['community', 'transfer']]);
  });

  it('a dispute resolved as referred to mediation needs its parties, and goes to mediation with its history', async () => {
    const event = await receive(h, { typeCode: 'CM-WATER-LEAK' });
    const inc = await incidentOnce(h, event.data.incidentId, 'assigned');
    expect(await go(inc.id, { to: 'resolved', resolution: 'referred-to-mediation' })).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('parties') } } });
    const parties = [{ name: '刘先生', phone: '13800138000', role: '楼下住户' }, { name: '楼上住户' }];
    expect(await go(inc.id, { to: 'resolved', resolution: 'referred-to-mediation', parties, address: '金门路 12 号' })).toMatchObject({ status: 200, body: { resolvedOnSite: false } });
    const referred = (await eventsOf(h, inc.id, 'the referral', (e) => e.some((x) => x.type === DisputeReferred.subject))).find((e) => e.type === DisputeReferred.subject)!;
    expect(referred.data).toMatchObject({ typeCode: 'CM-WATER-LEAK', parties, place: { gridCode: inc.gridCode, address: '金门路 12 号' }, referredBy: 'JM-DR02', history: expect.arrayContaining([expect.objectContaining({ what: 'assigned' })]) });

    const flagged = await receive(h, { typeCode: 'CT-THEFT' });
    await incidentOnce(h, flagged.data.incidentId, 'assigned');
    await go(flagged.data.incidentId, { to: 'resolved', resolution: 'referred-to-agency', dispute: true, parties: [{ name: '王女士' }] });
    await eventsOf(h, flagged.data.incidentId, 'a flagged dispute referred', (e) => e.some((x) => x.type === DisputeReferred.subject));
  });

  it('retypes: intake learns it, and a lane change routes again', async () => {
    const event = await receive(h, { typeCode: 'CM-NOISE' });
    const inc = await incidentOnce(h, event.data.incidentId, 'assigned');
    expect(await call(h, 'POST', `/v1/incidents/${inc.id}/retype`, { typeCode: 'CM-NOISE' })).toMatchObject({ status: 409, body: { error: { code: 'DISPATCH.SAME_TYPE' } } });
    const res = await call(h, 'POST', `/v1/incidents/${inc.id}/retype`, { typeCode: 'CT-FIGHT', note: '已动手' });
    expect(res).toMatchObject({ status: 200, body: { typeCode: 'CT-FIGHT', lane: 'case-team', status: 'assigned' } });
    const events = await eventsOf(h, inc.id, 'retyped and re-routed', (e) => e.filter((x) => x.type === IncidentAssigned.subject).length === 2);
    expect(events.find((e) => e.type === IncidentRetyped.subject)!.data).toMatchObject({ from: 'CM-NOISE', to: 'CT-FIGHT', by: 'JM-DR02' });
    expect(events.filter((e) => e.type === IncidentAssigned.subject)[1].data).toMatchObject({ cause: 'retype', lane: 'case-team' });
  });

  it('reassigns to named staff or to others routing picks; unknown staff is refused', async () => {
    const event = await receive(h, { typeCode: 'CM-NOISE' });
    const inc = await incidentOnce(h, event.data.incidentId, 'assigned');
    const first = inc.assignees.map((a: { code: string }) => a.code);
    const again = await call(h, 'POST', `/v1/incidents/${inc.id}/reassign`, { reason: '警格长外出培训' });
    expect(again.status).toBe(200);
    expect(again.body.assignees.map((a: { code: string }) => a.code)).not.toEqual(expect.arrayContaining(first));
    expect(await call(h, 'POST', `/v1/incidents/${inc.id}/reassign`, { staffCodes: ['NOBODY'], reason: 'x' })).toMatchObject({ status: 400, body: { error: { code: 'DISPATCH.UNKNOWN_STAFF', message: expect.stringContaining('NOBODY') } } });
    const named = await call(h, 'POST', `/v1/incidents/${inc.id}/reassign`, { staffCodes: ['JM-P003'], reason: '熟悉情况' });
    expect(named.body).toMatchObject({ ruleId: 'manual', assignees: [expect.objectContaining({ code: 'JM-P003', part: 'lead' })] });
  });
});

describe('repeat calls', () => {
  it('raise an open incident one step (at most to 1), count it, and tell the people on it', async () => {
    const event = await receive(h, { typeCode: 'CM-NOISE' });
    const inc = await incidentOnce(h, event.data.incidentId, 'assigned');
    const link = (n: number) => h.publish(AlertLinked.subject, { alertId: randomUUID(), incidentId: inc.id, linkedTo: inc.alertId, channel: '110', typeCode: 'CM-NOISE', repeatCount: n, reason: 'same-phone' });
    for (let n = 1; n <= 4; n++) await link(n);
    const escalations = (await eventsOf(h, inc.id, 'four escalations', (e) => e.filter((x) => x.type === IncidentEscalated.subject).length === 4)).filter((e) => e.type === IncidentEscalated.subject);
    const start = inc.priority as number;
    expect(escalations.map((e) => e.data.priority)).toEqual([1, 2, 3, 4].map((n) => Math.max(1, start - n)));
    expect(escalations[0].data).toMatchObject({ reason: 'repeat-call', previousPriority: start, notify: inc.assignees.map((a: { code: string }) => a.code) });
    // Handled in any order (the consumer runs several at once): intake's count stands, never over-counted.
    expect(Math.max(...escalations.map((e) => e.data.repeatCount as number))).toBe(4);
    expect(await incidentOnce(h, inc.id)).toMatchObject({ repeatCount: 4, priority: 1 });
  });
});

describe('operations', () => {
  it('is ready, exports its metrics (received-to-assigned latency, open incidents per lane) and documents its API', async () => {
    const event = await receive(h, { typeCode: 'CM-NOISE' });
    await incidentOnce(h, event.data.incidentId, 'assigned');
    expect((await fetch(`${h.url}/health/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toMatch(/jw_dispatch_received_to_assigned_seconds_count\{lane="community"\} [1-9]/);
    expect(metrics).toMatch(/jw_dispatch_open_incidents\{lane="community"\} [1-9]/);
    const docs = (await (await fetch(`${h.url}/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining([
      '/v1/incidents', '/v1/incidents/{id}', '/v1/incidents/{id}/transitions', '/v1/incidents/{id}/reassign', '/v1/incidents/{id}/triage',
      '/v1/incidents/{id}/retype', '/v1/triage', '/v1/board', '/v1/staff', '/v1/roster',
    ]));
  });
});

describe('staff calls', () => {
  it('need the staff key (401 without, 403 wrong) and X-Actor-Id on changes', async () => {
    expect(await call(h, 'GET', '/v1/board', undefined, { 'x-staff-key': '' })).toMatchObject({ status: 401, body: { error: { code: 'AUTH.MISSING_STAFF_KEY' } } });
    expect(await call(h, 'GET', '/v1/board', undefined, { 'x-staff-key': 'wrong-key-123' })).toMatchObject({ status: 403, body: { error: { code: 'AUTH.INVALID_STAFF_KEY' } } });
    const res = await fetch(`${h.url}/v1/incidents/${randomUUID()}/transitions`, { method: 'POST', headers: { 'x-staff-key': 'key-staff-test', 'content-type': 'application/json' }, body: '{"to":"accepted"}' });
    expect([res.status, ((await res.json()) as { error: { code: string } }).error.code]).toEqual([400, 'AUTH.MISSING_ACTOR']);
  });

  it('lists incidents by lane, status, grid and assignee with cursor pages, and shows the board', async () => {
    const grid = district.grids[20];
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await receive(h, { typeCode: 'CM-NOISE', gridCode: grid.code }));
    for (const e of made) await incidentOnce(h, e.data.incidentId, 'assigned');
    const page1 = await call(h, 'GET', `/v1/incidents?gridCode=${grid.code}&lane=community&limit=2`);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await call(h, 'GET', `/v1/incidents?gridCode=${grid.code}&lane=community&limit=2&cursor=${page1.body.nextCursor}`);
    expect([...page1.body.items, ...page2.body.items].map((i: { id: string }) => i.id).sort()).toEqual(made.map((e) => e.data.incidentId).sort());
    const chief = district.locationOfGrid(grid.code)!.policeGrid.chiefCode;
    expect((await call(h, 'GET', `/v1/incidents?assignee=${chief}&status=assigned`)).body.items.length).toBeGreaterThanOrEqual(3);
    expect(await call(h, 'GET', '/v1/incidents?cursor=nonsense')).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('cursor') } } });
    expect(await call(h, 'GET', '/v1/incidents?lane=sea')).toMatchObject({ status: 400, body: { error: { message: expect.stringContaining('lane') } } });
    const board = await call(h, 'GET', '/v1/board');
    expect(board.body.lanes.community.counts.assigned).toBeGreaterThanOrEqual(3);
    expect(board.body.lanes.community.items.assigned[0]).toMatchObject({ sla: { kind: 'accept', secondsLeft: expect.any(Number) } });
  });
});
