import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const adminDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  name: string;
  /** Admin URL of the new database (the test's migrations create schemas and roles from it). */
  url: string;
  drop(): Promise<void>;
}

const TEST_DATABASE = /^test_[a-z0-9_]+_([0-9a-z]+)x[0-9a-f]{6}$/;

/**
 * A fresh database on the real server for one test file; dropped (with its connections) after.
 * Its name carries the creation minute, so databases that killed runs left behind are dropped
 * here once they are two hours old.
 */
export async function createTestDatabase(label = 'jw'): Promise<TestDatabase> {
  const name = `test_${label.replace(/[^a-z0-9]/g, '_')}_${Math.floor(Date.now() / 60_000).toString(36)}x${randomBytes(3).toString('hex')}`;
  const admin = adminDatabaseUrl();
  await withClient(admin, async (c) => {
    const now = Math.floor(Date.now() / 60_000);
    const { rows } = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'test\\_%'");
    for (const { datname } of rows) {
      const m = TEST_DATABASE.exec(datname);
      if (m && now - parseInt(m[1], 36) > 120) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`).catch(() => undefined);
    }
    await c.query(`CREATE DATABASE ${name}`);
  });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * For a test file: a fresh database and a one-connection pool on it, made before its tests and
 * dropped after them (Jest's beforeAll and afterAll). Read `db` and `sql` inside the tests.
 */
export function scratchDatabase(label: string): { readonly db: TestDatabase; readonly sql: pg.Pool } {
  const held = {} as { db: TestDatabase; sql: pg.Pool };
  beforeAll(async () => {
    held.db = await createTestDatabase(label);
    held.sql = new pg.Pool({ connectionString: held.db.url, max: 1 });
  });
  afterAll(async () => {
    await held.sql?.end();
    await held.db?.drop();
  });
  return held;
}
