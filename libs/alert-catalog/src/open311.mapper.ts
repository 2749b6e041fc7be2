import type { AlertType, Lane } from './alert-type.model.ts';
import { alertTypes } from './catalog.registry.ts';

/** One entry of an Open311 GeoReport v2 service list (GET services.json). */
export interface Open311Service {
  readonly service_code: string;
  readonly service_name: string;
  readonly description: string;
  /** No extra attributes to fetch: every type is reported with the common request fields. */
  readonly metadata: false;
  /** Alerts are handled as they arrive, not batched. */
  readonly type: 'realtime';
  /** Comma-separated plain keyword phrases (combinations left out). */
  readonly keywords: string;
  readonly group: Lane;
}

export interface Open311Options {
  /** Language of service_name: Chinese (default, what residents see) or English. */
  readonly locale?: 'zh' | 'en';
}

export function toOpen311Service(type: AlertType, options: Open311Options = {}): Open311Service {
  const zh = (options.locale ?? 'zh') === 'zh';
  return {
    service_code: type.code,
    service_name: zh ? type.nameZh : type.nameEn,
    description: zh ? `${type.nameEn}: ${type.description}` : type.description,
    metadata: false,
    type: 'realtime',
    keywords: type.keywords
      .filter((k) => !k.phrase.includes('+'))
      .map((k) => k.phrase)
      .join(','),
    group: type.lane,
  };
}

/** The whole catalogue as an Open311 service list, in catalogue order. */
export function open311Services(options: Open311Options = {}): Open311Service[] {
  return alertTypes.map((t) => toOpen311Service(t, options));
}
