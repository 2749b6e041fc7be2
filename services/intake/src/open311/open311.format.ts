// Open311 GeoReport v2 documents for the intake service's /open311/v2 endpoints: the values the
// spec names, and their JSON or XML body. Pure functions; the controller does HTTP.
import { getAlertType, open311Services, type AlertType, type Open311Service } from '@jingwang/alert-catalog';
import type { AlertAccepted, AlertView } from '../alerts/alert.types.ts';
import { STATION_UTC_OFFSET_MINUTES, toW3cDateTime } from './open311.datetime.ts';
import type { StoredUpdate } from './request-updates.repository.ts';
import { updateDescription } from './status-change.wording.ts';
import { toXmlDocument } from './open311.xml.ts';

export type Format = 'json' | 'xml';
export type Locale = 'zh' | 'en';

export interface Open311Error {
  code: number;
  description: string;
}

/** GET services/{code}: our services have `metadata: false`, so there are no attributes. */
export interface ServiceDefinition {
  service_code: string;
  attributes: [];
}

/** One `<request>` of GET requests: every field of the spec, in the spec's order. */
export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address: string;
  address_id: string;
  zipcode: string;
  /** null when the caller gave no coordinates: JSON null, an empty element in XML. */
  lat: number | null;
  long: number | null;
  media_url: string;
}

/**
 * One `<request_update>` of GET servicerequestupdates (mySociety's extension, which FixMyStreet
 * polls): every field its clients require, media_url empty when there is none.
 */
export interface RequestUpdate {
  update_id: string;
  service_request_id: string;
  status: 'open' | 'closed';
  updated_datetime: string;
  description: string;
  media_url: string;
}

/** The answer to POST servicerequestupdates. */
export interface CreatedUpdate {
  update_id: string;
}

/** The answer to POST requests. */
export interface CreatedRequest {
  service_request_id: string;
  service_notice: string;
  account_id: string | null;
}

export interface Rendered {
  contentType: string;
  body: string;
}

interface RootValues {
  services: readonly Open311Service[];
  service_requests: readonly (ServiceRequest | CreatedRequest)[];
  service_request_updates: readonly (RequestUpdate | CreatedUpdate)[];
  errors: readonly Open311Error[];
  service_definition: ServiceDefinition;
}
export type Root = keyof RootValues;

export const CONTENT_TYPES: Readonly<Record<Format, string>> = {
  json: 'application/json; charset=utf-8',
  // The spec's XML content type; the prolog repeats the encoding.
  xml: 'text/xml; charset=utf-8',
};

/** The body in the requested format: JSON as the spec shows it, XML wrapped in `root`. */
export function render<R extends Root>(format: Format, root: R, value: RootValues[R]): Rendered {
  const body = format === 'json' ? JSON.stringify(value) : toXmlDocument(root, value);
  return { contentType: CONTENT_TYPES[format], body };
}

/** GET services: the whole catalogue, names in Chinese (residents) or English. */
export function serviceList(locale: Locale = 'zh'): Open311Service[] {
  return open311Services({ locale });
}

/** GET services/{code}; undefined for a code outside the catalogue (the controller answers 404). */
export function serviceDefinition(code: string): ServiceDefinition | undefined {
  return getAlertType(code) ? { service_code: code, attributes: [] } : undefined;
}

const TEAM_NAMES: Readonly<Record<AlertType['lane'] | 'triage', Record<Locale, string>>> = {
  'case-team': { zh: '案件队', en: 'Case team' },
  community: { zh: '社区警务队', en: 'Community police team' },
  // No type yet: the call-taker in the duty command room decides who takes it.
  triage: { zh: '勤务指挥室', en: 'Duty command room' },
};

/** What a service request is made from: an alert as the read views give it (ServiceRequestsRepository reads only this). */
export type ServiceRequestSource = Pick<AlertView, 'alertId' | 'status' | 'linkedTo' | 'typeCode' | 'needsTriage' | 'reportedAt' | 'description' | 'media' | 'incidentStatus' | 'incidentUpdatedAt'> & {
  location: Pick<AlertView['location'], 'address' | 'lat' | 'lng'>;
};

export interface ServiceRequestOptions {
  locale?: Locale;
  /** Offset of the datetimes written; the station's UTC+8 unless told otherwise. */
  utcOffsetMinutes?: number;
}

/**
 * An alert as an Open311 service request. Notes are bilingual whatever the locale: Open311
 * clients (and the 12345 operators reading them) may be either. `now` decides whether an open
 * request is past its expected time.
 */
export function toServiceRequest(view: ServiceRequestSource, now: Date = new Date(), options: ServiceRequestOptions = {}): ServiceRequest {
  const locale = options.locale ?? 'zh';
  const offset = options.utcOffsetMinutes ?? STATION_UTC_OFFSET_MINUTES;
  const type = view.typeCode ? getAlertType(view.typeCode) : undefined;
  const expected = type ? expectedAt(view.reportedAt, type.sla.resolveHours) : undefined;
  const overdue = view.incidentStatus === 'open' && expected !== undefined && now.getTime() > expected.getTime();
  return {
    service_request_id: view.alertId,
    status: view.incidentStatus,
    status_notes: statusNotes(view, overdue),
    service_name: type ? (locale === 'zh' ? type.nameZh : type.nameEn) : '',
    service_code: view.typeCode ?? '',
    description: view.description,
    agency_responsible: TEAM_NAMES[type?.lane ?? 'triage'][locale],
    service_notice: '',
    requested_datetime: toW3cDateTime(view.reportedAt, offset),
    updated_datetime: toW3cDateTime(view.incidentUpdatedAt, offset),
    expected_datetime: toW3cDateTime(expected, offset),
    address: view.location.address ?? '',
    address_id: '',
    zipcode: '',
    lat: view.location.lat ?? null,
    long: view.location.lng ?? null,
    media_url: view.media?.[0]?.url ?? '',
  };
}

/** POST requests: the created (or linked) alert. A repeat call is told which request it joined. */
export function createdRequest(accepted: Pick<AlertAccepted, 'alertId' | 'status' | 'linkedTo'>, accountId?: string): CreatedRequest {
  return {
    service_request_id: accepted.alertId,
    service_notice: accepted.status === 'linked' ? repeatNote(accepted.linkedTo) : '',
    account_id: accountId ?? null,
  };
}

/**
 * A stored update as the extension shows it. The station's are bilingual with the officer's note;
 * a client's comment is shown as the client wrote it (FixMyStreet skips its own by update_id).
 */
export function toRequestUpdate(update: StoredUpdate, options: Pick<ServiceRequestOptions, 'utcOffsetMinutes'> = {}): RequestUpdate {
  const description =
    update.source === 'dispatch'
      ? updateDescription(update.descriptionZh ?? '', update.descriptionEn ?? '', update.note)
      : update.note || `客户端更新 / Update from the client${update.clientStatus ? ` (${update.clientStatus})` : ''}`;
  return {
    update_id: update.updateId,
    service_request_id: update.alertId,
    status: update.status,
    updated_datetime: toW3cDateTime(update.updatedAt, options.utcOffsetMinutes ?? STATION_UTC_OFFSET_MINUTES),
    description,
    media_url: update.media?.[0]?.url ?? '',
  };
}

/** The error list (`<errors><error>` / `[{code, description}]`). */
export function errors(list: readonly Open311Error[]): Open311Error[] {
  return list.map(({ code, description }) => ({ code, description }));
}

export const NOTES = {
  triage: '待人工分类, awaiting classification by the call-taker',
  overdue: '已超过预计办结时间, past the expected time',
} as const;

function repeatNote(linkedTo: string | undefined): string {
  return linkedTo ? `重复来电, repeat of request ${linkedTo}` : '重复来电, repeat of an earlier request';
}

function statusNotes(view: ServiceRequestSource, overdue: boolean): string {
  const notes: string[] = [];
  if (view.status === 'linked') notes.push(repeatNote(view.linkedTo));
  if (view.needsTriage) notes.push(NOTES.triage);
  if (overdue) notes.push(NOTES.overdue);
  return notes.join('; ');
}

function expectedAt(reportedAt: string, resolveHours: number): Date | undefined {
  const ms = Date.parse(reportedAt);
  return Number.isNaN(ms) ? undefined : new Date(ms + resolveHours * 3_600_000);
}
