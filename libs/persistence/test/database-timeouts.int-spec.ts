// The data source's timeouts, which the HTTP layer's 503s for a hung database rely on, and the two
// long jobs they must not cut: migrations and the paced VACUUM.
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase, waitFor, withClient, type TestDatabase } from '@jingwang/testing';
import { createServiceDataSource, databaseTimeouts, MESSAGING_MIGRATIONS, migrateService, PacedVacuum, pgTimeoutsOf, serviceDatabaseUrl } from '../src/index.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('persistence_timeouts');
  await migrateService({ service: 'probe', url: db.url, migrations: MESSAGING_MIGRATIONS });
});
afterAll(() => db?.drop());

const probeUrl = () => serviceDatabaseUrl('probe', { DATABASE_URL: db.url });

describe('databaseTimeouts', () => {
  it('defaults to a 5 s connect, 10 s statement and 12 s query timeout, each from its DB_* variable or option', () => {
    expect(databaseTimeouts({}, {})).toEqual({ connectTimeoutMs: 5000, statementTimeoutMs: 10_000, queryTimeoutMs: 12_000 });
    expect(databaseTimeouts({}, { DB_STATEMENT_TIMEOUT_MS: '3000' })).toEqual({ connectTimeoutMs: 5000, statementTimeoutMs: 3000, queryTimeoutMs: 5000 });
    expect(databaseTimeouts({ connectTimeoutMs: 800 }, { DB_CONNECT_TIMEOUT_MS: '2000' }).connectTimeoutMs).toBe(800);
    expect(databaseTimeouts({ statementTimeoutMs: 0 }, {})).toEqual({ connectTimeoutMs: 5000, statementTimeoutMs: 0, queryTimeoutMs: 0 });
  });

  it('refuses a value that is not a whole number of milliseconds, or a query timeout not longer than the statement timeout', () => {
    expect(() => databaseTimeouts({}, { DB_CONNECT_TIMEOUT_MS: '5s' })).toThrow(/^DB_CONNECT_TIMEOUT_MS must be a whole number of milliseconds .*"5s"/);
    expect(() => databaseTimeouts({}, { DB_STATEMENT_TIMEOUT_MS: '-1' })).toThrow(/^DB_STATEMENT_TIMEOUT_MS must be/);
    expect(() => databaseTimeouts({ queryTimeoutMs: 1.5 }, {})).toThrow(/^DB_QUERY_TIMEOUT_MS \(option\) must be/);
    expect(() => databaseTimeouts({}, { DB_STATEMENT_TIMEOUT_MS: '10000', DB_QUERY_TIMEOUT_MS: '8000' })).toThrow('DB_QUERY_TIMEOUT_MS (8000) must be longer than DB_STATEMENT_TIMEOUT_MS (10000), or 0');
  });

  it("puts them into the pool's pg settings, where pgTimeoutsOf reads them for a pg client of one's own", () => {
    const ds = createServiceDataSource({ service: 'probe', url: 'postgres://x@127.0.0.1/x', timeouts: { connectTimeoutMs: 1000, statementTimeoutMs: 2000, queryTimeoutMs: 3000 } });
    expect(pgTimeoutsOf(ds)).toEqual({ connectionTimeoutMillis: 1000, statement_timeout: 2000, query_timeout: 3000 });
    expect(pgTimeoutsOf(createServiceDataSource({ service: 'probe', url: 'postgres://x@127.0.0.1/x', timeouts: { statementTimeoutMs: 0 } }))).toEqual({ connectionTimeoutMillis: 5000 });
  });
});

describe('on a real server', () => {
  it('cuts a statement of the service at its statement timeout', async () => {
    const ds = await createServiceDataSource({ service: 'probe', url: probeUrl(), poolSize: 1, timeouts: { statementTimeoutMs: 300 } }).initialize();
    try {
      expect(await ds.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '300ms' }]);
      await expect(ds.query('SELECT pg_sleep(5)')).rejects.toMatchObject({ driverError: { code: '57014' } });
    } finally {
      await ds.destroy();
    }
  });

  it('drops a connection whose query timed out in the client, so the pool never hands it out still busy', async () => {
    const ds = await createServiceDataSource({ service: 'probe', url: probeUrl(), poolSize: 1, timeouts: { statementTimeoutMs: 0, queryTimeoutMs: 300 } }).initialize();
    try {
      const [{ pid }] = await ds.query('SELECT pg_backend_pid() AS pid');
      // The server goes on sleeping; without the drop, the pool's one connection would still be in it.
      await expect(ds.query('SELECT pg_sleep(3)')).rejects.toThrow('Query read timeout');
      const [next] = await ds.query('SELECT pg_backend_pid() AS pid');
      expect(next.pid).not.toBe(pid);
    } finally {
      await ds.destroy();
    }
  });

  it('runs migrations without a statement or query timeout, whatever DB_STATEMENT_TIMEOUT_MS says', async () => {
    const seen: string[] = [];
    class SlowMigration1764400000001 implements MigrationInterface {
      name = 'SlowMigration1764400000001';
      async up(q: QueryRunner): Promise<void> {
        seen.push((await q.query('SHOW statement_timeout'))[0].statement_timeout);
        await q.query('SELECT pg_sleep(0.6)');
      }
      async down(): Promise<void> {}
    }
    const saved = process.env.DB_STATEMENT_TIMEOUT_MS;
    process.env.DB_STATEMENT_TIMEOUT_MS = '200';
    try {
      const result = await migrateService({ service: 'probe', url: db.url, migrations: [SlowMigration1764400000001] });
      expect(result.applied).toEqual(['SlowMigration1764400000001']);
      expect(seen).toEqual(['0']);
    } finally {
      if (saved === undefined) delete process.env.DB_STATEMENT_TIMEOUT_MS;
      else process.env.DB_STATEMENT_TIMEOUT_MS = saved;
    }
  });

  it('lets a paced VACUUM outlast the statement and query timeouts, and leaves its connection as it found it', async () => {
    const ds = await createServiceDataSource({ service: 'probe', url: probeUrl(), poolSize: 1, timeouts: { statementTimeoutMs: 20, queryTimeoutMs: 40 } }).initialize();
    const warnings: string[] = [];
    try {
      // Enough dead rows that the VACUUM, paced at 2 ms per 200 cost units, takes well over the 40-ms query timeout.
      await withClient(db.url, (c) =>
        c.query(`CREATE TABLE probe.vacuumed (id int, note text); ALTER TABLE probe.vacuumed OWNER TO probe;
                 INSERT INTO probe.vacuumed SELECT g, repeat('x', 40) FROM generate_series(1, 200000) g; DELETE FROM probe.vacuumed`),
      );
      const vacuum = new PacedVacuum(ds, 'probe.vacuumed', 1, (m) => warnings.push(m));
      const t0 = performance.now();
      vacuum.wrote(1);
      await vacuum.settled();
      const took = performance.now() - t0;
      expect(warnings).toEqual([]);
      expect(took).toBeGreaterThan(40); // else this test proves nothing
      await waitFor('the VACUUM in the statistics', async () => (await ds.query(`SELECT last_vacuum FROM pg_stat_user_tables WHERE relid = 'probe.vacuumed'::regclass`))[0].last_vacuum);
      expect(await ds.query('SHOW statement_timeout')).toEqual([{ statement_timeout: '20ms' }]);
    } finally {
      await ds.destroy();
    }
  });
});
