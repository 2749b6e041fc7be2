// Checks a parsed staff file against itself and against the district, and names every problem in
// one pass (where in the file, what is wrong, how to fix it): the file is edited by hand, and a
// fix-one-restart loop over some 300 people is miserable.
import type { District } from '@jingwang/district';
import { STAFF_ROLES, STAFF_ROLE_NAMES_ZH, type StaffRole } from './staff.model.ts';
import { CAR_ROLES, STAFF_SCHEMA_VERSION } from './staff-file.types.ts';

export type StaffProblemCode =
  | 'INVALID_FILE'
  | 'UNSUPPORTED_SCHEMA'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'UNKNOWN_FIELD'
  | 'INVALID_CODE'
  | 'DUPLICATE_CODE'
  | 'UNKNOWN_ROLE'
  | 'UNKNOWN_SQUAD'
  | 'EMPTY_SQUAD'
  | 'MISPLACED_FIELD'
  | 'DISTRICT_VERSION'
  | 'NOT_IN_DISTRICT'
  | 'MISSING_PERSON'
  | 'DISTRICT_MISMATCH'
  | 'CHIEF_MISMATCH'
  | 'MISSING_CHIEF'
  | 'MISSING_DUTY_ROLE'
  | 'NOT_ELIGIBLE_110'
  | 'UNKNOWN_STAFF'
  | 'INVALID_DATE';

export interface StaffProblem {
  /** Where to look, e.g. `people[12].gridCode`; `(root)` for the file as a whole. */
  readonly path: string;
  readonly code: StaffProblemCode;
  /** What is wrong and what to do about it. */
  readonly message: string;
}

const CODE_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const DATE_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;
const MAX_NAME = 64;
const MAX_LEAVE_DAYS = 366;
const DUTY_ROLES: ReadonlySet<StaffRole> = new Set<StaffRole>(['commander', 'call-taker', 'duty-officer']);

const FIELDS = {
  root: ['schemaVersion', 'version', 'sample', 'description', 'districtVersion', 'squads', 'people', 'leave'],
  squad: ['code', 'nameZh', 'nameEn'],
  person: ['code', 'name', 'role', 'unitCode', 'communityCode', 'policeGridCode', 'gridCode', 'policeGridChief', 'eligible110'],
  leave: ['staffCode', 'from', 'to', 'reason'],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `"${v}"` : typeof v === 'object' ? 'an object' : String(v));
const roleWords = (role: StaffRole) => `${role} (${STAFF_ROLE_NAMES_ZH[role]})`;
const isSet = (v: unknown) => v !== undefined && v !== null;
const UNIT_WORDS: Record<string, string> = { communityCode: 'community', policeGridCode: 'police grid', gridCode: 'grid' };

class Checker {
  readonly problems: StaffProblem[] = [];

  add(path: string, code: StaffProblemCode, message: string): void {
    this.problems.push({ path, code, message });
  }

  /** A required (or, if set, an optional) non-empty string of at most `max` characters. */
  text(o: Obj, key: string, path: string, required = true, max = MAX_NAME): string | undefined {
    const v = o[key];
    const at = `${path}${path ? '.' : ''}${key}`;
    if (!isSet(v)) {
      if (required) this.add(at, 'MISSING_FIELD', `${key} is missing; add it as a non-empty string`);
    } else if (typeof v !== 'string' || v.trim() === '') this.add(at, 'INVALID_FIELD', `${key} must be a non-empty string, got ${shown(v)}`);
    else if (v.length > max) this.add(at, 'INVALID_FIELD', `${key} must be at most ${max} characters, got ${v.length}; shorten it`);
    else return v;
    return undefined;
  }

  code(o: Obj, key: string, path: string, required = true): string | undefined {
    const v = this.text(o, key, path, required);
    if (v !== undefined && !CODE_FORMAT.test(v)) {
      this.add(`${path}.${key}`, 'INVALID_CODE', `"${v}" is not a valid code; use letters, digits, '-' or '_' (at most 64), e.g. JM-CT001`);
      return undefined;
    }
    return v;
  }

  bool(o: Obj, key: string, path: string): boolean | undefined {
    const v = o[key];
    if (!isSet(v)) return undefined;
    if (typeof v === 'boolean') return v;
    this.add(`${path}${path ? '.' : ''}${key}`, 'INVALID_FIELD', `${key} must be true or false, got ${shown(v)}`);
    return undefined;
  }

  unknownFields(o: Obj, known: readonly string[], path: string): void {
    for (const key of Object.keys(o)) {
      if (!known.includes(key)) this.add(`${path}${path ? '.' : ''}${key}`, 'UNKNOWN_FIELD', `unknown field ${key}; check its spelling or remove it (known: ${known.join(', ')})`);
    }
  }

  records(o: Obj, key: string, required = true): { rec: Obj; path: string }[] {
    const v = o[key];
    if (!isSet(v) && !required) return [];
    if (!Array.isArray(v)) {
      this.add(key, isSet(v) ? 'INVALID_FIELD' : 'MISSING_FIELD', `${key} must be an array, got ${shown(v)}`);
      return [];
    }
    const out: { rec: Obj; path: string }[] = [];
    v.forEach((rec, i) => {
      const path = `${key}[${i}]`;
      if (isObj(rec)) out.push({ rec, path });
      else this.add(path, 'INVALID_FIELD', `each entry of ${key} must be an object, got ${shown(rec)}`);
    });
    return out;
  }
}

/** Where the district posts its people: what a community-side entry of the staff file must say. */
interface DistrictPosts {
  policeGridChief: Map<string, string>;
  auxiliary: Map<string, string>;
  gridChief: Map<string, string>;
  gridWorker: Map<string, string>;
}

function postsOf(district: District): DistrictPosts {
  const posts: DistrictPosts = { policeGridChief: new Map(), auxiliary: new Map(), gridChief: new Map(), gridWorker: new Map() };
  for (const pg of district.policeGrids) {
    posts.policeGridChief.set(pg.chiefCode, pg.code);
    for (const a of pg.auxiliaryCodes ?? []) if (!posts.auxiliary.has(a)) posts.auxiliary.set(a, pg.code);
  }
  for (const g of district.grids) {
    if (!posts.gridChief.has(g.chiefCode)) posts.gridChief.set(g.chiefCode, g.code);
    for (const w of g.workerCodes) if (!posts.gridWorker.has(w)) posts.gridWorker.set(w, g.code);
  }
  return posts;
}

/** A valid YYYY-MM-DD calendar date as days since 1970-01-01, else undefined. */
export function dayNumber(text: string): number | undefined {
  const m = DATE_FORMAT.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000;
}

/** Validates a parsed staff file against `district`. Returns every problem found; an empty list means valid. */
export function validateStaffFile(raw: unknown, district: District): StaffProblem[] {
  const c = new Checker();
  if (!isObj(raw)) {
    c.add('(root)', 'INVALID_FILE', `the staff file must be a JSON object, got ${shown(raw)}`);
    return c.problems;
  }
  if (raw.schemaVersion !== STAFF_SCHEMA_VERSION) {
    c.add('schemaVersion', 'UNSUPPORTED_SCHEMA', `schemaVersion must be ${STAFF_SCHEMA_VERSION}, got ${shown(raw.schemaVersion)}; convert the file to schema ${STAFF_SCHEMA_VERSION}`);
  }
  c.text(raw, 'version', '');
  if (raw.sample === undefined) c.add('sample', 'MISSING_FIELD', 'sample is missing; set it to false for the station\'s real people, true for invented ones');
  else c.bool(raw, 'sample', '');
  c.text(raw, 'description', '', false, 2000);
  const districtVersion = c.text(raw, 'districtVersion', '');
  if (districtVersion !== undefined && districtVersion !== district.version) {
    c.add(
      'districtVersion',
      'DISTRICT_VERSION',
      `the file was made for district version "${districtVersion}" but the district in use is version "${district.version}"${district.source ? ` (${district.source})` : ''}; check the community side against that district and set districtVersion to "${district.version}"`,
    );
  }
  c.unknownFields(raw, FIELDS.root, '');

  const squads = checkSquads(c, raw);
  const people = checkPeople(c, raw, district, squads);

  for (const [code, squad] of squads) {
    if (squad.officers === 0) c.add(squad.path, 'EMPTY_SQUAD', `squad ${code} has no officers; give it case officers (role case-officer, unitCode "${code}") or remove it`);
  }
  if (squads.size === 0 && c.problems.every((p) => p.path !== 'squads')) {
    c.add('squads', 'EMPTY_SQUAD', 'the case team (案件队) needs at least one squad; add one with its case officers');
  }
  // Without a list of people, that it is missing says it all.
  if (Array.isArray(raw.people)) {
    for (const role of ['commander', 'call-taker'] as const) {
      if (!people.roles.has(role)) c.add('people', 'MISSING_DUTY_ROLE', `the duty room has no ${roleWords(role)}; add at least one person with role ${role}`);
    }
    checkDistrictCoverage(c, district, people);
  }
  checkLeave(c, raw, people.codes);
  return c.problems;
}

interface SquadInfo {
  path: string;
  officers: number;
}

function checkSquads(c: Checker, raw: Obj): Map<string, SquadInfo> {
  const squads = new Map<string, SquadInfo>();
  for (const { rec, path } of c.records(raw, 'squads')) {
    const code = c.code(rec, 'code', path);
    c.text(rec, 'nameZh', path);
    c.text(rec, 'nameEn', path);
    c.unknownFields(rec, FIELDS.squad, path);
    if (code === undefined) continue;
    const other = squads.get(code);
    if (other) c.add(`${path}.code`, 'DUPLICATE_CODE', `squad code "${code}" is already used by ${other.path}; give every squad its own code`);
    else squads.set(code, { path, officers: 0 });
  }
  return squads;
}

interface PeopleInfo {
  /** Code -> path of the entry. */
  codes: Map<string, string>;
  roles: Set<StaffRole>;
  /** Grid -> its grid chiefs in the file. */
  gridChiefs: Map<string, { code: string; path: string }[]>;
}

function checkPeople(c: Checker, raw: Obj, district: District, squads: Map<string, SquadInfo>): PeopleInfo {
  const info: PeopleInfo = { codes: new Map(), roles: new Set(), gridChiefs: new Map() };
  const posts = postsOf(district);
  for (const { rec, path } of c.records(raw, 'people')) {
    const code = c.code(rec, 'code', path);
    c.text(rec, 'name', path);
    const role = STAFF_ROLES.includes(rec.role as StaffRole) ? (rec.role as StaffRole) : undefined;
    if (!role) {
      c.add(`${path}.role`, isSet(rec.role) ? 'UNKNOWN_ROLE' : 'MISSING_FIELD', `role must be one of ${STAFF_ROLES.join(', ')}, got ${shown(rec.role)}`);
    }
    for (const key of ['unitCode', 'communityCode', 'policeGridCode', 'gridCode']) c.code(rec, key, path, false);
    const chief = c.bool(rec, 'policeGridChief', path);
    const eligible = c.bool(rec, 'eligible110', path);
    c.unknownFields(rec, FIELDS.person, path);
    if (code !== undefined) {
      const other = info.codes.get(code);
      if (other) c.add(`${path}.code`, 'DUPLICATE_CODE', `person code "${code}" is already used by ${other}; give every person their own code`);
      else info.codes.set(code, path);
    }
    if (!role) continue;
    info.roles.add(role);
    if (eligible && !CAR_ROLES.has(role)) {
      c.add(`${path}.eligible110`, 'NOT_ELIGIBLE_110', `people with role ${roleWords(role)} do not take turns on the 110 car, only case officers and community police do; remove eligible110 or set it to false`);
    }
    const misplaced = (keys: string[], why: string) => {
      for (const key of keys) if (isSet(rec[key])) c.add(`${path}.${key}`, 'MISPLACED_FIELD', `people with role ${roleWords(role)} have no ${key} (${why}); remove it`);
    };
    if (role !== 'community-police' && chief !== undefined) misplaced(['policeGridChief'], 'only community police can be police-grid chiefs');
    if (role === 'case-officer') {
      misplaced(['communityCode', 'policeGridCode', 'gridCode'], 'the case team serves the whole station');
      const unit = rec.unitCode;
      if (!isSet(unit)) c.add(`${path}.unitCode`, 'UNKNOWN_SQUAD', `a case officer needs a squad; set unitCode to one of: ${[...squads.keys()].join(', ') || '(no squads yet: add one to squads)'}`);
      else if (typeof unit === 'string' && squads.has(unit)) squads.get(unit)!.officers++;
      else if (typeof unit === 'string' && CODE_FORMAT.test(unit)) {
        c.add(`${path}.unitCode`, 'UNKNOWN_SQUAD', `squad "${unit}" is not in squads; use one of: ${[...squads.keys()].join(', ') || '(none)'}, or add the squad`);
      }
    } else if (DUTY_ROLES.has(role)) {
      misplaced(['unitCode', 'communityCode', 'policeGridCode', 'gridCode'], 'the duty room serves the whole station');
    } else {
      misplaced(['unitCode'], 'squads are the case team\'s');
      if (code !== undefined) checkCommunitySide(c, rec, path, code, role, district, posts, info);
    }
  }
  return info;
}

/** A community-side person: the same person, role, community and post as in the district. */
function checkCommunitySide(c: Checker, rec: Obj, path: string, code: string, role: StaffRole, district: District, posts: DistrictPosts, info: PeopleInfo): void {
  const person = district.personByCode(code);
  if (!person) {
    c.add(
      `${path}.code`,
      'NOT_IN_DISTRICT',
      `"${code}" is not a person of the district (version ${district.version}); community-side people come from the district file: add them there first, or correct the code`,
    );
    return;
  }
  const who = `${code} ${person.name}`;
  if (typeof rec.name === 'string' && rec.name !== person.name) {
    c.add(`${path}.name`, 'DISTRICT_MISMATCH', `the district calls ${code} "${person.name}", not "${rec.name}"; use the district's name (or correct the district file)`);
  }
  if (person.role !== role) {
    c.add(`${path}.role`, 'DISTRICT_MISMATCH', `the district has ${who} as ${roleWords(person.role)}, not ${roleWords(role)}; set role to ${person.role}`);
    return; // the posts below follow from the role
  }
  /** A field that must say `expected` (or one of `allowed`). */
  const expect = (key: string, expected: string | undefined, allowed?: readonly string[], where?: string): string | undefined => {
    const given = rec[key];
    const choices = expected !== undefined ? [expected] : (allowed ?? []);
    if (!isSet(given)) {
      c.add(`${path}.${key}`, 'MISSING_FIELD', `${key} is missing; set it to ${expected !== undefined ? `"${expected}"` : `one of ${where}: ${choices.join(', ')}`}`);
      return undefined;
    }
    if (typeof given !== 'string' || !CODE_FORMAT.test(given)) return undefined; // already reported
    if (!choices.includes(given)) {
      c.add(
        `${path}.${key}`,
        'DISTRICT_MISMATCH',
        expected !== undefined
          ? `the district puts ${who} in ${UNIT_WORDS[key]} "${expected}", not "${given}"; set ${key} to "${expected}" (or change the district file)`
          : `"${given}" is not one of ${where}: ${choices.join(', ')}; pick one of them`,
      );
      return undefined;
    }
    return given;
  };
  expect('communityCode', person.communityCode);
  const policeGridsHere = district.policeGridsOfCommunity(person.communityCode).map((pg) => pg.code);
  const inCommunity = `the police grids of community ${person.communityCode}`;
  const chiefOf = posts.policeGridChief.get(code);
  const chief = rec.policeGridChief === true;

  switch (role) {
    case 'community-police': {
      expect('policeGridCode', chiefOf, policeGridsHere, inCommunity);
      if (chiefOf !== undefined && !chief) {
        c.add(`${path}.policeGridChief`, 'CHIEF_MISMATCH', `${who} is the police-grid chief (警格长) of ${chiefOf} in the district; set policeGridChief to true`);
      } else if (chiefOf === undefined && chief) {
        const pgCode = typeof rec.policeGridCode === 'string' ? rec.policeGridCode : undefined;
        const real = pgCode && district.byPoliceGridCode(pgCode)?.chiefCode;
        c.add(
          `${path}.policeGridChief`,
          'CHIEF_MISMATCH',
          `${who} is not a police-grid chief in the district${real ? `: the chief of ${pgCode} is ${real} ${district.personByCode(real)?.name ?? ''}`.trimEnd() : ''}; remove policeGridChief here (or change the district file)`,
        );
      }
      if (isSet(rec.gridCode)) c.add(`${path}.gridCode`, 'MISPLACED_FIELD', 'community police are posted to a police grid, not a grid; remove gridCode');
      break;
    }
    case 'auxiliary-police':
      expect('policeGridCode', posts.auxiliary.get(code), policeGridsHere, inCommunity);
      if (isSet(rec.gridCode)) c.add(`${path}.gridCode`, 'MISPLACED_FIELD', 'auxiliary police are posted to a police grid, not a grid; remove gridCode');
      break;
    case 'grid-chief':
    case 'grid-worker': {
      const named = (role === 'grid-chief' ? posts.gridChief : posts.gridWorker).get(code);
      const gridsHere = district.gridsOfCommunity(person.communityCode).map((g) => g.code);
      const grid = expect('gridCode', named, gridsHere, `the grids of community ${person.communityCode}`);
      const pgOfGrid = grid ? district.byGridCode(grid)?.policeGridCode : undefined;
      if (pgOfGrid) expect('policeGridCode', pgOfGrid);
      if (role === 'grid-chief' && grid) info.gridChiefs.set(grid, [...(info.gridChiefs.get(grid) ?? []), { code, path }]);
      break;
    }
  }
}

/** Every person of the district is in the file, every police grid and grid has its one chief. */
function checkDistrictCoverage(c: Checker, district: District, people: PeopleInfo): void {
  const chiefs = new Set<string>();
  for (const pg of district.policeGrids) {
    chiefs.add(pg.chiefCode);
    // A chief marked wrongly, or posted elsewhere, is named at that person's entry.
    if (!people.codes.has(pg.chiefCode)) {
      const name = district.personByCode(pg.chiefCode)?.name ?? '';
      c.add('people', 'MISSING_CHIEF', `police grid ${pg.code} ${pg.nameZh} has no chief (警格长): add the district's chief ${pg.chiefCode} ${name} (community-police, policeGridCode "${pg.code}", policeGridChief true)`);
    }
  }
  for (const g of district.grids) {
    chiefs.add(g.chiefCode);
    const posted = people.gridChiefs.get(g.code) ?? [];
    if (!people.codes.has(g.chiefCode)) {
      const name = district.personByCode(g.chiefCode)?.name ?? '';
      c.add('people', 'MISSING_CHIEF', `grid ${g.code} ${g.nameZh} has no grid chief (网格长): add the district's grid chief ${g.chiefCode} ${name} (grid-chief, gridCode "${g.code}")`);
    }
    for (const other of posted.filter((p) => p.code !== g.chiefCode)) {
      c.add(`${other.path}.gridCode`, 'CHIEF_MISMATCH', `grid ${g.code} already has its grid chief, the district's ${g.chiefCode}; a grid has one: post ${other.code} to a grid of their own (or change the district file)`);
    }
  }
  for (const p of district.people) {
    if (chiefs.has(p.code) || people.codes.has(p.code)) continue; // missing chiefs are named above
    c.add('people', 'MISSING_PERSON', `the district's ${roleWords(p.role)} ${p.code} ${p.name} of community ${p.communityCode} is not in the file; add them (or remove them from the district file)`);
  }
}

function checkLeave(c: Checker, raw: Obj, codes: Map<string, string>): void {
  for (const { rec, path } of c.records(raw, 'leave', false)) {
    const staffCode = c.code(rec, 'staffCode', path);
    if (staffCode !== undefined && !codes.has(staffCode)) {
      c.add(`${path}.staffCode`, 'UNKNOWN_STAFF', `"${staffCode}" is not in people; use the code of a person in this file`);
    }
    const day = (key: 'from' | 'to') => {
      const v = c.text(rec, key, path);
      if (v === undefined) return undefined;
      const n = dayNumber(v);
      if (n === undefined) c.add(`${path}.${key}`, 'INVALID_DATE', `${key} must be a calendar date written YYYY-MM-DD (e.g. 2026-12-01), got "${v}"`);
      return n;
    };
    const [from, to] = [day('from'), day('to')];
    if (from !== undefined && to !== undefined) {
      if (to < from) c.add(`${path}.to`, 'INVALID_DATE', `to (${String(rec.to)}) is before from (${String(rec.from)}); leave runs from its first to its last day, both included`);
      else if (to - from + 1 > MAX_LEAVE_DAYS) c.add(`${path}.to`, 'INVALID_DATE', `leave of ${to - from + 1} days is longer than ${MAX_LEAVE_DAYS}; split it or check the dates`);
    }
    c.text(rec, 'reason', path, false, 200);
    c.unknownFields(rec, FIELDS.leave, path);
  }
}
