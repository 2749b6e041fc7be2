// Reads mySociety's servicerequestupdates extension (GET: the poll's window; POST: a client's
// comment) into intake's terms, every problem at once, each naming its field, as the requests
// parser does. The fields are those FixMyStreet sends (perllib/Open311.pm,
// get_service_request_updates and _populate_service_request_update_params).
import type { ClientNote } from './request-updates.repository.ts';
import { STATION_UTC_OFFSET_MINUTES, parseW3cDateTime } from './open311.datetime.ts';
import { failure, LIMITS, readDate, readMediaUrls, readText, type ParseFailure } from './open311.request-parser.ts';

export const UPDATE_LIMITS = {
  /** Without dates: the last day, as FixMyStreet's backfill asks (its own poll sends the last 2 hours). */
  defaultHours: 24,
  /** A wider window is refused rather than cut, so that the client knows. */
  maxDays: 7,
  /** More updates than this in a window: refused, the client asks for a shorter one. */
  perAnswer: 10_000,
  clientUpdateId: 100,
} as const;

/**
 * Statuses a client may send with a comment: open and closed, and the extended ones FixMyStreet
 * sends when its body has send_extended_statuses (CANCELLED included).
 */
export const CLIENT_STATUSES = [
  'OPEN',
  'CLOSED',
  'FIXED',
  'IN_PROGRESS',
  'ACTION_SCHEDULED',
  'INVESTIGATING',
  'DUPLICATE',
  'NOT_COUNCILS_RESPONSIBILITY',
  'NO_FURTHER_ACTION',
  'INTERNAL_REFERRAL',
  'REOPEN',
  'FOR_TRIAGE',
  'CANCELLED',
] as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface UpdatesWindow {
  start: Date;
  end: Date;
}

export type UpdatesQueryResult = { ok: true; window: UpdatesWindow } | ParseFailure;

/**
 * GET servicerequestupdates: updates written between start_date and end_date, both inclusive.
 * Without dates the last 24 hours; with one date the other is 24 hours away from it.
 * jurisdiction_id and api_key are taken and not needed, as for the other reads.
 */
export function parseUpdatesQuery(query: Record<string, unknown>, options: { now?: Date } = {}): UpdatesQueryResult {
  const problems: string[] = [];
  const start = readDate(query, 'start_date', problems);
  const end = readDate(query, 'end_date', problems);
  if (start === null || end === null) return failure(problems);
  const span = UPDATE_LIMITS.defaultHours * HOUR_MS;
  const to = end ?? (start ? new Date(start.getTime() + span) : (options.now ?? new Date()));
  const from = start ?? new Date(to.getTime() - span);
  if (to.getTime() <= from.getTime()) return failure(['end_date: not after start_date; send an end_date later than start_date']);
  if (to.getTime() - from.getTime() > UPDATE_LIMITS.maxDays * DAY_MS) {
    const days = Math.ceil((to.getTime() - from.getTime()) / DAY_MS);
    return failure([`end_date: ${days} days after start_date; ask for at most ${UPDATE_LIMITS.maxDays} days of updates at a time`]);
  }
  return { ok: true, window: { start: from, end: to } };
}

/** A client's comment on one of its requests, checked: the note to keep, on the request it names. */
export type PostedUpdate = Omit<ClientNote, 'alertId'> & { serviceRequestId: string };

export type PostUpdateResult = { ok: true; update: PostedUpdate } | ParseFailure;

/**
 * POST servicerequestupdates. The api_key is checked before this (open311.api-key.ts). Lenient
 * where FixMyStreet is loose: a datetime without its zone (a floating DateTime) is the station's
 * time, last_name "-" (its placeholder for a missing one) is no name, an empty description is
 * a comment that only sets a status or adds photos.
 */
export function parsePostUpdate(body: Record<string, unknown>, options: { now?: Date } = {}): PostUpdateResult {
  const problems: string[] = [];
  const text = (name: string, max: number) => readText(body, name, max, problems);

  const before = problems.length;
  const serviceRequestId = text('service_request_id', LIMITS.identifier);
  if (serviceRequestId === undefined && problems.length === before) problems.push('service_request_id: missing; send the service_request_id we returned for the request');

  const clientUpdateId = text('update_id', UPDATE_LIMITS.clientUpdateId);

  const rawStatus = text('status', 40);
  const clientStatus = rawStatus?.toUpperCase().replace(/ /g, '_');
  if (clientStatus !== undefined && !(CLIENT_STATUSES as readonly string[]).includes(clientStatus)) {
    problems.push(`status: "${rawStatus}" is not a status we take; send one of ${CLIENT_STATUSES.join(', ')}`);
  }

  const changedAt = readClientTime(body, problems);
  const description = text('description', LIMITS.description);
  const media = readMediaUrls(body, problems);
  // Present but blank is a comment that only sets a status; absent with no photo is nothing at all.
  if ((body.description === undefined || body.description === null) && media.length === 0) problems.push('description: missing; send the text of the comment, or media_url with photos');

  const author: Record<string, string> = {};
  for (const [name, max] of [['first_name', LIMITS.name], ['last_name', LIMITS.name], ['phone', LIMITS.phone], ['account_id', LIMITS.identifier]] as const) {
    const value = text(name, max);
    if (value !== undefined && !(name === 'last_name' && value === '-')) author[name] = value;
  }
  const email = text('email', LIMITS.email);
  if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) problems.push(`email: "${email}" is not an email address; send name@example.org or leave it out`);
  else if (email !== undefined) author.email = email;

  if (problems.length > 0 || serviceRequestId === undefined) return failure(problems);
  return {
    ok: true,
    update: {
      serviceRequestId,
      ...(clientUpdateId !== undefined ? { clientUpdateId } : {}),
      ...(clientStatus !== undefined ? { clientStatus } : {}),
      note: description ?? '',
      changedAt: changedAt ?? options.now ?? new Date(),
      ...(Object.keys(author).length > 0 ? { author } : {}),
      ...(media.length > 0 ? { media: media.map((url) => ({ url })) } : {}),
    },
  };
}

const FLOATING = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function readClientTime(body: Record<string, unknown>, problems: string[]): Date | undefined {
  const raw = readText(body, 'updated_datetime', 40, problems);
  if (raw === undefined) return undefined;
  const zone = `+${String(STATION_UTC_OFFSET_MINUTES / 60).padStart(2, '0')}:00`;
  const date = parseW3cDateTime(raw) ?? (FLOATING.test(raw) ? parseW3cDateTime(`${raw}${zone}`) : undefined);
  if (date === undefined) problems.push(`updated_datetime: "${raw}" is not a W3C datetime; send e.g. 2024-05-01T10:15:30+08:00`);
  return date;
}
