import { timeOrderedId } from './time-ordered-id.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('timeOrderedId', () => {
  it('is a UUID version 7 whose first 48 bits are the milliseconds given', () => {
    const at = Date.UTC(2026, 10, 29, 7, 50, 12, 345);
    const id = timeOrderedId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
    expect(timeOrderedId(0).startsWith('00000000-0000-7')).toBe(true);
    expect(timeOrderedId(2 ** 48 - 1).startsWith('ffffffff-ffff-7')).toBe(true);
  });

  it('sorts by time, and differs within one millisecond (10,000 ids, across pool refills)', () => {
    const at = Date.now();
    const ids = Array.from({ length: 10_000 }, (_, i) => timeOrderedId(at + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => UUID_V7.test(id))).toBe(true);
    const byTime = ids.map((id, i) => [id.slice(0, 13), Math.floor(i / 100)] as const);
    expect(byTime.every(([prefix], i) => i === 0 || prefix >= byTime[i - 1][0])).toBe(true);
    expect([...ids].sort().map((id) => id.slice(0, 13))).toEqual(ids.map((id) => id.slice(0, 13)));
  });
});
