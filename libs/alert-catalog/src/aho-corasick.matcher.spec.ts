import { AhoCorasickMatcher } from './aho-corasick.matcher.ts';

function matches(patterns: string[], text: string): string[] {
  const found: string[] = [];
  new AhoCorasickMatcher(patterns).scan(text, (p, end) => found.push(`${patterns[p]}@${end - patterns[p].length}`));
  return found.sort();
}

describe('AhoCorasickMatcher', () => {
  it('finds every occurrence, overlapping and nested', () => {
    expect(matches(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['he@2', 'hers@2', 'she@1']);
    expect(matches(['被偷', '偷了', '电动车被偷'], '电动车被偷了')).toEqual(['偷了@4', '电动车被偷@0', '被偷@3']);
    expect(matches(['aa'], 'aaaa')).toEqual(['aa@0', 'aa@1', 'aa@2']);
  });

  it('matches traditional and full-width text against simplified lower-case patterns', () => {
    expect(matches(['电动车', 'app'], '電動車ＡＰＰ')).toEqual(['app@3', '电动车@0']);
  });

  it('reports nothing for unrelated text and rejects empty patterns', () => {
    expect(matches(['抢劫'], '今天天气不错')).toEqual([]);
    expect(() => new AhoCorasickMatcher([''])).toThrow();
  });
});
