import { normaliseAddressText, parseChineseNumeral, readBuildingNumber } from './address.normaliser.ts';

describe('normaliseAddressText', () => {
  it.each([
    ['金門路１２號', '金门路12号'],
    ['  金门路 12 号 ', '金门路12号'],
    ['金门路　１２　号', '金门路12号'],
    ['金门路12 3单元', '金门路12 3单元'],
    ['金门路12#楼', '金门路12号楼'],
    ['青島市市南區閩江路', '青岛市市南区闽江路'],
  ])('%s -> %s', (input, expected) => {
    expect(normaliseAddressText(input)).toBe(expected);
  });
});

describe('parseChineseNumeral', () => {
  it.each([
    ['十', 10], ['十二', 12], ['二十', 20], ['一百二十八', 128], ['一百零八', 108], ['两百', 200], ['一二八', 128], ['三', 3], ['一千零一', 1001],
  ])('%s = %d', (s, n) => expect(parseChineseNumeral(s)).toBe(n));

  it.each(['', '百', '三三十', '十百', '甲'])('rejects %p', (s) => expect(parseChineseNumeral(s)).toBeUndefined());
});

describe('readBuildingNumber', () => {
  it('reads arabic and Chinese numbers, annexes, and nothing else', () => {
    expect(readBuildingNumber('12号3单元')).toEqual({ number: 12, length: 3 });
    expect(readBuildingNumber('12')).toEqual({ number: 12, length: 2 });
    expect(readBuildingNumber('012号')).toEqual({ number: 12, length: 4 });
    expect(readBuildingNumber('12-1号')).toEqual({ number: 12, subNumber: 1, length: 5 });
    expect(readBuildingNumber('十二号3单元')).toEqual({ number: 12, length: 3 });
    expect(readBuildingNumber('十二')).toEqual({ number: 12, length: 2 });
    expect(readBuildingNumber('三单元')).toBeUndefined();
    expect(readBuildingNumber('单元')).toBeUndefined();
  });
});
