// Batches are planned on the service's view of the open incidents and checked by Postgres under
// their locks. The view must answer exactly as the search does, and a view gone stale must cost a
// search, never a wrong link.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { migrateService } from '@jingwang/persistence';
import { createTestDatabase, scratchDatabase, waitFor, type TestDatabase } from '@jingwang/testing';
import { AlertIntakeService } from '../src/alerts/report/alert-intake.service.ts';
import { AlertBatchStatements, type AlertRow, type BatchWrite, type Candidate, type PrepareQuery } from '../src/alerts/write-path/alert-batch.statements.ts';
import { OpenIncidentsCache } from '../src/alerts/report/open-incidents.cache.ts';
import { boundingBox } from '../src/alerts/report/repeat-call.matcher.ts';
import { migrations } from '../src/migrations/index.ts';
import { alertBody, post, startIntake, type IntakeHarness } from './intake.harness.ts';

/** A small deterministic generator (mulberry32): a failure can be run again. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)], some: <T>(xs: T[], max: number): T[] => Array.from({ length: Math.floor(next() * (max + 1)) }, () => xs[Math.floor(next() * xs.length)]) };
}

const HOUR = 3_600_000;
const NOW = Date.now();

describe('the view of the open incidents against the search (random incidents, real Postgres)', () => {
  let db: TestDatabase;
  let sql: pg.Pool;
  const repo = new AlertBatchStatements();
  const rnd = random(20261129);
  const phones = Array.from({ length: 12 }, (_, i) => `1390000${String(i).padStart(4, '0')}`);
  const buildings = Array.from({ length: 8 }, (_, i) => `金门路|${i}`);
  const types = ['T-A', 'T-B', 'T-C'];
  const point = () => ({ lat: 36.07 + rnd.next() * 0.004, lng: 120.38 + rnd.next() * 0.004 });

  beforeAll(async () => {
    db = await createTestDatabase('intake_view');
    await migrateService({ service: 'intake', url: db.url, migrations });
    sql = new pg.Pool({ connectionString: `${db.url}`, max: 2 });
    for (let n = 0; n < 300; n++) {
      const incident = randomUUID();
      const alerts = 1 + Math.floor(rnd.next() * 4);
      const firstAt = NOW - rnd.next() * 100 * HOUR;
      const ids = Array.from({ length: alerts }, () => randomUUID());
      await sql.query(
        `INSERT INTO intake.incidents (id, status, type_code, first_alert_id, opened_at, last_alert_at, repeat_count) VALUES ($1, $2, $3, $4, $5, $5, $6)`,
        [incident, rnd.next() < 0.8 ? 'open' : 'closed', rnd.next() < 0.1 ? null : rnd.pick(types), ids[0], new Date(firstAt), alerts - 1],
      );
      for (const id of ids) {
        const p = rnd.next() < 0.5 ? point() : { lat: null, lng: null };
        await sql.query(
          `INSERT INTO intake.alerts (id, incident_id, channel, external_id, reported_at, type_confidence, needs_triage, description, caller_phone, building_key, lat, lng, location_resolved_by, response)
           VALUES ($1::uuid, $2, '110', $1::text, $3, 1, false, 'x', $4, $5, $6, $7, 'coordinates', '{}')`,
          [id, incident, new Date(firstAt + rnd.next() * 3 * HOUR), rnd.next() < 0.6 ? rnd.pick(phones) : null, rnd.next() < 0.4 ? rnd.pick(buildings) : null, p.lat, p.lng],
        );
      }
    }
  });

  afterAll(async () => {
    await sql?.end();
    await db?.drop();
  });

  const manager = () => ({ query: async (text: string, values: unknown[]) => (await sql.query(text, values)).rows }) as unknown as EntityManager;
  const sorted = (rows: Candidate[]) =>
    rows.map((c) => JSON.stringify([c.incidentId, c.firstAlertId, c.typeCode, c.repeatCount, c.phone, c.buildingKey, c.lat, c.lng, c.reportedAt.toISOString()])).sort();

  it('finds exactly the rows of intake.repeat_candidates, and passes intake.check_batch_candidates with them (200 random searches)', async () => {
    const view = new OpenIncidentsCache();
    await view.load(new Date(NOW - 90 * HOUR), (since) => repo.openIncidentAlerts(manager(), since));
    let nonEmpty = 0;
    for (let n = 0; n < 200; n++) {
      const q: PrepareQuery = {
        lockKeys: [`k${n}`],
        keys: [],
        since: new Date(NOW - (1 + rnd.next() * 89) * HOUR),
        typeCodes: rnd.some(types, 3),
        phones: rnd.some(phones, 3),
        buildingKeys: rnd.some(buildings, 2),
        boxes: rnd.some([0, 1, 2, 3], 2).map(() => {
          const p = point();
          return boundingBox(p.lat, p.lng, 100);
        }),
      };
      const mine = view.candidates(q)!;
      const prepared = repo.prepared((await sql.query(repo.prepareStatement(q).text, repo.prepareStatement(q).values)).rows);
      expect(sorted(mine)).toEqual(sorted(prepared.candidates));
      if (mine.length) nonEmpty++;
      const check = repo.checkCandidatesStatement(q, mine);
      await expect(sql.query(check.text, check.values)).resolves.toBeDefined();
    }
    expect(nonEmpty).toBeGreaterThan(50); // the searches did find incidents
  });

  it('fails the check (40001) when the plan counted an incident at another count, missed one, or has one the search does not find', async () => {
    const view = new OpenIncidentsCache();
    await view.load(new Date(NOW - 90 * HOUR), (since) => repo.openIncidentAlerts(manager(), since));
    const q: PrepareQuery = { lockKeys: [], keys: [], since: new Date(NOW - 89 * HOUR), typeCodes: types, phones, buildingKeys: buildings, boxes: [] };
    const mine = view.candidates(q)!;
    expect(mine.length).toBeGreaterThan(2);
    const wrongs = [
      mine.map((c) => (c.incidentId === mine[0].incidentId ? { ...c, repeatCount: c.repeatCount + 1 } : c)),
      mine.filter((c) => c.incidentId !== mine[0].incidentId),
      [...mine, { ...mine[0], incidentId: randomUUID() }],
    ];
    for (const wrong of wrongs) {
      const check = repo.checkCandidatesStatement(q, wrong);
      await expect(sql.query(check.text, check.values)).rejects.toMatchObject({ code: '40001' });
    }
  });
});

describe('the write statement', () => {
  const scratch = scratchDatabase('intake_write');
  const repo = new AlertBatchStatements();
  beforeAll(() => migrateService({ service: 'intake', url: scratch.db.url, migrations }));

  const alert = (incidentId: string, externalId: string): AlertRow => {
    const id = randomUUID();
    return {
      id, incidentId, channel: '110', externalId, reportedAt: new Date().toISOString(), typeCode: 'CM-NOISE', typeConfidence: 1, needsTriage: false,
      description: 'x', callerName: null, callerPhone: null, address: null, lat: null, lng: null, gridCode: null, policeGridCode: null, communityCode: null,
      buildingKey: null, resolvedBy: 'none', attributes: null, media: null, actor: 'test', linkReason: null,
      response: { alertId: id, incidentId, status: 'new', typeCode: 'CM-NOISE', typeConfidence: 1, gridCode: null, policeGridCode: null, communityCode: null, needsTriage: false },
    };
  };
  const write = (w: Partial<BatchWrite>) => {
    const s = repo.writeStatement({ newIncidents: [], repeats: [], alerts: [], outbox: { id: [], subject: [], envelope: [], headers: [], leaseSeconds: 0 }, ...w });
    return scratch.sql.query(s.text, s.values);
  };
  const opening = (a: AlertRow) => ({ id: a.incidentId, typeCode: a.typeCode, firstAlertId: a.id, reportedAt: a.reportedAt, lastAlertAt: a.reportedAt, repeatCount: 0 });

  it('refuses an alert whose incident it neither opens nor repeats (23503), and stores nothing', async () => {
    const orphan = alert(randomUUID(), `orphan-${randomUUID()}`);
    await expect(write({ alerts: [orphan] })).rejects.toMatchObject({ code: '23503' });
    const fine = alert(randomUUID(), `fine-${randomUUID()}`);
    await expect(write({ alerts: [fine, orphan], newIncidents: [opening(fine)] })).rejects.toMatchObject({ code: '23503' });
    // (Other tests of this file write to the same tables: only this test's alerts are counted.)
    const mine = () => scratch.sql.query('SELECT incident_id FROM intake.alerts WHERE id = ANY($1::uuid[])', [[orphan.id, fine.id]]);
    expect((await mine()).rows).toEqual([]);
    await write({ alerts: [fine], newIncidents: [opening(fine)] });
    expect((await mine()).rows).toEqual([{ incident_id: fine.incidentId }]);
  });

  it('fails on a (channel, externalId) stored before with the unique violation the service plans again on', async () => {
    const first = alert(randomUUID(), `twice-${randomUUID()}`);
    await write({ alerts: [first], newIncidents: [opening(first)] });
    const again = alert(randomUUID(), first.externalId);
    await expect(write({ alerts: [again], newIncidents: [opening(again)] })).rejects.toMatchObject({ code: '23505', constraint: 'alerts_channel_external_id_key' });
  });
});

describe('the service planning on its view', () => {
  let h: IntakeHarness;
  let intake: AlertIntakeService;
  beforeAll(async () => {
    h = await startIntake();
    intake = h.app.get(AlertIntakeService);
  });
  afterAll(() => h?.close());

  const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  /** An alert whose only trait is its caller's phone (no building, no point): matters do not run into each other's. */
  const byPhone = (caller: { phone: string }, o: Record<string, unknown> = {}) => alertBody({ caller, location: { gridCode: 'JM-G030' }, ...o });

  it('writes a new alert and its repeat in one round trip each, planned on the view', async () => {
    const before = { ...intake.batches };
    const caller = { phone: phone() };
    const first = await post(h, byPhone(caller));
    const repeat = await post(h, byPhone(caller, { channel: '12345' }));
    expect(repeat.body).toMatchObject({ status: 'linked', incidentId: first.body.incidentId });
    expect(intake.batches).toEqual({ ...before, onView: before.onView + 2 });
  });

  it('vacuums its alerts and incidents after every INTAKE_VACUUM_EVERY_ALERTS alerts, as their owner, so the search can read its indexes alone', async () => {
    const vacuums = async () =>
      (await h.sql.query(`SELECT relname, vacuum_count::int AS n FROM pg_stat_user_tables WHERE schemaname = 'intake' AND relname IN ('alerts', 'incidents') ORDER BY 1`)).rows;
    const before = await vacuums();
    const other = await h.startReplica({ relay: false, env: { INTAKE_VACUUM_EVERY_ALERTS: '3' } });
    try {
      for (let i = 0; i < 4; i++) expect((await post({ url: other.url }, byPhone({ phone: phone() }))).status).toBe(202);
      await waitFor('a vacuum of both tables', async () => {
        const now = await vacuums();
        return now.every((r, i) => r.n > before[i].n);
      });
      // The search's indexes hold all it reads (on a table this small the planner would rather scan it whole).
      const plan = await h.sql.query(`SET enable_seqscan = off; SET enable_bitmapscan = off;
        EXPLAIN (COSTS OFF) SELECT incident_id, reported_at FROM intake.alerts WHERE building_key = ANY('{a,b}') AND reported_at >= now() - interval '3 days';
        EXPLAIN (COSTS OFF) SELECT incident_id, reported_at FROM intake.alerts WHERE caller_phone = ANY('{a,b}') AND reported_at >= now() - interval '3 days';
        RESET enable_seqscan; RESET enable_bitmapscan`);
      const plans = (plan as unknown as pg.QueryResult[]).filter((r) => r.command === 'EXPLAIN').map((r) => r.rows.map((x) => x['QUERY PLAN']).join('\n'));
      expect(plans).toEqual([expect.stringContaining('Index Only Scan using alerts_building'), expect.stringContaining('Index Only Scan using alerts_phone')]);
    } finally {
      await other.close();
    }
  });

  it('links to an incident another replica opened (the check fails, a search finds it), then knows it', async () => {
    const other = await h.startReplica({ relay: false });
    const caller = { phone: phone() };
    try {
      const first = await post({ url: other.url }, byPhone(caller));
      const before = { ...intake.batches };
      const repeat = await post(h, byPhone(caller, { channel: 'nuannan' }));
      expect(repeat.body).toMatchObject({ status: 'linked', incidentId: first.body.incidentId });
      expect(intake.batches).toMatchObject({ viewWrong: before.viewWrong + 1, searched: before.searched + 1 });
      // The search named the incident to read again: a later repeat is planned on the view.
      await waitFor('a repeat planned on the view', async () => {
        const wrong = intake.batches.viewWrong;
        expect((await post(h, byPhone(caller))).body).toMatchObject({ status: 'linked', incidentId: first.body.incidentId });
        return intake.batches.viewWrong === wrong;
      });
    } finally {
      await other.close();
    }
  });

  it('opens a new incident when the one it knew was closed behind its back', async () => {
    const caller = { phone: phone() };
    const first = await post(h, byPhone(caller));
    await h.sql.query(`UPDATE intake.incidents SET status = 'closed', closed_at = now() WHERE id = $1`, [first.body.incidentId]);
    const before = { ...intake.batches };
    const next = await post(h, byPhone(caller));
    expect(next.body.status).toBe('new');
    expect(next.body.incidentId).not.toBe(first.body.incidentId);
    expect(intake.batches.viewWrong).toBe(before.viewWrong + 1);
    const again = await post(h, byPhone(caller));
    expect(again.body).toMatchObject({ status: 'linked', incidentId: next.body.incidentId });
  });

  it('answers a (channel, externalId) seen before with its first answer, through the search', async () => {
    const body = byPhone({ phone: phone() });
    const first = await post(h, body);
    const before = { ...intake.batches };
    const again = await post(h, body);
    expect(again.body).toEqual(first.body);
    expect(intake.batches).toMatchObject({ viewWrong: before.viewWrong + 1, searched: before.searched + 1 });
  });

  it('keeps one incident per matter with two replicas writing at once, batches in flight and repeated externalIds', async () => {
    const other = await h.startReplica({ relay: false });
    const otherIntake = other.app.get(AlertIntakeService);
    const urls = [h.url, other.url];
    const phones = Array.from({ length: 5 }, phone);
    const sent: { body: Record<string, unknown>; answer: Record<string, unknown> }[] = [];
    try {
      for (let round = 0; round < 8; round++) {
        const bodies = Array.from({ length: 50 }, (_, i) =>
          sent.length && i % 10 === 0
            ? sent[Math.floor(Math.random() * sent.length)].body // a repeat of an earlier (channel, externalId)
            : byPhone({ phone: phones[i % phones.length] }, { channel: i % 2 ? '110' : '12345' }),
        );
        const answers = await Promise.all(bodies.map((body, i) => post({ url: urls[i % 2] }, body)));
        answers.forEach((a, i) => {
          expect(a.status).toBe(202);
          sent.push({ body: bodies[i], answer: a.body });
        });
      }
      const first = new Map<unknown, Record<string, unknown>>();
      for (const { body, answer } of sent) {
        const known = first.get(body.externalId);
        if (known) expect(answer).toEqual(known); // the first answer, again
        else first.set(body.externalId, answer);
      }
      const { rows } = await h.sql.query(
        `SELECT a.caller_phone, count(DISTINCT i.id)::int AS incidents, count(*)::int AS alerts, max(i.repeat_count) AS repeat_count
           FROM intake.alerts a JOIN intake.incidents i ON i.id = a.incident_id
          WHERE a.caller_phone = ANY($1) GROUP BY 1 ORDER BY 1`,
        [phones],
      );
      expect(rows).toHaveLength(5);
      for (const r of rows) expect(r).toMatchObject({ incidents: 1, repeat_count: r.alerts - 1 });
      expect(rows.reduce((n, r) => n + r.alerts, 0)).toBe(first.size);
      // Each replica found the other's writes missing from its view, and searched.
      expect(intake.batches.viewWrong + otherIntake.batches.viewWrong).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});
