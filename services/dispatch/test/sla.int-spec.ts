import { IncidentEscalated, IncidentSlaBreached } from '@jingwang/contracts';
import { SlaScheduler } from '../src/sla/sla.scheduler.ts';
import { eventsOf, incidentOnce, receive, startDispatch, type DispatchHarness } from './dispatch.harness.ts';

let h: DispatchHarness;
beforeAll(async () => {
  h = await startDispatch();
});
afterAll(() => h?.close());

/** Moves an incident's deadline into the past, as if the time had run out. */
const overdue = (id: string, kind: 'accept' | 'arrive' | 'resolve') => h.sql.query(`UPDATE dispatch.incidents SET ${kind}_by = now() - interval '1 minute' WHERE id = $1`, [id]);
const breachesOf = async (id: string) => (await h.sql.query('SELECT kind, escalated_to FROM dispatch.sla_breaches WHERE incident_id = $1 ORDER BY kind', [id])).rows;

describe('SLA timers', () => {
  it('report a missed deadline once, however many replicas scan at once, and call in the duty commander', async () => {
    const event = await receive(h, { typeCode: 'CM-NOISE' });
    const inc = await incidentOnce(h, event.data.incidentId, 'assigned');
    await overdue(inc.id, 'accept');
    // Two replicas start (each scans at its start) while every replica scans twice more at once.
    const replicas = await Promise.all([h.startReplica(), h.startReplica()]);
    const counts = await Promise.all([h, ...replicas].flatMap((r) => [r.app.get(SlaScheduler).scanNow(), r.app.get(SlaScheduler).scanNow()]));
    expect(counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    const events = await eventsOf(h, inc.id, 'the breach and the escalation', (e) => e.some((x) => x.type === IncidentEscalated.subject));
    const breached = events.filter((e) => e.type === IncidentSlaBreached.subject);
    expect(breached).toHaveLength(1);
    expect(breached[0].data).toMatchObject({ kind: 'accept', lane: 'community', assignees: inc.assignees.map((a: { code: string }) => a.code) });
    const escalation = events.find((e) => e.type === IncidentEscalated.subject)!;
    expect(escalation.data).toMatchObject({ reason: 'sla-breach', notify: breached[0].data.escalatedTo ? [breached[0].data.escalatedTo] : [] });
    expect(await breachesOf(inc.id)).toEqual([{ kind: 'accept', escalated_to: breached[0].data.escalatedTo }]);
    // Scanning again finds nothing new.
    expect(await h.app.get(SlaScheduler).scanNow()).toBe(0);
    expect((await incidentOnce(h, inc.id)).slaBreaches).toHaveLength(1);
  });

  it('finds a deadline missed while no replica ran when one starts again', async () => {
    const event = await receive(h, { typeCode: 'CT-THEFT' });
    const inc = await incidentOnce(h, event.data.incidentId, 'assigned');
    // Accepted in time, then nobody arrived: only the arrive deadline is missed.
    await fetch(`${h.url}/v1/incidents/${inc.id}/transitions`, { method: 'POST', headers: { 'x-staff-key': 'key-staff-test', 'x-actor-id': 'JM-CT001', 'content-type': 'application/json' }, body: '{"to":"accepted"}' });
    await overdue(inc.id, 'arrive');
    await overdue(inc.id, 'accept'); // no longer running once accepted: never reported
    const restarted = await h.startReplica({ env: { DISPATCH_SLA_SCAN_SECONDS: '1' } }); // scans at its start
    const events = await eventsOf(h, inc.id, 'the arrive breach after the restart', (e) => e.some((x) => x.type === IncidentSlaBreached.subject));
    expect(events.filter((e) => e.type === IncidentSlaBreached.subject).map((e) => e.data.kind)).toEqual(['arrive']);
    await restarted.close();
    expect((await breachesOf(inc.id)).map((b) => b.kind)).toEqual(['arrive']);
  });
});
