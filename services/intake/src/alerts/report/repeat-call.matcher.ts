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
 * point within `radiusMetres`; among equals the most recent (and of equally recent, the first).
 * Candidates are of a related type, open, and inside the time window: those `accept` passes, all
 * if it is not given. One pass, no copy: it runs for every alert of every batch.
 */
export function matchRepeat<C extends RepeatCandidate>(
  alert: NewAlertTraits,
  candidates: C[],
  radiusMetres: number,
  accept: (c: C) => boolean = () => true,
): { candidate: C; reason: LinkReason } | null {
  let byPhone: C | undefined;
  let byBuilding: C | undefined;
  let near: C | undefined;
  const newer = (c: C, best: C | undefined) => !best || c.reportedAt.getTime() > best.reportedAt.getTime();
  const here = alert.lat !== null && alert.lng !== null ? { lat: alert.lat, lng: alert.lng } : null;
  for (const c of candidates) {
    if (!accept(c)) continue;
    if (alert.phone && c.phone === alert.phone && newer(c, byPhone)) byPhone = c;
    if (alert.buildingKey && c.buildingKey === alert.buildingKey && newer(c, byBuilding)) byBuilding = c;
    // A distance only while no phone or building has matched: either would win over it.
    if (here && !byPhone && !byBuilding && c.lat !== null && c.lng !== null && newer(c, near) && distanceMetres(here, { lat: c.lat, lng: c.lng }) <= radiusMetres) near = c;
  }
  if (byPhone) return { candidate: byPhone, reason: 'same-phone' };
  if (byBuilding) return { candidate: byBuilding, reason: 'same-building' };
  return near ? { candidate: near, reason: 'same-place' } : null;
}

/** A box a little larger than the radius, for the index; the exact distance is checked after. */
export function boundingBox(lat: number, lng: number, radiusMetres: number) {
  const dLat = (radiusMetres * 1.05) / 111_320;
  const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/** The cell of a point in a lattice of squares `size` degrees wide, as `<lat index>:<lng index>`. */
export const cellOf = (lat: number, lng: number, size: number): string => `${Math.floor(lat / size)}:${Math.floor(lng / size)}`;

/** The cells (as `cellOf` names them) of a lattice of squares `size` degrees wide that a box touches. */
export function boxCells(box: ReturnType<typeof boundingBox>, size: number): string[] {
  const cells: string[] = [];
  for (let i = Math.floor(box.minLat / size); i <= Math.floor(box.maxLat / size); i++) {
    for (let j = Math.floor(box.minLng / size); j <= Math.floor(box.maxLng / size); j++) cells.push(`${i}:${j}`);
  }
  return cells;
}

/**
 * The cells, of a lattice of squares `4 × radius` wide in degrees of latitude (on both axes), that
 * a box touches: at most 2 × 2 where cos(latitude) > 0.53. A point within the radius of another
 * lies inside the other's box, so its own cell is among the other's cells: two calls about one
 * place always share a cell, whatever grid each lies in (a lock per grid missed pairs across a
 * grid border). The lattice is the same for every call with the same radius.
 */
export const placeCells = (box: ReturnType<typeof boundingBox>, radiusMetres: number): string[] => boxCells(box, (4 * radiusMetres) / 111_320);
