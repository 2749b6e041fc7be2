import { scratchDatabase } from '@jingwang/testing';
import { jsonTexts, splitJsonTexts } from '../src/index.ts';

const scratch = scratchDatabase('json_texts');

/** The rows `unnest` makes of the texts beside a column of ids, as jsonb. */
const unnested = async (texts: (string | null)[]) =>
  (await scratch.sql.query(`SELECT n, j FROM unnest($1::int[], ${splitJsonTexts('$2')}::jsonb[]) AS t(n, j) ORDER BY n`, [texts.map((_, i) => i), jsonTexts(texts)])).rows.map((r) => r.j);

describe('jsonTexts / splitJsonTexts', () => {
  it('carries JSON texts through one text parameter, each whole, nulls as NULL, in order', async () => {
    const values = [{ a: 'quote " and back\\slash', b: [1, 2, { c: null }] }, { 警网: '✓ \u001e \n\t', '': 'empty key' }, 'a string', 42, true, []];
    const texts = values.map((v) => JSON.stringify(v));
    expect(texts[1]).toContain('\\u001e'); // JSON.stringify escapes the separator in a value
    expect(await unnested(texts)).toEqual(values);
    expect(await unnested([null, texts[0], null, null, texts[2]])).toEqual([null, values[0], null, null, values[2]]);
  });

  it('gives an empty array for no texts or one null, which unnest pads with NULL beside longer columns', async () => {
    expect(await unnested([])).toEqual([]);
    expect(await unnested([null])).toEqual([null]);
    expect((await scratch.sql.query(`SELECT ${splitJsonTexts('$1')} AS a`, [jsonTexts([null, null])])).rows[0].a).toEqual([null, null]);
  });

  it('refuses a text that is empty or holds the separator unescaped (not JSON.stringify output)', () => {
    expect(() => jsonTexts(['{"a":1}', '\u001e'])).toThrow('U+001E');
    expect(() => jsonTexts([''])).toThrow('never empty');
  });
});
