import { AlertClassifier, DEFAULT_THRESHOLD, classify } from './alert.classifier.ts';
import type { AlertType } from './alert-type.model.ts';
import { getAlertType } from './catalog.registry.ts';

const keywordsOnly = new AlertClassifier({ training: [] });

describe('AlertClassifier', () => {
  it('ranks the obvious type first with a confidence in [0, 1], best first', () => {
    const result = classify('我的电动车昨晚在楼下被人偷了');
    expect(result.needsTriage).toBe(false);
    expect(result.ranked[0].code).toBe('CT-VEHICLE-THEFT');
    expect(result.ranked.length).toBeLessThanOrEqual(3);
    const confidences = result.ranked.map((r) => r.confidence);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
    for (const c of confidences) expect(c >= 0 && c <= 1).toBe(true);
  });

  it('reads traditional characters and full-width digits', () => {
    expect(classify('樓上鄰居半夜蹦迪，吵得睡不著').ranked[0].code).toBe('CM-NOISE');
    expect(classify('有人打電話冒充公檢法，讓我轉賬到安全賬戶').ranked[0].code).toBe('CT-TELECOM-FRAUD');
  });

  it('sends gibberish and unrelated talk to triage instead of guessing', () => {
    for (const text of ['', 'asdfgh 123456', '今天天气怎么样', '嗯嗯好的']) {
      expect(classify(text).needsTriage).toBe(true);
    }
  });

  it('honours limit and threshold', () => {
    const text = '楼上漏水泡坏了我家吊顶，今天吵起来他还推了我';
    expect(classify(text, { limit: 1 }).ranked).toHaveLength(1);
    expect(classify(text, { limit: 10 }).ranked.length).toBeGreaterThan(3);
    expect(classify(text, { threshold: 1.01 }).needsTriage).toBe(true);
    expect(classify(text, { threshold: 0 }).needsTriage).toBe(false);
    expect(DEFAULT_THRESHOLD).toBeGreaterThan(0);
  });

  it('does not count a phrase that sits inside a longer one', () => {
    const explained = keywordsOnly.explain('两车剐蹭，没人受伤');
    expect(explained[0].code).toBe('CM-MINOR-COLLISION');
    expect(explained.find((e) => e.code === 'CT-TRAFFIC-INJURY')).toBeUndefined();
    const fraud = keywordsOnly.explain('这是电信诈骗吗');
    expect(fraud.map((e) => e.code)).toEqual(['CT-TELECOM-FRAUD']);
  });

  it('ignores one-character cues inside everyday words (masks)', () => {
    expect(keywordsOnly.explain('我给他打电话他不接').find((e) => e.code === 'CT-ASSAULT')).toBeUndefined();
    expect(keywordsOnly.explain('坐火车回老家').find((e) => e.code === 'CT-ARSON')).toBeUndefined();
    expect(keywordsOnly.explain('有人打我').find((e) => e.code === 'CT-ASSAULT')).toBeDefined();
  });

  it('scores a+b keywords when both parts occur in any order', () => {
    const explained = keywordsOnly.explain('电动车停在楼下，昨晚被人偷了');
    const vehicle = explained.find((e) => e.code === 'CT-VEHICLE-THEFT')!;
    expect(vehicle.matched).toContain('电动车+偷');
    expect(explained[0].code).toBe('CT-VEHICLE-THEFT');
  });

  it('lets the n-gram model rank wording no keyword covers', () => {
    const text = '我家孩子在商场里一转身人就没影了';
    const explained = new AlertClassifier().explain(text);
    expect(explained.some((e) => e.ngram > 0)).toBe(true);
  });

  it('works on a custom catalogue and is deterministic', () => {
    const types = [getAlertType('CT-THEFT')!, getAlertType('CM-NOISE')!] as AlertType[];
    const small = new AlertClassifier({ types, training: [] });
    expect(small.classify('小偷偷了我的钱包').ranked.map((r) => r.code)).toEqual(['CT-THEFT']);
    expect(small.classify('小偷偷了我的钱包')).toEqual(small.classify('小偷偷了我的钱包'));
    expect(() => new AlertClassifier({ types, training: [{ code: 'CM-NOPE', text: 'x' }] })).toThrow(/unknown type/);
  });

  it('rejects keywords not written in simplified lower case', () => {
    const bad = { ...getAlertType('CT-THEFT')!, keywords: [{ phrase: '電動車', weight: 3 }] } as AlertType;
    expect(() => new AlertClassifier({ types: [bad], training: [] })).toThrow(/not simplified/);
  });
});
