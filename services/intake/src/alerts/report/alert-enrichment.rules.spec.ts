import type { Classification } from '@jingwang/alert-catalog';
import { checkReportedAt, typeOf } from './alert-enrichment.rules.ts';

describe('reportedAt', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  it('allows clock skew up to the limit and refuses beyond', () => {
    expect(() => checkReportedAt('2026-11-28T10:04:00Z', now, 5)).not.toThrow();
    expect(() => checkReportedAt('2026-11-28T10:06:00Z', now, 5)).toThrow('more than 5 minutes in the future');
  });
});

describe('typeOf', () => {
  it("takes the caller's type, and refuses one that is not among the 63", () => {
    expect(typeOf({ typeCode: 'CM-NOISE', description: 'x' })).toEqual({ typeCode: 'CM-NOISE', typeConfidence: 1, lowConfidence: false });
    expect(() => typeOf({ typeCode: 'CM-NOPE', description: 'x' })).toThrow('not one of the 63');
  });

  it('classifies the description, and types nothing when the classifier is unsure (triage)', () => {
    expect(typeOf({ description: '我的电动车昨晚在楼下被人偷了' })).toMatchObject({ typeCode: 'CT-VEHICLE-THEFT', lowConfidence: false });
    const noMatter = typeOf({ description: '有啥好吃的海鲜饭店推荐一下' });
    expect(noMatter).toMatchObject({ typeCode: null, lowConfidence: true });
  });

  it('classifies through the classifier it is given (the service passes its learning one)', () => {
    const learned = { classify: (): Classification => ({ ranked: [{ code: 'CT-PROPERTY-DAMAGE', confidence: 0.8123 }], needsTriage: false }) };
    expect(typeOf({ description: '有人在楼下拿弹弓打路灯玩' }, learned)).toEqual({ typeCode: 'CT-PROPERTY-DAMAGE', typeConfidence: 0.812, lowConfidence: false });
  });
});
