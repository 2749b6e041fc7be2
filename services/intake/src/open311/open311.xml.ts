// A small XML writer for the GeoReport v2 documents: plain objects and arrays in, compact UTF-8
// XML out. No attributes, namespaces or mixed content: the spec uses none.

export const XML_PROLOG = '<?xml version="1.0" encoding="utf-8"?>';

/** Element names of list items: the spec's pairs first, then a plain English fallback. */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  // mySociety's servicerequestupdates extension, as FixMyStreet's XML::Simple GroupTags read it.
  service_request_updates: 'request_update',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
};

// An ASCII subset of XML's Name production: enough for every spec element, and a key outside it
// is a programming error, not something to escape.
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

// Characters XML 1.0 forbids anywhere (controls, lone surrogates, U+FFFE/U+FFFF). A caller's text
// can carry them (pasted from a phone); dropping them keeps the document well formed.
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export function itemName(listName: string): string {
  if (ITEM_NAMES[listName]) return ITEM_NAMES[listName];
  if (listName.endsWith('ies')) return `${listName.slice(0, -3)}y`;
  if (listName.endsWith('s') && listName.length > 1) return listName.slice(0, -1);
  return 'item';
}

/**
 * The document `<?xml …?><root>…</root>`. An array value becomes one item element per entry
 * (`services` -> `<service>`); an object becomes one child element per key, in key order.
 */
export function toXmlDocument(root: string, value: unknown): string {
  return `${XML_PROLOG}\n${element(root, value)}`;
}

/**
 * null and undefined render as an empty element (`<account_id></account_id>`), as in the spec's
 * examples: every request carries the same elements, so clients need not test for presence.
 */
function element(name: string, value: unknown): string {
  if (!NAME.test(name)) throw new Error(`not a valid XML element name: ${JSON.stringify(name)}`);
  return `<${name}>${content(name, value)}</${name}>`;
}

function content(name: string, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    // A list of plain values (keywords) stays one comma-separated text, like the spec's keywords.
    if (value.every(isScalar)) return escapeXml(value.map(scalarText).join(','));
    const item = itemName(name);
    return value.map((v) => element(item, v)).join('');
  }
  if (isScalar(value)) return escapeXml(scalarText(value));
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => element(key, v))
      .join('');
  }
  throw new Error(`cannot write a ${typeof value} as XML (element <${name}>)`);
}

type Scalar = string | number | boolean | bigint | Date | null | undefined;

function isScalar(value: unknown): value is Scalar {
  return value === null || value === undefined || value instanceof Date || ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
}

function scalarText(value: Scalar): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  // NaN and Infinity have no XML Schema-free meaning; JSON.stringify writes them as null too.
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  return String(value);
}
