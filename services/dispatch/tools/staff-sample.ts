// Generates the bundled sample staff file (services/dispatch/data/jinmen-road.staff.json) from the
// bundled district: its 36 community and auxiliary police, 65 grid chiefs and 152 grid workers as
// the district posts them, plus an invented case team (3 squads of 6) and duty room (1 commander,
// 2 call-takers, 2 duty officers). Seeded, so every run is byte-identical. Run after changing it:
//   node --import ./tools/runtime/register.mjs services/dispatch/tools/staff-sample.ts
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BUNDLED_DISTRICT_FILE, loadDistrict, type District, type Person } from '@jingwang/district';
import { BUNDLED_STAFF_FILE } from '../src/staff/staff-file.loader.ts';
import { STAFF_SCHEMA_VERSION, type SquadRecord, type StaffFile, type StaffPersonRecord } from '../src/staff/staff-file.types.ts';

export const STAFF_SAMPLE_VERSION = '1.0.0';

const SQUADS = [
  { nameZh: '刑侦中队', nameEn: 'Criminal Investigation Squad' },
  { nameZh: '治安中队', nameEn: 'Public Order Squad' },
  { nameZh: '巡逻处警中队', nameEn: 'Patrol Response Squad' },
];
const OFFICERS_PER_SQUAD = 6;
const DUTY_ROOM = [
  { role: 'commander', count: 1 },
  { role: 'call-taker', count: 2 },
  { role: 'duty-officer', count: 2 },
] as const;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏';
const GIVEN = '国庆 卫东 振华 建军 永强 志勇 德明 宏伟 海涛 春雷 立军 晓光 文斌 兆龙 俊峰 玉梅 秀珍 红霞 丽娟 雅琴 学军 建平 卫国 红军 爱民 磊 斌 涛 鹏 静 敏 刚 军'.split(' ');

/** Park-Miller LCG: small, seeded, the same sequence on every machine. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

/** Invented names, none of them a name the district already uses. */
function nameSource(rnd: () => number, taken: Iterable<string>): () => string {
  const used = new Set(taken);
  const pick = <T>(s: ArrayLike<T>): T => s[Math.floor(rnd() * s.length)];
  return () => {
    for (;;) {
      const name = pick(SURNAMES) + pick(GIVEN);
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** The first of `codes` with the fewest people so far (ties: file order): a deterministic, even spread. */
function leastTaken(codes: readonly string[], taken: Map<string, number>): string {
  let best = codes[0];
  for (const code of codes) if ((taken.get(code) ?? 0) < (taken.get(best) ?? 0)) best = code;
  taken.set(best, (taken.get(best) ?? 0) + 1);
  return best;
}

/**
 * The community side as the district posts it. Community police who chief no police grid, and
 * auxiliaries and grid staff the district lists nowhere, go to the least-staffed police grid or
 * grid of their community.
 */
export function communitySide(district: District): StaffPersonRecord[] {
  const posted = new Map<string, { policeGridCode: string; gridCode?: string; chief?: true }>();
  const officers = new Map<string, number>();
  const gridStaff = new Map<string, number>();
  for (const pg of district.policeGrids) {
    posted.set(pg.chiefCode, { policeGridCode: pg.code, chief: true });
    officers.set(pg.code, 1);
    for (const a of pg.auxiliaryCodes ?? []) if (!posted.has(a)) posted.set(a, { policeGridCode: pg.code });
  }
  for (const g of district.grids) {
    if (!posted.has(g.chiefCode)) posted.set(g.chiefCode, { policeGridCode: g.policeGridCode, gridCode: g.code });
    for (const w of g.workerCodes) if (!posted.has(w)) posted.set(w, { policeGridCode: g.policeGridCode, gridCode: g.code });
    gridStaff.set(g.code, 1 + g.workerCodes.length);
  }
  for (const p of district.people) {
    if (posted.has(p.code)) continue;
    if (p.role === 'community-police' || p.role === 'auxiliary-police') {
      posted.set(p.code, { policeGridCode: leastTaken(district.policeGridsOfCommunity(p.communityCode).map((pg) => pg.code), officers) });
    } else {
      const grid = district.byGridCode(leastTaken(district.gridsOfCommunity(p.communityCode).map((g) => g.code), gridStaff))!;
      posted.set(p.code, { policeGridCode: grid.policeGridCode, gridCode: grid.code });
    }
  }
  // In the order one reads a team: per police grid its officers, then per grid its chief and workers.
  const rank = (p: Person) => {
    const post = posted.get(p.code)!;
    const pgIndex = district.policeGrids.findIndex((pg) => pg.code === post.policeGridCode);
    const gridIndex = post.gridCode ? district.grids.findIndex((g) => g.code === post.gridCode) : -1;
    const roleIndex = ['community-police', 'auxiliary-police', 'grid-chief', 'grid-worker'].indexOf(p.role) - (post.chief ? 1 : 0);
    return [pgIndex, gridIndex, roleIndex];
  };
  const order = (a: Person, b: Person) => {
    const [ra, rb] = [rank(a), rank(b)];
    return ra[0] - rb[0] || ra[1] - rb[1] || ra[2] - rb[2] || (a.code < b.code ? -1 : 1);
  };
  return [...district.people].sort(order).map((p) => {
    const post = posted.get(p.code)!;
    return {
      code: p.code,
      name: p.name,
      role: p.role,
      communityCode: p.communityCode,
      policeGridCode: post.policeGridCode,
      ...(post.gridCode && { gridCode: post.gridCode }),
      ...(p.role === 'community-police' && { policeGridChief: post.chief === true }),
      eligible110: p.role === 'community-police',
    };
  });
}

export function generateStaffSample(district: District): StaffFile {
  const station = district.station.code;
  const rnd = random(20_251_128);
  const name = nameSource(rnd, district.people.map((p) => p.name));
  const squads: SquadRecord[] = SQUADS.map((s, i) => ({ code: `${station}-SQ${pad(i + 1, 2)}`, ...s }));
  const people: StaffPersonRecord[] = [];
  squads.forEach((squad, s) => {
    for (let i = 1; i <= OFFICERS_PER_SQUAD; i++) {
      people.push({ code: `${station}-CT${pad(s * OFFICERS_PER_SQUAD + i, 3)}`, name: name(), role: 'case-officer', unitCode: squad.code, eligible110: true });
    }
  });
  let duty = 0;
  for (const { role, count } of DUTY_ROOM) {
    for (let i = 0; i < count; i++) people.push({ code: `${station}-DR${pad(++duty, 2)}`, name: name(), role, eligible110: false });
  }
  people.push(...communitySide(district));
  return {
    schemaVersion: STAFF_SCHEMA_VERSION,
    version: STAFF_SAMPLE_VERSION,
    sample: true,
    description:
      `SAMPLE DATA. The people of ${district.station.nameZh} (${district.station.nameEn}): an invented case team and duty room; ` +
      'the community side as the bundled district posts it. Generated by services/dispatch/tools/staff-sample.ts; do not edit by hand.',
    districtVersion: district.version,
    squads,
    people,
    leave: [],
  };
}

/** JSON with short arrays and objects on one line: one person a line, readable diffs. */
export function formatStaffJson(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']');
  if (flat.length + indent.length <= 200 || value === null || typeof value !== 'object') return flat;
  const inner = indent + '  ';
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + formatStaffJson(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatStaffJson(v, inner)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

/** The sample as written to the data file, from the bundled district whatever DISTRICT_FILE says. */
export const staffSampleText = (): string => formatStaffJson(generateStaffSample(loadDistrict(BUNDLED_DISTRICT_FILE))) + '\n';

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(BUNDLED_STAFF_FILE, staffSampleText());
  console.log(`wrote ${BUNDLED_STAFF_FILE}`);
}
