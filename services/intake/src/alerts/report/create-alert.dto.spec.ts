import { fastValidator } from '@jingwang/contracts';
import { arrayInPlaceOfItem, compareWithClassValidator, variantsOf } from '@jingwang/testing';
import { CreateAlertDto } from './create-alert.dto.ts';

const SAMPLES = [
  {
    channel: '110',
    externalId: '110-20261128-0001',
    reportedAt: '2026-11-28T09:30:00+08:00',
    typeCode: 'CM-NOISE',
    description: '楼上装修噪音很大，已经持续三天了',
    caller: { name: '刘先生', phone: '13800138000' },
    location: { address: '金门路12号3单元', lat: 36.0718, lng: 120.381, gridCode: 'JM-G001' },
    attributes: { floor: 3, tags: ['night'] },
    media: [{ url: 'https://example.org/a.jpg', type: 'image' }],
  },
  { channel: 'walk-in', externalId: 'w-1', reportedAt: '2026-11-28T01:30:00Z', description: '有人吵架', location: {} },
];

describe('CreateAlertDto fast validator', () => {
  it.each(SAMPLES.map((s, i) => [i, s] as const))('agrees with class-validator on variants of sample %i', (_, sample) => {
    expect(fastValidator(CreateAlertDto, { whitelist: true })).not.toBeNull();
    const r = compareWithClassValidator(CreateAlertDto, variantsOf(sample, 400), { whitelist: true });
    expect(r.unsound).toEqual([]);
    expect(r.missed.filter((v) => !arrayInPlaceOfItem(v))).toEqual([]);
    expect(r.valid).toBeGreaterThan(10);
    expect(r.checked - r.valid).toBeGreaterThan(100);
  });
});
