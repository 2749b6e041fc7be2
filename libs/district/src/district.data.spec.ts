// The bundled Jinmen Road district: the figures from the station's report and a clean tiling.
import { loadDistrict, BUNDLED_DISTRICT_FILE } from './district.loader.ts';
import { pointInRings, polygonsOverlap } from './geometry.util.ts';
import { validateDistrict } from './district.validator.ts';
import { readFileSync } from 'node:fs';

const district = loadDistrict(BUNDLED_DISTRICT_FILE);

describe('bundled district: counts and codes', () => {
  it('has 6 communities, 18 police grids, 65 grids', () => {
    expect(district.communities).toHaveLength(6);
    expect(district.policeGrids).toHaveLength(18);
    expect(district.grids).toHaveLength(65);
  });

  it('is marked as sample data and versioned', () => {
    expect(district.sample).toBe(true);
    expect(district.schemaVersion).toBe(1);
    expect(district.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('uses the documented code formats', () => {
    expect(district.communities.map((c) => c.code)).toEqual(['JM-C01', 'JM-C02', 'JM-C03', 'JM-C04', 'JM-C05', 'JM-C06']);
    for (const pg of district.policeGrids) expect(pg.code).toMatch(/^JM-PG\d{2}$/);
    for (const g of district.grids) expect(g.code).toMatch(/^JM-G\d{3}$/);
    for (const p of district.people) expect(p.code).toMatch(/^JM-P\d{3}$/);
  });

  it('puts each grid in one police grid and each police grid in one community', () => {
    const gridCodes = district.policeGrids.flatMap((pg) => pg.gridCodes);
    expect(new Set(gridCodes).size).toBe(65);
    expect(district.communities.flatMap((c) => c.policeGridCodes)).toHaveLength(18);
    for (const c of district.communities) {
      expect(district.policeGridsOfCommunity(c.code).length).toBeGreaterThanOrEqual(1);
      expect(district.gridsOfCommunity(c.code).every((g) => g.communityCode === c.code)).toBe(true);
    }
  });

  it('posts 36 community and auxiliary police to the 6 communities, 6 each', () => {
    for (const c of district.communities) {
      const people = district.peopleOfCommunity(c.code)!;
      expect(people.police.length + people.auxiliaries.length).toBe(6);
    }
    expect(district.summary().totals.police + district.summary().totals.auxiliaries).toBe(36);
  });

  it('gives every police grid a community police chief and every grid a chief and workers', () => {
    for (const pg of district.policeGrids) {
      const people = district.peopleOfPoliceGrid(pg.code)!;
      expect(people.chief.role).toBe('community-police');
      expect(people.chief.communityCode).toBe(pg.communityCode);
    }
    for (const g of district.grids) {
      const team = district.teamOfGrid(g.code)!;
      expect(team.gridChief.role).toBe('grid-chief');
      expect(team.gridWorkers.length).toBeGreaterThan(0);
      expect(team.policeGridChief.code).toBe(district.byPoliceGridCode(g.policeGridCode)!.chiefCode);
    }
  });
});

describe('bundled district: geometry', () => {
  const extent = {
    minLng: Math.min(...district.grids.map((g) => g.bbox.minLng)),
    maxLng: Math.max(...district.grids.map((g) => g.bbox.maxLng)),
    minLat: Math.min(...district.grids.map((g) => g.bbox.minLat)),
    maxLat: Math.max(...district.grids.map((g) => g.bbox.maxLat)),
  };

  it('lies around Jinmen Road, Shinan, Qingdao', () => {
    expect(extent.minLng).toBeGreaterThanOrEqual(120.38);
    expect(extent.maxLng).toBeLessThanOrEqual(120.42);
    expect(extent.minLat).toBeGreaterThanOrEqual(36.06);
    expect(extent.maxLat).toBeLessThanOrEqual(36.08);
  });

  it('has no two overlapping grids', () => {
    const rings = district.grids.map((g) => g.polygon.coordinates);
    for (let i = 0; i < rings.length; i++) {
      for (let j = i + 1; j < rings.length; j++) expect(polygonsOverlap(rings[i], rings[j])).toBe(false);
    }
  });

  it('tiles without gaps: grids fill their police grid, police grids their community, communities the area', () => {
    const boxArea = (b: { minLng: number; maxLng: number; minLat: number; maxLat: number }) => (b.maxLng - b.minLng) * (b.maxLat - b.minLat);
    const deg2 = (codes: readonly string[]) => codes.reduce((s, c) => s + boxArea(district.byGridCode(c)!.bbox), 0);
    // Rectangles without overlaps whose areas add up to the enclosing box leave no gap.
    for (const pg of district.policeGrids) expect(deg2(pg.gridCodes) / boxArea(pg.bbox)).toBeCloseTo(1, 9);
    for (const c of district.communities) expect(deg2(c.gridCodes) / boxArea(c.bbox)).toBeCloseTo(1, 9);
    expect(deg2(district.grids.map((g) => g.code)) / boxArea(extent)).toBeCloseTo(1, 9);
    expect(district.summary().totals.areaKm2).toBeCloseTo(8.0, 1);
  });

  it('locates every grid at its centroid', () => {
    for (const g of district.grids) {
      const hit = district.locate(g.centroid.lat, g.centroid.lng);
      expect(hit?.grid.code).toBe(g.code);
      expect(hit?.policeGrid.code).toBe(g.policeGridCode);
      expect(hit?.community.code).toBe(g.communityCode);
    }
  });

  it('locates every point of the area in exactly the grid a full scan finds', () => {
    for (let i = 0; i < 2000; i++) {
      const lat = extent.minLat + ((i * 7919) % 1000) / 1000 * (extent.maxLat - extent.minLat);
      const lng = extent.minLng + ((i * 104729) % 997) / 997 * (extent.maxLng - extent.minLng);
      const owners = district.grids.filter((g) => pointInRings(lng, lat, g.polygon.coordinates));
      const hit = district.locate(lat, lng);
      if (lat < extent.maxLat && lng < extent.maxLng) expect(owners).toHaveLength(1);
      expect(hit?.grid.code).toBe(owners[0]?.code);
    }
  });

  it('returns null outside the district and for nonsense input', () => {
    expect(district.locate(36.05, 120.39)).toBeNull();
    expect(district.locate(36.07, 120.43)).toBeNull();
    expect(district.locate(Number.NaN, 120.39)).toBeNull();
    expect(district.locate(120.39, 36.07)).toBeNull(); // swapped arguments
  });
});

describe('bundled district: data file', () => {
  it('validates cleanly', () => {
    expect(validateDistrict(JSON.parse(readFileSync(BUNDLED_DISTRICT_FILE, 'utf8')))).toEqual([]);
  });

  it('has address ranges for every grid', () => {
    const covered = new Set(district.streets.flatMap((s) => s.ranges.map((r) => r.gridCode)));
    expect(district.grids.filter((g) => !covered.has(g.code))).toEqual([]);
  });

  it('is immutable once loaded', () => {
    expect(Object.isFrozen(district.grids[0])).toBe(true);
    expect(Object.isFrozen(district.grids[0].polygon.coordinates[0][0])).toBe(true);
    expect(() => (district.grids as unknown as unknown[]).push({})).toThrow();
  });
});
