import { createTestDatabase, withClient, type TestDatabase } from '@jingwang/testing';
import { slowestCommit, startCommitProbe, TABLE } from './commit-probe.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('probe');
});
afterAll(async () => {
  await db?.drop();
});

describe('commit probe', () => {
  it('commits about every 20 ms, each one a write (so that it waits for the WAL flush)', async () => {
    const probe = await startCommitProbe(db.url);
    await new Promise((r) => setTimeout(r, 200));
    const record = await probe.stop();
    expect(record.error).toBeUndefined();
    expect(record.commits.length).toBeGreaterThanOrEqual(5);
    expect(record.commits.length).toBeLessThanOrEqual(12);
    const written = await withClient(db.url, async (c) => Number((await c.query(`SELECT commits FROM ${TABLE}`)).rows[0].commits));
    expect(written).toBe(record.commits.length);
    expect(slowestCommit(record)).toBe(Math.max(...record.commits.map((c) => c.ms)));
    expect(slowestCommit(undefined)).toBeNaN();
  });
});
