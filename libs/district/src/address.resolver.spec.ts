import { loadDistrict, BUNDLED_DISTRICT_FILE } from './district.loader.ts';

const district = loadDistrict(BUNDLED_DISTRICT_FILE);
const jinmen12 = district.resolveAddress('金门路12号');

describe('resolveAddress', () => {
  it('resolves 金门路12号3单元 with grid, police grid, community, building key and detail', () => {
    const r = district.resolveAddress('金门路12号3单元');
    expect(r.resolved).toBe(true);
    if (!r.resolved) return;
    expect(r.grid.code).toBe('JM-G001');
    expect(r.policeGrid.code).toBe('JM-PG01');
    expect(r.community.code).toBe('JM-C01');
    expect(r.street.nameZh).toBe('金门路');
    expect(r.number).toBe(12);
    expect(r.buildingKey).toBe('金门路12号');
    expect(r.detail).toBe('3单元');
  });

  it.each([
    ['full-width digits', '金门路１２号3单元'],
    ['missing 号', '金门路12'],
    ['missing 号 before the unit', '金门路12 3单元'],
    ['traditional characters', '金門路12號'],
    ['extra spaces', '  金门路  12 号  3 单元 '],
    ['full-width spaces', '金门路　12号'],
    ['city and district prefix', '青岛市市南区金门路12号3单元'],
    ['province and subdistrict prefix', '山东省青岛市市南区金门路街道金门路12号'],
    ['traditional prefix', '青島市市南區金門路１２號'],
    ['Chinese numeral', '金门路十二号3单元'],
    ['Chinese digits', '金门路一二号'],
    ['Chinese numeral at the end', '金门路十二'],
    ['leading zero', '金门路012号'],
    ['# for 号', '金门路12#楼'],
  ])('treats %s as the same building: %s', (_, text) => {
    const r = district.resolveAddress(text);
    expect(r.resolved).toBe(true);
    if (!r.resolved || !jinmen12.resolved) return;
    expect(r.buildingKey).toBe(jinmen12.buildingKey);
    expect(r.grid.code).toBe(jinmen12.grid.code);
  });

  it('reads an annex number into the building key', () => {
    const r = district.resolveAddress('金门路12-1号');
    expect(r.resolved && r.buildingKey).toBe('金门路12-1号');
    expect(r.resolved && r.grid.code).toBe('JM-G001');
  });

  it('resolves a street alias (延安3路) to the canonical street', () => {
    const r = district.resolveAddress('延安3路15号');
    expect(r.resolved && r.buildingKey).toBe('延安三路15号');
  });

  it('uses the parity of the number on a street that divides two grids', () => {
    const odd = district.resolveAddress('延安三路15号');
    const even = district.resolveAddress('延安三路16号');
    expect(odd.resolved && even.resolved).toBe(true);
    if (!odd.resolved || !even.resolved) return;
    expect(odd.grid.code).not.toBe(even.grid.code);
    expect(odd.grid.bbox.maxLng).toBe(even.grid.bbox.minLng); // west side odd, east side even
  });

  it('resolves the first and last number of every range to that range\'s grid', () => {
    for (const street of district.streets) {
      for (const range of street.ranges) {
        for (const n of [range.from, range.to]) {
          const r = district.resolveAddress(`${street.nameZh}${n}号`);
          expect(r.resolved && r.grid.code).toBe(range.gridCode);
        }
      }
    }
  });

  it.each([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['北京路1号', 'NO_STREET'],
    ['市南区某小区', 'NO_STREET'],
    ['金门路', 'NO_NUMBER'],
    ['金门路三单元', 'NO_NUMBER'],
    ['青岛市市南区金门路街道办事处', 'NO_NUMBER'],
    ['金门路0号', 'NO_NUMBER'],
    ['金门路9999号', 'NUMBER_NOT_COVERED'],
  ])('leaves %p unresolved with reason %s', (text, reason) => {
    const r = district.resolveAddress(text);
    expect(r.resolved).toBe(false);
    if (r.resolved) return;
    expect(r.reason).toBe(reason);
    expect(r.message.length).toBeGreaterThan(0);
  });

  it('still returns the building key when the number is not covered', () => {
    const r = district.resolveAddress('金門路９９９９號');
    expect(!r.resolved && r.buildingKey).toBe('金门路9999号');
  });
});
