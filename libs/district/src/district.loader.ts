// One district per process, read once at start. A deployment points DISTRICT_FILE at its own
// file; without it the bundled sample (Jinmen Road) is used.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DistrictFile } from './district.types.ts';
import { buildDistrict, type District } from './district.model.ts';
import { validateDistrict } from './district.validator.ts';
import { DistrictValidationError } from './district.errors.ts';

export const DISTRICT_FILE_ENV = 'DISTRICT_FILE';
export const BUNDLED_DISTRICT_FILE = fileURLToPath(new URL('../data/jinmen-road.district.json', import.meta.url));

/** The file loadDistrict would read: the argument, else $DISTRICT_FILE, else the bundled file. */
export function resolveDistrictFile(path?: string): string {
  const chosen = path || process.env[DISTRICT_FILE_ENV] || BUNDLED_DISTRICT_FILE;
  return resolve(chosen);
}

/** Validates parsed JSON and builds the district; throws DistrictValidationError listing every problem. */
export function parseDistrict(raw: unknown, source?: string): District {
  const problems = validateDistrict(raw);
  if (problems.length > 0) throw new DistrictValidationError(problems, source);
  return buildDistrict(raw as DistrictFile, source);
}

/** Reads, validates and builds a district file (see resolveDistrictFile for which one). */
export function loadDistrict(path?: string): District {
  const file = resolveDistrictFile(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read district file ${file} (set ${DISTRICT_FILE_ENV} to a readable file): ${(err as Error).message}`, { cause: err });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new DistrictValidationError([{ path: '(root)', code: 'INVALID_FILE', message: `not valid JSON: ${(err as Error).message}` }], file);
  }
  return parseDistrict(raw, file);
}
