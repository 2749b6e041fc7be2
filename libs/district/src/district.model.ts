// The loaded district: records plus the indexes every lookup needs, built once at start so the
// per-alert calls (locate, resolveAddress) do no scanning.
import type {
  BBox,
  Community,
  CommunityPeople,
  CommunitySummary,
  DistrictFile,
  DistrictSummary,
  Grid,
  GridTeam,
  Location,
  Person,
  PoliceGrid,
  PoliceGridPeople,
  StationRecord,
  Street,
} from './district.types.ts';
import { bboxOfRings, polygonAreaM2, polygonCentroid, unionBBox } from './geometry.util.ts';
import { GridLocator } from './grid.locator.ts';
import { AddressResolver, type AddressMatch, type UnresolvedReason } from './address.resolver.ts';

export type ResolvedAddress = AddressMatch & {
  readonly resolved: true;
  readonly input: string;
  readonly normalised: string;
} & Location;

export interface UnresolvedAddress {
  readonly resolved: false;
  readonly input: string;
  readonly normalised: string;
  readonly reason: UnresolvedReason;
  readonly message: string;
  /** Set when street and number were read but the number is not in any range. */
  readonly buildingKey?: string;
}

export type AddressResolution = ResolvedAddress | UnresolvedAddress;

export interface District {
  readonly schemaVersion: number;
  readonly version: string;
  readonly sample: boolean;
  readonly station: StationRecord;
  /** The file it was loaded from, if any. */
  readonly source?: string;
  readonly communities: readonly Community[];
  readonly policeGrids: readonly PoliceGrid[];
  readonly grids: readonly Grid[];
  readonly people: readonly Person[];
  readonly streets: readonly Street[];

  byCommunityCode(code: string): Community | undefined;
  byPoliceGridCode(code: string): PoliceGrid | undefined;
  byGridCode(code: string): Grid | undefined;
  personByCode(code: string): Person | undefined;
  /** Grid, police grid and community of a grid code. */
  locationOfGrid(gridCode: string): Location | undefined;

  policeGridsOfCommunity(communityCode: string): readonly PoliceGrid[];
  gridsOfPoliceGrid(policeGridCode: string): readonly Grid[];
  gridsOfCommunity(communityCode: string): readonly Grid[];

  /** The grid containing the point (WGS84), or null outside the district. */
  locate(lat: number, lng: number): Location | null;
  /** A typed address to its grid, or the reason it cannot be resolved. */
  resolveAddress(text: string): AddressResolution;

  teamOfGrid(gridCode: string): GridTeam | undefined;
  peopleOfPoliceGrid(policeGridCode: string): PoliceGridPeople | undefined;
  peopleOfCommunity(communityCode: string): CommunityPeople | undefined;

  summary(): DistrictSummary;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const EMPTY_BBOX: BBox = { minLng: 0, minLat: 0, maxLng: 0, maxLat: 0 };

/**
 * Builds the model from a file that passed validateDistrict (parseDistrict does both); records
 * are copied and frozen, so callers share one immutable directory.
 */
export function buildDistrict(file: DistrictFile, source?: string): District {
  const data = deepFreeze(structuredClone(file));
  const pgByCode = new Map(data.policeGrids.map((pg) => [pg.code, pg]));

  const grids: Grid[] = data.grids.map((g) => {
    const rings = g.polygon.coordinates;
    return {
      ...g,
      communityCode: pgByCode.get(g.policeGridCode)?.communityCode ?? '',
      bbox: bboxOfRings(rings),
      areaM2: polygonAreaM2(rings),
      centroid: polygonCentroid(rings),
    };
  });
  const gridsByPg = groupBy(grids, (g) => g.policeGridCode);

  const policeGrids: PoliceGrid[] = data.policeGrids.map((pg) => {
    const own = gridsByPg.get(pg.code) ?? [];
    return {
      ...pg,
      gridCodes: own.map((g) => g.code),
      bbox: own.length > 0 ? unionBBox(own.map((g) => g.bbox)) : EMPTY_BBOX,
      areaM2: own.reduce((s, g) => s + g.areaM2, 0),
    };
  });
  const pgsByCommunity = groupBy(policeGrids, (pg) => pg.communityCode);
  const gridsByCommunity = groupBy(grids, (g) => g.communityCode);

  const communities: Community[] = data.communities.map((c) => {
    const own = gridsByCommunity.get(c.code) ?? [];
    return {
      ...c,
      policeGridCodes: (pgsByCommunity.get(c.code) ?? []).map((pg) => pg.code),
      gridCodes: own.map((g) => g.code),
      bbox: own.length > 0 ? unionBBox(own.map((g) => g.bbox)) : EMPTY_BBOX,
      areaM2: own.reduce((s, g) => s + g.areaM2, 0),
    };
  });

  deepFreeze(grids);
  deepFreeze(policeGrids);
  deepFreeze(communities);
  const gridMap = new Map(grids.map((g) => [g.code, g]));
  const pgMap = new Map(policeGrids.map((pg) => [pg.code, pg]));
  const communityMap = new Map(communities.map((c) => [c.code, c]));
  const personMap = new Map(data.people.map((p) => [p.code, p]));
  const peopleByCommunity = groupBy(data.people, (p) => p.communityCode);

  // Locations are precomputed per grid so locate() allocates nothing per call.
  const locations = new Map<string, Location>();
  for (const grid of grids) {
    const policeGrid = pgMap.get(grid.policeGridCode);
    const community = policeGrid && communityMap.get(policeGrid.communityCode);
    if (policeGrid && community) locations.set(grid.code, Object.freeze({ grid, policeGrid, community }));
  }

  const locator = new GridLocator(grids);
  const resolver = new AddressResolver(data.streets);
  const persons = (codes: readonly string[] | undefined): Person[] =>
    (codes ?? []).map((c) => personMap.get(c)).filter((p): p is Person => p !== undefined);
  const withRole = (list: readonly Person[], role: Person['role']) => list.filter((p) => p.role === role);

  const district: District = {
    schemaVersion: data.schemaVersion,
    version: data.version,
    sample: data.sample === true,
    station: data.station,
    ...(source === undefined ? {} : { source }),
    communities,
    policeGrids,
    grids,
    people: data.people,
    streets: data.streets,

    byCommunityCode: (code) => communityMap.get(code),
    byPoliceGridCode: (code) => pgMap.get(code),
    byGridCode: (code) => gridMap.get(code),
    personByCode: (code) => personMap.get(code),
    locationOfGrid: (code) => locations.get(code),

    policeGridsOfCommunity: (code) => (communityMap.get(code)?.policeGridCodes ?? []).map((c) => pgMap.get(c) as PoliceGrid),
    gridsOfPoliceGrid: (code) => (pgMap.get(code)?.gridCodes ?? []).map((c) => gridMap.get(c) as Grid),
    gridsOfCommunity: (code) => (communityMap.get(code)?.gridCodes ?? []).map((c) => gridMap.get(c) as Grid),

    locate(lat, lng) {
      const grid = locator.find(lat, lng);
      return (grid && locations.get(grid.code)) ?? null;
    },

    resolveAddress(text) {
      const input = String(text ?? '');
      const r = resolver.resolve(input);
      const location = r.kind === 'match' ? locations.get(r.gridCode) : undefined;
      if (r.kind === 'match' && location) {
        return { resolved: true, input, normalised: r.normalised, ...r.match, ...location };
      }
      if (r.kind === 'match') {
        // Only reachable with an unvalidated file whose range names a missing grid.
        return { resolved: false, input, normalised: r.normalised, reason: 'NUMBER_NOT_COVERED', message: `grid ${r.gridCode} is not in this district`, buildingKey: r.match.buildingKey };
      }
      return {
        resolved: false,
        input,
        normalised: r.normalised,
        reason: r.reason,
        message: r.message,
        ...(r.match ? { buildingKey: r.match.buildingKey } : {}),
      };
    },

    teamOfGrid(code) {
      const grid = gridMap.get(code);
      const pg = grid && pgMap.get(grid.policeGridCode);
      const policeGridChief = pg && personMap.get(pg.chiefCode);
      const gridChief = grid && personMap.get(grid.chiefCode);
      if (!grid || !pg || !policeGridChief || !gridChief) return undefined;
      return { grid, policeGridChief, auxiliaries: persons(pg.auxiliaryCodes), gridChief, gridWorkers: persons(grid.workerCodes) };
    },

    peopleOfPoliceGrid(code) {
      const pg = pgMap.get(code);
      const chief = pg && personMap.get(pg.chiefCode);
      if (!pg || !chief) return undefined;
      const own = pg.gridCodes.map((c) => gridMap.get(c) as Grid);
      return {
        chief,
        auxiliaries: persons(pg.auxiliaryCodes),
        gridChiefs: unique(persons(own.map((g) => g.chiefCode))),
        gridWorkers: unique(persons(own.flatMap((g) => g.workerCodes))),
      };
    },

    peopleOfCommunity(code) {
      if (!communityMap.has(code)) return undefined;
      const own = peopleByCommunity.get(code) ?? [];
      return {
        police: withRole(own, 'community-police'),
        auxiliaries: withRole(own, 'auxiliary-police'),
        gridChiefs: withRole(own, 'grid-chief'),
        gridWorkers: withRole(own, 'grid-worker'),
      };
    },

    summary() {
      const rows: CommunitySummary[] = communities.map((c) => {
        const people = district.peopleOfCommunity(c.code) as CommunityPeople;
        return {
          code: c.code,
          nameZh: c.nameZh,
          nameEn: c.nameEn,
          policeGrids: c.policeGridCodes.length,
          grids: c.gridCodes.length,
          police: people.police.length,
          auxiliaries: people.auxiliaries.length,
          gridChiefs: people.gridChiefs.length,
          gridWorkers: people.gridWorkers.length,
          areaKm2: c.areaM2 / 1e6,
        };
      });
      const sum = (k: Exclude<keyof CommunitySummary, 'code' | 'nameZh' | 'nameEn'>) => rows.reduce((s, r) => s + r[k], 0);
      return {
        version: data.version,
        sample: data.sample === true,
        communities: rows,
        totals: {
          policeGrids: sum('policeGrids'),
          grids: sum('grids'),
          police: sum('police'),
          auxiliaries: sum('auxiliaries'),
          gridChiefs: sum('gridChiefs'),
          gridWorkers: sum('gridWorkers'),
          areaKm2: sum('areaKm2'),
        },
        streets: data.streets.length,
        addressRanges: data.streets.reduce((s, st) => s + st.ranges.length, 0),
      };
    },
  };
  return Object.freeze(district);
}

function unique(people: Person[]): Person[] {
  return [...new Map(people.map((p) => [p.code, p])).values()];
}
