import { distanceMetres } from '@jingwang/district';
import { ChannelKeys } from '../channels/channel-keys.ts';
import { loadIntakeConfig } from '../intake.config.ts';
import { checkReportedAt } from './alert-enrichment.ts';
import { decodeCursor, encodeCursor } from './list-alerts.query.ts';
import { isValidPhone } from './phone.validator.ts';
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

describe('phones', () => {
  it.each(['13800138000', '+8613800138000', '0532-82861234', '053282861234', '+14155550123', '138 0013 8000'])('accepts %s', (p) => expect(isValidPhone(p)).toBe(true));
  it.each(['12345', '12800138000', '+0123', 'abc', '0532-123'])('rejects %s', (p) => expect(isValidPhone(p)).toBe(false));
});

describe('reportedAt', () => {
  const now = new Date('2026-11-28T10:00:00Z');
  it('allows clock skew up to the limit and refuses beyond', () => {
    expect(() => checkReportedAt('2026-11-28T10:04:00Z', now, 5)).not.toThrow();
    expect(() => checkReportedAt('2026-11-28T10:06:00Z', now, 5)).toThrow('more than 5 minutes in the future');
  });
});

describe('configuration', () => {
  it('reads repeat windows per channel and refuses what it cannot read', () => {
    const c = loadIntakeConfig({ INTAKE_REPEAT_WINDOWS: '110=30m,walk-in=1h' });
    expect(c.repeatWindowMinutes).toMatchObject({ '110': 30, 'walk-in': 60, '12345': 72 * 60 });
    expect(() => loadIntakeConfig({ INTAKE_REPEAT_WINDOWS: 'fax=1h' })).toThrow('INTAKE_REPEAT_WINDOWS');
  });

  it('plans on the view with two batches in flight unless told otherwise, and names a bad setting', () => {
    expect(loadIntakeConfig({})).toMatchObject({ planOnView: true, batchesInFlight: 2, writers: 1, maxBatch: 64 });
    expect(loadIntakeConfig({ INTAKE_PLAN_ON_VIEW: 'off', INTAKE_BATCHES_IN_FLIGHT: '1' })).toMatchObject({ planOnView: false, batchesInFlight: 1 });
    expect(() => loadIntakeConfig({ INTAKE_PLAN_ON_VIEW: 'yes' })).toThrow('INTAKE_PLAN_ON_VIEW must be on or off (got "yes")');
    expect(() => loadIntakeConfig({ INTAKE_BATCHES_IN_FLIGHT: '0' })).toThrow('INTAKE_BATCHES_IN_FLIGHT must be a whole number of at least 1');
  });

  it('vacuums after every 10,000 alerts unless told otherwise; 0 leaves it to autovacuum', () => {
    expect(loadIntakeConfig({}).vacuumEveryAlerts).toBe(10_000);
    expect(loadIntakeConfig({ INTAKE_VACUUM_EVERY_ALERTS: '0' }).vacuumEveryAlerts).toBe(0);
    for (const bad of ['-1', '2.5', 'often', ' ']) {
      expect(() => loadIntakeConfig({ INTAKE_VACUUM_EVERY_ALERTS: bad })).toThrow(`INTAKE_VACUUM_EVERY_ALERTS must be a whole number of at least 0 (got "${bad}")`);
    }
  });

  it('checks channel keys: machine channels their own, staff channels the staff key', () => {
    const keys = ChannelKeys.fromEnv({ INTAKE_CHANNEL_KEYS: '110=secret-110,staff=secret-staff' });
    expect(() => keys.check('110', 'secret-110')).not.toThrow();
    expect(() => keys.check('walk-in', 'secret-staff')).not.toThrow();
    expect(() => keys.check('110', undefined)).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => keys.check('110', 'secret-staff')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => keys.check('12345', 'anything')).toThrow(expect.objectContaining({ status: 403 }));
    // Once accepted, a key is remembered for its own name only.
    expect(() => keys.check('110', 'secret-110')).not.toThrow();
    expect(() => keys.check('walk-in', 'secret-110')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => keys.check('110', 'secret-110x')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => ChannelKeys.fromEnv({ NODE_ENV: 'production' })).toThrow('INTAKE_CHANNEL_KEYS must be set');
    expect(() => ChannelKeys.fromEnv({ INTAKE_CHANNEL_KEYS: '110=short' })).toThrow('at least 8');
  });
});

describe('cursor', () => {
  it('round-trips and refuses what it did not make', () => {
    const c = encodeCursor('2026-11-28T10:00:00.000Z', '3f1c3a8e-4a4b-4c3d-9e0f-0a1b2c3d4e5f');
    expect(decodeCursor(c)).toEqual({ receivedAt: '2026-11-28T10:00:00.000Z', id: '3f1c3a8e-4a4b-4c3d-9e0f-0a1b2c3d4e5f' });
    expect(() => decodeCursor('garbage')).toThrow('cursor');
  });
});
