import pg from 'pg';
import { inlineParameters } from './pipelined.transaction.ts';

describe('inlineParameters', () => {
  it("writes a string literal exactly as pg's escapeLiteral does", () => {
    const tricky = ["it's", 'back\\slash', "both ' and \\", '{"json": "with \\"quotes\\""}', '\\', "''", '警网 ✓', '', 'line\nbreak'];
    for (const s of tricky) expect(inlineParameters('$1', [s])).toBe(pg.escapeLiteral(s));
  });

  it('inlines scalars as escaped literals', () => {
    expect(inlineParameters('SELECT $1, $2, $3, $4', ["it's", 42, null, true])).toBe(`SELECT 'it''s', '42', NULL, 'true'`);
    expect(inlineParameters('SELECT $1', [new Date('2026-11-28T10:00:00Z')])).toBe(`SELECT '2026-11-28T10:00:00.000Z'`);
    expect(inlineParameters('SELECT $1', ['back\\slash'])).toBe(`SELECT  E'back\\\\slash'`); // an E'' string: backslashes doubled
  });

  it('inlines arrays as quoted array literals, elements escaped twice over', () => {
    expect(inlineParameters('SELECT $1', [['a', null, 'b,c', '{d}']])).toBe(`SELECT '{"a",NULL,"b,c","{d}"}'`);
    // x"y is "x\"y" in the array literal, whose backslash the E'' string doubles
    expect(inlineParameters('SELECT $1', [['x"y']])).toBe(`SELECT  E'{"x\\\\"y"}'`);
    expect(inlineParameters('SELECT $1', [[1.5, -2]])).toBe(`SELECT '{"1.5","-2"}'`);
    expect(inlineParameters('SELECT $1', [[]])).toBe(`SELECT '{}'`);
  });

  it('replaces $10 as itself, not as $1 followed by 0', () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(inlineParameters('SELECT $10, $1', values)).toBe(`SELECT '10', '1'`);
  });

  it('refuses what it cannot inline safely', () => {
    expect(() => inlineParameters('SELECT $2', [1])).toThrow('$2 has no value');
    expect(() => inlineParameters('SELECT $1', [[[1]]])).toThrow('nested arrays');
    expect(() => inlineParameters('SELECT $1', [Number.NaN])).toThrow('not a finite number');
    expect(() => inlineParameters('SELECT $1', [{ a: 1 }])).toThrow('cannot inline a object');
  });
});
