// Reads Open311 GeoReport v2 input (POST requests body, GET requests query, the .json/.xml suffix)
// into intake's terms. Every problem is reported at once, each naming the field and the fix, so a
// client integrator fixes a request in one round.
import { randomUUID } from 'node:crypto';
import { isAlertTypeCode } from '@jingwang/alert-catalog';
import type { AlertInput } from '../alerts/alert.types.ts';
import { parseW3cDateTime } from './open311.datetime.ts';
import type { Format, Open311Error } from './open311.format.ts';

export interface ParseFailure {
  ok: false;
  status: number;
  errors: Open311Error[];
}

/** Open311 reaches the station through the 12345 government service hotline. */
export type Open311AlertInput = Omit<AlertInput, 'channel'> & { channel: '12345' };

export type PostRequestResult = { ok: true; input: Open311AlertInput } | ParseFailure;

export interface RequestFilter {
  ids?: string[];
  serviceCodes?: string[];
  /** ISO 8601 UTC bounds on requested_datetime; both are always set unless `ids` is. */
  start?: string;
  end?: string;
  /** Absent means both. */
  status?: 'open' | 'closed';
}

export type RequestQueryResult = { ok: true; filter: RequestFilter } | ParseFailure;
export type FormatResult = { ok: true; format: Format; resource: string } | ParseFailure;

export const LIMITS = {
  description: 4000,
  addressString: 500,
  identifier: 100,
  name: 100,
  phone: 40,
  email: 254,
  url: 2048,
  attributes: 50,
  attributeValue: 1000,
  externalId: 128,
  /** A client polls with every request it has sent; the ids go to the primary key as one array. */
  idsPerQuery: 1000,
  mediaUrls: 20,
  /** The spec's recommended maximum date range for GET requests, enforced. */
  queryDays: 90,
} as const;

const DAY_MS = 86_400_000;
const SERVICES_HINT = 'GET /open311/v2/services.xml lists them';

// Spec fields that are stored as alert attributes, since AlertInput has no place of their own.
const STORED_AS_ATTRIBUTES = ['email', 'device_id', 'account_id', 'address_id'] as const;

export interface PostRequestOptions {
  now?: Date;
  /** Makes the externalId of a request without attribute[external_id]; tests pass a fixed one. */
  newId?: () => string;
  /** Attributes that hold the client's own report id (INTAKE_OPEN311_CLIENT_ID_ATTRIBUTES); default fixmystreet_id. */
  clientIdAttributes?: readonly string[];
}

export const DEFAULT_CLIENT_ID_ATTRIBUTES: readonly string[] = ['fixmystreet_id'];

/**
 * POST requests.{json|xml}. `body` is form-encoded fields already parsed into a flat object
 * (`attribute[code]`, `attribute[code][]`) or JSON (optionally `attribute: {code: value}`).
 *
 * The api_key is checked before this (open311.api-key.ts).
 *
 * externalId: the client's `attribute[external_id]` when given, else its own report id in one of
 * `clientIdAttributes` (FixMyStreet sends `attribute[fixmystreet_id]`) as `<name>:<id>`, so a
 * retried POST is answered with the first alert (intake deduplicates on channel + externalId).
 * Without either nothing in the body reliably identifies the report (two neighbours may send the
 * same text), so each POST gets `open311-<uuid>` and a retry makes a second alert, which intake
 * then links as a repeat call.
 */
export function parsePostRequest(body: Record<string, unknown>, options: PostRequestOptions = {}): PostRequestResult {
  const problems: string[] = [];
  const text = (name: string, max: number) => readText(body, name, max, problems);

  // A required field that is absent or blank; other faults (too long, repeated) are already said.
  const required = (name: string, max: number, fix: string) => {
    const before = problems.length;
    const value = text(name, max);
    if (value === undefined && problems.length === before) problems.push(`${name}: missing; ${fix}`);
    return value;
  };

  const serviceCode = required('service_code', LIMITS.identifier, `choose one of the 63 service codes (${SERVICES_HINT})`);
  if (serviceCode !== undefined && !isAlertTypeCode(serviceCode)) problems.push(`service_code: "${serviceCode}" is not one of our service codes; ${SERVICES_HINT}`);
  const description = required('description', LIMITS.description, `describe what happened (1-${LIMITS.description} characters)`);

  const lat = readCoordinate(body, 'lat', 90, problems);
  const lng = readCoordinate(body, 'long', 180, problems);
  const address = text('address_string', LIMITS.addressString);
  const addressId = text('address_id', LIMITS.identifier);
  if (present(body.lat) !== present(body.long)) problems.push(`${present(body.lat) ? 'long' : 'lat'}: missing; lat and long go together, send both`);
  else if (!present(body.lat) && !present(body.address_string) && !present(body.address_id)) {
    problems.push('lat/long: missing; send lat and long (WGS84 decimal degrees), or address_string, or address_id');
  }

  const email = text('email', LIMITS.email);
  if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email)) problems.push(`email: "${email}" is not an email address; send name@example.org or leave it out`);
  const deviceId = text('device_id', LIMITS.identifier);
  const accountId = text('account_id', LIMITS.identifier);
  const firstName = text('first_name', LIMITS.name);
  const lastName = text('last_name', LIMITS.name);
  const phone = text('phone', LIMITS.phone);
  if (phone !== undefined && !/\d/.test(phone)) problems.push(`phone: "${phone}" has no digits; send a phone number or leave it out`);

  const mediaUrls = readMediaUrls(body, problems);

  const attributes = readAttributes(body, problems);
  const externalId = takeExternalId(attributes, problems) ?? clientReportId(attributes, options.clientIdAttributes ?? DEFAULT_CLIENT_ID_ATTRIBUTES, problems);
  const spec = { email, device_id: deviceId, account_id: accountId, address_id: addressId };
  for (const name of STORED_AS_ATTRIBUTES) {
    if (spec[name] === undefined) continue;
    if (Object.hasOwn(attributes, name)) problems.push(`attribute[${name}]: also sent as the ${name} field; send it once, as ${name}`);
    else attributes[name] = spec[name];
  }

  if (problems.length > 0 || serviceCode === undefined || description === undefined) return failure(problems);

  const caller = compact({ name: fullName(firstName, lastName), phone });
  const input: Open311AlertInput = {
    channel: '12345',
    externalId: externalId ?? `open311-${(options.newId ?? randomUUID)()}`,
    reportedAt: (options.now ?? new Date()).toISOString(),
    typeCode: serviceCode,
    description,
    location: compact({ lat, lng, address }),
    ...(Object.keys(caller).length > 0 ? { caller } : {}),
    ...(Object.keys(attributes).length > 0 ? { attributes } : {}),
    ...(mediaUrls.length > 0 ? { media: mediaUrls.map((url) => ({ url })) } : {}),
  };
  return { ok: true, input };
}

/**
 * GET requests.{json|xml} query. As the spec says, service_request_id overrides every other
 * parameter. Without dates the window is the last 90 days; with one date the other is 90 days
 * away from it; a wider window is refused rather than cut, so the client knows.
 */
export function parseRequestQuery(query: Record<string, unknown>, options: { now?: Date } = {}): RequestQueryResult {
  const problems: string[] = [];
  const list = (name: string) => readList(query, name, problems);

  const ids = list('service_request_id');
  if (ids !== undefined) {
    if (ids.length === 0) problems.push('service_request_id: empty; send one or more ids separated by commas');
    if (ids.length > LIMITS.idsPerQuery) problems.push(`service_request_id: ${ids.length} ids; ask for at most ${LIMITS.idsPerQuery} at a time`);
    const long = ids.find((id) => id.length > LIMITS.identifier);
    if (long !== undefined) problems.push(`service_request_id: "${long.slice(0, 20)}…" is longer than ${LIMITS.identifier} characters; send the id we returned`);
    return problems.length > 0 ? failure(problems) : { ok: true, filter: { ids } };
  }

  const filter: RequestFilter = {};
  const codes = list('service_code');
  if (codes !== undefined) {
    const unknown = codes.filter((c) => !isAlertTypeCode(c));
    if (codes.length === 0) problems.push('service_code: empty; send one or more service codes separated by commas, or leave it out');
    else if (unknown.length > 0) problems.push(`service_code: ${unknown.map((c) => `"${c}"`).join(', ')} not among our service codes; ${SERVICES_HINT}`);
    else filter.serviceCodes = codes;
  }

  const statuses = list('status')?.map((s) => s.toLowerCase());
  if (statuses !== undefined) {
    const bad = statuses.filter((s) => s !== 'open' && s !== 'closed');
    if (statuses.length === 0 || bad.length > 0) problems.push(`status: ${statuses.length === 0 ? 'empty' : `"${bad.join(',')}" unknown`}; send open, closed or open,closed`);
    else if (new Set(statuses).size === 1) filter.status = statuses[0] as 'open' | 'closed';
  }

  const start = readDate(query, 'start_date', problems);
  const end = readDate(query, 'end_date', problems);
  if (start !== null && end !== null) {
    const now = options.now ?? new Date();
    const to = end ?? (start ? new Date(start.getTime() + LIMITS.queryDays * DAY_MS) : now);
    const from = start ?? new Date(to.getTime() - LIMITS.queryDays * DAY_MS);
    if (to.getTime() <= from.getTime()) problems.push('end_date: not after start_date; send an end_date later than start_date');
    else if (to.getTime() - from.getTime() > LIMITS.queryDays * DAY_MS) {
      problems.push(`end_date: ${Math.ceil((to.getTime() - from.getTime()) / DAY_MS)} days after start_date; ask for at most ${LIMITS.queryDays} days at a time`);
    } else {
      filter.start = from.toISOString();
      filter.end = to.toISOString();
    }
  }

  return problems.length > 0 ? failure(problems) : { ok: true, filter };
}

/**
 * The format suffix of a path: `requests.json` -> json, `services/CT-THEFT.xml` -> xml with
 * resource `services/CT-THEFT`. Unknown or missing suffixes are a 400; answer those in XML, the
 * spec's mandatory format.
 */
export function parseFormat(pathSuffix: string): FormatResult {
  const path = pathSuffix.split('?')[0].replace(/^\/+/, '');
  const m = /^(.+)\.([A-Za-z0-9]+)$/.exec(path);
  if (!m) return failure([`format: "${path}" has no format; add .xml or .json, e.g. requests.xml`]);
  const ext = m[2].toLowerCase();
  if (ext !== 'json' && ext !== 'xml') return failure([`format: ".${m[2]}" is not supported; use .xml or .json`]);
  return { ok: true, format: ext, resource: m[1] };
}

export function failure(problems: readonly string[]): ParseFailure {
  return { ok: false, status: 400, errors: problems.map((description) => ({ code: 400, description })) };
}

function present(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '');
}

/** One text value: blank means absent; numbers (JSON) are accepted as their text. */
export function readText(body: Record<string, unknown>, name: string, max: number, problems: string[]): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    problems.push(`${name}: sent ${value.length} times; send it once`);
    return undefined;
  }
  if (typeof value !== 'string' && typeof value !== 'number') {
    problems.push(`${name}: must be text; send a string`);
    return undefined;
  }
  const text = String(value).trim();
  if (text === '') return undefined;
  const length = [...text].length;
  if (length > max) {
    problems.push(`${name}: ${length} characters; shorten it to at most ${max}`);
    return undefined;
  }
  return text;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function readCoordinate(body: Record<string, unknown>, name: 'lat' | 'long', bound: number, problems: string[]): number | undefined {
  const raw = readText(body, name, 40, problems);
  if (raw === undefined) return undefined;
  const value = DECIMAL.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || Math.abs(value) > bound) {
    problems.push(`${name}: "${raw}" is not a ${name === 'lat' ? 'latitude' : 'longitude'}; send WGS84 decimal degrees between -${bound} and ${bound}`);
    return undefined;
  }
  return value;
}

/**
 * `media_url`, once or repeated (FixMyStreet with multi_photos sends one field per photo; some
 * clients write `media_url[]`, a JSON body an array): every URL is kept, in order.
 */
export function readMediaUrls(body: Record<string, unknown>, problems: string[]): string[] {
  const values = [body.media_url, body['media_url[]']].flatMap((v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]));
  const urls: string[] = [];
  const before = problems.length;
  for (const value of values) {
    if (typeof value !== 'string') {
      problems.push('media_url: must be text; send the full address of each photo');
      return [];
    }
    const url = value.trim();
    if (url === '') continue;
    if ([...url].length > LIMITS.url) problems.push(`media_url: a URL of ${[...url].length} characters; shorten it to at most ${LIMITS.url}`);
    else if (!isHttpUrl(url)) problems.push(`media_url: "${url.slice(0, 40)}" is not an http(s) URL; send the full address of the photo, e.g. https://example.org/photo.jpg`);
    else if (!urls.includes(url)) urls.push(url);
  }
  if (urls.length > LIMITS.mediaUrls) problems.push(`media_url: ${urls.length} URLs; send at most ${LIMITS.mediaUrls}`);
  return problems.length > before ? [] : urls;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

type AttributeValue = string | number | boolean | (string | number | boolean)[];
const ATTRIBUTE_KEY = /^attribute\[([^\]]*)\](\[\])?$/;

/** `attribute[code]` / `attribute[code][]` fields and a JSON `attribute` object, merged. */
function readAttributes(body: Record<string, unknown>, problems: string[]): Record<string, AttributeValue> {
  const entries: [string, unknown, boolean][] = [];
  for (const [key, value] of Object.entries(body)) {
    const m = ATTRIBUTE_KEY.exec(key);
    if (m) entries.push([m[1], value, m[2] !== undefined]);
  }
  const nested = body.attribute;
  if (nested !== undefined && nested !== null) {
    if (typeof nested === 'object' && !Array.isArray(nested)) for (const [code, value] of Object.entries(nested)) entries.push([code, value, false]);
    else problems.push('attribute: must be attribute[code]=value fields, or a JSON object {"code": "value"}');
  }

  // A Map, then fromEntries: a client's `__proto__` code stays a plain key.
  const out = new Map<string, AttributeValue>();
  for (const [code, raw, multi] of entries) {
    const label = `attribute[${code}]`;
    if (code.trim() === '' || code.length > LIMITS.identifier) {
      problems.push(`${label}: the code must be 1-${LIMITS.identifier} characters`);
      continue;
    }
    if (out.has(code)) {
      problems.push(`${label}: sent twice; send each attribute once`);
      continue;
    }
    const value = attributeValue(raw, multi);
    if (typeof value === 'string') problems.push(`${label}: ${value}`);
    else out.set(code, value.v);
  }
  if (out.size > LIMITS.attributes) problems.push(`attribute: ${out.size} attributes; send at most ${LIMITS.attributes}`);
  return Object.fromEntries(out);
}

/** The value, or a string saying what is wrong with it. */
function attributeValue(raw: unknown, multi: boolean): { v: AttributeValue } | string {
  const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
  const items = Array.isArray(raw) ? raw : [raw];
  if (items.length === 0 || !items.every(scalar)) return 'must be text, a number, true/false, or a list of those';
  const tooLong = items.find((x) => typeof x === 'string' && [...x].length > LIMITS.attributeValue);
  if (tooLong !== undefined) return `a value is longer than ${LIMITS.attributeValue} characters; shorten it`;
  const values = items as (string | number | boolean)[];
  return { v: multi || Array.isArray(raw) ? values : values[0] };
}

function takeExternalId(attributes: Record<string, AttributeValue>, problems: string[]): string | undefined {
  if (!Object.hasOwn(attributes, 'external_id')) return undefined;
  const value = attributes.external_id;
  delete attributes.external_id;
  const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  if (id === '' || id.length > LIMITS.externalId || /\s/.test(id)) {
    problems.push(`attribute[external_id]: must be one id of 1-${LIMITS.externalId} characters without spaces; send your own reference for the report`);
    return undefined;
  }
  return id;
}

/**
 * The first of `names` among the attributes, as `<name>:<id>` (the namespace keeps it apart from
 * external_id values). The attribute itself stays: it is the client's reference, shown to staff.
 */
function clientReportId(attributes: Record<string, AttributeValue>, names: readonly string[], problems: string[]): string | undefined {
  const name = names.find((n) => Object.hasOwn(attributes, n));
  if (name === undefined) return undefined;
  const value = attributes[name];
  const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  const max = LIMITS.externalId - name.length - 1;
  if (id === '' || id.length > max || /\s/.test(id)) {
    problems.push(`attribute[${name}]: must be one id of 1-${max} characters without spaces; send your own reference for the report`);
    return undefined;
  }
  return `${name}:${id}`;
}

/** Chinese names are surname first with no space (张 + 三 -> 张三); others "first last". */
function fullName(first: string | undefined, last: string | undefined): string | undefined {
  if (first === undefined || last === undefined) return first ?? last;
  const han = /^[\p{Script=Han}·]+$/u;
  return han.test(first) && han.test(last) ? `${last}${first}` : `${first} ${last}`;
}

/** A comma-separated list; a parameter repeated in the query counts as more entries. */
function readList(query: Record<string, unknown>, name: string, problems: string[]): string[] | undefined {
  const value = query[name];
  if (value === undefined || value === null) return undefined;
  const parts = Array.isArray(value) ? value : [value];
  if (!parts.every((p) => typeof p === 'string')) {
    problems.push(`${name}: must be text; send comma-separated values`);
    return undefined;
  }
  return [...new Set(parts.join(',').split(',').map((s) => s.trim()).filter(Boolean))];
}

/** undefined when absent, null when invalid (already reported). */
export function readDate(query: Record<string, unknown>, name: string, problems: string[]): Date | undefined | null {
  const value = query[name];
  if (value === undefined || value === null || value === '') return undefined;
  const date = typeof value === 'string' ? parseW3cDateTime(value) : undefined;
  if (date === undefined) {
    problems.push(`${name}: ${typeof value === 'string' ? `"${value}"` : 'it'} is not a W3C datetime with timezone; send e.g. 2024-05-01T00:00:00+08:00`);
    return null;
  }
  return date;
}

function compact<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}
