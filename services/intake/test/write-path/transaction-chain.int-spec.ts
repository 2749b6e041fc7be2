import pg from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, waitFor, type TestDatabase } from '@jingwang/testing';
import { clientConfigOf, TransactionChain, type ChainLink, type OneTripLink } from '../../src/alerts/write-path/transaction.chain.ts';

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

/** The same as one round trip: a check that fails when the table has `failUnless` rows, then the insert (the count taken when it is sent). */
function oneTripLink(id: number, outcomes: Outcome[], o: { failUnless?: number } = {}): OneTripLink<number> {
  const out: Outcome = { id };
  outcomes.push(out);
  const check = o.failUnless === undefined ? 'SELECT 1' : `SELECT 1 / (CASE WHEN count(*) = ${o.failUnless} THEN 1 ELSE 0 END) FROM items`;
  return {
    statements: () => ({
      before: [{ text: check, values: [] }],
      last: { text: 'INSERT INTO items SELECT $1::int, count(*)::int FROM items RETURNING id', values: [id], result: (r) => (r[0] as { id: number }).id },
    }),
    committed: (r) => void (out.committed = r),
    failed: (err, committed) => void (out.failed = { message: (err as Error).message, committed }),
  };
}

function chainOf(links: (ChainLink<{ n: number }, { id: number }, number> | OneTripLink<number>)[]) {
  const chain = new TransactionChain(clientConfigOf(ds), () => links.shift() ?? null, 200);
  return { chain, done: () => waitFor('the chain to run dry', () => links.length === 0) };
}

/** Waits until a statement LIKE `pattern` runs, then ends its connection from the server's side. */
async function breakConnectionRunning(pattern: string): Promise<void> {
  const admin = new pg.Client({ connectionString: db.url });
  await admin.connect();
  const running = `FROM pg_stat_activity WHERE query LIKE $1 AND state = 'active' AND pid <> pg_backend_pid()`;
  try {
    await waitFor(`a statement like ${pattern} to run`, async () => (await admin.query(`SELECT 1 ${running}`, [pattern])).rowCount === 1);
    await admin.query(`SELECT pg_terminate_backend(pid) ${running}`, [pattern]);
  } finally {
    await admin.end();
  }
}

// Each test starts from an empty table: tests run in any order.
beforeEach(() => ds.query('TRUNCATE items'));

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
    await ds.query('INSERT INTO items VALUES (1, 0)');
    const outcomes: Outcome[] = [];
    const links = [insertLink(1, outcomes), insertLink(5, outcomes, { failWork: true }), insertLink(6, outcomes)]; // 1: a duplicate key
    const { chain, done } = chainOf(links);
    chain.kick();
    await done();
    await chain.close();
    expect(outcomes[0].failed).toMatchObject({ message: expect.stringMatching(/duplicate key/), committed: false });
    expect(outcomes[1].failed).toEqual({ message: 'planning failed', committed: false });
    expect(outcomes[2].committed).toBe(6);
    expect((await rows()).map((r) => r.id)).toEqual([1, 6]);
  });

  it('says "unknown" when the connection breaks with the COMMIT on the way, and carries on with a new connection', async () => {
    const outcomes: Outcome[] = [];
    const { chain, done } = chainOf([insertLink(7, outcomes, { slowMs: 2000 }), insertLink(8, outcomes)]);
    chain.kick();
    await breakConnectionRunning('INSERT INTO items%pg_sleep%');
    await done();
    await waitFor('the second transaction', () => outcomes[1].committed !== undefined || outcomes[1].failed !== undefined);
    await chain.close();
    expect(outcomes[0].failed?.committed).toBe('unknown');
    expect(outcomes[1].committed).toBe(8);
    expect((await rows()).map((r) => r.id)).toEqual([8]);
  });
});

describe('TransactionChain one-trip links', () => {
  it('sends BEGIN, the statements and COMMIT together after the transaction before committed; a failed statement rolls back its own transaction only', async () => {
    const outcomes: Outcome[] = [];
    const { chain, done } = chainOf([insertLink(1, outcomes), oneTripLink(2, outcomes), oneTripLink(3, outcomes, { failUnless: 99 }), insertLink(4, outcomes), oneTripLink(5, outcomes, { failUnless: 3 })]);
    chain.kick();
    await done();
    await waitFor('the last transaction', () => outcomes[4].committed !== undefined || outcomes[4].failed !== undefined);
    await chain.close();
    expect(outcomes[2].failed).toEqual({ message: 'division by zero', committed: false });
    expect(outcomes.map((o) => o.committed)).toEqual([1, 2, undefined, 4, 5]);
    expect(await rows()).toEqual([
      { id: 1, seen: 0 },
      { id: 2, seen: 1 },
      { id: 4, seen: 2 },
      { id: 5, seen: 3 },
    ]);
  });
});

describe('TransactionChain one-trip links in flight together', () => {
  /** A one-trip link that logs when it is planned and when it commits; the first of them sleeps. */
  const logged = (id: number, log: string[], sleepMs = 0): OneTripLink<number> => ({
    statements: () => {
      log.push(`plan ${id}`);
      return { before: [{ text: `SELECT pg_sleep(${sleepMs / 1000})`, values: [] }], last: { text: 'INSERT INTO items VALUES ($1, 0) RETURNING id', values: [id], result: (r) => (r[0] as { id: number }).id } };
    },
    committed: (r) => void log.push(`commit ${r}`),
    failed: (err) => void log.push(`failed ${id}: ${(err as Error).message}`),
  });

  it.each([
    [1, ['plan 11', 'commit 11', 'plan 12', 'commit 12', 'plan 13', 'commit 13']],
    [2, ['plan 11', 'plan 12', 'commit 11', 'plan 13', 'commit 12', 'commit 13']],
  ])('keeps at most %i in flight: with 2, the next is planned and sent before the one before is answered; outcomes come in order', async (depth, expected) => {
    const log: string[] = [];
    const links = [logged(11, log, 200), logged(12, log), logged(13, log)];
    const chain = new TransactionChain(clientConfigOf(ds), () => links.shift() ?? null, 200, depth);
    chain.kick();
    await waitFor('three commits', () => log.filter((l) => l.startsWith('commit')).length === 3);
    await chain.close();
    expect(log).toEqual(expected);
  });

  it('waits while `next` has nothing worth sending beside the one in flight, and sends it on a kick', async () => {
    const log: string[] = [];
    const links = [logged(21, log, 300), logged(22, log)];
    let ready = false;
    const chain = new TransactionChain(clientConfigOf(ds), (inFlight) => (inFlight === 0 || ready ? (links.shift() ?? null) : null), 200, 2);
    chain.kick();
    await waitFor('the first planned', () => log.length === 1);
    ready = true;
    chain.kick();
    await waitFor('two commits', () => log.filter((l) => l.startsWith('commit')).length === 2);
    await chain.close();
    expect(log).toEqual(['plan 21', 'plan 22', 'commit 21', 'commit 22']);
  });

  it('sends nothing more on a connection that broke: the link after it goes on a new one', async () => {
    const log: string[] = [];
    const links = [logged(31, log, 2000), logged(32, log), logged(33, log)];
    // The third is handed out once the first two are answered, still within the same run.
    const chain = new TransactionChain(clientConfigOf(ds), (inFlight) => (links.length > 1 || inFlight === 0 ? (links.shift() ?? null) : null), 200, 2);
    chain.kick();
    await breakConnectionRunning('SELECT pg_sleep(2)%');
    await waitFor('the third to end', () => log.some((l) => l.endsWith(' 33') && !l.startsWith('plan')) || log.some((l) => l.startsWith('failed 33')));
    await chain.close();
    expect(log.slice(0, 2)).toEqual(['plan 31', 'plan 32']);
    expect(log.slice(2, 4)).toEqual([expect.stringMatching(/^failed 31/), expect.stringMatching(/^failed 32/)]);
    expect(log.slice(4)).toEqual(['plan 33', 'commit 33']);
    expect((await rows()).map((r) => r.id)).toEqual([33]);
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
