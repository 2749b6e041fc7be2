import type pg from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Runs a statement as a named prepared statement on the manager's connection: Postgres parses it
 * once per connection and reuses the plan, where `manager.query` has it parsed and planned on
 * every call. For the statements a busy path runs for every request or message. `name` must be
 * unique per statement text. Returns the rows (also for UPDATE ... RETURNING).
 */
export async function preparedQuery<T = Record<string, unknown>>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  const owned = !manager.queryRunner;
  try {
    const client = (await runner.connect()) as pg.PoolClient;
    const result = await client.query<T & pg.QueryResultRow>({ name, text, values });
    return result.rows;
  } finally {
    if (owned) await runner.release();
  }
}
