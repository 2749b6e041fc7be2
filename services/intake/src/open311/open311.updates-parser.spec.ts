import type { ParseFailure } from './open311.request-parser.ts';
import { CLIENT_STATUSES, parsePostUpdate, parseUpdatesQuery, UPDATE_LIMITS } from './open311.updates-parser.ts';

const NOW = new Date('2024-05-01T02:00:00.000Z');
const HOUR = 3_600_000;

function problems(result: { ok: boolean }): string[] {
  expect(result.ok).toBe(false);
  const failure = result as ParseFailure;
  expect(failure.status).toBe(400);
  return failure.errors.map((e) => e.description);
}

describe('parseUpdatesQuery', () => {
  it('defaults to the last 24 hours, and fills a missing end 24 hours from the other', () => {
    expect(parseUpdatesQuery({}, { now: NOW })).toEqual({ ok: true, window: { start: new Date(NOW.getTime() - 24 * HOUR), end: NOW } });
    expect(parseUpdatesQuery({ start_date: '2024-04-30T00:00:00Z' })).toEqual({ ok: true, window: { start: new Date('2024-04-30T00:00:00Z'), end: new Date('2024-05-01T00:00:00Z') } });
    expect(parseUpdatesQuery({ end_date: '2024-04-30T08:00:00+08:00' })).toEqual({ ok: true, window: { start: new Date('2024-04-29T00:00:00Z'), end: new Date('2024-04-30T00:00:00Z') } });
  });

  it("takes FixMyStreet's query: W3C dates in UTC, an empty api_key and a jurisdiction_id", () => {
    // Open311.pm get_service_request_updates: api_key => '' when none is configured.
    const q = { api_key: '', jurisdiction_id: 'shinan', start_date: '2024-05-01T00:00:00Z', end_date: '2024-05-01T02:00:00Z' };
    expect(parseUpdatesQuery(q)).toEqual({ ok: true, window: { start: new Date('2024-05-01T00:00:00Z'), end: NOW } });
  });

  it('refuses a span over 7 days, an end before the start and a date that is not W3C, saying so', () => {
    expect(problems(parseUpdatesQuery({ start_date: '2024-04-01T00:00:00Z', end_date: '2024-04-09T00:00:00Z' }))).toEqual([
      `end_date: 8 days after start_date; ask for at most ${UPDATE_LIMITS.maxDays} days of updates at a time`,
    ]);
    expect(parseUpdatesQuery({ start_date: '2024-04-01T00:00:00Z', end_date: '2024-04-08T00:00:00Z' }).ok).toBe(true);
    expect(problems(parseUpdatesQuery({ start_date: '2024-04-02T00:00:00Z', end_date: '2024-04-01T00:00:00Z' }))).toEqual(['end_date: not after start_date; send an end_date later than start_date']);
    expect(problems(parseUpdatesQuery({ start_date: 'yesterday', end_date: '2024-04-01' }))).toEqual([
      'start_date: "yesterday" is not a W3C datetime with timezone; send e.g. 2024-05-01T00:00:00+08:00',
      'end_date: "2024-04-01" is not a W3C datetime with timezone; send e.g. 2024-05-01T00:00:00+08:00',
    ]);
  });
});

describe('parsePostUpdate', () => {
  // The fields of Open311.pm _populate_service_request_update_params.
  const fms = {
    api_key: 'k',
    service_request_id: '6f1c2a52-0000-4000-8000-000000000001',
    update_id: '8812',
    updated_datetime: '2024-05-01T10:15:30+01:00',
    status: 'OPEN',
    description: '还是很吵',
    first_name: 'Wei',
    last_name: 'Li',
    email: 'li@example.org',
    phone: '13800000000',
  };

  it('reads a FixMyStreet comment', () => {
    expect(parsePostUpdate(fms, { now: NOW })).toEqual({
      ok: true,
      update: {
        serviceRequestId: fms.service_request_id,
        clientUpdateId: '8812',
        clientStatus: 'OPEN',
        note: '还是很吵',
        changedAt: new Date('2024-05-01T09:15:30Z'),
        author: { first_name: 'Wei', last_name: 'Li', phone: '13800000000', email: 'li@example.org' },
      },
    });
  });

  it('is lenient where FixMyStreet is loose: no zone, last_name "-", an empty description, many photos', () => {
    const loose = parsePostUpdate({ ...fms, updated_datetime: '2024-05-01T10:15:30', last_name: '-', description: '', status: 'fixed', media_url: ['https://fms.example/c/1.jpeg', 'https://fms.example/c/2.jpeg'] }, { now: NOW });
    expect(loose).toMatchObject({
      ok: true,
      update: { changedAt: new Date('2024-05-01T02:15:30Z'), note: '', clientStatus: 'FIXED', author: { first_name: 'Wei' }, media: [{ url: 'https://fms.example/c/1.jpeg' }, { url: 'https://fms.example/c/2.jpeg' }] },
    });
    expect(loose.ok && loose.update.author).not.toHaveProperty('last_name');
    const bare = parsePostUpdate({ service_request_id: 'x', description: '只有文字' }, { now: NOW });
    expect(bare).toEqual({ ok: true, update: { serviceRequestId: 'x', note: '只有文字', changedAt: NOW } });
    for (const status of CLIENT_STATUSES) expect(parsePostUpdate({ ...fms, status }).ok).toBe(true);
  });

  it('names every wrong field at once', () => {
    expect(problems(parsePostUpdate({ status: 'maybe', updated_datetime: 'soon', email: 'nope', update_id: 'x'.repeat(101) }))).toEqual([
      'service_request_id: missing; send the service_request_id we returned for the request',
      'update_id: 101 characters; shorten it to at most 100',
      `status: "maybe" is not a status we take; send one of ${CLIENT_STATUSES.join(', ')}`,
      'updated_datetime: "soon" is not a W3C datetime; send e.g. 2024-05-01T10:15:30+08:00',
      'description: missing; send the text of the comment, or media_url with photos',
      'email: "nope" is not an email address; send name@example.org or leave it out',
    ]);
    expect(problems(parsePostUpdate({ ...fms, media_url: 'ftp://x', description: undefined }))).toEqual([
      'media_url: "ftp://x" is not an http(s) URL; send the full address of the photo, e.g. https://example.org/photo.jpg',
      'description: missing; send the text of the comment, or media_url with photos',
    ]);
    expect(problems(parsePostUpdate({ ...fms, service_request_id: ['a', 'b'] }))).toEqual(['service_request_id: sent 2 times; send it once']);
  });
});
