// GeoReport v2 datetimes: the W3C subset of ISO 8601 with a timezone (Z or ±HH:MM) always present.

/** The station's offset: China Standard Time, UTC+8 all year (no daylight saving). */
export const STATION_UTC_OFFSET_MINUTES = 480;

/**
 * `2024-05-01T08:15:30+08:00`: the instant in the station's local time with its offset, so
 * clients show the time residents know. Seconds precision, as in the spec's examples.
 * Returns '' for a missing or unparseable value rather than inventing a time.
 */
export function toW3cDateTime(value: string | Date | undefined | null, offsetMinutes = STATION_UTC_OFFSET_MINUTES): string {
  if (value === undefined || value === null || value === '') return '';
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) return '';
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const W3C_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses a W3C datetime with a timezone; undefined when it is not one. A `+` that arrived as a
 * space (a client that did not percent-encode `+08:00` in the query string) is read as `+`.
 */
export function parseW3cDateTime(text: string): Date | undefined {
  const m = W3C_DATETIME.exec(text.trim().replace(/ (\d{2}:\d{2})$/, '+$1'));
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone] = m;
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, frac ? Math.round(Number(`0${frac}`) * 1000) : 0);
  const check = new Date(utc);
  // Date.UTC rolls 2024-02-30 over to March (and years 0-99 to 19xx); a real date comes back unchanged.
  if (check.getUTCFullYear() !== +y || check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) return undefined;
  if (zone === 'Z') return check;
  const [zh, zm] = zone.slice(1).split(':').map(Number);
  if (zh > 14 || zm > 59) return undefined;
  const offset = (zone[0] === '-' ? -1 : 1) * (zh * 60 + zm);
  return new Date(utc - offset * 60_000);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
