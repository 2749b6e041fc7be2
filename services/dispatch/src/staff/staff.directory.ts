// The staff directory: a validated staff file with an index for every lookup, built once at start
// so that routing an incident does no scanning.
import type { Squad, StaffDirectory, StaffMember, StaffRole } from './staff.model.ts';
import { CAR_ROLES, type StaffFile } from './staff-file.types.ts';

const NONE: readonly StaffMember[] = Object.freeze([]);

function push<K, V>(map: Map<K, V[]>, key: K | null, value: V): void {
  if (key === null) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const frozen = <K, V>(map: Map<K, V[]>): Map<K, readonly V[]> => {
  for (const list of map.values()) Object.freeze(list);
  return map;
};

/** The directory of a staff file that validateStaffFile found valid; every member and list is frozen. */
export function buildStaffDirectory(file: StaffFile, source: string): StaffDirectory {
  const members: StaffMember[] = file.people.map((p) =>
    Object.freeze({
      code: p.code,
      name: p.name,
      role: p.role,
      unitCode: p.unitCode ?? null,
      communityCode: p.communityCode ?? null,
      policeGridCode: p.policeGridCode ?? null,
      gridCode: p.gridCode ?? null,
      eligible110: p.eligible110 ?? CAR_ROLES.has(p.role),
    }),
  );
  const byCode = new Map(members.map((m) => [m.code, m]));
  const byRole = new Map<StaffRole, StaffMember[]>();
  const policeGridChiefs = new Map<string, StaffMember>();
  const auxiliaries = new Map<string, StaffMember[]>();
  const gridChiefs = new Map<string, StaffMember>();
  const gridWorkers = new Map<string, StaffMember[]>();
  const communityOfficers = new Map<string, StaffMember[]>();
  const squadOfficers = new Map<string, StaffMember[]>();
  file.people.forEach((p, i) => {
    const m = members[i];
    push(byRole, m.role, m);
    switch (m.role) {
      case 'case-officer':
        push(squadOfficers, m.unitCode, m);
        break;
      case 'community-police':
        push(communityOfficers, m.communityCode, m);
        if (p.policeGridChief && m.policeGridCode) policeGridChiefs.set(m.policeGridCode, m);
        break;
      case 'auxiliary-police':
        push(auxiliaries, m.policeGridCode, m);
        break;
      case 'grid-chief':
        if (m.gridCode && !gridChiefs.has(m.gridCode)) gridChiefs.set(m.gridCode, m);
        break;
      case 'grid-worker':
        push(gridWorkers, m.gridCode, m);
        break;
    }
  });
  frozen(byRole);
  frozen(auxiliaries);
  frozen(gridWorkers);
  frozen(communityOfficers);
  frozen(squadOfficers);
  const squads: Squad[] = file.squads.map((s) =>
    Object.freeze({ code: s.code, nameZh: s.nameZh, nameEn: s.nameEn, officerCodes: Object.freeze((squadOfficers.get(s.code) ?? []).map((m) => m.code)) }),
  );
  const squadByCode = new Map(squads.map((s) => [s.code, s]));
  const allCommunityOfficers = byRole.get('community-police') ?? NONE;

  return Object.freeze({
    version: file.version,
    sample: file.sample,
    source,
    members: Object.freeze(members),
    squads: Object.freeze(squads),
    byCode: (code: string) => byCode.get(code),
    policeGridChief: (policeGridCode: string) => policeGridChiefs.get(policeGridCode),
    gridChief: (gridCode: string) => gridChiefs.get(gridCode),
    gridWorkers: (gridCode: string) => gridWorkers.get(gridCode) ?? NONE,
    communityOfficers: (communityCode: string) => communityOfficers.get(communityCode) ?? NONE,
    allCommunityOfficers: () => allCommunityOfficers,
    officersOfSquad: (squadCode: string) => squadOfficers.get(squadCode) ?? NONE,
    byRole: (role: StaffRole) => byRole.get(role) ?? NONE,
    squadByCode: (code: string) => squadByCode.get(code),
    auxiliaries: (policeGridCode: string) => auxiliaries.get(policeGridCode) ?? NONE,
  });
}
