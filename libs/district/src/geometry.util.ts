// Plain planar/spherical helpers for district-sized areas (a few km): no dependencies, so the lib
// stays usable from every service. Coordinates follow GeoJSON: x = longitude, y = latitude.
import type { BBox, LatLng, Position, Ring } from './district.types.ts';

/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
/** Geometry tolerance in degrees (about 0.1 mm): boundaries closer than this count as shared. */
export const EPSILON_DEG = 1e-9;

/** Great-circle (haversine) distance in metres. */
export function distanceMetres(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** True when the two points are at most `metres` apart (e.g. "the same matter within 100 m"). */
export function withinMetres(a: LatLng, b: LatLng, metres: number): boolean {
  return distanceMetres(a, b) <= metres;
}

export function bboxOfRings(rings: readonly Ring[]): BBox {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const ring of rings) {
    for (const [lng, lat] of ring) {
      if (lng < minLng) minLng = lng;
      if (lng > maxLng) maxLng = lng;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return { minLng, minLat, maxLng, maxLat };
}

export function unionBBox(boxes: readonly BBox[]): BBox {
  return {
    minLng: Math.min(...boxes.map((b) => b.minLng)),
    minLat: Math.min(...boxes.map((b) => b.minLat)),
    maxLng: Math.max(...boxes.map((b) => b.maxLng)),
    maxLat: Math.max(...boxes.map((b) => b.maxLat)),
  };
}

export function bboxContains(b: BBox, lng: number, lat: number): boolean {
  return lng >= b.minLng && lng <= b.maxLng && lat >= b.minLat && lat <= b.maxLat;
}

/** Interiors of the boxes intersect (boxes that only touch do not). */
export function bboxesOverlap(a: BBox, b: BBox): boolean {
  return a.minLng < b.maxLng && b.minLng < a.maxLng && a.minLat < b.maxLat && b.minLat < a.maxLat;
}

/**
 * Even-odd ray casting over all rings (holes included). Half-open on edges, so a point on an edge
 * shared by two polygons of a tiling belongs to exactly one of them: the one to its east/north.
 */
export function pointInRings(lng: number, lat: number, rings: readonly Ring[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Distance in degree units from point p to segment a-b; fine for tolerance checks only. */
function distanceToSegment(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

type Side = 'inside' | 'outside' | 'boundary';

function classify(p: Position, rings: readonly Ring[]): Side {
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      if (distanceToSegment(p, ring[i - 1], ring[i]) <= EPSILON_DEG) return 'boundary';
    }
  }
  return pointInRings(p[0], p[1], rings) ? 'inside' : 'outside';
}

const cross = (o: Position, a: Position, b: Position): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/**
 * Parameters t in (0, 1) where segment p-q meets the boundary `rings`: their vertices lying on
 * it and proper crossings. Between two consecutive parameters the segment is wholly inside,
 * outside or on the other boundary.
 */
function splitParameters(p: Position, q: Position, rings: readonly Ring[]): number[] {
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  const len2 = dx * dx + dy * dy;
  const ts = [0, 1];
  for (const ring of rings) {
    for (let i = 1; i < ring.length; i++) {
      const r = ring[i - 1];
      const s = ring[i];
      if (distanceToSegment(r, p, q) <= EPSILON_DEG) ts.push(((r[0] - p[0]) * dx + (r[1] - p[1]) * dy) / len2);
      const denom = dx * (s[1] - r[1]) - dy * (s[0] - r[0]);
      if (denom === 0) continue;
      const t = ((r[0] - p[0]) * (s[1] - r[1]) - (r[1] - p[1]) * (s[0] - r[0])) / denom;
      const u = ((r[0] - p[0]) * dy - (r[1] - p[1]) * dx) / denom;
      if (t > 0 && t < 1 && u > 0 && u < 1) ts.push(t);
    }
  }
  return ts.filter((t) => t >= 0 && t <= 1).sort((a, b) => a - b);
}

/** Checks the pieces of a's boundary against b: 'inside' if any piece enters b's interior. */
function boundaryAgainst(a: readonly Ring[], b: readonly Ring[]): 'inside' | 'on-boundary' | 'clear' {
  let allOnBoundary = true;
  for (const ring of a) {
    for (let i = 1; i < ring.length; i++) {
      const p = ring[i - 1];
      const q = ring[i];
      const ts = splitParameters(p, q, b);
      for (let k = 1; k < ts.length; k++) {
        if (ts[k] - ts[k - 1] < 1e-12) continue;
        const t = (ts[k] + ts[k - 1]) / 2;
        const side = classify([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])], b);
        if (side === 'inside') return 'inside';
        if (side === 'outside') allOnBoundary = false;
      }
    }
  }
  return allOnBoundary ? 'on-boundary' : 'clear';
}

/**
 * True when the interiors of two polygons intersect; sharing edges or corners is not an overlap.
 * If neither boundary enters the other's interior, the interiors are disjoint unless both
 * boundaries coincide (the same polygon twice).
 */
export function polygonsOverlap(a: readonly Ring[], b: readonly Ring[]): boolean {
  const ab = boundaryAgainst(a, b);
  if (ab === 'inside') return true;
  const ba = boundaryAgainst(b, a);
  if (ba === 'inside') return true;
  return ab === 'on-boundary' && ba === 'on-boundary';
}

/** Signed planar area of a ring in square degrees (positive when counter-clockwise). */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return sum / 2;
}

/** Metres per degree at a latitude, for a local equirectangular projection (exact enough for km). */
function metresPerDegree(lat: number): { x: number; y: number } {
  const y = EARTH_RADIUS_M * RAD;
  return { x: y * Math.cos(lat * RAD), y };
}

/** Area in m²: outer ring minus holes. */
export function polygonAreaM2(rings: readonly Ring[]): number {
  if (rings.length === 0) return 0;
  const b = bboxOfRings(rings);
  const m = metresPerDegree((b.minLat + b.maxLat) / 2);
  const [outer, ...holes] = rings;
  const deg2 = Math.abs(signedArea(outer)) - holes.reduce((s, h) => s + Math.abs(signedArea(h)), 0);
  return deg2 * m.x * m.y;
}

/** Area centroid of the outer ring (holes ignored). */
export function polygonCentroid(rings: readonly Ring[]): LatLng {
  const ring = rings[0];
  const [ox, oy] = ring[0]; // shift to the first vertex to keep the arithmetic precise
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 1; i < ring.length; i++) {
    const x0 = ring[i - 1][0] - ox;
    const y0 = ring[i - 1][1] - oy;
    const x1 = ring[i][0] - ox;
    const y1 = ring[i][1] - oy;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (a === 0) return { lng: ox, lat: oy };
  return { lng: ox + cx / (3 * a), lat: oy + cy / (3 * a) };
}

/** Segments a-b and c-d share at least one point. */
function segmentsTouch(a: Position, b: Position, c: Position, d: Position): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  return (
    distanceToSegment(a, c, d) <= EPSILON_DEG ||
    distanceToSegment(b, c, d) <= EPSILON_DEG ||
    distanceToSegment(c, a, b) <= EPSILON_DEG ||
    distanceToSegment(d, a, b) <= EPSILON_DEG
  );
}

/**
 * Problems with one closed ring, in words for the validator; empty when the ring is a simple
 * polygon. Expects positions already checked to be finite numbers.
 */
export function ringShapeProblems(ring: Ring): string[] {
  const problems: string[] = [];
  const n = ring.length - 1; // edges
  for (let i = 1; i < ring.length; i++) {
    if (ring[i][0] === ring[i - 1][0] && ring[i][1] === ring[i - 1][1]) {
      problems.push(`position ${i} repeats position ${i - 1}; remove the duplicate`);
    }
  }
  if (problems.length > 0) return problems;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      const [a, b, c, d] = [ring[i], ring[i + 1], ring[j], ring[j + 1]];
      if (adjacent) {
        // Adjacent edges share one corner; they must not fold back onto each other.
        const shared = j === i + 1 ? b : a;
        const other1 = j === i + 1 ? a : b;
        const other2 = j === i + 1 ? d : c;
        if (Math.abs(cross(shared, other1, other2)) < EPSILON_DEG * EPSILON_DEG &&
          (other1[0] - shared[0]) * (other2[0] - shared[0]) + (other1[1] - shared[1]) * (other2[1] - shared[1]) > 0) {
          problems.push(`edges ${i} and ${j} fold back onto each other; remove the spike`);
        }
      } else if (segmentsTouch(a, b, c, d)) {
        problems.push(`edges ${i} and ${j} cross or touch (self-intersecting ring); redraw it as a simple outline`);
      }
    }
  }
  if (problems.length === 0 && Math.abs(signedArea(ring)) < EPSILON_DEG * EPSILON_DEG) {
    problems.push('has no area (all positions on one line); give it at least three distinct corners');
  }
  return problems;
}
