import { escapeXml, itemName, toXmlDocument, XML_PROLOG } from './open311.xml.ts';
import { leaves, readXml } from './open311.xml-reader.testing.ts';

describe('Open311 XML writer', () => {
  it('writes the prolog and list items under the spec names', () => {
    expect(toXmlDocument('services', [{ service_code: 'A' }, { service_code: 'B' }])).toBe(
      `${XML_PROLOG}\n<services><service><service_code>A</service_code></service><service><service_code>B</service_code></service></services>`,
    );
    expect(itemName('service_requests')).toBe('request');
    expect(itemName('errors')).toBe('error');
    expect(itemName('attributes')).toBe('attribute');
    expect(itemName('values')).toBe('value');
    expect(itemName('categories')).toBe('category');
    expect(itemName('staff')).toBe('item');
  });

  it('escapes the five special characters and keeps Chinese text as is', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
    const doc = toXmlDocument('errors', [{ code: 400, description: `楼上<装修> & "噪音" '扰民'` }]);
    expect(doc).toContain('<description>楼上&lt;装修&gt; &amp; &quot;噪音&quot; &apos;扰民&apos;</description>');
    expect(readXml(doc).children[0].children[1].text).toBe(`楼上<装修> & "噪音" '扰民'`);
  });

  it('drops characters XML 1.0 forbids, keeping tabs, newlines and astral characters', () => {
    expect(escapeXml('a\u0000b\u0007c\td\ne\r\uFFFEf\uD800g😀')).toBe('abc\td\ne\rfg😀');
    readXml(toXmlDocument('errors', [{ code: 1, description: 'bad\u0001 text\uDC00' }]));
  });

  it('renders null and undefined as empty elements, numbers and booleans as text', () => {
    const doc = toXmlDocument('service_requests', [{ service_request_id: 'x', account_id: null, notice: undefined, lat: 36.07, metadata: false, n: Number.NaN }]);
    expect(doc).toContain('<account_id></account_id><notice></notice><lat>36.07</lat><metadata>false</metadata><n></n>');
    expect(leaves(readXml(doc).children[0])).toEqual({ service_request_id: 'x', account_id: '', notice: '', lat: '36.07', metadata: 'false', n: '' });
  });

  it('joins lists of plain values with commas and nests lists of objects', () => {
    const doc = toXmlDocument('service_definition', {
      service_code: 'CM-NOISE',
      keywords: ['噪音', '扰民'],
      attributes: [{ code: 'floor', values: [{ key: 1, name: '一楼' }] }],
    });
    expect(doc).toBe(
      `${XML_PROLOG}\n<service_definition><service_code>CM-NOISE</service_code><keywords>噪音,扰民</keywords>` +
        '<attributes><attribute><code>floor</code><values><value><key>1</key><name>一楼</name></value></values></attribute></attributes></service_definition>',
    );
    expect(toXmlDocument('service_definition', { service_code: 'X', attributes: [] })).toContain('<attributes></attributes>');
    expect(toXmlDocument('services', [])).toBe(`${XML_PROLOG}\n<services></services>`);
  });

  it('refuses keys that are not element names instead of writing broken XML', () => {
    expect(() => toXmlDocument('errors', [{ 'bad key': 1 }])).toThrow('not a valid XML element name');
    expect(() => toXmlDocument('errors', [{ '1st': 1 }])).toThrow('not a valid XML element name');
    expect(() => toXmlDocument('errors', [{ f: () => 1 }])).toThrow('cannot write a function');
  });
});
