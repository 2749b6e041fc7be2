import { NgramModel } from './ngram.model.ts';

describe('NgramModel', () => {
  const model = new NgramModel(
    [
      { code: 'a', text: '电动车被偷了' },
      { code: 'a', text: '自行车被人偷走' },
      { code: 'b', text: '楼上很吵睡不着' },
      { code: 'b', text: '隔壁半夜太吵' },
    ],
    ['a', 'b', 'c'],
  );

  it('prefers the class whose n-grams the text shares', () => {
    const out = new Float64Array(3);
    expect(model.score('摩托车被偷', out)).toBeGreaterThan(0);
    expect(out[0]).toBeGreaterThan(out[1]);
    expect(out[2]).toBe(0);
  });

  it('says nothing about text made of unseen n-grams or no Han characters', () => {
    const out = new Float64Array(3);
    expect(model.score('hello 123', out)).toBe(0);
    expect(model.score('鸭鹅', out)).toBe(0);
    expect([...out]).toEqual([0, 0, 0]);
  });

  it('counts each n-gram once and folds traditional characters', () => {
    const once = new Float64Array(3);
    const twice = new Float64Array(3);
    model.score('吵', once);
    model.score('吵吵', twice);
    expect([...twice]).toEqual([...once]);
    const trad = new Float64Array(3);
    const simp = new Float64Array(3);
    model.score('電動車', trad);
    model.score('电动车', simp);
    expect([...trad]).toEqual([...simp]);
    expect(model.featureCount).toBeGreaterThan(10);
  });
});

describe('NgramModel trained in slices', () => {
  it('pauses between slices and gives the model trained at once', async () => {
    const examples = Array.from({ length: 4000 }, (_, i) => ({ code: i % 2 ? 'a' : 'b', text: i % 2 ? `电动车被偷了${i}` : `楼上很吵睡不着${i}` }));
    let pauses = 0;
    const sliced = await NgramModel.trainInSlices(examples, ['a', 'b'], async () => {
      pauses++;
    });
    expect(pauses).toBeGreaterThan(1);
    const whole = new NgramModel(examples, ['a', 'b']);
    const [x, y] = [new Float64Array(2), new Float64Array(2)];
    sliced.score('自行车被人偷走', x);
    whole.score('自行车被人偷走', y);
    expect([...x]).toEqual([...y]);
    expect(x[0]).toBeGreaterThan(x[1]);
  });
});
