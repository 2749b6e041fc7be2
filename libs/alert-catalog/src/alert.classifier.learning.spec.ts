import { AlertClassifier, type LearnedExample } from './alert.classifier.ts';
import { heldOutReport } from './held-out.report.ts';
import { loadTrainingExamples } from './training.data.ts';

// Call-takers' corrections (dispatch.incident.retyped.v1) make the classifier right where it was
// wrong, without making it worse elsewhere. None of these texts is in any data set.
const MISSED = '有人在楼下拿弹弓打路灯玩';
const CORRECTIONS: LearnedExample[] = [
  { text: MISSED, typeCode: 'CT-PROPERTY-DAMAGE' },
  { text: '小区东门的窨井盖子不知道被谁掀开了，黑咕隆咚一个洞', typeCode: 'CM-HAZARD' },
  { text: '楼下超市门口有个人一直在那翻垃圾桶，东张西望的', typeCode: 'CT-SUSPICIOUS' },
  { text: '隔壁那口子天天往我家门上贴符，说我家晦气', typeCode: 'CM-NEIGHBOUR-DISPUTE' },
  { text: '我在菜市场买的海蛎子缺了半斤，摊主死活不认', typeCode: 'CM-CONSUMER' },
  { text: '喂，俺这电梯门关不上，上上下下的吓死人了，里面还有人', typeCode: 'CM-LIFT-TRAPPED' },
  { text: '楼上那家天天半夜拿锤子砸核桃，当当响', typeCode: 'CM-NOISE' },
  { text: '有个男的在公交上一直用手机拍女学生的腿', typeCode: 'CT-VOYEURISM' },
  { text: '我那辆老年代步车的电瓶昨晚叫人卸走了', typeCode: 'CT-VEHICLE-THEFT' },
  { text: '前面那个开渣土车的一边开一边喝啤酒', typeCode: 'CT-DRUNK-DRIVING' },
];

const confidenceOf = (c: AlertClassifier, text: string, code: string) => c.classify(text, { limit: 63 }).ranked.find((r) => r.code === code)?.confidence ?? 0;

describe('AlertClassifier with learned examples', () => {
  const shipped = new AlertClassifier();
  const learned = AlertClassifier.build({ learned: CORRECTIONS });

  it('gets a description right after it was corrected', () => {
    expect(shipped.classify(MISSED).ranked[0]?.code).not.toBe('CT-PROPERTY-DAMAGE');
    const after = learned.classify(MISSED);
    expect(after.needsTriage).toBe(false);
    expect(after.ranked[0].code).toBe('CT-PROPERTY-DAMAGE');
    // Written differently (punctuation, traditional characters) it is the same description.
    expect(learned.classify('有人在樓下，拿彈弓打路燈玩！').ranked[0].code).toBe('CT-PROPERTY-DAMAGE');
    expect(learned.explain(MISSED)[0].matched).toContain('(corrected before)');
    expect(learned.learnedCount).toBe(CORRECTIONS.length);
  });

  it('leans similar wording towards the corrected type', () => {
    const similar = '几个小孩在楼下拿弹弓打着玩';
    expect(confidenceOf(learned, similar, 'CT-PROPERTY-DAMAGE')).toBeGreaterThan(confidenceOf(shipped, similar, 'CT-PROPERTY-DAMAGE'));
  });

  it('does not make the held-out set worse', () => {
    const before = heldOutReport((t) => shipped.classify(t));
    const after = heldOutReport((t) => learned.classify(t));
    expect(after.top1).toBeGreaterThanOrEqual(before.top1);
    expect(after.lane).toBeGreaterThanOrEqual(before.lane);
    expect(after.noMatterTriaged).toBeGreaterThanOrEqual(before.noMatterTriaged);
  });

  it('follows the majority when call-takers disagree, and leaves out types it does not know', () => {
    const c = AlertClassifier.build({
      learned: [
        { text: MISSED, typeCode: 'CT-DISTURBANCE' },
        { text: MISSED, typeCode: 'CT-PROPERTY-DAMAGE' },
        { text: MISSED, typeCode: 'CT-PROPERTY-DAMAGE' },
        { text: '一个退役的类型', typeCode: 'CT-RETIRED' },
      ],
    });
    expect(c.classify(MISSED).ranked[0].code).toBe('CT-PROPERTY-DAMAGE');
    expect(c.learnedCount).toBe(3);
  });

  it('trains in slices, yielding between them, to the same classifier; a rebuild reuses the trained model', async () => {
    const training = [...loadTrainingExamples()]; // a set not trained on yet
    let pauses = 0;
    const sliced = await AlertClassifier.buildInSlices({ training, learned: CORRECTIONS }, async () => {
      pauses++;
    });
    expect(pauses).toBeGreaterThan(3);
    for (const text of [MISSED, '楼上漏水泡坏了我家吊顶', '有啥好吃的推荐一下', '我的电动车被偷了']) {
      expect(sliced.classify(text)).toEqual(learned.classify(text));
    }
    const started = performance.now();
    const rebuilt = await AlertClassifier.buildInSlices({ learned: [...CORRECTIONS, { text: '又一个更正', typeCode: 'CM-ENQUIRY' }] });
    expect(rebuilt.learnedCount).toBe(CORRECTIONS.length + 1);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
