/** Who can be sent: the people of the station as the staff file lists them (see staff-file.loader.ts). */
export const STAFF_ROLES = ['case-officer', 'community-police', 'auxiliary-police', 'grid-chief', 'grid-worker', 'commander', 'call-taker', 'duty-officer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_NAMES_ZH: Readonly<Record<StaffRole, string>> = {
  'case-officer': '案件队民警',
  'community-police': '社区民警',
  'auxiliary-police': '辅警',
  'grid-chief': '网格长',
  'grid-worker': '网格员',
  commander: '指挥长',
  'call-taker': '接警员',
  'duty-officer': '值班员',
};

export interface StaffMember {
  readonly code: string;
  readonly name: string;
  readonly role: StaffRole;
  /** The case-team squad of a case officer. */
  readonly unitCode: string | null;
  readonly communityCode: string | null;
  readonly policeGridCode: string | null;
  readonly gridCode: string | null;
  /** Takes turns on the 110 patrol car. */
  readonly eligible110: boolean;
}

/** A case-team squad (案件队 中队), the unit the case-team lane sends. */
export interface Squad {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly officerCodes: readonly string[];
}

/** The loaded staff file with the lookups routing needs, built once at start. */
export interface StaffDirectory {
  readonly version: string;
  readonly sample: boolean;
  readonly source: string;
  readonly members: readonly StaffMember[];
  readonly squads: readonly Squad[];
  byCode(code: string): StaffMember | undefined;
  /** 警格长 of a police grid. */
  policeGridChief(policeGridCode: string): StaffMember | undefined;
  /** 网格长 of a grid. */
  gridChief(gridCode: string): StaffMember | undefined;
  /** 网格员 of a grid. */
  gridWorkers(gridCode: string): readonly StaffMember[];
  /** Community police posted to a community (not auxiliaries). */
  communityOfficers(communityCode: string): readonly StaffMember[];
  allCommunityOfficers(): readonly StaffMember[];
  officersOfSquad(squadCode: string): readonly StaffMember[];
  byRole(role: StaffRole): readonly StaffMember[];
  squadByCode(code: string): Squad | undefined;
  /** Auxiliary police (辅警) posted to a police grid. */
  auxiliaries(policeGridCode: string): readonly StaffMember[];
}

export const STAFF_DIRECTORY = Symbol('STAFF_DIRECTORY');
