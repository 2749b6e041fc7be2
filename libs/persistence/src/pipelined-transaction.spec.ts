import pg from 'pg';
import { inlineParameters } from './pipelined-transaction.ts';

const client = new pg.Client(); // escapeLiteral needs no connection

describe('inlineParameters', () => {
  it('inlines scalars as escaped literals', () => {
    expect(inlineParameters('SELECT $1, $2, $3, $4', ["it's", 42, null, true], client)).toBe(`SELECT 'it''s', '42', NULL, 'true'`);
    expect(inlineParameters('SELECT $1', [new Date('2026-11-28T10:00:00Z')], client)).toBe(`SELECT '2026-11-28T10:00:00.000Z'`);
    expect(inlineParameters('SELECT $1', ['back\\slash'], client)).toBe(`SELECT  E'back\\\\slash'`); // an E'' string: backslashes doubled
  });

  it('inlines arrays as quoted array literals, elements escaped twice over', () => {
    expect(inlineParameters('SELECT $1', [['a', null, 'b,c', '{d}']], client)).toBe(`SELECT '{"a",NULL,"b,c","{d}"}'`);
    // x"y is "x\"y" in the array literal, whose backslash the E'' string doubles
    expect(inlineParameters('SELECT $1', [['x"y']], client)).toBe(`SELECT  E'{"x\\\\"y"}'`);
    expect(inlineParameters('SELECT $1', [[1.5, -2]], client)).toBe(`SELECT '{"1.5","-2"}'`);
    expect(inlineParameters('SELECT $1', [[]], client)).toBe(`SELECT '{}'`);
  });

  it('replaces $10 as itself, not as $1 followed by 0', () => {
    const values = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(inlineParameters('SELECT $10, $1', values, client)).toBe(`SELECT '10', '1'`);
  });

  it('refuses what it cannot inline safely', () => {
    expect(() => inlineParameters('SELECT $2', [1], client)).toThrow('$2 has no value');
    expect(() => inlineParameters('SELECT $1', [[[1]]], client)).toThrow('nested arrays');
    expect(() => inlineParameters('SELECT $1', [Number.NaN], client)).toThrow('not a finite number');
    expect(() => inlineParameters('SELECT $1', [{ a: 1 }], client)).toThrow('cannot inline a object');
  });
});
