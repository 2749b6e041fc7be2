import { alertTypes, getAlertType } from './catalog.registry.ts';
import { open311Services, toOpen311Service } from './open311.mapper.ts';

describe('Open311 service list', () => {
  it('maps a type to a GeoReport v2 service', () => {
    const service = toOpen311Service(getAlertType('CM-NOISE')!);
    expect(service).toEqual({
      service_code: 'CM-NOISE',
      service_name: '噪音扰民',
      description: expect.stringContaining('Neighbour noise'),
      metadata: false,
      type: 'realtime',
      keywords: expect.stringContaining('噪音,扰民'),
      group: 'community',
    });
    expect(service.keywords).not.toContain('+');
    expect(service.keywords.split(',').every(Boolean)).toBe(true);
  });

  it('can name services in English', () => {
    expect(toOpen311Service(getAlertType('CT-THEFT')!, { locale: 'en' })).toMatchObject({
      service_name: 'Theft',
      description: getAlertType('CT-THEFT')!.description,
    });
  });

  it('publishes the whole catalogue, grouped by lane, codes unique', () => {
    const services = open311Services();
    expect(services).toHaveLength(alertTypes.length);
    expect(new Set(services.map((s) => s.service_code)).size).toBe(63);
    expect(services.filter((s) => s.group === 'case-team')).toHaveLength(37);
    expect(services.filter((s) => s.group === 'community')).toHaveLength(26);
    for (const s of services) {
      expect(Object.keys(s).sort()).toEqual(
        ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type'].sort(),
      );
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    }
  });
});
