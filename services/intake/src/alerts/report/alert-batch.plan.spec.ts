import { distanceMetres } from '@jingwang/district';
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
    const keys = lockKeys(traitsOf(job({ phone: '13800000004', lat: 36.07, lng: 120.38 }), 120, 100));
    expect(keys[0]).toMatch(/^intake:phone:13800000004:/);
    expect(keys.slice(1).length).toBeGreaterThanOrEqual(1);
    expect(keys.slice(1).length).toBeLessThanOrEqual(4);
    for (const k of keys.slice(1)) expect(k).toMatch(/^intake:place:-?\d+:-?\d+:/);
    expect(lockKeys(traitsOf(job({ phone: '1', typeCode: null }), 120, 100))).toEqual([]);
  });

  it('gives two calls within the radius of each other a place lock in common, whichever grid or cell each lies in', () => {
    const placeKeys = (lat: number, lng: number, radius: number) => new Set(lockKeys(traitsOf(job({ lat, lng }), 120, radius)).filter((k) => k.startsWith('intake:place:')));
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let i = 0; i < 5000; i++) {
      const radius = [50, 100, 300][i % 3];
      const a = { lat: 18 + random() * 30, lng: 100 + random() * 25 };
      // Another point at most `radius` away, in any direction.
      const d = random() * radius;
      const bearing = random() * 2 * Math.PI;
      const b = { lat: a.lat + (d * Math.cos(bearing)) / 111_320, lng: a.lng + (d * Math.sin(bearing)) / (111_320 * Math.cos((a.lat * Math.PI) / 180)) };
      if (distanceMetres(a, b) > radius) continue;
      const [ka, kb] = [placeKeys(a.lat, a.lng, radius), placeKeys(b.lat, b.lng, radius)];
      expect([i, [...ka].some((k) => kb.has(k))]).toEqual([i, true]);
    }
    // Points far apart share none: they do not wait on each other.
    const [far1, far2] = [placeKeys(36.07, 120.38, 100), placeKeys(36.08, 120.38, 100)];
    expect([...far1].some((k) => far2.has(k))).toBe(false);
  });
});
