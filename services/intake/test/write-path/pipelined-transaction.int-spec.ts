import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@jingwang/testing';
import { transactionBetween, type LastStatement } from '../../src/alerts/write-path/pipelined.transaction.ts';

let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('persistence');
  ds = await new DataSource({ type: 'postgres', url: db.url, poolSize: 2 }).initialize();
  await ds.query('CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL)');
});

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

// Each test starts from an empty table: tests run in any order.
beforeEach(() => ds.query('TRUNCATE items'));

/** A last statement that writes nothing: `transactionBetween` with the first statement's work alone. */
const nothingLast = <T>(result: T): LastStatement<unknown, T> => ({ text: 'SELECT 1', values: [], result: () => result });

const labels = async () => (await ds.query('SELECT id, label FROM items ORDER BY id')) as { id: number; label: string }[];

describe('transactionBetween: the first statement, sent with the BEGIN', () => {
  it("returns the first statement's rows, values intact, and commits the transaction", async () => {
    const tricky = ["it's", 'back\\slash', 'quote"d', 'a,b', '{braces}', '警网 ✓', ''];
    const rows = await transactionBetween<{ a: string[]; n: number; at: Date; none: null }, unknown, number>(
      ds,
      { text: 'SELECT $1::text[] AS a, $2::int AS n, $3::timestamptz AS at, $4::text AS none', values: [tricky, 7, new Date('2026-11-28T10:00:00Z'), null] },
      async (m, rows) => {
        await m.query('INSERT INTO items VALUES (1, $1)', [rows[0].a[0]]);
        expect(rows[0]).toEqual({ a: tricky, n: 7, at: new Date('2026-11-28T10:00:00Z'), none: null });
        return nothingLast(rows.length);
      },
    );
    expect(rows).toBe(1);
    expect(await labels()).toEqual([{ id: 1, label: "it's" }]);
  });

  it('rolls back the first statement and the rest when the work fails', async () => {
    await expect(
      transactionBetween(ds, { text: 'INSERT INTO items VALUES ($1, $2) RETURNING id', values: [2, 'first'] }, async (m) => {
        await m.query('INSERT INTO items VALUES (3, $1)', ['second']);
        throw new Error('the batch failed');
      }),
    ).rejects.toThrow('the batch failed');
    expect(await labels()).toEqual([]);
  });

  it('rolls back when the first statement itself fails, and the connection is fit for reuse', async () => {
    await ds.query(`INSERT INTO items VALUES (1, 'there')`);
    await expect(transactionBetween(ds, { text: 'INSERT INTO items VALUES ($1, $2)', values: [1, 'duplicate'] }, async () => nothingLast('never'))).rejects.toThrow(/duplicate key/);
    for (let i = 0; i < 3; i++) expect(await ds.query('SELECT 1 AS one')).toEqual([{ one: 1 }]); // no connection left in an aborted transaction
  });

  it('runs a nested transaction as a savepoint, so its failure undoes only its own writes', async () => {
    await transactionBetween(ds, { text: 'INSERT INTO items VALUES ($1, $2)', values: [4, 'outer'] }, async (m) => {
      await expect(
        m.transaction(async (inner) => {
          await inner.query('INSERT INTO items VALUES (5, $1)', ['inner']);
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
      return nothingLast(undefined);
    });
    expect(await labels()).toEqual([{ id: 4, label: 'outer' }]);
  });
});

describe('transactionBetween: the last statement, sent with the COMMIT', () => {
  it("sends the last statement with the COMMIT and returns what its rows make", async () => {
    const count = await transactionBetween(ds, { text: 'INSERT INTO items VALUES ($1, $2) RETURNING id', values: [10, 'first'] }, async (m, rows: { id: number }[]) => {
      await m.query('INSERT INTO items VALUES (11, $1)', ['middle']);
      return { text: 'INSERT INTO items VALUES ($1, $2) RETURNING id', values: [rows[0].id + 2, "it's last"], result: (last: { id: number }[]) => last[0].id };
    });
    expect(count).toBe(12);
    expect((await labels()).filter((r) => r.id >= 10)).toEqual([
      { id: 10, label: 'first' },
      { id: 11, label: 'middle' },
      { id: 12, label: "it's last" },
    ]);
  });

  it('rolls back everything when the last statement fails, and the connection is fit for reuse', async () => {
    await ds.query(`INSERT INTO items VALUES (10, 'there')`);
    await expect(
      transactionBetween(ds, { text: 'INSERT INTO items VALUES ($1, $2)', values: [20, 'first'] }, async () => ({
        text: 'INSERT INTO items VALUES ($1, $2)',
        values: [10, 'a duplicate key'],
        result: () => 'never',
      })),
    ).rejects.toThrow(/duplicate key/);
    expect((await labels()).some((r) => r.id === 20)).toBe(false);
    for (let i = 0; i < 3; i++) expect(await ds.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('runs a named last statement (a chain would prepare it) inlined, also on a connection whose last transaction failed', async () => {
    const insert = (id: number) =>
      transactionBetween(ds, { text: 'SELECT 1', values: [] }, async () => ({ name: 'items_insert_last', text: 'INSERT INTO items VALUES ($1::int, $2::text) RETURNING label', values: [id, `n${id}`], result: (r: { label: string }[]) => r[0].label }));
    await ds.query(`INSERT INTO items VALUES (10, 'there')`);
    await expect(insert(10)).rejects.toThrow(/duplicate key/);
    const labelsMade = await Promise.all([40, 41, 42, 43, 44].map(insert));
    expect(labelsMade).toEqual(['n40', 'n41', 'n42', 'n43', 'n44']);
  });

  it('fires the commit subscribers after the COMMIT it sent', async () => {
    const seen: string[] = [];
    ds.subscribers.push({ afterTransactionCommit: () => void seen.push('committed') });
    try {
      await transactionBetween(ds, { text: 'SELECT 1', values: [] }, async () => ({ text: 'INSERT INTO items VALUES ($1, $2)', values: [30, 'x'], result: () => undefined }));
    } finally {
      ds.subscribers.pop();
    }
    expect(seen).toEqual(['committed']);
  });
});
