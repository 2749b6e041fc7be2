import { waitFor } from '@jingwang/testing';
import { alertBody, post, startIntake, type IntakeHarness } from './intake.harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake();
});
afterAll(() => h?.close());

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
let phoneSeq = 0;
const phone = () => `1370000${String(++phoneSeq).padStart(4, '0')}`;

describe('repeat calls', () => {
  it('links a call from the same phone on another channel, counts it and emits intake.alert.linked.v1', async () => {
    const p = phone();
    const first = await post(h, alertBody({ channel: '110', caller: { phone: p }, location: { gridCode: 'JM-G020' }, reportedAt: minutesAgo(30) }));
    const second = await post(h, alertBody({ channel: '12345', caller: { phone: p }, location: { gridCode: 'JM-G021' }, description: '楼上又在吵，音乐声很大' }));
    expect(second.body).toMatchObject({ status: 'linked', incidentId: first.body.incidentId, linkedTo: first.body.alertId });
    const third = await post(h, alertBody({ channel: 'nuannan', caller: { phone: p }, location: { gridCode: 'JM-G020' } }));
    expect(third.body.incidentId).toBe(first.body.incidentId);
    const incident = (await (await fetch(`${h.url}/v1/incidents/${first.body.incidentId}`)).json()) as { repeatCount: number; alerts: { alertId: string }[]; status: string };
    expect(incident).toMatchObject({ repeatCount: 2, status: 'open' });
    expect(incident.alerts.map((a) => a.alertId)).toEqual([first.body.alertId, second.body.alertId, third.body.alertId]);
    const linked = await waitFor('two linked events', async () => {
      const all = (await h.events()).filter((e) => e.type === 'intake.alert.linked.v1' && e.data.incidentId === first.body.incidentId);
      return all.length === 2 ? all : null;
    });
    expect(linked.map((e) => [e.data.reason, e.data.repeatCount])).toEqual([
      ['same-phone', 1],
      ['same-phone', 2],
    ]);
  });

  it('links the same place: within 100 m, or the same building written differently', async () => {
    const near = await post(h, alertBody({ caller: undefined, location: { lat: 36.0705, lng: 120.3855 }, description: '楼上漏水漏到我家了', typeCode: 'CM-WATER-LEAK' }));
    const close = await post(h, alertBody({ channel: 'walk-in', caller: undefined, location: { lat: 36.0710, lng: 120.3857 }, description: '邻居家水管漏水', typeCode: 'CM-WATER-LEAK' }));
    expect(close.body).toMatchObject({ status: 'linked', incidentId: near.body.incidentId });
    const far = await post(h, alertBody({ caller: undefined, location: { lat: 36.0730, lng: 120.3855 }, description: '楼上漏水', typeCode: 'CM-WATER-LEAK' })); // ~280 m north
    expect(far.body.status).toBe('new');

    const building = await post(h, alertBody({ caller: undefined, location: { address: '闽江路8号2单元' }, typeCode: 'CM-NOISE' }));
    const variant = await post(h, alertBody({ channel: '12345', caller: undefined, location: { address: '青岛市市南区閩江路８號' }, typeCode: 'CM-NOISE' }));
    expect(variant.body).toMatchObject({ status: 'linked', incidentId: building.body.incidentId });
  });

  it('links within a dispute family (a leak, then a noise quarrel, same phone) but not across unrelated types', async () => {
    const p = phone();
    const leak = await post(h, alertBody({ caller: { phone: p }, location: { gridCode: 'JM-G022' }, typeCode: 'CM-WATER-LEAK', description: '楼上漏水' }));
    const noise = await post(h, alertBody({ caller: { phone: p }, location: { gridCode: 'JM-G022' }, typeCode: 'CM-NOISE', description: '楼上又吵起来了' }));
    expect(noise.body).toMatchObject({ status: 'linked', incidentId: leak.body.incidentId });
    const theft = await post(h, alertBody({ caller: { phone: p }, location: { gridCode: 'JM-G022' }, typeCode: 'CT-THEFT', description: '电动车被偷了' }));
    expect(theft.body.status).toBe('new');
  });

  it('does not link outside the window: 2 hours for 110, 72 hours for complaint channels', async () => {
    const p = phone();
    const old = await post(h, alertBody({ channel: '110', caller: { phone: p }, location: { gridCode: 'JM-G023' }, reportedAt: minutesAgo(180) }));
    const by110 = await post(h, alertBody({ channel: '110', caller: { phone: p }, location: { gridCode: 'JM-G023' } }));
    expect(by110.body.status).toBe('new'); // 3 h apart: outside 110's window
    const byApp = await post(h, alertBody({ channel: 'nuannan', caller: { phone: p }, location: { gridCode: 'JM-G023' } }));
    expect(byApp.body).toMatchObject({ status: 'linked' }); // the app's 72 h window reaches both
    expect([old.body.incidentId, by110.body.incidentId]).toContain(byApp.body.incidentId);
  });

  it('after dispatch reports the incident resolved, the next call opens a new incident', async () => {
    const p = phone();
    const first = await post(h, alertBody({ caller: { phone: p }, location: { gridCode: 'JM-G024' } }));
    await h.publish('dispatch.incident.resolved.v1', { incidentId: first.body.incidentId, resolvedAt: new Date().toISOString(), outcome: 'mediated' });
    await waitFor('the incident to close', async () => ((await (await fetch(`${h.url}/v1/incidents/${first.body.incidentId}`)).json()) as { status: string }).status === 'closed');
    const next = await post(h, alertBody({ caller: { phone: p }, location: { gridCode: 'JM-G024' } }));
    expect(next.body.status).toBe('new');
    expect(next.body.incidentId).not.toBe(first.body.incidentId);
  });

  it('opens one incident when the same matter is reported many times at once', async () => {
    const p = phone();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => post(h, alertBody({ channel: i % 2 ? '110' : '12345', caller: { phone: p }, location: { gridCode: 'JM-G025' } }))));
    expect(new Set(answers.map((a) => a.body.incidentId)).size).toBe(1);
    expect(answers.filter((a) => a.body.status === 'new')).toHaveLength(1);
  });
});
