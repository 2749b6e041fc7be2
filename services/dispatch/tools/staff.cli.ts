// Staff file tool for operators replacing the bundled sample with the station's own people:
//   node --import ./tools/runtime/register.mjs services/dispatch/tools/staff.cli.ts check [file]
// validates a staff file against the district in use (DISTRICT_FILE, else the bundled one) and
// prints a summary, or every problem (exit 1). Without a file: $DISPATCH_STAFF_FILE, else the sample.
import { pathToFileURL } from 'node:url';
import { loadDistrict } from '@jingwang/district';
import { DomainError } from '@jingwang/http';
import { STAFF_ROLES, STAFF_ROLE_NAMES_ZH } from '../src/staff/staff.model.ts';
import { StaffFileInvalidError } from '../src/staff/staff.errors.ts';
import { loadStaffFile, resolveStaffFile, type LoadedStaffFile } from '../src/staff/staff-file.loader.ts';

const USAGE = `usage: staff.cli.ts check [file]
  check [file]   validate a staff file against the district (default: $DISPATCH_STAFF_FILE, else the bundled sample)`;

function summary({ file, directory, source }: LoadedStaffFile): string[] {
  const lines = [
    `staff file: ${source}`,
    `version ${file.version}, schema ${file.schemaVersion}, for district version ${file.districtVersion}${file.sample ? ', SAMPLE DATA' : ''}`,
    '',
    'Case team (案件队):',
    ...directory.squads.map((s) => `  ${s.code}  ${s.nameZh} ${s.nameEn}: ${s.officerCodes.length} officers`),
    'People by role:',
    ...STAFF_ROLES.map((role) => `  ${role} (${STAFF_ROLE_NAMES_ZH[role]}): ${directory.byRole(role).length}`),
    `On the 110 car rotation: ${directory.members.filter((m) => m.eligible110).length}`,
    `Leave entries: ${file.leave?.length ?? 0}`,
    `Total: ${directory.members.length} people`,
    'OK: no problems found',
  ];
  return lines;
}

function check(path: string | undefined): number {
  const source = resolveStaffFile(path ?? process.env.DISPATCH_STAFF_FILE);
  try {
    for (const line of summary(loadStaffFile(source, loadDistrict()))) console.log(line);
    return 0;
  } catch (err) {
    if (err instanceof StaffFileInvalidError) {
      console.error(`staff file: ${source}`);
      console.error(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}:`);
      for (const p of err.problems) console.error(`  ${p.path}  [${p.code}]  ${p.message}`);
      return 1;
    }
    console.error(err instanceof DomainError ? err.message : String(err));
    return 1;
  }
}

export function main(args: readonly string[]): number {
  const [command, ...rest] = args;
  if (command === 'check' && rest.length <= 1) return check(rest[0]);
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return 0;
  }
  console.error(USAGE);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
