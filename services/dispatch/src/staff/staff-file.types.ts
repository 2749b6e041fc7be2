// The staff file as stored (JSON, schemaVersion 1): the station's squads, people and leave. The
// community side (community and auxiliary police, grid chiefs and workers) repeats the district
// file's people and posts, so that dispatch can be checked against the district it routes in.
import type { StaffRole } from './staff.model.ts';

export const STAFF_SCHEMA_VERSION = 1;

export interface SquadRecord {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface StaffPersonRecord {
  readonly code: string;
  readonly name: string;
  readonly role: StaffRole;
  /** case-officer: the squad. */
  readonly unitCode?: string;
  /** Community side: as in the district file. */
  readonly communityCode?: string;
  /** community-police, auxiliary-police: where posted; grid staff: their grid's police grid. */
  readonly policeGridCode?: string;
  /** grid-chief, grid-worker. */
  readonly gridCode?: string;
  /** community-police: true for the police-grid chief (警格长) of policeGridCode, the district's chiefCode. */
  readonly policeGridChief?: boolean;
  /** Takes turns on the 110 car; only case officers and community police may. Default: true for those two roles. */
  readonly eligible110?: boolean;
}

/** Days off, both ends included (local dates). */
export interface LeaveRecord {
  readonly staffCode: string;
  readonly from: string;
  readonly to: string;
  readonly reason?: string;
}

export interface StaffFile {
  readonly schemaVersion: number;
  /** Free-form, one per content: a changed file needs a new version. */
  readonly version: string;
  /** True when the people are invented. */
  readonly sample: boolean;
  readonly description?: string;
  /** The district file version the community side was checked against. */
  readonly districtVersion: string;
  readonly squads: readonly SquadRecord[];
  readonly people: readonly StaffPersonRecord[];
  readonly leave?: readonly LeaveRecord[];
}

/** Roles that may take turns on the 110 car, and are on it unless the file says otherwise. */
export const CAR_ROLES: ReadonlySet<StaffRole> = new Set<StaffRole>(['case-officer', 'community-police']);
