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
    const noKey = await postForm('requests.json', { ...request(), api_key: '' });
    expect(noKey.status).toBe(400);
    expect(JSON.parse(noKey.text)[0]).toMatchObject({ code: 400, description: expect.stringContaining('api_key') });
    const wrongKey = await postForm('requests.xml', request({ api_key: 'key-110-test' }));
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.text).toContain('<errors><error><code>403</code>');
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
