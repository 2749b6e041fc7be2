import { loadIntakeConfig } from './intake.config.ts';

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
});
