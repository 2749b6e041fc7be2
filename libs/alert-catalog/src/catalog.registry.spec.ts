import { CATEGORY_NAMES_ZH, LANES } from './alert-type.model.ts';
import {
  PRIORITY_SLA,
  alertTypes,
  areRelatedTypes,
  getAlertType,
  isAlertTypeCode,
  parseKeywords,
  typesByLane,
} from './catalog.registry.ts';
import { normalizeText } from './text.normalizer.ts';

const MIN_KEYWORDS = 15;

describe('alert catalogue', () => {
  it('has the 63 types of the station: 37 for the case team, 26 for community police', () => {
    expect(alertTypes).toHaveLength(63);
    expect(typesByLane('case-team')).toHaveLength(37);
    expect(typesByLane('community')).toHaveLength(26);
  });

  it('has unique codes whose prefix names the lane', () => {
    const codes = alertTypes.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const t of alertTypes) {
      expect(t.code).toMatch(t.lane === 'case-team' ? /^CT-[A-Z]+(-[A-Z]+)*$/ : /^CM-[A-Z]+(-[A-Z]+)*$/);
    }
  });

  it.each(alertTypes.map((t) => [t.code, t] as const))('%s is complete', (_code, t) => {
    expect(t.nameZh).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(t.nameEn.length).toBeGreaterThan(2);
    expect(t.description.length).toBeGreaterThan(10);
    expect(Object.keys(CATEGORY_NAMES_ZH)).toContain(t.category);
    expect(LANES).toContain(t.lane);
    expect([1, 2, 3, 4]).toContain(t.priority);
    expect(typeof t.isDispute).toBe('boolean');
    const { acceptMinutes, arriveMinutes, resolveHours } = t.sla;
    expect(acceptMinutes).toBeGreaterThan(0);
    expect(arriveMinutes).toBeGreaterThan(acceptMinutes);
    expect(resolveHours * 60).toBeGreaterThan(arriveMinutes);
    expect(t.sla).toMatchObject(PRIORITY_SLA[t.priority]);
    expect(t.keywords.length).toBeGreaterThanOrEqual(MIN_KEYWORDS);
  });

  it('writes keywords in simplified lower case, weights 1..5, no phrase twice in a type', () => {
    for (const t of alertTypes) {
      const phrases = t.keywords.map((k) => k.phrase);
      expect(new Set(phrases).size).toBe(phrases.length);
      for (const { phrase, weight } of t.keywords) {
        expect(normalizeText(phrase)).toBe(phrase);
        expect(phrase.split('+').every(Boolean)).toBe(true);
        expect(weight).toBeGreaterThanOrEqual(1);
        expect(weight).toBeLessThanOrEqual(5);
      }
    }
  });

  it('ties repeat calls only within real dispute families', () => {
    const families = new Map<string, string[]>();
    for (const t of alertTypes) {
      if (t.disputeFamily) families.set(t.disputeFamily, [...(families.get(t.disputeFamily) ?? []), t.code]);
    }
    for (const [family, codes] of families) {
      expect([family, codes.length >= 2]).toEqual([family, true]);
      expect(codes.some((c) => getAlertType(c)!.isDispute)).toBe(true);
    }
    // The two cases the station replays: a leak that came to pushing, noise that came to a kicked door.
    expect(getAlertType('CM-WATER-LEAK')!.disputeFamily).toBe('neighbour');
    expect(getAlertType('CM-NOISE')!.disputeFamily).toBe('neighbour');
    expect(getAlertType('CT-NEIGHBOUR-CONFLICT')!.disputeFamily).toBe('neighbour');
  });

  it('puts life-and-safety types first in priority', () => {
    for (const code of ['CT-ROBBERY', 'CT-ASSAULT', 'CT-SUICIDE', 'CT-TRAFFIC-INJURY', 'CM-SICK-PERSON']) {
      expect(getAlertType(code)!.priority).toBe(1);
    }
    expect(getAlertType('CM-ENQUIRY')!.priority).toBe(4);
  });

  it('relates repeat calls of the same type or dispute family', () => {
    expect(areRelatedTypes('CM-NOISE', 'CM-NOISE')).toBe(true);
    expect(areRelatedTypes('CM-NOISE', 'CT-NEIGHBOUR-CONFLICT')).toBe(true);
    expect(areRelatedTypes('CM-FAMILY-QUARREL', 'CT-DOMESTIC-VIOLENCE')).toBe(true);
    expect(areRelatedTypes('CM-NOISE', 'CM-RENT')).toBe(false);
    expect(areRelatedTypes('CT-THEFT', 'CT-BURGLARY')).toBe(false);
    expect(areRelatedTypes('CT-NOPE', 'CT-NOPE')).toBe(false);
  });

  it('looks codes up', () => {
    expect(isAlertTypeCode('CT-THEFT')).toBe(true);
    expect(isAlertTypeCode('CT-NOPE')).toBe(false);
    expect(getAlertType('CM-NOISE')?.nameZh).toBe('噪音扰民');
    expect(getAlertType('nope')).toBeUndefined();
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(alertTypes)).toBe(true);
    expect(Object.isFrozen(alertTypes[0])).toBe(true);
    expect(Object.isFrozen(alertTypes[0].keywords)).toBe(true);
  });

  it('parses the keyword notation', () => {
    expect(parseKeywords(' 被偷:3  电动车+偷:4 小偷 ')).toEqual([
      { phrase: '被偷', weight: 3 },
      { phrase: '电动车+偷', weight: 4 },
      { phrase: '小偷', weight: 1 },
    ]);
    expect(() => parseKeywords('偷:x')).toThrow(/bad keyword/);
  });
});
