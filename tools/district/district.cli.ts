// District file tool for operators replacing the bundled district with their own:
//   npm run district -- check [file]       validate; summary per community, or every problem (exit 1)
//   npm run district -- locate <lat> <lng> the grid of a point
//   npm run district -- address <text>     the grid of a typed address
// Without a file the district in use is checked: $DISTRICT_FILE, else the bundled sample.
import { pathToFileURL } from 'node:url';
import { DistrictValidationError, loadDistrict, resolveDistrictFile, type District } from '@jingwang/district';

const USAGE = `usage: npm run district -- <command>
  check [file]          validate a district file (default: $DISTRICT_FILE, else the bundled sample)
  locate <lat> <lng>    show the grid containing a point (WGS84)
  address <text>        resolve a typed address to its grid`;

/** Terminal columns of a string: CJK and full-width characters take two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

function table(rows: string[][], rightAligned: Set<number>): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => width(r[c]))));
  return rows
    .map((r) => r.map((cell, c) => {
      const fill = ' '.repeat(widths[c] - width(cell));
      return rightAligned.has(c) ? fill + cell : cell + fill;
    }).join('  ').trimEnd())
    .join('\n');
}

function printSummary(district: District): void {
  const s = district.summary();
  console.log(`district file: ${district.source}`);
  console.log(`station ${district.station.code} ${district.station.nameZh} (${district.station.nameEn}), version ${s.version}, schema ${district.schemaVersion}${s.sample ? ', SAMPLE DATA' : ''}`);
  console.log('');
  const header = ['Code', 'Community', 'Police grids', 'Grids', 'Officers (police+aux)', 'Grid chiefs', 'Grid workers', 'Area km²'];
  const row = (code: string, name: string, r: typeof s.totals) => [
    code,
    name,
    String(r.policeGrids),
    String(r.grids),
    `${r.police + r.auxiliaries} (${r.police}+${r.auxiliaries})`,
    String(r.gridChiefs),
    String(r.gridWorkers),
    r.areaKm2.toFixed(2),
  ];
  const rows = [header, ...s.communities.map((c) => row(c.code, `${c.nameZh} ${c.nameEn}`, c)), row('Total', `${s.communities.length} communities`, s.totals)];
  console.log(table(rows, new Set([2, 3, 4, 5, 6, 7])));
  console.log('');
  console.log(`streets: ${s.streets}, address ranges: ${s.addressRanges}, people: ${district.people.length}`);
  console.log('OK: no problems found');
}

function check(file: string | undefined): number {
  const path = resolveDistrictFile(file);
  try {
    printSummary(loadDistrict(path));
    return 0;
  } catch (err) {
    if (err instanceof DistrictValidationError) {
      console.error(`district file: ${path}`);
      console.error(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}:`);
      for (const p of err.problems) console.error(`  ${p.path}  [${p.code}]  ${p.message}`);
      return 1;
    }
    console.error((err as Error).message);
    return 1;
  }
}

function locate(lat: string | undefined, lng: string | undefined): number {
  const [la, ln] = [Number(lat), Number(lng)];
  if (lat === undefined || lng === undefined || !Number.isFinite(la) || !Number.isFinite(ln)) {
    console.error('locate needs two numbers: <lat> <lng>');
    return 2;
  }
  const hit = loadDistrict().locate(la, ln);
  if (!hit) {
    console.log('outside the district');
    return 1;
  }
  console.log(`${hit.grid.code} ${hit.grid.nameZh} / ${hit.policeGrid.code} ${hit.policeGrid.nameZh} / ${hit.community.code} ${hit.community.nameZh}`);
  return 0;
}

function address(text: string): number {
  const r = loadDistrict().resolveAddress(text);
  if (!r.resolved) {
    console.log(`unresolved (${r.reason}): ${r.message}`);
    return 1;
  }
  console.log(`${r.buildingKey}${r.detail ? ` (${r.detail})` : ''} -> ${r.grid.code} ${r.grid.nameZh} / ${r.policeGrid.code} / ${r.community.code} ${r.community.nameZh}`);
  return 0;
}

export function main(args: readonly string[]): number {
  const [command, ...rest] = args;
  switch (command) {
    case 'check':
      if (rest.length > 1) break;
      return check(rest[0]);
    case 'locate':
      return locate(rest[0], rest[1]);
    case 'address':
      if (rest.length === 0) break;
      return address(rest.join(' '));
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
  }
  console.error(USAGE);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
