import { alertBody, countRows, post, publishedSoFar, startIntake, type IntakeHarness } from './intake.harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake();
});
afterAll(() => h?.close());

const future = () => new Date(Date.now() + 10 * 60_000).toISOString();

/** [case, body or raw text, extra headers, expected status, expected code, field named in the message] */
const cases: [string, unknown, Record<string, string>, number, string, string][] = [
  ['unknown channel', alertBody({ channel: 'fax' }), {}, 400, 'REQUEST.INVALID', 'channel'],
  ['unknown type code', alertBody({ typeCode: 'CT-NOPE' }), {}, 400, 'INTAKE.UNKNOWN_TYPE', 'typeCode'],
  ['malformed type code', alertBody({ typeCode: 'theft' }), {}, 400, 'REQUEST.INVALID', 'typeCode'],
  ['bad phone', alertBody({ caller: { phone: '12345' } }), {}, 400, 'REQUEST.INVALID', 'caller.phone'],
  ['reportedAt in the future', alertBody({ reportedAt: future() }), {}, 400, 'INTAKE.REPORTED_IN_FUTURE', 'reportedAt'],
  ['reportedAt unparseable', alertBody({ reportedAt: 'yesterday' }), {}, 400, 'REQUEST.INVALID', 'reportedAt'],
  ['empty description', alertBody({ description: '' }), {}, 400, 'REQUEST.INVALID', 'description'],
  ['blank description', alertBody({ description: '   ' }), {}, 400, 'REQUEST.INVALID', 'description'],
  ['description over 4000', alertBody({ description: '吵'.repeat(4001) }), {}, 400, 'REQUEST.INVALID', 'description'],
  ['NUL in the description', alertBody({ description: 'a\u0000b' }), {}, 400, 'REQUEST.INVALID', 'description'],
  ['NUL inside attributes', alertBody({ attributes: { note: 'x\u0000' } }), {}, 400, 'REQUEST.INVALID', 'attributes'],
  ['unknown field', alertBody({ priority: 1 }), {}, 400, 'REQUEST.INVALID', 'priority'],
  ['unknown nested field', alertBody({ caller: { phone: '13800138000', age: 40 } }), {}, 400, 'REQUEST.INVALID', 'caller.age'],
  ['missing location', alertBody({ location: undefined }), {}, 400, 'REQUEST.INVALID', 'location'],
  ['lat without lng', alertBody({ location: { lat: 36.07 } }), {}, 400, 'REQUEST.INVALID', 'location.lng'],
  ['unknown grid', alertBody({ location: { gridCode: 'XX-G999' } }), {}, 400, 'INTAKE.UNKNOWN_GRID', 'location.gridCode'],
  ['wrong JSON', '{"channel": "110",', {}, 400, 'REQUEST.INVALID_JSON', 'JSON'],
  ['not an object', '[1,2,3]', {}, 400, 'REQUEST.INVALID', ''],
  ['body over 64 KB', alertBody({ attributes: { blob: 'x'.repeat(70_000) } }), {}, 413, 'REQUEST.TOO_LARGE', ''],
  ['no channel key', alertBody(), { 'x-channel-key': '' }, 401, 'AUTH.MISSING_CHANNEL_KEY', 'X-Channel-Key'],
  ["another channel's key", alertBody({ channel: '110' }), { 'x-channel-key': 'key-12345-test' }, 403, 'AUTH.INVALID_CHANNEL_KEY', 'X-Channel-Key'],
  ['staff channel without actor', alertBody({ channel: 'walk-in' }), { 'x-actor-id': '' }, 400, 'AUTH.MISSING_ACTOR', 'X-Actor-Id'],
];

describe('bad input: a clear 4xx naming the field, and nothing stored or published', () => {
  it.each(cases)('%s', async (_name, body, headers, status, code, field) => {
    const events = (await publishedSoFar(h)).length;
    const before = { alerts: await countRows(h, 'alerts'), incidents: await countRows(h, 'incidents') };
    const res = await post(h, body, headers);
    expect(res.status).toBe(status);
    expect(res.body.error?.code).toBe(code);
    expect(res.body.error?.message).toContain(field);
    expect({ alerts: await countRows(h, 'alerts'), incidents: await countRows(h, 'incidents') }).toEqual(before);
    expect((await publishedSoFar(h)).length).toBe(events + 1); // the second sentinel's event alone
  });

  it('names every field that is wrong, at once', async () => {
    const res = await post(h, alertBody({ channel: 'fax', description: '', caller: { phone: 'x' } }));
    expect((res.body.error?.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['caller.phone', 'channel', 'description']);
  });

  it('answers unsupported media types with 415, never a 500', async () => {
    const res = await fetch(`${h.url}/v1/alerts`, { method: 'POST', headers: { 'content-type': 'text/csv', 'x-channel-key': 'key-110-test' }, body: 'a,b' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
  });
});
