import { alertTypes, areRelatedTypes } from '@jingwang/alert-catalog';
import { distanceMetres } from '@jingwang/district';

export type LinkReason = 'same-phone' | 'same-building' | 'same-place';

/** An earlier alert of an open incident, found by the repeat-call search. */
export interface RepeatCandidate {
  incidentId: string;
  firstAlertId: string;
  phone: string | null;
  buildingKey: string | null;
  lat: number | null;
  lng: number | null;
  reportedAt: Date;
}

export interface NewAlertTraits {
  phone: string | null;
  buildingKey: string | null;
  lat: number | null;
  lng: number | null;
}

const related = new Map(alertTypes.map((t) => [t.code as string, alertTypes.filter((o) => areRelatedTypes(t.code, o.code)).map((o) => o.code as string)]));

/** The type itself and the types of its dispute family: a noise call repeats a leak call's quarrel. */
export const relatedTypeCodes = (code: string): string[] => related.get(code) ?? [code];

/**
 * The incident a new alert repeats: the same caller phone first, then the same building, then a
 * point within `radiusMetres`; among equals the most recent. Candidates are already of a related
 * type, open, and inside the time window.
 */
export function matchRepeat(alert: NewAlertTraits, candidates: RepeatCandidate[], radiusMetres: number): { candidate: RepeatCandidate; reason: LinkReason } | null {
  const newest = [...candidates].sort((a, b) => b.reportedAt.getTime() - a.reportedAt.getTime());
  const byPhone = alert.phone ? newest.find((c) => c.phone === alert.phone) : undefined;
  if (byPhone) return { candidate: byPhone, reason: 'same-phone' };
  const byBuilding = alert.buildingKey ? newest.find((c) => c.buildingKey === alert.buildingKey) : undefined;
  if (byBuilding) return { candidate: byBuilding, reason: 'same-building' };
  if (alert.lat !== null && alert.lng !== null) {
    const here = { lat: alert.lat, lng: alert.lng };
    const near = newest.find((c) => c.lat !== null && c.lng !== null && distanceMetres(here, { lat: c.lat, lng: c.lng }) <= radiusMetres);
    if (near) return { candidate: near, reason: 'same-place' };
  }
  return null;
}

/** A box a little larger than the radius, for the index; the exact distance is checked after. */
export function boundingBox(lat: number, lng: number, radiusMetres: number) {
  const dLat = (radiusMetres * 1.05) / 111_320;
  const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}
