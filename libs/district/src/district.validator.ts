// Checks a parsed district file and names every problem in one pass, each with the JSON path to
// fix and what to do, because a district file is edited by hand and a fix-one-rerun loop over a
// few hundred records is miserable.
import type { PersonRole, Ring } from './district.types.ts';
import { DISTRICT_SCHEMA_VERSION, PARITIES, PERSON_ROLES } from './district.types.ts';
import { EPSILON_DEG, bboxOfRings, bboxesOverlap, pointInRings, polygonsOverlap, ringShapeProblems } from './geometry.util.ts';
import { normaliseAddressText } from './address.normaliser.ts';

export type ProblemCode =
  | 'INVALID_FILE'
  | 'UNSUPPORTED_SCHEMA'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'INVALID_CODE'
  | 'DUPLICATE_CODE'
  | 'UNKNOWN_REFERENCE'
  | 'MISSING_CHIEF'
  | 'WRONG_ROLE'
  | 'WRONG_COMMUNITY'
  | 'EMPTY_UNIT'
  | 'INVALID_POLYGON'
  | 'POLYGON_NOT_CLOSED'
  | 'OVERLAP'
  | 'DUPLICATE_STREET'
  | 'INVALID_RANGE'
  | 'ADDRESS_OVERLAP';

export interface DistrictProblem {
  /** Where to look, e.g. `grids[3].policeGridCode`; `(root)` for the file as a whole. */
  readonly path: string;
  readonly code: ProblemCode;
  /** What is wrong and what to do about it. */
  readonly message: string;
}

const CODE_FORMAT = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const ROLE_WORDS: Record<PersonRole, string> = {
  'community-police': 'community police officer',
  'auxiliary-police': 'auxiliary police officer',
  'grid-chief': 'grid chief',
  'grid-worker': 'grid worker',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const shown = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `"${v}"` : typeof v);

interface PersonInfo {
  readonly index: number;
  readonly role?: PersonRole;
  readonly communityCode?: string;
}

class Checker {
  readonly problems: DistrictProblem[] = [];

  add(path: string, code: ProblemCode, message: string): void {
    this.problems.push({ path, code, message });
  }

  /** `grids[3]` + `code` -> `grids[3].code`; top-level fields have no prefix. */
  static join(path: string, key: string): string {
    return path ? `${path}.${key}` : key;
  }

  /** A required non-empty string field; undefined (and a problem) otherwise. */
  text(o: Obj, key: string, path: string): string | undefined {
    const v = o[key];
    const at = Checker.join(path, key);
    if (v === undefined) this.add(at, 'MISSING_FIELD', `${key} is missing; add it as a non-empty string`);
    else if (typeof v !== 'string' || v.trim() === '') this.add(at, 'INVALID_FIELD', `${key} must be a non-empty string, got ${shown(v)}`);
    else return v;
    return undefined;
  }

  /** A required code field, in the code format. */
  code(o: Obj, key: string, path: string): string | undefined {
    const v = this.text(o, key, path);
    if (v !== undefined && !CODE_FORMAT.test(v)) {
      this.add(Checker.join(path, key), 'INVALID_CODE', `"${v}" is not a valid code; use letters, digits, '-' or '_' (at most 64), e.g. JM-G001`);
      return undefined;
    }
    return v;
  }

  array(o: Obj, key: string, path: string, required = true): unknown[] {
    const v = o[key];
    if (v === undefined && !required) return [];
    if (!Array.isArray(v)) {
      this.add(Checker.join(path, key), v === undefined ? 'MISSING_FIELD' : 'INVALID_FIELD', `${key} must be an array, got ${shown(v)}`);
      return [];
    }
    return v;
  }

  records(o: Obj, key: string): { rec: Obj; path: string; index: number }[] {
    const out: { rec: Obj; path: string; index: number }[] = [];
    this.array(o, key, '').forEach((rec, index) => {
      const path = `${key}[${index}]`;
      if (isObj(rec)) out.push({ rec, path, index });
      else this.add(path, 'INVALID_FIELD', `each entry of ${key} must be an object, got ${shown(rec)}`);
    });
    return out;
  }
}

/** Validates a parsed district file. Returns every problem found; an empty list means valid. */
export function validateDistrict(raw: unknown): DistrictProblem[] {
  const c = new Checker();
  if (!isObj(raw)) {
    c.add('(root)', 'INVALID_FILE', `the district file must be a JSON object, got ${shown(raw)}`);
    return c.problems;
  }

  if (raw.schemaVersion !== DISTRICT_SCHEMA_VERSION) {
    c.add('schemaVersion', 'UNSUPPORTED_SCHEMA', `schemaVersion must be ${DISTRICT_SCHEMA_VERSION}, got ${shown(raw.schemaVersion)}; convert the file to schema ${DISTRICT_SCHEMA_VERSION}`);
  }
  c.text(raw, 'version', '');
  if (raw.sample !== undefined && typeof raw.sample !== 'boolean') c.add('sample', 'INVALID_FIELD', `sample must be true or false, got ${shown(raw.sample)}`);
  if (!isObj(raw.station)) {
    c.add('station', raw.station === undefined ? 'MISSING_FIELD' : 'INVALID_FIELD', 'station must be an object with code, nameZh and nameEn');
  } else {
    c.code(raw.station, 'code', 'station');
    c.text(raw.station, 'nameZh', 'station');
    c.text(raw.station, 'nameEn', 'station');
  }

  // Unit codes (communities, police grids, grids) share one namespace so a code alone says what it is.
  const unitCodes = new Map<string, string>();
  const claimUnitCode = (code: string | undefined, path: string) => {
    if (code === undefined) return false;
    const other = unitCodes.get(code);
    if (other !== undefined) {
      c.add(`${path}.code`, 'DUPLICATE_CODE', `code "${code}" is already used by ${other}; give every community, police grid and grid its own code`);
      return false;
    }
    unitCodes.set(code, path);
    return true;
  };

  // Communities
  const communities = new Set<string>();
  for (const { rec, path } of c.records(raw, 'communities')) {
    const code = c.code(rec, 'code', path);
    c.text(rec, 'nameZh', path);
    c.text(rec, 'nameEn', path);
    if (claimUnitCode(code, path) && code) communities.add(code);
  }
  const checkCommunityRef = (rec: Obj, path: string): string | undefined => {
    const code = c.code(rec, 'communityCode', path);
    if (code !== undefined && !communities.has(code)) {
      c.add(`${path}.communityCode`, 'UNKNOWN_REFERENCE', `community "${code}" does not exist; use the code of an entry in communities`);
      return undefined;
    }
    return code;
  };

  // People
  const people = new Map<string, PersonInfo>();
  for (const { rec, path, index } of c.records(raw, 'people')) {
    const code = c.code(rec, 'code', path);
    c.text(rec, 'name', path);
    const role = rec.role;
    const validRole = PERSON_ROLES.includes(role as PersonRole) ? (role as PersonRole) : undefined;
    if (!validRole) c.add(`${path}.role`, role === undefined ? 'MISSING_FIELD' : 'INVALID_FIELD', `role must be one of ${PERSON_ROLES.join(', ')}, got ${shown(role)}`);
    const communityCode = checkCommunityRef(rec, path);
    if (code === undefined) continue;
    const other = people.get(code);
    if (other) c.add(`${path}.code`, 'DUPLICATE_CODE', `person code "${code}" is already used by people[${other.index}]; give every person their own code`);
    else people.set(code, { index, role: validRole, communityCode });
  }

  /** A reference to a person who must hold `role` in `communityCode`. */
  const checkPerson = (code: unknown, path: string, role: PersonRole, communityCode: string | undefined, what: string) => {
    if (typeof code !== 'string' || code === '') {
      c.add(path, 'INVALID_FIELD', `${what} must be a person code, got ${shown(code)}`);
      return;
    }
    const person = people.get(code);
    if (!person) {
      c.add(path, 'UNKNOWN_REFERENCE', `person "${code}" does not exist; add them to people or use an existing code`);
      return;
    }
    if (person.role && person.role !== role) {
      c.add(path, 'WRONG_ROLE', `${what} must be a ${ROLE_WORDS[role]}, but people[${person.index}] ("${code}") is a ${ROLE_WORDS[person.role]}`);
    }
    if (communityCode && person.communityCode && person.communityCode !== communityCode) {
      c.add(path, 'WRONG_COMMUNITY', `${what} "${code}" belongs to community ${person.communityCode}, not ${communityCode}; move them or pick someone from ${communityCode}`);
    }
  };

  // Police grids
  const policeGrids = new Map<string, { community?: string; grids: number }>();
  const policeGridsPerCommunity = new Map<string, number>();
  for (const { rec, path } of c.records(raw, 'policeGrids')) {
    const code = c.code(rec, 'code', path);
    c.text(rec, 'nameZh', path);
    c.text(rec, 'nameEn', path);
    const community = checkCommunityRef(rec, path);
    if (community) policeGridsPerCommunity.set(community, (policeGridsPerCommunity.get(community) ?? 0) + 1);
    if (rec.chiefCode === undefined || rec.chiefCode === null || rec.chiefCode === '') {
      c.add(`${path}.chiefCode`, 'MISSING_CHIEF', 'the police grid has no chief; set chiefCode to the code of a community police officer of its community');
    } else {
      checkPerson(rec.chiefCode, `${path}.chiefCode`, 'community-police', community, 'the police-grid chief');
    }
    c.array(rec, 'auxiliaryCodes', path, false).forEach((p, i) =>
      checkPerson(p, `${path}.auxiliaryCodes[${i}]`, 'auxiliary-police', community, 'an auxiliary of a police grid'),
    );
    if (claimUnitCode(code, path) && code) policeGrids.set(code, { community, grids: 0 });
  }

  // Grids
  const grids = new Set<string>();
  const shapes: { rings: Ring[]; path: string; code: string }[] = [];
  for (const { rec, path } of c.records(raw, 'grids')) {
    const code = c.code(rec, 'code', path);
    c.text(rec, 'nameZh', path);
    c.text(rec, 'nameEn', path);
    const pgCode = c.code(rec, 'policeGridCode', path);
    const pg = pgCode === undefined ? undefined : policeGrids.get(pgCode);
    if (pgCode !== undefined && !pg) {
      c.add(`${path}.policeGridCode`, 'UNKNOWN_REFERENCE', `police grid "${pgCode}" does not exist; use the code of an entry in policeGrids`);
    }
    if (pg) pg.grids++;
    if (rec.chiefCode === undefined || rec.chiefCode === null || rec.chiefCode === '') {
      c.add(`${path}.chiefCode`, 'MISSING_CHIEF', 'the grid has no chief; set chiefCode to the code of a grid chief of its community');
    } else {
      checkPerson(rec.chiefCode, `${path}.chiefCode`, 'grid-chief', pg?.community, 'the grid chief');
    }
    c.array(rec, 'workerCodes', path).forEach((p, i) => checkPerson(p, `${path}.workerCodes[${i}]`, 'grid-worker', pg?.community, 'a grid worker'));
    const rings = checkPolygon(c, rec.polygon, `${path}.polygon`);
    if (claimUnitCode(code, path) && code) {
      grids.add(code);
      if (rings) shapes.push({ rings, path, code });
    }
  }

  for (const community of communities) {
    if (!policeGridsPerCommunity.get(community)) {
      c.add(unitCodes.get(community) ?? 'communities', 'EMPTY_UNIT', `community ${community} has no police grids; add at least one police grid or remove the community`);
    }
  }
  for (const [code, pg] of policeGrids) {
    if (pg.grids === 0) c.add(unitCodes.get(code) ?? 'policeGrids', 'EMPTY_UNIT', `police grid ${code} has no grids; add at least one grid or remove the police grid`);
  }

  checkOverlaps(c, shapes);
  checkStreets(c, raw, grids);
  return c.problems;
}

/** GeoJSON Polygon with closed, simple rings; returns the rings when usable for geometry. */
function checkPolygon(c: Checker, polygon: unknown, path: string): Ring[] | undefined {
  if (!isObj(polygon)) {
    c.add(path, polygon === undefined ? 'MISSING_FIELD' : 'INVALID_POLYGON', 'polygon must be a GeoJSON Polygon: {"type": "Polygon", "coordinates": [[[lng, lat], ...]]}');
    return undefined;
  }
  if (polygon.type !== 'Polygon') {
    c.add(`${path}.type`, 'INVALID_POLYGON', `type must be "Polygon", got ${shown(polygon.type)}; split a MultiPolygon into separate grids`);
    return undefined;
  }
  const coords = polygon.coordinates;
  if (!Array.isArray(coords) || coords.length === 0) {
    c.add(`${path}.coordinates`, 'INVALID_POLYGON', 'coordinates must be a non-empty array of rings (outer ring first, then holes)');
    return undefined;
  }
  let ok = true;
  const rings: Ring[] = [];
  coords.forEach((ring: unknown, r) => {
    const rpath = `${path}.coordinates[${r}]`;
    if (!Array.isArray(ring) || ring.length < 4) {
      c.add(rpath, 'INVALID_POLYGON', 'a ring needs at least 4 positions (3 corners plus the first repeated at the end)');
      ok = false;
      return;
    }
    let positionsOk = true;
    ring.forEach((pos: unknown, i) => {
      const valid = Array.isArray(pos) && pos.length >= 2 && pos.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
        Math.abs(pos[0]) <= 180 && Math.abs(pos[1]) <= 90;
      if (!valid) {
        c.add(`${rpath}[${i}]`, 'INVALID_POLYGON', `a position must be [longitude, latitude] in degrees (longitude first), got ${JSON.stringify(pos)}`);
        positionsOk = false;
      }
    });
    if (!positionsOk) {
      ok = false;
      return;
    }
    const typed = ring as number[][];
    const first = typed[0];
    const last = typed[typed.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) {
      c.add(rpath, 'POLYGON_NOT_CLOSED', `the ring is not closed; its last position must repeat the first, ${JSON.stringify(first)}`);
      ok = false;
      return;
    }
    for (const msg of ringShapeProblems(typed)) {
      c.add(rpath, 'INVALID_POLYGON', `ring ${r}: ${msg}`);
      ok = false;
    }
    rings.push(typed);
  });
  if (ok) {
    for (let h = 1; h < rings.length; h++) {
      if (!rings[h].slice(0, -1).every(([lng, lat]) => pointInRings(lng, lat, [rings[0]]) || touchesRing([lng, lat], rings[0]))) {
        c.add(`${path}.coordinates[${h}]`, 'INVALID_POLYGON', 'a hole must lie inside the outer ring (coordinates[0])');
        ok = false;
      }
    }
  }
  return ok ? rings : undefined;
}

function touchesRing(p: readonly number[], ring: Ring): boolean {
  return ring.some(([x, y]) => Math.abs(x - p[0]) <= EPSILON_DEG && Math.abs(y - p[1]) <= EPSILON_DEG);
}

/** Pairwise overlap test, pruned by a sweep over the bounding boxes sorted by west edge. */
function checkOverlaps(c: Checker, shapes: { rings: Ring[]; path: string; code: string }[]): void {
  const items = shapes.map((s) => ({ ...s, bbox: bboxOfRings(s.rings) })).sort((a, b) => a.bbox.minLng - b.bbox.minLng);
  const found: { later: (typeof items)[number]; earlier: (typeof items)[number] }[] = [];
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length && items[j].bbox.minLng < items[i].bbox.maxLng; j++) {
      if (!bboxesOverlap(items[i].bbox, items[j].bbox) || !polygonsOverlap(items[i].rings, items[j].rings)) continue;
      const [earlier, later] = pathIndex(items[i].path) < pathIndex(items[j].path) ? [items[i], items[j]] : [items[j], items[i]];
      found.push({ earlier, later });
    }
  }
  found.sort((a, b) => pathIndex(a.later.path) - pathIndex(b.later.path) || pathIndex(a.earlier.path) - pathIndex(b.earlier.path));
  for (const { earlier, later } of found) {
    c.add(`${later.path}.polygon`, 'OVERLAP', `grid ${later.code} overlaps grid ${earlier.code} (${earlier.path}); neighbouring grids must share edges, not area: move the common boundary`);
  }
}

const pathIndex = (path: string): number => Number(/\[(\d+)\]$/.exec(path)?.[1] ?? 0);

function checkStreets(c: Checker, raw: Obj, grids: Set<string>): void {
  const names = new Map<string, string>();
  for (const { rec, path } of c.records(raw, 'streets')) {
    const nameZh = c.text(rec, 'nameZh', path);
    c.text(rec, 'nameEn', path);
    const spellings: { name: unknown; path: string }[] = [{ name: nameZh, path: `${path}.nameZh` }];
    c.array(rec, 'aliases', path, false).forEach((a, i) => spellings.push({ name: a, path: `${path}.aliases[${i}]` }));
    const own = new Set<string>();
    for (const { name, path: npath } of spellings) {
      if (name === undefined && npath.endsWith('.nameZh')) continue; // already reported
      if (typeof name !== 'string' || normaliseAddressText(name) === '') {
        c.add(npath, 'INVALID_FIELD', `a street name must be a non-empty string, got ${shown(name)}`);
        continue;
      }
      const key = normaliseAddressText(name);
      if (/[0-9]$/.test(key)) c.add(npath, 'INVALID_FIELD', `street name "${name}" ends in a digit, which cannot be told apart from a building number`);
      const other = names.get(key);
      if (other !== undefined && !own.has(key)) {
        c.add(npath, 'DUPLICATE_STREET', `street name "${name}" is already used by ${other}; each spelling may name only one street`);
      } else if (other === undefined) {
        names.set(key, npath);
      }
      own.add(key);
    }

    const valid: { from: number; to: number; parity: string; path: string }[] = [];
    c.array(rec, 'ranges', path).forEach((r, i) => {
      const rpath = `${path}.ranges[${i}]`;
      if (!isObj(r)) {
        c.add(rpath, 'INVALID_RANGE', `an address range must be an object {from, to, parity, gridCode}, got ${shown(r)}`);
        return;
      }
      let ok = true;
      for (const key of ['from', 'to'] as const) {
        if (!Number.isInteger(r[key]) || (r[key] as number) < 1) {
          c.add(`${rpath}.${key}`, 'INVALID_RANGE', `${key} must be a whole building number of at least 1, got ${shown(r[key])}`);
          ok = false;
        }
      }
      if (ok && (r.from as number) > (r.to as number)) {
        c.add(rpath, 'INVALID_RANGE', `from (${r.from}) is greater than to (${r.to}); swap them`);
        ok = false;
      }
      if (!PARITIES.includes(r.parity as never)) {
        c.add(`${rpath}.parity`, 'INVALID_RANGE', `parity must be one of ${PARITIES.join(', ')}, got ${shown(r.parity)}`);
        ok = false;
      }
      const gridCode = c.code(r, 'gridCode', rpath);
      if (gridCode !== undefined && !grids.has(gridCode)) {
        c.add(`${rpath}.gridCode`, 'UNKNOWN_REFERENCE', `grid "${gridCode}" does not exist; use the code of an entry in grids`);
      }
      if (ok) valid.push({ from: r.from as number, to: r.to as number, parity: r.parity as string, path: rpath });
    });
    for (let i = 0; i < valid.length; i++) {
      for (let j = i + 1; j < valid.length; j++) {
        const overlap = sharedNumber(valid[i], valid[j]);
        if (overlap !== undefined) {
          c.add(valid[j].path, 'ADDRESS_OVERLAP', `numbers ${valid[j].from}-${valid[j].to} (${valid[j].parity}) overlap ${valid[i].path} (e.g. number ${overlap}); each building number may belong to one range only`);
        }
      }
    }
  }
}

/** A building number both ranges claim, if any. */
function sharedNumber(a: { from: number; to: number; parity: string }, b: { from: number; to: number; parity: string }): number | undefined {
  const lo = Math.max(a.from, b.from);
  const hi = Math.min(a.to, b.to);
  if (lo > hi) return undefined;
  const parities = [a.parity, b.parity].filter((p) => p !== 'all');
  if (parities.length === 2 && parities[0] !== parities[1]) return undefined;
  if (parities.length === 0) return lo;
  const wantOdd = parities[0] === 'odd';
  const first = (lo % 2 === 1) === wantOdd ? lo : lo + 1;
  return first <= hi ? first : undefined;
}
