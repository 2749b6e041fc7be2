import { readFileSync } from 'node:fs';
import { BUNDLED_DISTRICT_FILE, validateDistrict } from '@jingwang/district';
import { formatDistrictJson, generateJinmenRoad } from './jinmen-road.generator.ts';

describe('Jinmen Road generator', () => {
  it('is deterministic and matches the committed data file (regenerate it after changing the generator)', () => {
    const generated = formatDistrictJson(generateJinmenRoad()) + '\n';
    expect(formatDistrictJson(generateJinmenRoad()) + '\n').toBe(generated);
    expect(readFileSync(BUNDLED_DISTRICT_FILE, 'utf8')).toBe(generated);
  });

  it('produces a valid district', () => {
    expect(validateDistrict(generateJinmenRoad())).toEqual([]);
  });
});
