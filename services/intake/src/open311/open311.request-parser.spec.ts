import { LIMITS, parseFormat, parsePostRequest, parseRequestQuery, type ParseFailure } from './open311.request-parser.ts';

const NOW = new Date('2024-05-01T02:00:00.000Z');
const options = { now: NOW, newId: () => 'fixed-uuid' };
const valid = { api_key: 'k-1', service_code: 'CM-NOISE', lat: '36.07', long: '120.38', description: '楼上噪音' };

function problems(result: ReturnType<typeof parsePostRequest> | ReturnType<typeof parseRequestQuery> | ReturnType<typeof parseFormat>): string[] {
  expect(result.ok).toBe(false);
  const failure = result as ParseFailure;
  expect(failure.status).toBe(400);
  for (const e of failure.errors) expect(e.code).toBe(400);
  return failure.errors.map((e) => e.description);
}

describe('parsePostRequest', () => {
  it('maps a form-encoded FixMyStreet-style body with attribute[...] fields', () => {
    const result = parsePostRequest(
      {
        api_key: 'k-1',
        jurisdiction_id: 'qingdao.gov.cn',
        service_code: 'CT-THEFT',
        lat: '36.0671',
        long: '120.3826',
        address_string: '金门路 1 号',
        email: 'li@example.org',
        device_id: 'dev-9',
        account_id: 'acct-3',
        first_name: 'Wei',
        last_name: 'Li',
        phone: '+86 138 0000 0000',
        description: '  My bike was stolen  ',
        media_url: 'https://example.org/photo.jpg',
        'attribute[floor]': '3',
        'attribute[items][]': ['bike', 'lock'],
        'attribute[external_id]': 'fms-123',
      },
      options,
    );
    expect(result).toEqual({
      ok: true,
      input: {
        channel: '12345',
        externalId: 'fms-123',
        reportedAt: '2024-05-01T02:00:00.000Z',
        typeCode: 'CT-THEFT',
        description: 'My bike was stolen',
        location: { lat: 36.0671, lng: 120.3826, address: '金门路 1 号' },
        caller: { name: 'Wei Li', phone: '+86 138 0000 0000' },
        attributes: { floor: '3', items: ['bike', 'lock'], email: 'li@example.org', device_id: 'dev-9', account_id: 'acct-3' },
        media: [{ url: 'https://example.org/photo.jpg' }],
      },
    });
  });

  it('maps a JSON body with a nested attribute object; no external_id -> open311-<uuid>', () => {
    const result = parsePostRequest(
      { ...valid, lat: 36.07, long: 120.38, first_name: '三', last_name: '张', attribute: { floor: 3, noisy: true, kinds: ['music', 'dance'] } },
      options,
    );
    expect(result).toEqual({
      ok: true,
      input: {
        channel: '12345',
        externalId: 'open311-fixed-uuid',
        reportedAt: NOW.toISOString(),
        typeCode: 'CM-NOISE',
        description: '楼上噪音',
        location: { lat: 36.07, lng: 120.38 },
        caller: { name: '张三' },
        attributes: { floor: 3, noisy: true, kinds: ['music', 'dance'] },
      },
    });
  });

  it('makes a fresh externalId per request when none is given', () => {
    const a = parsePostRequest(valid);
    const b = parsePostRequest(valid);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(a.input.externalId).toMatch(/^open311-[0-9a-f-]{36}$/);
      expect(a.input.externalId).not.toBe(b.input.externalId);
    }
  });

  it('accepts an address or an address_id instead of coordinates, and ignores blank fields', () => {
    const byAddress = parsePostRequest({ api_key: 'k', service_code: 'CM-NOISE', description: 'd', address_string: '金门路1号', lat: '', long: '' }, options);
    expect(byAddress.ok && byAddress.input.location).toEqual({ address: '金门路1号' });
    const byId = parsePostRequest({ api_key: 'k', service_code: 'CM-NOISE', description: 'd', address_id: 'addr-77', phone: '' }, options);
    expect(byId.ok && byId.input).toMatchObject({ location: {}, attributes: { address_id: 'addr-77' } });
    expect(byId.ok && byId.input.caller).toBeUndefined();
  });

  it('lists every missing required field at once', () => {
    // The api_key is checked before the body (open311.api-key.ts).
    expect(problems(parsePostRequest({}))).toEqual([
      'service_code: missing; choose one of the 63 service codes (GET /open311/v2/services.xml lists them)',
      'description: missing; describe what happened (1-4000 characters)',
      'lat/long: missing; send lat and long (WGS84 decimal degrees), or address_string, or address_id',
    ]);
    expect(problems(parsePostRequest({ ...valid, description: '   ' }))).toEqual([
      'description: missing; describe what happened (1-4000 characters)',
    ]);
  });

  it('refuses a service code outside the catalogue', () => {
    expect(problems(parsePostRequest({ ...valid, service_code: '001' }))).toEqual([
      'service_code: "001" is not one of our service codes; GET /open311/v2/services.xml lists them',
    ]);
  });

  it('limits the description to 4000 characters (counting Chinese characters as one)', () => {
    expect(parsePostRequest({ ...valid, description: '吵'.repeat(LIMITS.description) }).ok).toBe(true);
    expect(problems(parsePostRequest({ ...valid, description: '吵'.repeat(4001) }))).toEqual(['description: 4001 characters; shorten it to at most 4000']);
  });

  it('checks coordinates: numbers, in range, both or neither', () => {
    expect(problems(parsePostRequest({ ...valid, lat: 'north', long: '181' }))).toEqual([
      'lat: "north" is not a latitude; send WGS84 decimal degrees between -90 and 90',
      'long: "181" is not a longitude; send WGS84 decimal degrees between -180 and 180',
    ]);
    expect(problems(parsePostRequest({ ...valid, lat: 91 }))).toEqual(['lat: "91" is not a latitude; send WGS84 decimal degrees between -90 and 90']);
    expect(problems(parsePostRequest({ ...valid, long: undefined }))).toEqual(['long: missing; lat and long go together, send both']);
    expect(problems(parsePostRequest({ ...valid, lat: '', address_string: 'x' }))).toEqual(['lat: missing; lat and long go together, send both']);
    expect(problems(parsePostRequest({ ...valid, lat: '0x10' }))[0]).toMatch(/^lat: "0x10" is not a latitude/);
  });

  it('checks the optional fields', () => {
    expect(
      problems(parsePostRequest({ ...valid, email: 'not-an-email', phone: 'none', media_url: 'ftp://x/y.jpg', first_name: 'x'.repeat(101), description: ['a', 'b'] })),
    ).toEqual([
      'description: sent 2 times; send it once',
      'email: "not-an-email" is not an email address; send name@example.org or leave it out',
      'first_name: 101 characters; shorten it to at most 100',
      'phone: "none" has no digits; send a phone number or leave it out',
      'media_url: "ftp://x/y.jpg" is not an http(s) URL; send the full address of the photo, e.g. https://example.org/photo.jpg',
    ]);
    expect(problems(parsePostRequest({ ...valid, account_id: { id: 1 } }))).toEqual(['account_id: must be text; send a string']);
  });

  it('checks attributes', () => {
    expect(
      problems(
        parsePostRequest({
          ...valid,
          email: 'a@b.cn',
          'attribute[email]': 'c@d.cn',
          'attribute[floor]': '3',
          attribute: { floor: '4', nested: { a: 1 }, empty: [] },
          'attribute[]': 'x',
          'attribute[external_id]': 'has space',
        }),
      ),
    ).toEqual([
      'attribute[]: the code must be 1-100 characters',
      'attribute[floor]: sent twice; send each attribute once',
      'attribute[nested]: must be text, a number, true/false, or a list of those',
      'attribute[empty]: must be text, a number, true/false, or a list of those',
      'attribute[external_id]: must be one id of 1-128 characters without spaces; send your own reference for the report',
      'attribute[email]: also sent as the email field; send it once, as email',
    ]);
    const proto = parsePostRequest(JSON.parse('{"api_key":"k","service_code":"CM-NOISE","address_id":"a","description":"d","attribute":{"__proto__":"x"}}'));
    expect(proto.ok && Object.getOwnPropertyDescriptor(proto.input.attributes, '__proto__')?.value).toBe('x');
    expect(problems(parsePostRequest({ ...valid, attribute: 'floor=3' }))).toEqual(['attribute: must be attribute[code]=value fields, or a JSON object {"code": "value"}']);
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`attribute[a${i}]`, 'v']));
    expect(problems(parsePostRequest({ ...valid, ...many }))).toEqual(['attribute: 51 attributes; send at most 50']);
    expect(problems(parsePostRequest({ ...valid, 'attribute[note]': 'x'.repeat(1001) }))).toEqual(['attribute[note]: a value is longer than 1000 characters; shorten it']);
  });
});

describe('parsePostRequest for real clients', () => {
  it('keeps every media_url: repeated (FixMyStreet multi_photos), as media_url[], or a JSON array', () => {
    const repeated = parsePostRequest({ ...valid, media_url: ['https://fms.example/p/1.0.full.jpeg', 'https://fms.example/p/1.1.full.jpeg'] }, options);
    expect(repeated.ok && repeated.input.media).toEqual([{ url: 'https://fms.example/p/1.0.full.jpeg' }, { url: 'https://fms.example/p/1.1.full.jpeg' }]);
    const bracketed = parsePostRequest({ ...valid, 'media_url[]': ['https://a.example/1.jpg', ' ', 'https://a.example/1.jpg'] }, options);
    expect(bracketed.ok && bracketed.input.media).toEqual([{ url: 'https://a.example/1.jpg' }]);
    expect(problems(parsePostRequest({ ...valid, media_url: ['https://a.example/1.jpg', 'javascript:alert(1)'] }))).toEqual([
      'media_url: "javascript:alert(1)" is not an http(s) URL; send the full address of the photo, e.g. https://example.org/photo.jpg',
    ]);
    const tooMany = Array.from({ length: LIMITS.mediaUrls + 1 }, (_, i) => `https://a.example/${i}.jpg`);
    expect(problems(parsePostRequest({ ...valid, media_url: tooMany }))).toEqual([`media_url: ${LIMITS.mediaUrls + 1} URLs; send at most ${LIMITS.mediaUrls}`]);
  });

  it("takes the client's own report id (attribute[fixmystreet_id]) as the externalId, after external_id", () => {
    const fms = parsePostRequest({ ...valid, 'attribute[fixmystreet_id]': '4521' }, options);
    expect(fms.ok && fms.input).toMatchObject({ externalId: 'fixmystreet_id:4521', attributes: { fixmystreet_id: '4521' } });
    const both = parsePostRequest({ ...valid, 'attribute[fixmystreet_id]': '4521', 'attribute[external_id]': 'hotline-9' }, options);
    expect(both.ok && both.input.externalId).toBe('hotline-9');
    const configured = parsePostRequest({ ...valid, 'attribute[report_ref]': 'R-7', 'attribute[fixmystreet_id]': '1' }, { ...options, clientIdAttributes: ['report_ref'] });
    expect(configured.ok && configured.input.externalId).toBe('report_ref:R-7');
    const none = parsePostRequest({ ...valid, 'attribute[fixmystreet_id]': '1' }, { ...options, clientIdAttributes: [] });
    expect(none.ok && none.input.externalId).toBe('open311-fixed-uuid');
    expect(problems(parsePostRequest({ ...valid, 'attribute[fixmystreet_id]': 'two words' }))).toEqual([
      'attribute[fixmystreet_id]: must be one id of 1-113 characters without spaces; send your own reference for the report',
    ]);
  });
});

describe('parseRequestQuery', () => {
  const days = (n: number) => n * 86_400_000;

  it('defaults to the last 90 days', () => {
    expect(parseRequestQuery({}, { now: NOW })).toEqual({ ok: true, filter: { start: new Date(NOW.getTime() - days(90)).toISOString(), end: NOW.toISOString() } });
  });

  it('reads ids (comma-separated or repeated) and then ignores every other parameter, as the spec says', () => {
    expect(parseRequestQuery({ service_request_id: ['a-1, a-2', 'a-3,a-1'], status: 'bogus', start_date: 'x' })).toEqual({ ok: true, filter: { ids: ['a-1', 'a-2', 'a-3'] } });
    // A client polls with every request it has sent: up to 1,000.
    const many = Array.from({ length: 1001 }, (_, i) => `a-${i}`).join(',');
    expect(problems(parseRequestQuery({ service_request_id: many }))).toEqual(['service_request_id: 1001 ids; ask for at most 1000 at a time']);
    expect(parseRequestQuery({ service_request_id: Array.from({ length: 1000 }, (_, i) => `a-${i}`).join(',') }).ok).toBe(true);
    expect(problems(parseRequestQuery({ service_request_id: ' , ' }))).toEqual(['service_request_id: empty; send one or more ids separated by commas']);
  });

  it('reads service codes and statuses', () => {
    const result = parseRequestQuery({ service_code: 'CM-NOISE,CT-THEFT', status: 'open' }, { now: NOW });
    expect(result.ok && result.filter).toMatchObject({ serviceCodes: ['CM-NOISE', 'CT-THEFT'], status: 'open' });
    const both = parseRequestQuery({ status: 'open,closed' }, { now: NOW });
    expect(both.ok && both.filter.status).toBeUndefined();
    expect(problems(parseRequestQuery({ service_code: 'CM-NOISE,001,002', status: 'pending' }))).toEqual([
      'service_code: "001", "002" not among our service codes; GET /open311/v2/services.xml lists them',
      'status: "pending" unknown; send open, closed or open,closed',
    ]);
  });

  it('reads W3C start and end dates, filling the other end 90 days away', () => {
    expect(parseRequestQuery({ start_date: '2024-01-01T00:00:00+08:00', end_date: '2024-02-01T00:00:00Z' })).toEqual({
      ok: true,
      filter: { start: '2023-12-31T16:00:00.000Z', end: '2024-02-01T00:00:00.000Z' },
    });
    const fromStart = parseRequestQuery({ start_date: '2024-01-01T00:00:00Z' });
    expect(fromStart.ok && fromStart.filter).toEqual({ start: '2024-01-01T00:00:00.000Z', end: new Date(Date.parse('2024-01-01T00:00:00Z') + days(90)).toISOString() });
    const toEnd = parseRequestQuery({ end_date: '2024-04-01T00:00:00Z' });
    expect(toEnd.ok && toEnd.filter).toEqual({ start: new Date(Date.parse('2024-04-01T00:00:00Z') - days(90)).toISOString(), end: '2024-04-01T00:00:00.000Z' });
  });

  it('enforces the 90-day window and end after start', () => {
    expect(parseRequestQuery({ start_date: '2024-01-01T00:00:00Z', end_date: '2024-03-31T00:00:00Z' }).ok).toBe(true); // exactly 90 days
    expect(problems(parseRequestQuery({ start_date: '2024-01-01T00:00:00Z', end_date: '2024-03-31T00:00:01Z' }))).toEqual([
      'end_date: 91 days after start_date; ask for at most 90 days at a time',
    ]);
    expect(problems(parseRequestQuery({ start_date: '2024-01-02T00:00:00Z', end_date: '2024-01-01T00:00:00Z' }))).toEqual([
      'end_date: not after start_date; send an end_date later than start_date',
    ]);
  });

  it('refuses dates that are not W3C datetimes with a timezone, with every other problem', () => {
    expect(problems(parseRequestQuery({ start_date: '2024-01-01', end_date: ['a', 'b'], status: '' }))).toEqual([
      'status: empty; send open, closed or open,closed',
      'start_date: "2024-01-01" is not a W3C datetime with timezone; send e.g. 2024-05-01T00:00:00+08:00',
      'end_date: it is not a W3C datetime with timezone; send e.g. 2024-05-01T00:00:00+08:00',
    ]);
  });
});

describe('parseFormat', () => {
  it.each([
    ['requests.json', 'json', 'requests'],
    ['requests.xml', 'xml', 'requests'],
    ['services.XML', 'xml', 'services'],
    ['/services/CT-THEFT.json', 'json', 'services/CT-THEFT'],
    ['requests/a-1.xml?jurisdiction_id=x', 'xml', 'requests/a-1'],
  ])('%s -> %s', (path, format, resource) => {
    expect(parseFormat(path)).toEqual({ ok: true, format, resource });
  });

  it('refuses other or missing formats', () => {
    expect(problems(parseFormat('requests.html'))).toEqual(['format: ".html" is not supported; use .xml or .json']);
    expect(problems(parseFormat('requests'))).toEqual(['format: "requests" has no format; add .xml or .json, e.g. requests.xml']);
    expect(problems(parseFormat('.json'))).toHaveLength(1);
  });
});
