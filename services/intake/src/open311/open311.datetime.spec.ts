import { parseW3cDateTime, toW3cDateTime } from './open311.datetime.ts';

describe('Open311 datetimes', () => {
  it('writes W3C datetimes in station time with the +08:00 offset', () => {
    expect(toW3cDateTime('2024-05-01T00:15:30.123Z')).toBe('2024-05-01T08:15:30+08:00');
    expect(toW3cDateTime('2024-12-31T20:00:00Z')).toBe('2025-01-01T04:00:00+08:00');
    expect(toW3cDateTime(new Date('2024-05-01T00:00:00Z'), 0)).toBe('2024-05-01T00:00:00Z');
    expect(toW3cDateTime('2024-05-01T12:00:00Z', -330)).toBe('2024-05-01T06:30:00-05:30');
  });

  it('writes nothing for a missing or unreadable time', () => {
    expect(toW3cDateTime(undefined)).toBe('');
    expect(toW3cDateTime('')).toBe('');
    expect(toW3cDateTime('yesterday')).toBe('');
  });

  it('reads W3C datetimes with a timezone', () => {
    expect(parseW3cDateTime('2010-01-01T00:00:00Z')?.toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3cDateTime('2010-01-01T08:00:00+08:00')?.toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3cDateTime('1994-11-05T08:15:30-05:00')?.toISOString()).toBe('1994-11-05T13:15:30.000Z');
    expect(parseW3cDateTime('2010-01-01T08:00+08:00')?.toISOString()).toBe('2010-01-01T00:00:00.000Z');
    expect(parseW3cDateTime('2010-01-01T00:00:00.25Z')?.toISOString()).toBe('2010-01-01T00:00:00.250Z');
    // `+08:00` unencoded in a query string arrives as ` 08:00`
    expect(parseW3cDateTime('2010-01-01T08:00:00 08:00')?.toISOString()).toBe('2010-01-01T00:00:00.000Z');
  });

  it.each(['2010-01-01', '2010-01-01T00:00:00', '2010-02-30T00:00:00Z', '2010-01-01T24:00:00Z', '0099-01-01T00:00:00Z', '2010-01-01T00:00:00+15:00', 'now'])(
    'refuses %s',
    (text) => expect(parseW3cDateTime(text)).toBeUndefined(),
  );
});
