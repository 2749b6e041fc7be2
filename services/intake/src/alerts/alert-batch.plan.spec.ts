import { lockKeys, planBatch, traitsOf, type AlertJob } from './alert-batch.plan.ts';

const job = (over: { phone?: string; typeCode?: string | null; reportedAt?: string; externalId?: string; lat?: number; lng?: number }): AlertJob => ({
  input: {
    channel: '110',
    externalId: over.externalId ?? Math.random().toString(36),
    reportedAt: over.reportedAt ?? '2026-11-28T10:00:00.000Z',
    description: 'x',
    caller: over.phone ? { phone: over.phone } : undefined,
    location: over.lat !== undefined ? { lat: over.lat, lng: over.lng } : {},
  },
  actor: { kind: 'channel', id: '110' },
  typed: { typeCode: over.typeCode === undefined ? 'CM-NOISE' : over.typeCode, typeConfidence: 1, lowConfidence: false },
  located: { gridCode: 'JM-G001', policeGridCode: 'JM-PG01', communityCode: 'JM-C01', buildingKey: null, resolvedBy: 'grid-code' },
});
const planned = (jobs: AlertJob[], found: Parameters<typeof planBatch>[1] = []) =>
  planBatch(jobs.map((j) => ({ job: j, traits: traitsOf(j, 120, 100) })), found, 100);

describe('planBatch', () => {
  it('links later calls in the same batch to the incident the first one opens', () => {
    const plan = planned([job({ phone: '13800000001' }), job({ phone: '13800000001', typeCode: 'CM-WATER-LEAK' }), job({ phone: '13800000001' })]);
    const [a, b, c] = plan.alerts;
    expect(a.accepted.status).toBe('new');
    expect([b.accepted, c.accepted].map((x) => [x.status, x.incidentId, x.linkedTo])).toEqual([
      ['linked', a.accepted.incidentId, a.accepted.alertId],
      ['linked', a.accepted.incidentId, a.accepted.alertId],
    ]);
    expect(plan.newIncidents).toHaveLength(1);
    expect(plan.repeats.get(a.accepted.incidentId)).toEqual({ added: 2, lastReportedAt: '2026-11-28T10:00:00.000Z' });
    expect([b.link?.position, c.link?.position]).toEqual([1, 2]);
  });

  it('does not link unrelated types, untyped alerts, or calls outside the window', () => {
    const plan = planned([
      job({ phone: '13800000002' }),
      job({ phone: '13800000002', typeCode: 'CT-THEFT' }),
      job({ phone: '13800000002', typeCode: null }),
    ]);
    expect(plan.alerts.map((x) => x.accepted.status)).toEqual(['new', 'new', 'new']);
    const found = [{ incidentId: 'i-old', firstAlertId: 'a-old', typeCode: 'CM-NOISE', phone: '13800000003', buildingKey: null, lat: null, lng: null, reportedAt: new Date('2026-11-28T07:00:00Z') }];
    expect(planned([job({ phone: '13800000003' })], found).alerts[0].accepted.status).toBe('new'); // 3 h before, window 2 h
    expect(planned([job({ phone: '13800000003', reportedAt: '2026-11-28T08:30:00.000Z' })], found).alerts[0].accepted).toMatchObject({ status: 'linked', incidentId: 'i-old' });
  });

  it('locks what a concurrent call about the same matter would share, and nothing for an untyped alert', () => {
    const t = traitsOf(job({ phone: '13800000004', lat: 36.07, lng: 120.38 }), 120, 100);
    expect(lockKeys(t, 'JM-G001')).toEqual([expect.stringMatching(/^intake:phone:13800000004:/), expect.stringMatching(/^intake:grid:JM-G001:/)]);
    expect(lockKeys(traitsOf(job({ phone: '1', typeCode: null }), 120, 100), 'JM-G001')).toEqual([]);
  });
});
