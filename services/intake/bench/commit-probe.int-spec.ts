import { createTestDatabase, waitFor, withClient, type TestDatabase } from '@jingwang/testing';
import { slowestCommit, startCommitProbe, TABLE } from './commit-probe.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('probe');
});
afterAll(async () => {
  await db?.drop();
});

describe('commit probe', () => {
  it('commits at most every 20 ms, each one a write (so that it waits for the WAL flush)', async () => {
    const probe = await startCommitProbe(db.url);
    await waitFor('five commits', async () => Number((await withClient(db.url, (c) => c.query(`SELECT commits FROM ${TABLE}`))).rows[0]?.commits) >= 5);
    const record = await probe.stop();
    expect(record.error).toBeUndefined();
    expect(record.commits.length).toBeGreaterThanOrEqual(5);
    // Paced: each commit is sent 20 ms after the one before was (or as soon as a slower one ends).
    for (let i = 1; i < record.commits.length; i++) expect(record.commits[i].at - record.commits[i - 1].at).toBeGreaterThanOrEqual(15); // (timers may fire a little early)
    const written = await withClient(db.url, async (c) => Number((await c.query(`SELECT commits FROM ${TABLE}`)).rows[0].commits));
    expect(written).toBe(record.commits.length);
    expect(slowestCommit(record)).toBe(Math.max(...record.commits.map((c) => c.ms)));
    expect(slowestCommit(undefined)).toBeNaN();
  });
});
