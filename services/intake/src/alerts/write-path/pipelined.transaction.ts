import type pg from 'pg';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { arrayLiteral } from './array-literal.encoder.ts';

/** The first statement of a transaction, sent in the same round trip as its BEGIN. */
export interface FirstStatement {
  /** One statement with `$1`..`$n` placeholders, none inside string literals. */
  text: string;
  /** null, numbers, booleans, strings, Dates, or flat arrays of them. */
  values: unknown[];
}

/** The last statement of a transaction, sent in the same round trip as its COMMIT; `result` reads its rows. */
export interface LastStatement<R, T> extends FirstStatement {
  /**
   * A `TransactionChain` prepares it once on its connection under this name, so that a large
   * statement is not parsed and planned again for every transaction (`transactionBetween`, for
   * rarer writes, sends it inlined).
   */
  name?: string;
  result: (rows: R[]) => T;
}

/**
 * A TypeORM transaction whose BEGIN travels with its first statement and whose COMMIT travels with
 * its last: a transaction of two statements takes two round trips, not four (on a busy 2-core
 * machine each is worth about 4 ms). The BEGIN and the first statement go as one simple-protocol
 * query, and so do the last and the COMMIT, so their parameters are inlined as escaped literals
 * (see `inlineParameters`). `work` gets the first statement's rows and the transaction's manager
 * (an ordinary TypeORM transaction: subscribers, savepoints) and names the last statement. A last
 * statement that fails (raises, violates a constraint) rolls the whole transaction back, so it is
 * where a writer checks what it wrote before committing it. Intake's one-by-one path; its batches
 * go through a `TransactionChain`.
 */
export async function transactionBetween<R, L, T>(
  dataSource: DataSource,
  first: FirstStatement,
  work: (manager: EntityManager, rows: R[]) => Promise<LastStatement<L, T>>,
): Promise<T> {
  const qr = dataSource.createQueryRunner();
  try {
    const client = (await qr.connect()) as pg.PoolClient;
    await withoutSending(qr, 'START TRANSACTION', () => qr.startTransaction());
    const began = (await client.query(`START TRANSACTION; ${inlineParameters(first.text, first.values)}`)) as unknown as pg.QueryResult[];
    const last = await work(qr.manager, began[1].rows as R[]);
    const ended = (await client.query(`${inlineParameters(last.text, last.values)}; COMMIT`)) as unknown as pg.QueryResult[];
    await withoutSending(qr, 'COMMIT', () => qr.commitTransaction());
    return last.result(ended[0].rows as L[]);
  } catch (err) {
    if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
    throw err;
  } finally {
    await qr.release();
  }
}

/** A TypeORM transaction step (its state, its subscribers' events) without the SQL it would send, which the caller sends itself. */
async function withoutSending(qr: QueryRunner, sql: string, step: () => Promise<void>): Promise<void> {
  const query = qr.query.bind(qr);
  qr.query = (async (text: string, ...rest: unknown[]) => (text === sql ? undefined : query(text, ...(rest as [])))) as QueryRunner['query'];
  try {
    await step();
  } finally {
    delete (qr as Partial<Pick<QueryRunner, 'query'>>).query; // back to the prototype's
  }
}

/**
 * `$n` replaced by the value as a literal: quotes doubled, and where there is a backslash, an
 * E'' string with backslashes doubled too, as pg's `escapeLiteral` writes it (so it reads the same
 * whatever standard_conforming_strings says), by regular expression rather than its loop over
 * every character: a batch inlines hundreds of kilobytes, and JSON in an array always has some.
 */
export function inlineParameters(text: string, values: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= values.length) throw new Error(`inlineParameters: $${n} has no value (${values.length} given)`);
    return literal(values[i]);
  });
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  const s = Array.isArray(v) ? arrayLiteral(v, arrayElement)! : scalar(v);
  return s.includes('\\') ? ` E'${s.replace(/['\\]/g, '$&$&')}'` : `'${s.replaceAll("'", "''")}'`;
}

/** Never undefined: what it cannot write, it refuses. */
function arrayElement(v: unknown): string {
  if (Array.isArray(v)) throw new Error('inlineParameters: nested arrays are not supported');
  return scalar(v);
}

function scalar(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`inlineParameters: ${v} is not a finite number`);
    return String(v);
  }
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  throw new Error(`inlineParameters: cannot inline a ${typeof v}`);
}
