import type { ShiftSpec } from '../dispatch.config.ts';

/**
 * Roster days and shifts in the station's local time. A shift belongs to the day it starts on:
 * the night shift of 3 March runs from 20:00 on the 3rd to 08:00 on the 4th. Times inside the
 * planner are local wall-clock minutes since 1970-01-01 (no daylight-saving time in China; where a
 * zone has it, rest is counted on the wall clock).
 */

export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;

/** A real calendar date written YYYY-MM-DD (2031-02-30 is not one), between 1970 and 9999. */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY_PATTERN.test(value)) return false;
  const n = Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10)));
  return Number.isFinite(n) && n >= 0 && new Date(n).toISOString().slice(0, 10) === value;
}

/** Days since 1970-01-01. */
export const dayNumber = (day: string): number => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / MS_PER_DAY;
export const dayOfNumber = (n: number): string => new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => dayOfNumber(dayNumber(day) + n);
/** Days from `from` to `to`, both counted. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from) + 1;

export interface ShiftSlot extends ShiftSpec {
  readonly lengthMinutes: number;
  /** Full staffing (every case officer, every community officer); otherwise the night minimum. */
  readonly daytime: boolean;
  readonly label: string;
}

const hhmm = (minute: number) => `${String(Math.floor(minute / 60) % 24).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/**
 * The configured shifts in the order they start. A shift is a day shift when its middle falls
 * between 07:00 and 19:00 or it holds noon; any other is a night shift (the night minimum).
 */
export function shiftSlots(shifts: readonly ShiftSpec[]): ShiftSlot[] {
  return [...shifts]
    .sort((a, b) => a.startMinute - b.startMinute)
    .map((s) => {
      const lengthMinutes = (s.endMinute - s.startMinute + 1440) % 1440 || 1440;
      const middle = (s.startMinute + lengthMinutes / 2) % 1440;
      const holdsNoon = (720 - s.startMinute + 1440) % 1440 < lengthMinutes;
      return { ...s, lengthMinutes, daytime: (middle >= 420 && middle < 1140) || holdsNoon, label: `${hhmm(s.startMinute)}-${hhmm(s.endMinute)}` };
    });
}

/** Start and end of a shift of a day, in local minutes since 1970 (the end may be on the next day). */
export function shiftSpan(slot: ShiftSlot, day: string): { start: number; end: number } {
  const start = dayNumber(day) * 1440 + slot.startMinute;
  return { start, end: start + slot.lengthMinutes };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date and minute of the day of an instant. */
export function localMoment(at: Date, timeZone: string): { day: string; minute: number; offsetMinutes: number } {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(at).map((x) => [x.type, x.value]));
  const day = `${p.year}-${p.month}-${p.day}`;
  const minute = Number(p.hour) * 60 + Number(p.minute);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return { day, minute, offsetMinutes: Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000) };
}

/** The roster day and shift an instant falls in: before 08:00 it is still the previous day's night. */
export function shiftAt(slots: readonly ShiftSlot[], at: Date, timeZone: string): { day: string; slot: ShiftSlot } {
  const { day, minute } = localMoment(at, timeZone);
  const slot = slots.find((s) => (minute - s.startMinute + 1440) % 1440 < s.lengthMinutes)!;
  return { day: minute >= slot.startMinute ? day : addDays(day, -1), slot };
}

/** A local wall-clock time (minutes since 1970) as ISO 8601 with the zone's offset: 2031-03-03T20:00:00+08:00. */
export function zonedIso(localMinutes: number, timeZone: string): string {
  const guess = localMinutes * 60_000;
  let offset = localMoment(new Date(guess), timeZone).offsetMinutes;
  offset = localMoment(new Date(guess - offset * 60_000), timeZone).offsetMinutes;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${new Date(guess).toISOString().slice(0, 19)}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
