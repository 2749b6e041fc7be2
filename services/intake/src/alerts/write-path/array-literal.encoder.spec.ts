import { createRequire } from 'node:module';
import { arrayLiteral, withArrayLiterals } from './array-literal.encoder.ts';

// pg's own conversion of a parameter (its lib/utils, which pg's index does not re-export).
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => unknown };

describe('arrayLiteral', () => {
  it("writes arrays of plain values exactly as pg's own conversion does", () => {
    const samples: unknown[][] = [
      [],
      ['a', 'b'],
      ['a"b', 'back\\slash', '"\\"', '{x}', 'a,b', ' ', '', 'NULL', '报警 \u00e9', "it's"],
      [1, 2.5, -0, 1e21, -7, NaN, Infinity],
      [true, false],
      [null, undefined, 'x', null],
      ['{"channel":"110","n":1}', null, '{"a":"\\"q\\""}'],
    ];
    for (const s of samples) expect(arrayLiteral(s)).toBe(prepareValue(s));
  });

  it('leaves anything else to pg', () => {
    expect(arrayLiteral([new Date(0)])).toBeNull();
    expect(arrayLiteral([[1, 2]])).toBeNull();
    expect(arrayLiteral([{ a: 1 }])).toBeNull();
    expect(arrayLiteral([10n])).toBeNull();
    expect(arrayLiteral('not an array')).toBeNull();
    const date = [new Date(0)];
    expect(withArrayLiterals([['a'], date, 'x', 3, null])).toEqual(['{"a"}', date, 'x', 3, null]);
  });
});
