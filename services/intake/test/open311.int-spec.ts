import { randomUUID } from 'node:crypto';
import { waitFor } from '@jingwang/testing';
import { startIntake, type IntakeHarness } from './intake.harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake();
});
afterAll(() => h?.close());

const get = async (path: string) => {
  const res = await fetch(`${h.url}/open311/v2/${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};
const postForm = async (path: string, fields: Record<string, string>) => {
  const res = await fetch(`${h.url}/open311/v2/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};
const count = (xml: string, tag: string) => xml.split(`<${tag}>`).length - 1;
const request = (extra: Record<string, string> = {}) => ({
  api_key: 'key-12345-test',
  service_code: 'CM-NOISE',
  description: '楼上每天半夜跳绳，噪音扰民',
  address_string: '南京路20号',
  phone: '13500001111',
  first_name: '伟',
  last_name: '吴',
  ...extra,
});

describe('Open311 GeoReport v2', () => {
  it('lists the 63 alert types as services, in JSON and XML', async () => {
    const json = await get('services.json');
    expect(json.type).toContain('application/json');
    const services = JSON.parse(json.text) as { service_code: string; group: string; metadata: boolean; type: string }[];
    expect(services).toHaveLength(63);
    expect(services.filter((s) => s.group === 'case-team')).toHaveLength(37);
    expect(services[0]).toMatchObject({ metadata: false, type: 'realtime' });
    const xml = await get('services.xml');
    expect(xml.type).toContain('text/xml');
    expect(xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services>') || xml.text.startsWith('<?xml version="1.0" encoding="utf-8"?><services>')).toBe(true);
    expect(count(xml.text, 'service')).toBe(63);
    const def = JSON.parse((await get('services/CM-NOISE.json')).text);
    expect(def).toEqual({ service_code: 'CM-NOISE', attributes: [] });
    const missing = await get('services/NOPE.xml');
    expect(missing.status).toBe(404);
    expect(missing.text).toMatch(/<errors><error><code>404<\/code><description>[^<]+<\/description><\/error><\/errors>/);
  });

  it('takes a form-encoded request, shows it, links a repeat, and closes it when dispatch resolves it', async () => {
    const created = await postForm('requests.json', request({ 'attribute[external_id]': '12345-2026-000123' }));
    expect(created.status).toBe(200);
    const [{ service_request_id: id }] = JSON.parse(created.text) as { service_request_id: string }[];
    const again = await postForm('requests.json', request({ 'attribute[external_id]': '12345-2026-000123' }));
    expect(JSON.parse(again.text)[0].service_request_id).toBe(id); // idempotent by the hotline's own reference

    const [shown] = JSON.parse((await get(`requests/${id}.json`)).text) as Record<string, unknown>[];
    expect(shown).toMatchObject({ service_request_id: id, status: 'open', service_code: 'CM-NOISE', agency_responsible: expect.stringContaining('社区警务队'), address: '南京路20号' });
    expect(Date.parse(shown.expected_datetime as string)).toBeGreaterThan(Date.parse(shown.requested_datetime as string));

    const repeat = await postForm('requests.xml', request({ description: '又在跳绳' }));
    expect(repeat.status).toBe(200);
    const repeatId = /<service_request_id>([^<]+)<\/service_request_id>/.exec(repeat.text)![1];
    const repeatXml = (await get(`requests/${repeatId}.xml`)).text;
    expect(repeatXml).toContain(`repeat of request ${id}`);
    expect(count(repeatXml, 'request')).toBe(1);

    const incident = ((await (await fetch(`${h.url}/v1/alerts/${id}`)).json()) as { incidentId: string }).incidentId;
    await h.publish('dispatch.incident.resolved.v1', { incidentId: incident, resolvedAt: new Date().toISOString() });
    await waitFor('the request to close', async () => JSON.parse((await get(`requests.json?service_request_id=${id},${repeatId}`)).text).every((r: { status: string }) => r.status === 'closed'));
    const open = JSON.parse((await get('requests.json?status=open&service_code=CM-NOISE')).text) as { service_request_id: string }[];
    expect(open.map((r) => r.service_request_id)).not.toContain(id);
  });

  it('takes a JSON request too', async () => {
    const res = await fetch(`${h.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...request({ phone: '13500002222', service_code: 'CM-PARKING', description: '车位被占了' }), lat: 36.0705, long: 120.3855 }) });
    expect(res.status).toBe(200);
  });

  it('answers errors as the specification shows them, in the requested format', async () => {
    // The key is checked first: 401 without it, the spec's 403 with a wrong one, both naming api_key (the field the client sent).
    const noKey = await postForm('requests.json', { ...request(), api_key: '' });
    expect(noKey.status).toBe(401);
    expect(JSON.parse(noKey.text)[0]).toMatchObject({ code: 401, description: expect.stringContaining('api_key: missing') });
    const wrongKey = await postForm('requests.xml', request({ api_key: 'key-110-test' }));
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.text).toContain('<errors><error><code>403</code><description>AUTH.INVALID_API_KEY: api_key: ');
    expect(wrongKey.text).not.toContain('X-Channel-Key');
    const badCode = await postForm('requests.json', request({ service_code: 'NOPE' }));
    expect(badCode.status).toBe(400);
    expect(badCode.text).toContain('service_code');
    const tooLong = await get('requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z');
    expect(tooLong.status).toBe(400);
    const badFormat = await get('requests.csv');
    expect(badFormat.status).toBe(400);
    expect(badFormat.text).toContain('<errors>');
    expect((await get('requests/not-an-id.json')).status).toBe(404);
  });
});

describe('Open311 for real clients (FixMyStreet)', () => {
  const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const form = (fields: Record<string, string | string[]>) =>
    Object.entries(fields)
      .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${encodeURIComponent(k)}=${encodeURIComponent(x)}`))
      .join('&');
  const postRaw = async (path: string, fields: Record<string, string | string[]>) => {
    const res = await fetch(`${h.url}/open311/v2/${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(fields) });
    return { status: res.status, text: await res.text() };
  };
  const idOf = (text: string) => (JSON.parse(text) as { service_request_id: string }[])[0].service_request_id;

  it('keeps every photo of a repeated media_url (multi_photos sends one field per photo)', async () => {
    const urls = ['https://fms.example/photo/77.0.full.jpeg', 'https://fms.example/photo/77.1.full.jpeg', 'https://fms.example/photo/77.2.full.jpeg'];
    const created = await postRaw('requests.json', { ...request({ phone: phone(), service_code: 'CM-PARKING', description: '消防通道被占' }), media_url: urls });
    expect(created.status).toBe(200);
    const id = idOf(created.text);
    const alert = (await (await fetch(`${h.url}/v1/alerts/${id}`)).json()) as { media: { url: string }[] };
    expect(alert.media).toEqual(urls.map((url) => ({ url })));
    expect(JSON.parse((await get(`requests/${id}.json`)).text)[0].media_url).toBe(urls[0]); // the spec's one media_url
  });

  it("makes a POST idempotent by the client's own report id in attribute[fixmystreet_id]", async () => {
    const body = request({ phone: phone(), service_code: 'CM-ENVIRONMENT', description: '垃圾堆在楼道里', 'attribute[fixmystreet_id]': '4521' });
    const first = await postForm('requests.json', body);
    const retry = await postForm('requests.json', body);
    expect(first.status).toBe(200);
    expect(idOf(retry.text)).toBe(idOf(first.text));
    const other = await postForm('requests.json', { ...body, 'attribute[fixmystreet_id]': '4522' });
    expect(idOf(other.text)).not.toBe(idOf(first.text));
    const alert = (await (await fetch(`${h.url}/v1/alerts/${idOf(first.text)}`)).json()) as { externalId: string; attributes: Record<string, unknown> };
    expect(alert).toMatchObject({ externalId: 'fixmystreet_id:4521', attributes: { fixmystreet_id: '4521' } });
  });

  it('answers GET requests with 1,000 ids, commas %-escaped as URI->query_form writes them', async () => {
    const mine = [];
    for (const description of ['路灯不亮', '井盖丢了']) mine.push(idOf((await postForm('requests.json', request({ phone: phone(), service_code: 'CM-PARKING', description }))).text));
    const ids = [...mine, ...Array.from({ length: 997 }, () => randomUUID()), 'not-a-uuid'];
    const res = await fetch(`${h.url}/open311/v2/requests.xml?service_request_id=${ids.map(encodeURIComponent).join('%2C')}&jurisdiction_id=shinan`);
    expect(res.status).toBe(200);
    const found = [...(await res.text()).matchAll(/<service_request_id>([^<]+)<\/service_request_id>/g)].map((m) => m[1]);
    expect(found.sort()).toEqual([...mine].sort());
    const tooMany = await get(`requests.json?service_request_id=${[...ids, randomUUID()].join(',')}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.text).toContain('ask for at most 1000 at a time');
  });
});
