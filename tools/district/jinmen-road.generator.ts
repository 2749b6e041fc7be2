// Generates the bundled sample district (libs/district/data/jinmen-road.district.json): 6
// communities, 18 police grids, 65 grids around Jinmen Road, Shinan, Qingdao. Rectangles made by
// subdividing, so the tiling is exact by construction; a seeded generator keeps every run
// byte-identical. Run after changing this file:
//   node --import ./tools/runtime/register.mjs tools/district/jinmen-road.generator.ts
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  BUNDLED_DISTRICT_FILE,
  DISTRICT_SCHEMA_VERSION,
  distanceMetres,
  type AddressRangeRecord,
  type CommunityRecord,
  type DistrictFile,
  type GridRecord,
  type PersonRecord,
  type PersonRole,
  type PoliceGridRecord,
  type StreetRecord,
} from '@jingwang/district';

const STATION = 'JM';
export const DISTRICT_VERSION = '1.0.0';

// Community columns (west -> east) and the two rows; 延安三路 runs on the first column boundary.
const COLUMNS = [120.38, 120.3935, 120.4065, 120.42];
// Police-grid strips per row (south -> north), shared by the row's three communities.
const ROW_STRIPS = [
  [36.06, 36.0632, 36.0667, 36.07],
  [36.07, 36.0735, 36.0768, 36.08],
];

interface CommunityPlan {
  readonly nameZh: string;
  readonly nameEn: string;
  readonly row: number;
  readonly col: number;
  /** Grids in each police grid, south -> north. */
  readonly grids: readonly number[];
}

const COMMUNITIES: readonly CommunityPlan[] = [
  { nameZh: '金门路社区', nameEn: 'Jinmen Road Community', row: 1, col: 0, grids: [4, 4, 3] },
  { nameZh: '彰化路社区', nameEn: 'Zhanghua Road Community', row: 1, col: 1, grids: [4, 3, 4] },
  { nameZh: '银川西社区', nameEn: 'Yinchuan West Community', row: 1, col: 2, grids: [3, 4, 4] },
  { nameZh: '闽江路社区', nameEn: 'Minjiang Road Community', row: 0, col: 0, grids: [4, 4, 3] },
  { nameZh: '江西路社区', nameEn: 'Jiangxi Road Community', row: 0, col: 1, grids: [4, 3, 4] },
  { nameZh: '燕儿岛路社区', nameEn: "Yan'erdao Road Community", row: 0, col: 2, grids: [3, 4, 3] },
];

// East-west streets run through the middle of each strip (numbered from the west end); north-south
// streets span the area (numbered from the south end). A street on a grid boundary has odd
// numbers on its west side and even numbers on its east side.
const EAST_WEST = [
  { nameZh: '香港中路', nameEn: 'Xianggang Middle Road', row: 0, strip: 0 },
  { nameZh: '江西路', nameEn: 'Jiangxi Road', row: 0, strip: 1 },
  { nameZh: '闽江路', nameEn: 'Minjiang Road', row: 0, strip: 2 },
  { nameZh: '金门路', nameEn: 'Jinmen Road', row: 1, strip: 0 },
  { nameZh: '彰化路', nameEn: 'Zhanghua Road', row: 1, strip: 1 },
  { nameZh: '宁夏路', nameEn: 'Ningxia Road', row: 1, strip: 2 },
];
const NORTH_SOUTH = [
  { nameZh: '南京路', nameEn: 'Nanjing Road', lng: 120.3852 },
  { nameZh: '延安三路', nameEn: "Yan'an Third Road", lng: 120.3935, aliases: ['延安3路'] },
  { nameZh: '山东路', nameEn: 'Shandong Road', lng: 120.401 },
  { nameZh: '福州南路', nameEn: 'Fuzhou South Road', lng: 120.4122 },
  { nameZh: '燕儿岛路', nameEn: "Yan'erdao Road", lng: 120.4172 },
];
const METRES_PER_NUMBER = 10; // odd and even alternate sides: a building every 20 m per side

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏';
const GIVEN = '建国伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅文辉鹏飞宇浩然欣怡晨阳雪琳海波志刚春燕立新振';
const RESERVED_NAMES = new Set(['王振中']); // a real officer named in the source article

const CN_ORDINAL = ['一', '二', '三', '四'];
const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Park-Miller LCG: small, seeded, the same sequence on every machine. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

/** Splits [a, b] into parts of uneven width (0.8-1.2 of average), rounded so neighbours share exact values. */
function split(a: number, b: number, parts: number, rnd: () => number): number[] {
  const weights = Array.from({ length: parts }, () => 0.8 + 0.4 * rnd());
  const total = weights.reduce((s, w) => s + w, 0);
  const cuts = [a];
  let acc = 0;
  for (let i = 0; i < parts - 1; i++) {
    acc += weights[i];
    cuts.push(round6(a + ((b - a) * acc) / total));
  }
  cuts.push(b);
  return cuts;
}

function rectangle(minLng: number, minLat: number, maxLng: number, maxLat: number): GridRecord['polygon'] {
  // Counter-clockwise outer ring, as RFC 7946 recommends.
  return { type: 'Polygon', coordinates: [[[minLng, minLat], [maxLng, minLat], [maxLng, maxLat], [minLng, maxLat], [minLng, minLat]]] };
}

interface Cell {
  readonly code: string;
  readonly minLng: number;
  readonly minLat: number;
  readonly maxLng: number;
  readonly maxLat: number;
}

export function generateJinmenRoad(): DistrictFile {
  const rnd = random(20_250_601);
  const names = nameSource(rnd);
  const communities: CommunityRecord[] = [];
  const policeGrids: PoliceGridRecord[] = [];
  const grids: GridRecord[] = [];
  const people: PersonRecord[] = [];
  const cells: Cell[] = [];

  let personSeq = 0;
  const person = (role: PersonRole, communityCode: string): string => {
    const code = `${STATION}-P${pad(++personSeq, 3)}`;
    people.push({ code, name: names(), role, communityCode });
    return code;
  };

  COMMUNITIES.forEach((plan, ci) => {
    const communityCode = `${STATION}-C${pad(ci + 1, 2)}`;
    communities.push({ code: communityCode, nameZh: plan.nameZh, nameEn: plan.nameEn });
    const strips = ROW_STRIPS[plan.row];
    const [west, east] = [COLUMNS[plan.col], COLUMNS[plan.col + 1]];
    // 18 police-grid chiefs are community police; the other 18 of the 36 are auxiliaries.
    const chiefs = plan.grids.map(() => person('community-police', communityCode));
    const auxiliaries = plan.grids.map(() => person('auxiliary-police', communityCode));
    let gridInCommunity = 0;
    plan.grids.forEach((count, s) => {
      const pgCode = `${STATION}-PG${pad(policeGrids.length + 1, 2)}`;
      policeGrids.push({
        code: pgCode,
        communityCode,
        nameZh: `${plan.nameZh}第${CN_ORDINAL[s]}警格`,
        nameEn: `${plan.nameEn} Police Grid ${s + 1}`,
        chiefCode: chiefs[s],
        auxiliaryCodes: [auxiliaries[s]],
      });
      const cuts = split(west, east, count, rnd);
      for (let g = 0; g < count; g++) {
        gridInCommunity++;
        const code = `${STATION}-G${pad(grids.length + 1, 3)}`;
        const chiefCode = person('grid-chief', communityCode);
        const workers = grids.length % 3 === 0 ? 3 : 2;
        const workerCodes = Array.from({ length: workers }, () => person('grid-worker', communityCode));
        const cell = { code, minLng: cuts[g], minLat: strips[s], maxLng: cuts[g + 1], maxLat: strips[s + 1] };
        cells.push(cell);
        grids.push({
          code,
          policeGridCode: pgCode,
          nameZh: `${plan.nameZh}第${gridInCommunity}网格`,
          nameEn: `${plan.nameEn} Grid ${gridInCommunity}`,
          chiefCode,
          workerCodes,
          polygon: rectangle(cell.minLng, cell.minLat, cell.maxLng, cell.maxLat),
        });
      }
    });
  });

  return {
    schemaVersion: DISTRICT_SCHEMA_VERSION,
    version: DISTRICT_VERSION,
    sample: true,
    description:
      'SAMPLE DATA. Jinmen Road police station (金门路派出所), Shinan district, Qingdao: plausible layout, ' +
      'invented names and people. Generated by tools/district/jinmen-road.generator.ts; do not edit by hand.',
    station: { code: STATION, nameZh: '金门路派出所', nameEn: 'Jinmen Road Police Station' },
    communities,
    policeGrids,
    grids,
    people,
    streets: streets(cells),
  };
}

function nameSource(rnd: () => number): () => string {
  const used = new Set<string>(RESERVED_NAMES);
  const pick = (s: string) => s[Math.floor(rnd() * s.length)];
  return () => {
    for (;;) {
      const name = pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.75 ? pick(GIVEN) : '');
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}

/** Number ranges along a street, one per grid crossed, cut where the street leaves a grid. */
function rangesAlong(segments: { code: string; from: number; to: number }[], parity: 'all' | 'odd' | 'even'): AddressRangeRecord[] {
  return segments.map((seg) => {
    let from = Math.round(seg.from / METRES_PER_NUMBER) + 1;
    let to = Math.round(seg.to / METRES_PER_NUMBER);
    if (parity !== 'all') {
      const odd = parity === 'odd' ? 1 : 0;
      if (from % 2 !== odd) from++;
      if (to % 2 !== odd) to--;
    }
    if (from > to) throw new Error(`street segment in ${seg.code} is too short for a building number`);
    return { from, to, parity, gridCode: seg.code };
  });
}

function streets(cells: readonly Cell[]): StreetRecord[] {
  const out: StreetRecord[] = [];
  const [west, east] = [COLUMNS[0], COLUMNS[COLUMNS.length - 1]];
  const [south, north] = [ROW_STRIPS[0][0], ROW_STRIPS[1][ROW_STRIPS[1].length - 1]];

  for (const st of EAST_WEST) {
    const strip = ROW_STRIPS[st.row];
    const lat = round6((strip[st.strip] + strip[st.strip + 1]) / 2);
    const crossed = cells.filter((c) => c.minLat < lat && lat < c.maxLat).sort((a, b) => a.minLng - b.minLng);
    const at = (lng: number) => distanceMetres({ lat, lng: west }, { lat, lng });
    const segments = crossed.map((c) => ({ code: c.code, from: at(c.minLng), to: at(c.maxLng) }));
    out.push({ nameZh: st.nameZh, nameEn: st.nameEn, ranges: rangesAlong(segments, 'all') });
  }

  for (const st of NORTH_SOUTH) {
    const at = (lat: number) => distanceMetres({ lat: south, lng: st.lng }, { lat, lng: st.lng });
    const along = (pick: (c: Cell) => boolean) =>
      cells.filter(pick).sort((a, b) => a.minLat - b.minLat).map((c) => ({ code: c.code, from: at(c.minLat), to: at(c.maxLat) }));
    const onBoundary = cells.some((c) => c.minLng === st.lng || c.maxLng === st.lng);
    const near = cells.some((c) => Math.abs(c.minLng - st.lng) * 90_000 < 20 && c.minLng !== st.lng);
    if (near) throw new Error(`${st.nameZh} runs within 20 m of a grid boundary; move it onto the boundary or away from it`);
    const ranges = onBoundary
      ? [
          ...rangesAlong(along((c) => c.maxLng === st.lng), 'odd'),
          ...rangesAlong(along((c) => c.minLng === st.lng), 'even'),
        ]
      : rangesAlong(along((c) => c.minLng < st.lng && st.lng < c.maxLng), 'all');
    if (ranges.length === 0 || st.lng <= west || st.lng >= east || south >= north) throw new Error(`${st.nameZh} misses the district`);
    out.push({ nameZh: st.nameZh, nameEn: st.nameEn, ...('aliases' in st ? { aliases: st.aliases } : {}), ranges });
  }
  return out;
}

/** JSON with short arrays and objects on one line: readable diffs, a file of reasonable length. */
export function formatDistrictJson(value: unknown, indent = ''): string {
  const flat = JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ').replace(/\[ /g, '[').replace(/ \]/g, ']');
  if (flat.length + indent.length <= 120 || value === null || typeof value !== 'object') return flat;
  const inner = indent + '  ';
  if (Array.isArray(value)) return `[\n${value.map((v) => inner + formatDistrictJson(v, inner)).join(',\n')}\n${indent}]`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatDistrictJson(v, inner)}`);
  return `{\n${entries.join(',\n')}\n${indent}}`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(BUNDLED_DISTRICT_FILE, formatDistrictJson(generateJinmenRoad()) + '\n');
  console.log(`wrote ${BUNDLED_DISTRICT_FILE}`);
}
