// Shapes of the district file (records, as stored in JSON) and of the loaded model (records plus
// what is derived at load time: parents, bounding boxes, areas).

/** GeoJSON position: [longitude, latitude] in WGS84 degrees. */
export type Position = readonly number[];
export type Ring = readonly Position[];

export interface GeoJsonPolygon {
  readonly type: 'Polygon';
  /** Outer ring first, then holes; each ring closed (last position repeats the first). */
  readonly coordinates: readonly Ring[];
}

export type PersonRole = 'community-police' | 'auxiliary-police' | 'grid-chief' | 'grid-worker';
export const PERSON_ROLES: readonly PersonRole[] = ['community-police', 'auxiliary-police', 'grid-chief', 'grid-worker'];

/** Which building numbers of a range belong to it; streets are often split odd/even by side. */
export type Parity = 'all' | 'odd' | 'even';
export const PARITIES: readonly Parity[] = ['all', 'odd', 'even'];

export const DISTRICT_SCHEMA_VERSION = 1;

// ---- file records ----

export interface StationRecord {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface CommunityRecord {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface PoliceGridRecord {
  readonly code: string;
  readonly communityCode: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The police-grid chief (警格长), a community police officer of the same community. */
  readonly chiefCode: string;
  /** Auxiliary police posted to this police grid. */
  readonly auxiliaryCodes?: readonly string[];
}

export interface GridRecord {
  readonly code: string;
  readonly policeGridCode: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** The grid chief (网格长). */
  readonly chiefCode: string;
  /** Grid workers (网格员). */
  readonly workerCodes: readonly string[];
  readonly polygon: GeoJsonPolygon;
}

export interface PersonRecord {
  readonly code: string;
  readonly name: string;
  readonly role: PersonRole;
  readonly communityCode: string;
}

export interface AddressRangeRecord {
  readonly from: number;
  readonly to: number;
  readonly parity: Parity;
  readonly gridCode: string;
}

export interface StreetRecord {
  /** Canonical name; building keys are built from it. */
  readonly nameZh: string;
  readonly nameEn: string;
  /** Other spellings that should resolve to this street (old names, common short forms). */
  readonly aliases?: readonly string[];
  readonly ranges: readonly AddressRangeRecord[];
}

export interface DistrictFile {
  readonly schemaVersion: number;
  readonly version: string;
  /** True when names and people are invented sample data. */
  readonly sample?: boolean;
  readonly description?: string;
  readonly station: StationRecord;
  readonly communities: readonly CommunityRecord[];
  readonly policeGrids: readonly PoliceGridRecord[];
  readonly grids: readonly GridRecord[];
  readonly people: readonly PersonRecord[];
  readonly streets: readonly StreetRecord[];
}

// ---- loaded model ----

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

export interface BBox {
  readonly minLng: number;
  readonly minLat: number;
  readonly maxLng: number;
  readonly maxLat: number;
}

export interface Community extends CommunityRecord {
  readonly policeGridCodes: readonly string[];
  readonly gridCodes: readonly string[];
  readonly bbox: BBox;
  readonly areaM2: number;
}

export interface PoliceGrid extends PoliceGridRecord {
  readonly gridCodes: readonly string[];
  readonly bbox: BBox;
  readonly areaM2: number;
}

export interface Grid extends GridRecord {
  readonly communityCode: string;
  readonly bbox: BBox;
  readonly areaM2: number;
  /** Area centroid; inside the grid for convex polygons such as the bundled rectangles. */
  readonly centroid: LatLng;
}

export type Person = PersonRecord;
export type Street = StreetRecord;

export interface Location {
  readonly grid: Grid;
  readonly policeGrid: PoliceGrid;
  readonly community: Community;
}

/** The "1+1+N" team of a grid: police-grid chief + grid chief + helpers. */
export interface GridTeam {
  readonly grid: Grid;
  readonly policeGridChief: Person;
  readonly auxiliaries: readonly Person[];
  readonly gridChief: Person;
  readonly gridWorkers: readonly Person[];
}

/** Who works an area beside its police: the same roles in a police grid and in a community. */
interface AreaTeam {
  readonly auxiliaries: readonly Person[];
  readonly gridChiefs: readonly Person[];
  readonly gridWorkers: readonly Person[];
}

export interface PoliceGridPeople extends AreaTeam {
  readonly chief: Person;
}

export interface CommunityPeople extends AreaTeam {
  readonly police: readonly Person[];
}

export interface CommunitySummary {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly policeGrids: number;
  readonly grids: number;
  readonly police: number;
  readonly auxiliaries: number;
  readonly gridChiefs: number;
  readonly gridWorkers: number;
  readonly areaKm2: number;
}

export interface DistrictSummary {
  readonly version: string;
  readonly sample: boolean;
  readonly communities: readonly CommunitySummary[];
  readonly totals: Omit<CommunitySummary, 'code' | 'nameZh' | 'nameEn'>;
  readonly streets: number;
  readonly addressRanges: number;
}
