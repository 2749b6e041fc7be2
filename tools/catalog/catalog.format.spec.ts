import { alertTypes, classify } from '@jingwang/alert-catalog';
import { displayWidth, formatClassification, formatTable, formatTypeList } from './catalog.format.ts';

describe('catalog CLI formatting', () => {
  it('measures CJK as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('盗窃')).toBe(4);
    expect(displayWidth('ＡＢ')).toBe(4);
  });

  it('aligns columns whatever the script', () => {
    const lines = formatTable(['a', 'b'], [['盗窃', 'x'], ['theft', 'y']]).split('\n');
    expect(lines.map((l) => displayWidth(l.slice(0, l.lastIndexOf(' ') + 1)))).toEqual([7, 7, 7, 7]);
  });

  it('lists every type with its SLAs and the lane counts', () => {
    const text = formatTypeList(alertTypes);
    expect(text.split('\n')).toHaveLength(63 + 3);
    expect(text).toContain('CT-THEFT');
    expect(text).toMatch(/CM-NOISE\s+噪音扰民\s+Neighbour noise\s+community/);
    expect(text).toContain('63 types: 37 case-team, 26 community');
  });

  it('shows a ranking or says triage', () => {
    expect(formatClassification(classify('有人在小区里放火'))).toMatch(/=> CT-ARSON 放火纵火/);
    expect(formatClassification(classify('asdf'))).toContain('NEEDS TRIAGE');
  });
});
