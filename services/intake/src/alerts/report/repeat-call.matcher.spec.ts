import { distanceMetres } from '@jingwang/district';
import { boundingBox, matchRepeat, relatedTypeCodes, type NewAlertTraits, type RepeatCandidate } from './repeat-call.matcher.ts';

const candidate = (over: Partial<RepeatCandidate>): RepeatCandidate => ({
  incidentId: 'i',
  firstAlertId: 'a',
  phone: null,
  buildingKey: null,
  lat: null,
  lng: null,
  reportedAt: new Date('2026-11-28T08:00:00Z'),
  ...over,
});

describe('matchRepeat', () => {
  const none = { phone: null, buildingKey: null, lat: null, lng: null };
  it('prefers the same phone, then the same building, then a point within the radius', () => {
    const cs = [candidate({ incidentId: 'place', lat: 36.07, lng: 120.38 }), candidate({ incidentId: 'building', buildingKey: '金门路12号' }), candidate({ incidentId: 'phone', phone: '13800138000' })];
    expect(matchRepeat({ ...none, phone: '13800138000', buildingKey: '金门路12号', lat: 36.07, lng: 120.38 }, cs, 100)).toMatchObject({ candidate: { incidentId: 'phone' }, reason: 'same-phone' });
    expect(matchRepeat({ ...none, buildingKey: '金门路12号', lat: 36.07, lng: 120.38 }, cs, 100)).toMatchObject({ candidate: { incidentId: 'building' }, reason: 'same-building' });
    expect(matchRepeat({ ...none, lat: 36.0708, lng: 120.38 }, cs, 100)).toMatchObject({ candidate: { incidentId: 'place' }, reason: 'same-place' }); // ~89 m
    expect(matchRepeat({ ...none, lat: 36.0712, lng: 120.38 }, cs, 100)).toBeNull(); // ~133 m
  });

  it('takes the most recent of several matches', () => {
    const older = candidate({ incidentId: 'old', phone: '1', reportedAt: new Date('2026-11-28T07:00:00Z') });
    const newer = candidate({ incidentId: 'new', phone: '1', reportedAt: new Date('2026-11-28T09:00:00Z') });
    expect(matchRepeat({ ...none, phone: '1' }, [older, newer], 100)?.candidate.incidentId).toBe('new');
  });

  it('answers as sorting newest first and taking the first match of each kind would, on 2,000 random cases', () => {
    // The matcher as it was first written (sort, then find), kept here as the reference.
    const reference = (alert: NewAlertTraits, cs: RepeatCandidate[], radius: number) => {
      const newest = [...cs].sort((a, b) => b.reportedAt.getTime() - a.reportedAt.getTime());
      const byPhone = alert.phone ? newest.find((c) => c.phone === alert.phone) : undefined;
      if (byPhone) return byPhone.incidentId;
      const byBuilding = alert.buildingKey ? newest.find((c) => c.buildingKey === alert.buildingKey) : undefined;
      if (byBuilding) return byBuilding.incidentId;
      const here = alert.lat !== null && alert.lng !== null ? { lat: alert.lat, lng: alert.lng } : null;
      return (here && newest.find((c) => c.lat !== null && c.lng !== null && distanceMetres(here, { lat: c.lat, lng: c.lng }) <= radius)?.incidentId) || null;
    };
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
    const traits = () => ({
      phone: pick([null, '1', '2']),
      buildingKey: pick([null, 'a', 'b']),
      ...pick([{ lat: null, lng: null }, { lat: 36.07 + Math.random() * 0.002, lng: 120.38 + Math.random() * 0.002 }]),
    });
    for (let n = 0; n < 2000; n++) {
      const cs = Array.from({ length: Math.floor(Math.random() * 8) }, (_, i) =>
        candidate({ incidentId: `i${i}`, ...traits(), reportedAt: new Date(Date.UTC(2026, 10, 28, pick([7, 8, 9]))) }),
      );
      const alert = traits();
      expect(matchRepeat(alert, cs, 100)?.candidate.incidentId ?? null).toBe(reference(alert, cs, 100));
    }
  });

  it('leaves out the candidates `accept` refuses', () => {
    const cs = [candidate({ incidentId: 'refused', phone: '1', reportedAt: new Date('2026-11-28T09:00:00Z') }), candidate({ incidentId: 'kept', phone: '1' })];
    expect(matchRepeat({ ...none, phone: '1' }, cs, 100, (c) => c.incidentId !== 'refused')?.candidate.incidentId).toBe('kept');
  });

  it('boxes the radius generously for the index', () => {
    const box = boundingBox(36.07, 120.38, 100);
    expect(box.maxLat - 36.07).toBeGreaterThan(100 / 111_320);
    expect(box.maxLng - 120.38).toBeGreaterThan(box.maxLat - 36.07); // degrees of longitude are shorter here
  });

  it('relates a type to its dispute family only', () => {
    expect(relatedTypeCodes('CM-NOISE')).toEqual(expect.arrayContaining(['CM-NOISE', 'CM-WATER-LEAK']));
    expect(relatedTypeCodes('CM-NOISE')).not.toContain('CT-THEFT');
    expect(relatedTypeCodes('CM-LOCKED-OUT')).toEqual(['CM-LOCKED-OUT']);
  });
});
