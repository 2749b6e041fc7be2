import { alertTypes } from './catalog.registry.ts';
import { TRADITIONAL_SIMPLIFIED_PAIRS } from './traditional-chinese.map.ts';
import { foldCharCode, normalizeText, toSimplified, traditionalPairCount } from './text.normalizer.ts';

describe('text normaliser', () => {
  it('carries a large traditional -> simplified map without chains', () => {
    expect(traditionalPairCount()).toBeGreaterThan(2500);
    const keys = new Set<string>();
    const values = new Set<string>();
    for (let i = 0; i < TRADITIONAL_SIMPLIFIED_PAIRS.length; i += 2) {
      keys.add(TRADITIONAL_SIMPLIFIED_PAIRS[i]);
      values.add(TRADITIONAL_SIMPLIFIED_PAIRS[i + 1]);
    }
    expect(keys.size).toBe(traditionalPairCount());
    expect([...keys].filter((k) => values.has(k))).toEqual([]);
  });

  it('converts traditional text, leaving simplified text alone', () => {
    expect(toSimplified('辦理居住證僅用3天，調節矛盾糾紛')).toBe('办理居住证仅用3天，调节矛盾纠纷');
    expect(toSimplified('樓上鄰居漏水，電動車被偷')).toBe('楼上邻居漏水，电动车被偷');
    // 俱 and 跤 are standard simplified characters that ICU would fold one by one; kept.
    expect(toSimplified('一应俱全，摔跤')).toBe('一应俱全，摔跤');
    // 著 is folded on purpose: traditional 拿著、著火 are far more common in alerts than 著名.
    expect(toSimplified('拿著刀，著火了')).toBe('拿着刀，着火了');
    expect(toSimplified('ＡＢＣ')).toBe('ＡＢＣ');
  });

  it('folds width and case unit by unit, keeping the length', () => {
    const text = '拿著ＡＰＰ下載 QQ１２０';
    expect(normalizeText(text)).toBe('拿着app下载 qq120');
    expect(normalizeText(text)).toHaveLength(text.length);
    expect(foldCharCode('A'.charCodeAt(0))).toBe('a'.charCodeAt(0));
  });

  it('has every keyword character in simplified form', () => {
    const traditional = new Set<string>();
    for (let i = 0; i < TRADITIONAL_SIMPLIFIED_PAIRS.length; i += 2) traditional.add(TRADITIONAL_SIMPLIFIED_PAIRS[i]);
    const offending = alertTypes.flatMap((t) => t.keywords.filter((k) => [...k.phrase].some((c) => traditional.has(c))));
    expect(offending).toEqual([]);
  });
});
