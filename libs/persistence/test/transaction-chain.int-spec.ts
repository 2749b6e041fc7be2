import pg from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, waitFor, type TestDatabase } from '@jingwang/testing';
import { clientConfigOf, TransactionChain, type ChainLink } from '../src/index.ts';

let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('persistence_chain');
  ds = await new DataSource({ type: 'postgres', url: db.url, poolSize: 2, applicationName: 'chain-test' }).initialize();
  await ds.query('CREATE TABLE items (id int PRIMARY KEY, seen int NOT NULL)');
});

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

type Outcome = { id: number; committed?: number; failed?: { message: string; committed: false | 'unknown' } };

/** A link that counts the rows present, then inserts its id with that count (`slowMs`: sleeps first). */
function insertLink(id: number, outcomes: Outcome[], o: { failWork?: boolean; slowMs?: number } = {}): ChainLink<{ n: number }, { id: number }, number> {
  const out: Outcome = { id };
  outcomes.push(out);
  return {
    first: { name: 'chain_count', text: 'SELECT count(*)::int AS n FROM items', values: [] },
    work: (rows) => {
      if (o.failWork) throw new Error('planning failed');
      const sleep = o.slowMs ? ` FROM pg_sleep(${o.slowMs / 1000})` : '';
      return { text: `INSERT INTO items SELECT $1::int, $2::int${sleep} RETURNING id`, values: [id, rows[0].n], result: (r) => r[0].id };
    },
    committed: (r) => void (out.committed = r),
    failed: (err, committed) => void (out.failed = { message: (err as Error).message, committed }),
  };
}

function chainOf(links: ChainLink<{ n: number }, { id: number }, number>[]) {
  const chain = new TransactionChain(clientConfigOf(ds), () => links.shift() ?? null, 200);
  return { chain, done: () => waitFor('the chain to run dry', () => links.length === 0) };
}

const rows = async () => (await ds.query('SELECT id, seen FROM items ORDER BY id')) as { id: number; seen: number }[];

describe('TransactionChain', () => {
  it('runs each transaction after the commit of the one before: its first statement sees what that one wrote', async () => {
    const outcomes: Outcome[] = [];
    const { chain, done } = chainOf([1, 2, 3, 4].map((id) => insertLink(id, outcomes)));
    chain.kick();
    await done();
    await chain.close();
    expect(outcomes.map((o) => o.committed)).toEqual([1, 2, 3, 4]);
    expect(await rows()).toEqual([
      { id: 1, seen: 0 },
      { id: 2, seen: 1 },
      { id: 3, seen: 2 },
      { id: 4, seen: 3 },
    ]);
  });

  it('rolls back a transaction whose last statement or planning fails, says it did not commit, and goes on with the next', async () => {
    const outcomes: Outcome[] = [];
    const links = [insertLink(1, outcomes), insertLink(5, outcomes, { failWork: true }), insertLink(6, outcomes)]; // 1: a duplicate key
    const { chain, done } = chainOf(links);
    chain.kick();
    await done();
    await chain.close();
    expect(outcomes[0].failed).toMatchObject({ message: expect.stringMatching(/duplicate key/), committed: false });
    expect(outcomes[1].failed).toEqual({ message: 'planning failed', committed: false });
    expect(outcomes[2].committed).toBe(6);
    expect((await rows()).map((r) => r.id)).toEqual([1, 2, 3, 4, 6]);
  });

  it('says "unknown" when the connection breaks with the COMMIT on the way, and carries on with a new connection', async () => {
    const outcomes: Outcome[] = [];
    const { chain, done } = chainOf([insertLink(7, outcomes, { slowMs: 2000 }), insertLink(8, outcomes)]);
    chain.kick();
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      await waitFor('the slow insert to run', async () => (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE query LIKE 'INSERT INTO items%pg_sleep%' AND state = 'active'`)).rowCount === 1);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'INSERT INTO items%pg_sleep%' AND state = 'active'`);
    } finally {
      await admin.end();
    }
    await done();
    await waitFor('the second transaction', () => outcomes[1].committed !== undefined || outcomes[1].failed !== undefined);
    await chain.close();
    expect(outcomes[0].failed?.committed).toBe('unknown');
    expect(outcomes[1].committed).toBe(8);
    expect((await rows()).map((r) => r.id)).toEqual([1, 2, 3, 4, 6, 8]);
  });
});

describe('clientConfigOf', () => {
  it("keeps the data source's own settings and adds the session settings asked for", async () => {
    const scoped = await new DataSource({ type: 'postgres', url: db.url, poolSize: 1, extra: { options: '-c search_path=chain_scope' } }).initialize();
    const client = new pg.Client(clientConfigOf(scoped, { plan_cache_mode: 'force_generic_plan' }));
    await client.connect();
    try {
      expect((await client.query('SHOW plan_cache_mode')).rows[0].plan_cache_mode).toBe('force_generic_plan');
      expect((await client.query('SHOW search_path')).rows[0].search_path).toBe('chain_scope');
    } finally {
      await client.end();
      await scoped.destroy();
    }
  });
});
