import type { AlertRow, BatchWrite, OpenIncidentAlertRow, PrepareQuery } from '../write-path/alert-batch.statements.ts';
import { OpenIncidentsCache } from './open-incidents.cache.ts';
import { boundingBox } from './repeat-call.matcher.ts';

const T0 = Date.parse('2026-11-29T08:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const row = (incident: string, o: Partial<OpenIncidentAlertRow> = {}): OpenIncidentAlertRow => ({
  incident_id: incident,
  first_alert_id: `${incident}-first`,
  type_code: 'CT-NOISE',
  repeat_count: 0,
  caller_phone: null,
  building_key: null,
  lat: null,
  lng: null,
  reported_at: at(0),
  ...o,
});

const query = (o: Partial<PrepareQuery>): PrepareQuery => ({ lockKeys: [], keys: [], since: at(-60), typeCodes: ['CT-NOISE'], phones: [], buildingKeys: [], boxes: [], ...o });

async function loaded(rows: OpenIncidentAlertRow[], since = at(-120)): Promise<OpenIncidentsCache> {
  const view = new OpenIncidentsCache();
  await view.load(since, async () => rows);
  return view;
}

const alert = (id: string, incidentId: string, o: Partial<AlertRow> = {}) => ({ id, incidentId, callerPhone: null, buildingKey: null, lat: null, lng: null, reportedAt: at(5).toISOString(), ...o }) as AlertRow;
const write = (w: Partial<BatchWrite>): BatchWrite => ({ newIncidents: [], repeats: [], alerts: [], outbox: { id: [], subject: [], envelope: [], headers: [], leaseSeconds: 30 }, ...w });

describe('OpenIncidentsCache', () => {
  it('cannot tell before it is loaded, nor for a search that looks back further than it holds', async () => {
    expect(new OpenIncidentsCache().candidates(query({ phones: ['13800138000'] }))).toBeNull();
    const view = await loaded([], at(-120));
    expect(view.candidates(query({ since: at(-121) }))).toBeNull();
    expect(view.candidates(query({ since: at(-120) }))).toEqual([]);
  });

  it('answers as intake.repeat_candidates does: one row per incident and trait value, the latest report since the window, of the asked types', async () => {
    const view = await loaded([
      row('i1', { caller_phone: '13800138000', reported_at: at(-10) }),
      row('i1', { caller_phone: '13800138000', reported_at: at(-5), repeat_count: 1 }),
      row('i2', { caller_phone: '13800138000', reported_at: at(-90) }), // before the window
      row('i3', { caller_phone: '13800138000', type_code: 'CT-THEFT' }), // another type
      row('i4', { building_key: '金门路|12', reported_at: at(-1) }),
      row('i5', { lat: 36.07, lng: 120.38 }),
      row('i6', { lat: 36.08, lng: 120.38 }), // 1.1 km away
    ]);
    const found = view.candidates(query({ phones: ['13800138000'], buildingKeys: ['金门路|12'], boxes: [boundingBox(36.0702, 120.3801, 100)] }));
    expect(found).toEqual([
      { incidentId: 'i1', firstAlertId: 'i1-first', typeCode: 'CT-NOISE', repeatCount: 0, phone: '13800138000', buildingKey: null, lat: null, lng: null, reportedAt: at(-5) },
      { incidentId: 'i4', firstAlertId: 'i4-first', typeCode: 'CT-NOISE', repeatCount: 0, phone: null, buildingKey: '金门路|12', lat: null, lng: null, reportedAt: at(-1) },
      { incidentId: 'i5', firstAlertId: 'i5-first', typeCode: 'CT-NOISE', repeatCount: 0, phone: null, buildingKey: null, lat: 36.07, lng: 120.38, reportedAt: at(0) },
    ]);
  });

  it('takes what a batch committed: new incidents with their alerts, repeats from the count it knew; a repeat from another count drops the incident', async () => {
    const view = await loaded([row('i1', { caller_phone: '13900000001' }), row('i2', { caller_phone: '13900000002', repeat_count: 3 })]);
    view.wrote(
      write({
        newIncidents: [{ id: 'n1', typeCode: 'CT-NOISE', firstAlertId: 'b1', reportedAt: at(5).toISOString(), lastAlertAt: at(5).toISOString(), repeatCount: 0 }],
        repeats: [
          { id: 'i1', added: 1, lastReportedAt: at(5).toISOString(), expectedCount: 1 },
          { id: 'i2', added: 1, lastReportedAt: at(5).toISOString(), expectedCount: 9 }, // the view had 3, not 8: another writer added some
        ],
        alerts: [alert('b1', 'n1', { callerPhone: '13900000003' }), alert('b2', 'i1', { callerPhone: '13900000001' }), alert('b3', 'i2', { callerPhone: '13900000002' })],
      }),
    );
    const found = view.candidates(query({ phones: ['13900000001', '13900000002', '13900000003'] }))!;
    expect(found.map((c) => [c.incidentId, c.repeatCount, c.reportedAt])).toEqual([
      ['i1', 1, at(5)],
      ['n1', 0, at(5)],
    ]);
    expect(view.size).toEqual({ incidents: 2, traits: 2 });
  });

  it('replays the writes committed while a load was reading, once, on what the load read', async () => {
    const view = new OpenIncidentsCache();
    await view.load(at(-120), async () => {
      view.wrote(write({ repeats: [{ id: 'i1', added: 1, lastReportedAt: at(5).toISOString(), expectedCount: 1 }], alerts: [alert('b1', 'i1', { callerPhone: '13900000001' })] }));
      return [row('i1', { caller_phone: '13900000001' })]; // read before that write
    });
    expect(view.candidates(query({ phones: ['13900000001'] }))!.map((c) => [c.repeatCount, c.reportedAt])).toEqual([[1, at(5)]]);
    expect(view.size).toEqual({ incidents: 1, traits: 1 });
  });

  it('keeps the view it had when a load fails', async () => {
    const view = await loaded([row('i1', { caller_phone: '13900000001' })]);
    await expect(view.load(at(-60), () => Promise.reject(new Error('connection refused')))).rejects.toThrow('connection refused');
    expect(view.horizon).toEqual(at(-120));
    expect(view.candidates(query({ phones: ['13900000001'] }))).toHaveLength(1);
  });

  it('is put right by a search: drops what the search did not find, and names what it must read again; an older read does not undo a newer write', async () => {
    const view = await loaded([row('i1', { caller_phone: '13900000001' }), row('i2', { caller_phone: '13900000002', repeat_count: 2 })]);
    const q = query({ phones: ['13900000001', '13900000002', '13900000003'] });
    const found = [
      { incidentId: 'i2', firstAlertId: 'i2-first', typeCode: 'CT-NOISE', repeatCount: 3, phone: '13900000002', buildingKey: null, lat: null, lng: null, reportedAt: at(1) },
      { incidentId: 'x9', firstAlertId: 'x9-first', typeCode: 'CT-NOISE', repeatCount: 0, phone: '13900000003', buildingKey: null, lat: null, lng: null, reportedAt: at(2) },
    ];
    expect(view.reconcile(q, found)).toEqual(['i2', 'x9']);
    expect(view.candidates(q)!.map((c) => c.incidentId)).toEqual(['i2']); // i1 (closed) is gone
    view.refresh(['i2', 'x9'], [
      row('i2', { caller_phone: '13900000002', repeat_count: 3 }),
      row('i2', { caller_phone: '13900000002', repeat_count: 3, reported_at: at(1) }),
      row('x9', { caller_phone: '13900000003', reported_at: at(2) }),
    ]);
    expect(view.reconcile(q, found)).toEqual([]);
    view.refresh(['i2'], [row('i2', { caller_phone: '13900000002', repeat_count: 1 })]); // read before the view's count
    expect(view.candidates(q)!.find((c) => c.incidentId === 'i2')?.repeatCount).toBe(3);
    view.refresh(['x9'], []); // closed meanwhile
    expect(view.candidates(q)!.map((c) => c.incidentId)).toEqual(['i2']);
  });

  it('forgets the incidents a write it took opened or repeated, when that write fails', async () => {
    const view = await loaded([row('i1', { caller_phone: '13900000001' }), row('i2', { caller_phone: '13900000002' })]);
    const w = write({
      newIncidents: [{ id: 'n1', typeCode: 'CT-NOISE', firstAlertId: 'b1', reportedAt: at(5).toISOString(), lastAlertAt: at(5).toISOString(), repeatCount: 0 }],
      repeats: [{ id: 'i1', added: 1, lastReportedAt: at(5).toISOString(), expectedCount: 1 }],
      alerts: [alert('b1', 'n1', { callerPhone: '13900000003' }), alert('b2', 'i1', { callerPhone: '13900000001' })],
    });
    view.wrote(w);
    view.unwrote(w);
    expect(view.candidates(query({ phones: ['13900000001', '13900000002', '13900000003'] }))!.map((c) => c.incidentId)).toEqual(['i2']);
  });

  it('prunes what aged out: traits whose latest report is older, incidents left with none; it cannot tell before the new horizon', async () => {
    const view = await loaded([
      row('i1', { caller_phone: '13900000001', reported_at: at(-100) }),
      row('i1', { building_key: '金门路|1', reported_at: at(-10) }),
      row('i2', { caller_phone: '13900000002', reported_at: at(-100) }),
    ]);
    view.prune(at(-60));
    expect(view.size).toEqual({ incidents: 1, traits: 1 });
    expect(view.horizon).toEqual(at(-60));
    expect(view.candidates(query({ since: at(-90) }))).toBeNull();
    expect(view.candidates(query({ since: at(-60), phones: ['13900000001', '13900000002'], buildingKeys: ['金门路|1'] }))!.map((c) => [c.incidentId, c.buildingKey])).toEqual([['i1', '金门路|1']]);
  });
});
