import { alertTypes } from '@jingwang/alert-catalog';
import type { AlertView } from '../alerts/alert.types.ts';
import { CONTENT_TYPES, createdRequest, errors, NOTES, render, serviceDefinition, serviceList, toRequestUpdate, toServiceRequest } from './open311.format.ts';
import type { StoredUpdate } from './request-updates.repository.ts';
import { XML_PROLOG } from './open311.xml.ts';
import { leaves, readXml } from './open311.xml-reader.testing.ts';

const NOW = new Date('2024-05-01T02:00:00Z');

function view(overrides: Partial<AlertView> = {}): AlertView {
  return {
    alertId: 'a-1',
    incidentId: 'i-1',
    status: 'new',
    typeCode: 'CM-NOISE',
    typeConfidence: 0.9,
    gridCode: 'G01',
    policeGridCode: 'PG01',
    communityCode: 'C01',
    needsTriage: false,
    channel: '12345',
    externalId: 'open311-x',
    reportedAt: '2024-05-01T00:15:30.000Z',
    receivedAt: '2024-05-01T00:15:31.000Z',
    description: '楼上邻居半夜蹦迪 <很吵> & "睡不着"',
    caller: { name: '张三', phone: '13800000000' },
    location: { address: '金门路1号', lat: 36.07, lng: 120.38, resolvedBy: 'coordinates' },
    attributes: null,
    media: [{ url: 'https://example.org/1.jpg' }, { url: 'https://example.org/2.jpg' }],
    incidentStatus: 'open',
    incidentRepeatCount: 0,
    incidentUpdatedAt: '2024-05-01T00:20:00.000Z',
    ...overrides,
  };
}

const REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice',
  'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url',
];

describe('Open311 service list and definition', () => {
  it('lists all 63 services as a JSON array', () => {
    const { contentType, body } = render('json', 'services', serviceList());
    expect(contentType).toBe(CONTENT_TYPES.json);
    const list = JSON.parse(body);
    expect(list).toHaveLength(63);
    expect(list[0]).toEqual({ service_code: alertTypes[0].code, service_name: alertTypes[0].nameZh, description: expect.any(String), metadata: false, type: 'realtime', keywords: expect.any(String), group: alertTypes[0].lane });
    expect(serviceList('en')[0].service_name).toBe(alertTypes[0].nameEn);
  });

  it('lists them in XML as <services><service> with the spec element names', () => {
    const { contentType, body } = render('xml', 'services', serviceList());
    expect(contentType).toBe('text/xml; charset=utf-8');
    expect(body.startsWith(`${XML_PROLOG}\n<services><service><service_code>`)).toBe(true);
    const root = readXml(body);
    expect(root.name).toBe('services');
    expect(root.children).toHaveLength(63);
    for (const s of root.children) {
      expect(s.name).toBe('service');
      expect(s.children.map((c) => c.name)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
    }
    const noise = root.children.find((s) => leaves(s).service_code === 'CM-NOISE')!;
    expect(leaves(noise)).toMatchObject({ service_name: '噪音扰民', metadata: 'false', type: 'realtime', group: 'community' });
    expect(leaves(noise).keywords).toMatch(/^噪音,扰民,/);
  });

  it('defines a service with no attributes, and nothing for an unknown code', () => {
    expect(serviceDefinition('CT-THEFT')).toEqual({ service_code: 'CT-THEFT', attributes: [] });
    expect(serviceDefinition('CT-NOPE')).toBeUndefined();
    expect(render('json', 'service_definition', serviceDefinition('CT-THEFT')!).body).toBe('{"service_code":"CT-THEFT","attributes":[]}');
    expect(render('xml', 'service_definition', serviceDefinition('CT-THEFT')!).body).toBe(
      `${XML_PROLOG}\n<service_definition><service_code>CT-THEFT</service_code><attributes></attributes></service_definition>`,
    );
  });
});

describe('Open311 service requests', () => {
  it('maps an alert to every spec field', () => {
    expect(toServiceRequest(view(), NOW)).toEqual({
      service_request_id: 'a-1',
      status: 'open',
      status_notes: '',
      service_name: '噪音扰民',
      service_code: 'CM-NOISE',
      description: '楼上邻居半夜蹦迪 <很吵> & "睡不着"',
      agency_responsible: '社区警务队',
      service_notice: '',
      requested_datetime: '2024-05-01T08:15:30+08:00',
      updated_datetime: '2024-05-01T08:20:00+08:00',
      // CM-NOISE resolves within 72 hours
      expected_datetime: '2024-05-04T08:15:30+08:00',
      address: '金门路1号',
      address_id: '',
      zipcode: '',
      lat: 36.07,
      long: 120.38,
      media_url: 'https://example.org/1.jpg',
    });
    expect(Object.keys(toServiceRequest(view(), NOW))).toEqual(REQUEST_FIELDS);
  });

  it('takes expected_datetime from the type SLA and names the case team', () => {
    const r = toServiceRequest(view({ typeCode: 'CT-THEFT', incidentStatus: 'closed' }), NOW, { locale: 'en' });
    expect(r).toMatchObject({ status: 'closed', service_name: 'Theft', agency_responsible: 'Case team', expected_datetime: '2024-05-02T08:15:30+08:00' });
    expect(toServiceRequest(view({ typeCode: 'CT-THEFT' }), NOW).agency_responsible).toBe('案件队');
  });

  it('notes a repeat call in Chinese and English', () => {
    expect(toServiceRequest(view({ status: 'linked', linkedTo: 'a-0' }), NOW).status_notes).toBe('重复来电, repeat of request a-0');
    expect(toServiceRequest(view({ status: 'linked' }), NOW).status_notes).toBe('重复来电, repeat of an earlier request');
  });

  it('leaves type fields empty and notes triage when no type was found', () => {
    const r = toServiceRequest(view({ typeCode: null, needsTriage: true, media: null, location: { resolvedBy: 'unresolved' } }), NOW);
    expect(r).toMatchObject({ service_code: '', service_name: '', expected_datetime: '', agency_responsible: '勤务指挥室', status_notes: NOTES.triage, address: '', lat: null, long: null, media_url: '' });
    const xml = leaves(readXml(render('xml', 'service_requests', [r]).body).children[0]);
    expect(xml).toMatchObject({ service_code: '', lat: '', long: '', expected_datetime: '' });
  });

  it('notes an open request that is past its expected time', () => {
    const late = new Date('2024-05-04T00:15:31Z');
    expect(toServiceRequest(view({ status: 'linked', linkedTo: 'a-0' }), late).status_notes).toBe(`重复来电, repeat of request a-0; ${NOTES.overdue}`);
    expect(toServiceRequest(view({ incidentStatus: 'closed' }), late).status_notes).toBe('');
  });

  it('renders <service_requests><request> with escaped text and the JSON array', () => {
    const requests = [toServiceRequest(view(), NOW), toServiceRequest(view({ alertId: 'a-2' }), NOW)];
    const { body } = render('xml', 'service_requests', requests);
    expect(body).toContain('<description>楼上邻居半夜蹦迪 &lt;很吵&gt; &amp; &quot;睡不着&quot;</description>');
    const root = readXml(body);
    expect(root.name).toBe('service_requests');
    expect(root.children.map((c) => c.name)).toEqual(['request', 'request']);
    expect(root.children[0].children.map((c) => c.name)).toEqual(REQUEST_FIELDS);
    expect(leaves(root.children[0])).toMatchObject({ description: '楼上邻居半夜蹦迪 <很吵> & "睡不着"', lat: '36.07', long: '120.38', status: 'open' });
    expect(JSON.parse(render('json', 'service_requests', requests).body)).toEqual(requests);
  });

  it('answers a POST with [{service_request_id, service_notice, account_id}]', () => {
    expect(createdRequest({ alertId: 'a-9', status: 'new' })).toEqual({ service_request_id: 'a-9', service_notice: '', account_id: null });
    const linked = createdRequest({ alertId: 'a-9', status: 'linked', linkedTo: 'a-1' }, 'acct-7');
    expect(JSON.parse(render('json', 'service_requests', [linked]).body)).toEqual([{ service_request_id: 'a-9', service_notice: '重复来电, repeat of request a-1', account_id: 'acct-7' }]);
    expect(render('xml', 'service_requests', [createdRequest({ alertId: 'a-9', status: 'new' })]).body).toBe(
      `${XML_PROLOG}\n<service_requests><request><service_request_id>a-9</service_request_id><service_notice></service_notice><account_id></account_id></request></service_requests>`,
    );
  });
});

describe('Open311 service request updates (servicerequestupdates)', () => {
  const stored = (overrides: Partial<StoredUpdate> = {}): StoredUpdate => ({
    updateId: '42',
    alertId: 'a-1',
    source: 'dispatch',
    status: 'open',
    descriptionZh: '民警已到场',
    descriptionEn: 'Officers on scene',
    note: null,
    clientStatus: null,
    media: null,
    updatedAt: new Date('2024-05-01T00:15:30.400Z'),
    ...overrides,
  });

  it('writes every field the extension requires, the time in the station zone to the second', () => {
    expect(toRequestUpdate(stored())).toEqual({
      update_id: '42',
      service_request_id: 'a-1',
      status: 'open',
      updated_datetime: '2024-05-01T08:15:30+08:00',
      description: '民警已到场 / Officers on scene',
      media_url: '',
    });
  });

  it("adds the officer's note; shows a client's comment as written", () => {
    expect(toRequestUpdate(stored({ status: 'closed', descriptionZh: '已处理完毕（现场解决）', descriptionEn: 'Resolved on site', note: '双方已和解' })).description).toBe(
      "已处理完毕（现场解决） / Resolved on site. 民警备注 / Officer's note: 双方已和解",
    );
    const client = stored({ source: 'client', descriptionZh: null, descriptionEn: null, note: '还是很吵', media: [{ url: 'https://fms.example/c/1.jpeg' }, { url: 'https://fms.example/c/2.jpeg' }] });
    expect(toRequestUpdate(client)).toMatchObject({ description: '还是很吵', media_url: 'https://fms.example/c/1.jpeg' });
    expect(toRequestUpdate(stored({ source: 'client', note: '', clientStatus: 'FIXED' })).description).toBe('客户端更新 / Update from the client (FIXED)');
  });

  it('renders <service_request_updates><request_update> in XML and a bare array in JSON', () => {
    const updates = [toRequestUpdate(stored()), toRequestUpdate(stored({ updateId: '43', note: '<b>&' }))];
    const root = readXml(render('xml', 'service_request_updates', updates).body);
    expect(root.name).toBe('service_request_updates');
    expect(root.children.map((c) => c.name)).toEqual(['request_update', 'request_update']);
    expect(root.children[0].children.map((c) => c.name)).toEqual(['update_id', 'service_request_id', 'status', 'updated_datetime', 'description', 'media_url']);
    expect(leaves(root.children[1]).description).toBe("民警已到场 / Officers on scene. 民警备注 / Officer's note: <b>&");
    expect(JSON.parse(render('json', 'service_request_updates', updates).body)).toEqual(updates);
    expect(render('xml', 'service_request_updates', [{ update_id: '7' }]).body).toBe(
      `${XML_PROLOG}\n<service_request_updates><request_update><update_id>7</update_id></request_update></service_request_updates>`,
    );
  });
});

describe('Open311 errors', () => {
  it('renders <errors><error><code><description> and the JSON array', () => {
    const list = errors([{ code: 400, description: 'service_code: "<x>" & more' }, { code: 403, description: '无效的 api_key' }]);
    expect(render('xml', 'errors', list).body).toBe(
      `${XML_PROLOG}\n<errors><error><code>400</code><description>service_code: &quot;&lt;x&gt;&quot; &amp; more</description></error>` +
        '<error><code>403</code><description>无效的 api_key</description></error></errors>',
    );
    expect(JSON.parse(render('json', 'errors', list).body)).toEqual([
      { code: 400, description: 'service_code: "<x>" & more' },
      { code: 403, description: '无效的 api_key' },
    ]);
  });
});
