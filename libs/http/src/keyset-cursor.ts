import { DomainError } from './domain.error.ts';

/** Keyset cursor: the last item's (time, id), opaque to clients. */
export const encodeKeysetCursor = (at: string, id: string): string => Buffer.from(JSON.stringify([at, id])).toString('base64url');

/** What `encodeKeysetCursor` writes: a time as `toISOString` gives it (a year Postgres takes), a UUID. */
const CURSOR_TIME = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const invalidCursor = () =>
  new DomainError('REQUEST.INVALID', 'cursor: not a cursor this API returned; pass nextCursor from the previous page unchanged', 400, [{ field: 'cursor', problems: ['invalid cursor'] }]);

/** The cursor's position, or 400: a cursor is checked as strictly as any input before it reaches SQL. */
export function decodeKeysetCursor(cursor: string): { at: string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalidCursor();
  const [at, id] = parsed as unknown[];
  const fits = typeof at === 'string' && typeof id === 'string' && CURSOR_TIME.test(at) && new Date(at).toISOString() === at && UUID.test(id);
  if (!fits) throw invalidCursor();
  return { at, id };
}
