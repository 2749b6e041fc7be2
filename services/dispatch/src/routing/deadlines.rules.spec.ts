import { alertTypes, PRIORITY_SLA } from '@jingwang/alert-catalog';
import { deadlinesFor } from './deadlines.rules.ts';

describe('deadlinesFor', () => {
  const received = '2026-12-03T10:00:00.000Z';
  const assigned = new Date('2026-12-03T10:00:02.000Z');

  it.each(alertTypes.map((t) => [t.code, t.priority, t.sla.resolveHours] as const))('%s: accept and arrive by its priority from the assignment, resolve by its type from the call', (code, priority, hours) => {
    const d = deadlinesFor(code, priority, assigned, received);
    expect(Date.parse(d.acceptBy) - assigned.getTime()).toBe(PRIORITY_SLA[priority].acceptMinutes * 60_000);
    expect(Date.parse(d.arriveBy) - assigned.getTime()).toBe(PRIORITY_SLA[priority].arriveMinutes * 60_000);
    expect(Date.parse(d.resolveBy) - Date.parse(received)).toBe(hours * 3_600_000);
  });

  it('gives people sent later their own accept and arrive time, but never more time to resolve', () => {
    const later = new Date('2026-12-03T13:00:00.000Z');
    const first = deadlinesFor('CM-NOISE', 3, assigned, received);
    const again = deadlinesFor('CM-NOISE', 3, later, received);
    expect(Date.parse(again.acceptBy)).toBeGreaterThan(Date.parse(first.acceptBy));
    expect(again.resolveBy).toBe(first.resolveBy);
  });

  it('shortens accept and arrive when a repeat call raised the priority', () => {
    const p3 = deadlinesFor('CM-NOISE', 3, assigned, received);
    const p2 = deadlinesFor('CM-NOISE', 2, assigned, received);
    expect(Date.parse(p2.arriveBy)).toBeLessThan(Date.parse(p3.arriveBy));
  });
});
