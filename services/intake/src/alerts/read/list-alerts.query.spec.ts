import { decodeCursor, encodeCursor } from './list-alerts.query.ts';

describe('cursor', () => {
  it('round-trips and refuses what it did not make', () => {
    const c = encodeCursor('2026-11-28T10:00:00.000Z', '3f1c3a8e-4a4b-4c3d-9e0f-0a1b2c3d4e5f');
    expect(decodeCursor(c)).toEqual({ receivedAt: '2026-11-28T10:00:00.000Z', id: '3f1c3a8e-4a4b-4c3d-9e0f-0a1b2c3d4e5f' });
    expect(() => decodeCursor('garbage')).toThrow('cursor');
  });
});

describe('a crafted cursor', () => {
  const crafted = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const id = '3f1c3a8e-4a4b-4c3d-9e0f-0a1b2c3d4e5f';
  it.each([
    ['a malformed UUID', ['2026-11-28T10:00:00.000Z', '------------------------------------']],
    ['a UUID with other characters', ['2026-11-28T10:00:00.000Z', 'zf1c3a8e-4a4b-4c3d-9e0f-0a1b2c3d4e5f']],
    ['a timestamp Postgres would refuse (year 0)', ['0000-01-01T00:00:00.000Z', id]],
    ['an impossible date', ['2026-02-30T10:00:00.000Z', id]],
    ['a bare number as the time', ['1', id]],
    ['a week date', ['2026-W01-1', id]],
    ['a NUL in the time', ['2026-11-28T10:00:00.000Z\u0000', id]],
    ['other types', [1, 2]],
    ['more than two items', ['2026-11-28T10:00:00.000Z', id, 'x']],
    ['an object', { receivedAt: '2026-11-28T10:00:00.000Z', id }],
  ])('with %s is refused as a 400 naming the cursor, before SQL', (_, value) => {
    expect(() => decodeCursor(crafted(value))).toThrow(expect.objectContaining({ code: 'REQUEST.INVALID', status: 400, message: expect.stringContaining('cursor') }));
  });
});
