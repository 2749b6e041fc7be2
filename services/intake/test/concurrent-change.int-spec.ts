// A batch's write checks the ground it was planned on and is rolled back and planned again when
// another transaction moved it between the search and the write. Each test holds that other
// transaction open until the batch's write waits on it, then commits it.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { waitFor } from '@jingwang/testing';
import { alertBody, countRows, post, publishedSoFar, startIntake, type IntakeHarness } from './intake.harness.ts';

let h: IntakeHarness;
beforeAll(async () => {
  h = await startIntake();
});
afterAll(() => h?.close());

/** Runs `hold` in a transaction of its own, then `whileHeld` (which must end up waiting on it), then commits. */
async function racing<T>(hold: (c: pg.PoolClient) => Promise<void>, whileHeld: () => Promise<T>): Promise<T> {
  const c = await h.sql.connect();
  let committed = false;
  try {
    await c.query('BEGIN');
    await hold(c);
    const pending = whileHeld();
    await waitFor('the batch to wait on the other transaction', async () => {
      const { rows } = await h.sql.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      return rows[0].n > 0;
    });
    await c.query('COMMIT');
    committed = true;
    return await pending;
  } finally {
    if (!committed) await c.query('ROLLBACK').catch(() => undefined);
    c.release();
  }
}

describe('a batch whose ground moved between its search and its write', () => {
  it('opens a new incident when the one it would link to was closed meanwhile', async () => {
    const first = await post(h, alertBody({ caller: { phone: '13911112222' }, location: { gridCode: 'JM-G030' } }));
    const repeat = await racing(
      async (c) => {
        await c.query(`UPDATE intake.incidents SET status = 'closed', closed_at = now() WHERE id = $1`, [first.body.incidentId]);
      },
      () => post(h, alertBody({ channel: '12345', caller: { phone: '13911112222' }, location: { gridCode: 'JM-G030' } })),
    );
    expect(repeat.status).toBe(202);
    expect(repeat.body.status).toBe('new');
    expect(repeat.body.incidentId).not.toBe(first.body.incidentId);
    const { rows } = await h.sql.query('SELECT repeat_count, status FROM intake.incidents WHERE id = $1', [first.body.incidentId]);
    expect(rows[0]).toEqual({ repeat_count: 0, status: 'closed' });
  });

  it('answers with the stored alert when another writer stored the same (channel, externalId) first', async () => {
    const seed = await post(h, alertBody({ caller: { phone: '13911113333' } }));
    const externalId = `raced-${randomUUID()}`;
    const otherId = randomUUID();
    const alertsBefore = await countRows(h, 'alerts');
    const answer = await racing(
      async (c) => {
        await c.query(
          `INSERT INTO intake.alerts (id, incident_id, channel, external_id, reported_at, type_confidence, needs_triage, description, location_resolved_by, response)
           SELECT $1::uuid, incident_id, channel, $2, reported_at, type_confidence, needs_triage, description, location_resolved_by, jsonb_set(response, '{alertId}', to_jsonb($1::text))
             FROM intake.alerts WHERE id = $3`,
          [otherId, externalId, seed.body.alertId],
        );
      },
      () => post(h, alertBody({ externalId, caller: { phone: '13911114444' } })),
    );
    expect(answer.status).toBe(202);
    expect(answer.body.alertId).toBe(otherId);
    // The raced batch wrote nothing of its own: no alert beyond the other writer's row, no event (the other writer emitted none).
    expect(await countRows(h, 'alerts')).toBe(alertsBefore + 1);
    expect((await publishedSoFar(h)).filter((e) => e.data.externalId === externalId)).toEqual([]);
  });
});
