import { shiftsOf } from '../dispatch.config.ts';
import { addDays, daysBetween, isDay, localMoment, shiftAt, shiftSlots, shiftSpan, zonedIso } from './roster.time.ts';

const slots = shiftSlots(shiftsOf('day=08:00-20:00,night=20:00-08:00'));

describe('roster days and shifts', () => {
  it('takes real calendar dates only', () => {
    expect(['2031-03-03', '2032-02-29', '1970-01-01'].every(isDay)).toBe(true);
    expect(['2031-02-29', '2031-13-01', '2031-3-3', '03/03/2031', '', 42, null].some(isDay)).toBe(false);
    expect(addDays('2031-02-28', 1)).toBe('2031-03-01');
    expect(addDays('2031-03-01', -1)).toBe('2031-02-28');
    expect(daysBetween('2031-03-01', '2031-03-07')).toBe(7);
  });

  it('puts a moment after midnight in the previous day\'s night shift, in the station\'s zone', () => {
    const tz = 'Asia/Shanghai';
    const at = (iso: string) => shiftAt(slots, new Date(iso), tz);
    expect(at('2031-03-03T10:00:00+08:00')).toMatchObject({ day: '2031-03-03', slot: { name: 'day' } });
    expect(at('2031-03-03T08:00:00+08:00')).toMatchObject({ day: '2031-03-03', slot: { name: 'day' } });
    expect(at('2031-03-03T07:59:59+08:00')).toMatchObject({ day: '2031-03-02', slot: { name: 'night' } });
    expect(at('2031-03-03T20:00:00+08:00')).toMatchObject({ day: '2031-03-03', slot: { name: 'night' } });
    expect(at('2031-03-04T02:00:00+08:00')).toMatchObject({ day: '2031-03-03', slot: { name: 'night' } });
    expect(at('2031-03-03T23:30:00Z')).toMatchObject({ day: '2031-03-03', slot: { name: 'night' } }); // 07:30 local on the 4th
    expect(localMoment(new Date('2031-03-03T16:00:00Z'), tz)).toEqual({ day: '2031-03-04', minute: 0, offsetMinutes: 480 });
  });

  it('writes a shift\'s start and end in local time with the offset', () => {
    const night = shiftSpan(slots[1], '2031-03-03');
    expect([zonedIso(night.start, 'Asia/Shanghai'), zonedIso(night.end, 'Asia/Shanghai')]).toEqual(['2031-03-03T20:00:00+08:00', '2031-03-04T08:00:00+08:00']);
    expect(zonedIso(shiftSpan(slots[0], '2031-07-01').start, 'Europe/Berlin')).toBe('2031-07-01T08:00:00+02:00');
    expect(new Date(zonedIso(night.start, 'Asia/Shanghai')).toISOString()).toBe('2031-03-03T12:00:00.000Z');
  });

  it('tells day shifts (full staffing) from night shifts', () => {
    expect(slots.map((s) => [s.name, s.daytime, s.label])).toEqual([
      ['day', true, '08:00-20:00'],
      ['night', false, '20:00-08:00'],
    ]);
    expect(shiftSlots(shiftsOf('all=08:00-08:00')).map((s) => s.daytime)).toEqual([true]);
  });
});
