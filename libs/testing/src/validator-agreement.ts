// Checks a fast validator against class-validator on many values derived from valid samples.
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { fastValidator } from '@jingwang/contracts';

const ODD_VALUES: unknown[] = [
  null,
  '',
  ' ',
  'x',
  'x'.repeat(5000),
  '\u0000',
  0,
  -1,
  1.5,
  1e12,
  Number.NaN,
  true,
  [],
  [1],
  [{}],
  {},
  { a: 1 },
  '2026-11-28T10:00:00Z',
  '2026-11-28T10:00:00.000+08:00',
  '2026-13-01',
  '6f1c1f8e-2b1a-4c3d-9e8f-0a1b2c3d4e5f',
  'not-a-uuid',
  '13800138000',
  '+8613800138000',
  'CM-NOISE',
  'intake.alert.received.v1',
  '110',
  'channel',
  'https://example.org/a.jpg',
];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every path to a property, nested objects and array items included. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  if (!isObject(value)) return [];
  return Object.keys(value).flatMap((k) => [[...prefix, k], ...pathsOf(value[k], [...prefix, k])]);
}

function withChange(sample: Json, path: (string | number)[], change: (parent: Json | unknown[], key: string | number) => void): Json {
  const copy = structuredClone(sample);
  let parent: Json | unknown[] = copy;
  for (const key of path.slice(0, -1)) parent = (parent as Json)[key as string] as Json;
  change(parent, path.at(-1)!);
  return copy;
}

/**
 * The sample itself; each property (nested ones too) removed and replaced by each odd value; an
 * unknown property at each level; and `pairs` random two-change mixes (seeded, so repeatable).
 */
export function variantsOf(sample: Json, pairs = 200, seed = 1): Json[] {
  const paths = pathsOf(sample);
  const single: ((s: Json) => Json)[] = [];
  for (const path of paths) {
    single.push((s) => withChange(s, path, (p, k) => (Array.isArray(p) ? p.splice(Number(k), 1) : delete p[k])));
    for (const odd of ODD_VALUES) single.push((s) => withChange(s, path, (p, k) => ((p as Json)[k as string] = structuredClone(odd))));
  }
  for (const path of [[], ...paths.filter((p) => isObject(pathValue(sample, p)))]) {
    single.push((s) => withChange(s, [...path, 'unexpected'], (p) => ((p as Json).unexpected = 1)));
  }
  let state = seed;
  const random = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  const mixed: Json[] = [];
  for (let i = 0; i < pairs && single.length > 1; i++) {
    try {
      mixed.push(single[random(single.length)](single[random(single.length)](sample)));
    } catch {
      // the second change's path went away with the first
    }
  }
  return [sample, ...single.map((f) => f(sample)), ...mixed];
}

function pathValue(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v as Json)[k as string], value);
}

/** Misses the fast validator is known for: an array where a nested object belongs, which class-validator walks into. */
export const arrayInPlaceOfItem = (value: unknown): boolean =>
  Array.isArray(value) ? value.some((item) => Array.isArray(item) || arrayInPlaceOfItem(item)) : isObject(value) && Object.values(value).some(arrayInPlaceOfItem);

export interface Agreement {
  checked: number;
  /** Values class-validator accepts. */
  valid: number;
  /** Values the fast validator accepts: never more than `valid`. */
  fastValid: number;
  /** Accepted by the fast validator, refused by class-validator: must stay empty. */
  unsound: { value: unknown; problems: unknown }[];
  /** Accepted by class-validator, left to it by the fast validator (which costs time, not correctness). */
  missed: unknown[];
}

export function compareWithClassValidator(cls: new () => object, values: Json[], options: { whitelist: boolean }): Agreement {
  const fast = fastValidator(cls, options);
  if (!fast) throw new Error(`${cls.name} has no fast validator`);
  const result: Agreement = { checked: 0, valid: 0, fastValid: 0, unsound: [], missed: [] };
  for (const value of values) {
    const errors = validateSync(plainToInstance(cls, value), { whitelist: options.whitelist, forbidNonWhitelisted: options.whitelist, forbidUnknownValues: true });
    const quick = fast(value);
    result.checked += 1;
    if (errors.length === 0) result.valid += 1;
    if (quick) result.fastValid += 1;
    if (quick && errors.length > 0) result.unsound.push({ value, problems: errors.map((e) => e.toString()) });
    if (!quick && errors.length === 0) result.missed.push(value);
  }
  return result;
}
