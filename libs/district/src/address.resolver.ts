// Typed address -> grid. Streets are found by name in a map (suffix lookups at each place where a
// number starts), building numbers by binary search in each street's sorted ranges: the cost
// depends on the length of the text, not on how many streets or ranges the district has.
import type { AddressRangeRecord, Street } from './district.types.ts';
import { CHINESE_NUMERAL_CHARS, normaliseAddressText, readBuildingNumber } from './address.normaliser.ts';

export type UnresolvedReason = 'EMPTY' | 'NO_STREET' | 'NO_NUMBER' | 'NUMBER_NOT_COVERED';

export interface AddressMatch {
  readonly street: Street;
  readonly number: number;
  readonly subNumber?: number;
  /** Street + number, e.g. `金门路12号` or `金门路12-1号`: equal for two addresses in one building. */
  readonly buildingKey: string;
  /** What follows the number (unit, floor, room), normalised, e.g. `3单元502室`. */
  readonly detail: string;
}

export type AddressLookup =
  | { readonly kind: 'match'; readonly match: AddressMatch; readonly gridCode: string; readonly normalised: string }
  | {
      readonly kind: 'unresolved';
      readonly reason: UnresolvedReason;
      readonly message: string;
      readonly normalised: string;
      readonly match?: AddressMatch;
    };

interface Interval {
  readonly from: number;
  readonly to: number;
  readonly gridCode: string;
}

interface IndexedStreet {
  readonly street: Street;
  /** Sorted, non-overlapping intervals per side; `all` ranges are in both. */
  readonly odd: readonly Interval[];
  readonly even: readonly Interval[];
}

export function buildingKey(street: Street, number: number, subNumber?: number): string {
  return `${street.nameZh}${number}${subNumber === undefined ? '' : `-${subNumber}`}号`;
}

function findInterval(intervals: readonly Interval[], n: number): Interval | undefined {
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const iv = intervals[mid];
    if (n < iv.from) hi = mid - 1;
    else if (n > iv.to) lo = mid + 1;
    else return iv;
  }
  return undefined;
}

const DIGIT_START = /[0-9]/;
const TRIM_DETAIL = /^[\s,，、\-—]+/u;

export class AddressResolver {
  private readonly byName = new Map<string, IndexedStreet>();
  private readonly minNameLength: number;
  private readonly maxNameLength: number;

  /** Streets are assumed valid (no overlapping ranges, unique names); see validateDistrict. */
  constructor(streets: readonly Street[]) {
    for (const street of streets) {
      const sides = { odd: [] as Interval[], even: [] as Interval[] };
      const add = (r: AddressRangeRecord) => {
        if (r.parity !== 'even') sides.odd.push({ from: r.from, to: r.to, gridCode: r.gridCode });
        if (r.parity !== 'odd') sides.even.push({ from: r.from, to: r.to, gridCode: r.gridCode });
      };
      street.ranges.forEach(add);
      sides.odd.sort((a, b) => a.from - b.from);
      sides.even.sort((a, b) => a.from - b.from);
      const indexed = { street, ...sides };
      for (const name of [street.nameZh, ...(street.aliases ?? [])]) this.byName.set(normaliseAddressText(name), indexed);
    }
    const lengths = [...this.byName.keys()].map((k) => k.length);
    this.minNameLength = lengths.length > 0 ? Math.min(...lengths) : 1;
    this.maxNameLength = lengths.length > 0 ? Math.max(...lengths) : 0;
  }

  /** The longest street name ending exactly at `end`. */
  private streetEndingAt(s: string, end: number): IndexedStreet | undefined {
    for (let len = Math.min(this.maxNameLength, end); len >= this.minNameLength; len--) {
      const hit = this.byName.get(s.slice(end - len, end));
      if (hit) return hit;
    }
    return undefined;
  }

  resolve(text: string): AddressLookup {
    const s = normaliseAddressText(text);
    if (s.length === 0) {
      return { kind: 'unresolved', reason: 'EMPTY', message: 'the address is empty', normalised: s };
    }
    // First place where a known street name is directly followed by a building number; prefixes
    // such as 青岛市市南区 or 金门路街道 are skipped because no number follows them.
    for (let i = 1; i < s.length; i++) {
      if (!DIGIT_START.test(s[i]) && !CHINESE_NUMERAL_CHARS.has(s[i])) continue;
      const indexed = this.streetEndingAt(s, i);
      if (!indexed) continue;
      const num = readBuildingNumber(s.slice(i));
      if (!num || num.number < 1) continue;
      const match: AddressMatch = {
        street: indexed.street,
        number: num.number,
        ...(num.subNumber === undefined ? {} : { subNumber: num.subNumber }),
        buildingKey: buildingKey(indexed.street, num.number, num.subNumber),
        detail: s.slice(i + num.length).replace(TRIM_DETAIL, ''),
      };
      const interval = findInterval(num.number % 2 === 1 ? indexed.odd : indexed.even, num.number);
      if (interval) return { kind: 'match', match, gridCode: interval.gridCode, normalised: s };
      return {
        kind: 'unresolved',
        reason: 'NUMBER_NOT_COVERED',
        message: `${indexed.street.nameZh} has no building number ${num.number} in this district`,
        normalised: s,
        match,
      };
    }
    for (let end = s.length; end > 0; end--) {
      const indexed = this.streetEndingAt(s, end);
      if (indexed) {
        return {
          kind: 'unresolved',
          reason: 'NO_NUMBER',
          message: `found ${indexed.street.nameZh} but no building number after it (expected e.g. ${indexed.street.nameZh}12号)`,
          normalised: s,
        };
      }
    }
    return { kind: 'unresolved', reason: 'NO_STREET', message: 'no street of this district found in the address', normalised: s };
  }
}
