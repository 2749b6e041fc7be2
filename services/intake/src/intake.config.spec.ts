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

  it('takes fixmystreet_id as the Open311 client id attribute unless told otherwise, and names a bad one', () => {
    expect(loadIntakeConfig({}).open311ClientIdAttributes).toEqual(['fixmystreet_id']);
    expect(loadIntakeConfig({ INTAKE_OPEN311_CLIENT_ID_ATTRIBUTES: ' fixmystreet_id , report_ref ' }).open311ClientIdAttributes).toEqual(['fixmystreet_id', 'report_ref']);
    expect(loadIntakeConfig({ INTAKE_OPEN311_CLIENT_ID_ATTRIBUTES: '' }).open311ClientIdAttributes).toEqual([]);
    for (const bad of ['a b', 'x'.repeat(33), 'external_id']) {
      expect(() => loadIntakeConfig({ INTAKE_OPEN311_CLIENT_ID_ATTRIBUTES: bad })).toThrow(`INTAKE_OPEN311_CLIENT_ID_ATTRIBUTES: "${bad}" is not an attribute code`);
    }
  });

  it('rebuilds the classifier after every 10 corrections unless told otherwise', () => {
    expect(loadIntakeConfig({}).classifierRebuildEvery).toBe(10);
    expect(loadIntakeConfig({ INTAKE_CLASSIFIER_REBUILD_EVERY: '1' }).classifierRebuildEvery).toBe(1);
    for (const bad of ['0', '-3', '2.5', 'often']) {
      expect(() => loadIntakeConfig({ INTAKE_CLASSIFIER_REBUILD_EVERY: bad })).toThrow(`INTAKE_CLASSIFIER_REBUILD_EVERY must be a whole number of at least 1 (got "${bad}")`);
    }
  });
});
