// One staff file per process, read once at start: DISPATCH_STAFF_FILE, else the bundled Jinmen
// Road sample. It is checked against the district in use (DISTRICT_FILE, else its bundled sample).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { District } from '@jingwang/district';
import type { StaffDirectory } from './staff.model.ts';
import { buildStaffDirectory } from './staff.directory.ts';
import { StaffErrors, StaffFileInvalidError } from './staff.errors.ts';
import type { StaffFile } from './staff-file.types.ts';
import { validateStaffFile } from './staff-file.validator.ts';

export const BUNDLED_STAFF_FILE = fileURLToPath(new URL('../../data/jinmen-road.staff.json', import.meta.url));

export interface LoadedStaffFile {
  readonly file: StaffFile;
  readonly directory: StaffDirectory;
  /** The absolute path it was read from. */
  readonly source: string;
  /** sha256 of its content (as parsed): the same version must always have the same content. */
  readonly hash: string;
}

/** The file to read: `configured` (DISPATCH_STAFF_FILE, relative to the working directory), else the bundled sample. */
export function resolveStaffFile(configured: string | null | undefined): string {
  return resolve(configured || BUNDLED_STAFF_FILE);
}

/** Validates parsed JSON against `district` and builds the directory; throws StaffFileInvalidError listing every problem. */
export function parseStaffFile(raw: unknown, district: District, source: string): LoadedStaffFile {
  const problems = validateStaffFile(raw, district);
  if (problems.length > 0) throw new StaffFileInvalidError(problems, source);
  const file = raw as StaffFile;
  const hash = createHash('sha256').update(JSON.stringify(raw)).digest('hex');
  return { file, directory: buildStaffDirectory(file, source), source, hash };
}

/** Reads, validates and builds a staff file (see resolveStaffFile for which one). */
export function loadStaffFile(configured: string | null | undefined, district: District): LoadedStaffFile {
  const source = resolveStaffFile(configured);
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (err) {
    throw StaffErrors.unreadable(source, (err as Error).message);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new StaffFileInvalidError([{ path: '(root)', code: 'INVALID_FILE', message: `not valid JSON: ${(err as Error).message}` }], source);
  }
  return parseStaffFile(raw, district, source);
}
