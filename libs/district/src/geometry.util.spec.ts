import type { Ring } from './district.types.ts';
import { distanceMetres, pointInRings, polygonAreaM2, polygonCentroid, polygonsOverlap, ringShapeProblems, withinMetres } from './geometry.util.ts';

const rect = (x0: number, y0: number, x1: number, y1: number): Ring[] => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

describe('distanceMetres', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { lat: 36.07, lng: 120.39 };
    const b = { lat: 36.071, lng: 120.391 };
    expect(distanceMetres(a, a)).toBe(0);
    expect(distanceMetres(a, b)).toBeCloseTo(distanceMetres(b, a), 9);
  });

  it('measures 0.001° of latitude as about 111 m and of longitude at 36°N as about 90 m', () => {
    expect(distanceMetres({ lat: 36.07, lng: 120.39 }, { lat: 36.071, lng: 120.39 })).toBeCloseTo(111.2, 0);
    expect(distanceMetres({ lat: 36.07, lng: 120.39 }, { lat: 36.07, lng: 120.391 })).toBeCloseTo(89.9, 0);
  });

  it('matches a long known distance (Qingdao - Beijing, about 550 km)', () => {
    const d = distanceMetres({ lat: 36.0671, lng: 120.3826 }, { lat: 39.9042, lng: 116.4074 });
    expect(d / 1000).toBeGreaterThan(540);
    expect(d / 1000).toBeLessThan(560);
  });

  it('withinMetres answers "within 100 m"', () => {
    const a = { lat: 36.07, lng: 120.39 };
    expect(withinMetres(a, { lat: 36.0708, lng: 120.39 }, 100)).toBe(true); // ~89 m
    expect(withinMetres(a, { lat: 36.0710, lng: 120.39 }, 100)).toBe(false); // ~111 m
  });
});

describe('pointInRings', () => {
  const withHole: Ring[] = [...rect(0, 0, 10, 10), rect(4, 4, 6, 6)[0]];

  it('honours holes', () => {
    expect(pointInRings(1, 1, withHole)).toBe(true);
    expect(pointInRings(5, 5, withHole)).toBe(false);
    expect(pointInRings(11, 5, withHole)).toBe(false);
  });

  it('gives a point on a shared edge to exactly one of two neighbours', () => {
    const west = rect(0, 0, 1, 1);
    const east = rect(1, 0, 2, 1);
    const south = rect(0, -1, 1, 0);
    for (const [x, y] of [[1, 0.5], [0.5, 0]]) {
      const owners = [west, east, south].filter((r) => pointInRings(x, y, r));
      expect(owners).toHaveLength(1);
    }
  });
});

describe('polygonsOverlap', () => {
  it('treats shared edges, corners and T-junctions as touching, not overlapping', () => {
    expect(polygonsOverlap(rect(0, 0, 1, 1), rect(1, 0, 2, 1))).toBe(false);
    expect(polygonsOverlap(rect(0, 0, 1, 1), rect(1, 1, 2, 2))).toBe(false);
    expect(polygonsOverlap(rect(0, 0, 2, 1), rect(0.5, 1, 1.5, 2))).toBe(false);
    expect(polygonsOverlap(rect(0, 0, 1, 1), rect(3, 3, 4, 4))).toBe(false);
  });

  it('finds partial overlap even when no corner lies inside the other polygon', () => {
    expect(polygonsOverlap(rect(0, 0, 2, 2), rect(1, 0, 3, 2))).toBe(true);
    // a plus sign: bars cross, no corner of either is inside the other
    expect(polygonsOverlap(rect(0, 1, 3, 2), rect(1, 0, 2, 3))).toBe(true);
  });

  it('finds containment and identical polygons', () => {
    expect(polygonsOverlap(rect(0, 0, 10, 10), rect(2, 2, 3, 3))).toBe(true);
    expect(polygonsOverlap(rect(0, 0, 1, 1), rect(0, 0, 1, 1))).toBe(true);
    expect(polygonsOverlap(rect(0, 0, 2, 2), rect(0, 0, 1, 2))).toBe(true);
  });

  it('lets a polygon fill another one\'s hole', () => {
    const ring: Ring[] = [...rect(0, 0, 10, 10), rect(4, 4, 6, 6)[0]];
    expect(polygonsOverlap(ring, rect(4, 4, 6, 6))).toBe(false);
    expect(polygonsOverlap(ring, rect(3, 3, 6, 6))).toBe(true);
  });
});

describe('area and centroid', () => {
  it('computes a 0.001° square near 36°N as about 111 m × 90 m', () => {
    expect(polygonAreaM2(rect(120.39, 36.07, 120.391, 36.071))).toBeCloseTo(111.2 * 89.9, -1);
  });

  it('puts the centroid of a rectangle at its centre', () => {
    const c = polygonCentroid(rect(120.39, 36.07, 120.392, 36.072));
    expect(c.lng).toBeCloseTo(120.391, 9);
    expect(c.lat).toBeCloseTo(36.071, 9);
  });
});

describe('ringShapeProblems', () => {
  it('accepts a simple ring and rejects bow ties, repeats, spikes and flat rings', () => {
    expect(ringShapeProblems(rect(0, 0, 1, 1)[0])).toEqual([]);
    expect(ringShapeProblems([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]).join()).toMatch(/self-intersecting/);
    expect(ringShapeProblems([[0, 0], [1, 0], [1, 0], [1, 1], [0, 0]]).join()).toMatch(/repeats/);
    expect(ringShapeProblems([[0, 0], [2, 0], [1, 0], [1, 1], [0, 0]]).join()).toMatch(/fold back|self-intersecting/);
    expect(ringShapeProblems([[0, 0], [1, 0], [2, 0], [0, 0]]).join()).toMatch(/no area|fold back/);
  });
});
