import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { assertServiceName } from './identifiers.ts';
import { TimeoutSafeClient } from './timeout-safe.client.ts';

/**
 * How long the service waits for its database. Without them a hung server (not down: stopped,
 * partitioned, swapping) held every request forever; with them a caller gets a 503 in seconds.
 */
export interface DatabaseTimeouts {
  /** A new connection, and a free one from the pool (DB_CONNECT_TIMEOUT_MS, default 5000). */
  connectTimeoutMs: number;
  /** Server-side `statement_timeout`: the server cancels a statement (57014) after this (DB_STATEMENT_TIMEOUT_MS, default 10000). */
  statementTimeoutMs: number;
  /**
   * Client-side: a query that gets no answer at all after this fails (pg `query_timeout`), for a
   * server too hung to cancel anything (DB_QUERY_TIMEOUT_MS, default the statement timeout + 2000).
   */
  queryTimeoutMs: number;
}

export interface ServiceDataSourceOptions {
  service: string;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations?: MixedList<Function | string>;
  poolSize?: number;
  /** Each over its DB_* environment variable, over the default; 0 turns one off. */
  timeouts?: Partial<DatabaseTimeouts>;
}

/**
 * The pg settings (`extra`) of a service's data source. The timeouts are pg's own option names,
 * so a module that builds its own pg client from the data source (`pgTimeoutsOf`) gets the same.
 */
export interface ServicePoolSettings {
  max: number;
  /** Session settings sent at connect (`-c search_path=...`). */
  options: string;
  /** The pool's client: one that drops a connection whose query timed out. */
  Client: typeof TimeoutSafeClient;
  connectionTimeoutMillis?: number;
  statement_timeout?: number;
  query_timeout?: number;
}

function milliseconds(name: string, value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 2 ** 31 - 1) {
    throw new Error(`${name} must be a whole number of milliseconds between 0 (none) and 2147483647, not ${JSON.stringify(value)}`);
  }
  return n;
}

/** The timeouts from `options`, else the environment, else the defaults; checked, with a message naming the setting. */
export function databaseTimeouts(options: Partial<DatabaseTimeouts> = {}, env: NodeJS.ProcessEnv = process.env): DatabaseTimeouts {
  const pick = (name: string, option: number | undefined, fallback: number) => milliseconds(option === undefined ? name : `${name} (option)`, option ?? (env[name] || fallback));
  const connectTimeoutMs = pick('DB_CONNECT_TIMEOUT_MS', options.connectTimeoutMs, 5000);
  const statementTimeoutMs = pick('DB_STATEMENT_TIMEOUT_MS', options.statementTimeoutMs, 10_000);
  const queryTimeoutMs = pick('DB_QUERY_TIMEOUT_MS', options.queryTimeoutMs, statementTimeoutMs > 0 ? statementTimeoutMs + 2000 : 0);
  // Shorter, the client would give up first and leave the statement running on a server that answers.
  if (queryTimeoutMs > 0 && statementTimeoutMs > 0 && queryTimeoutMs <= statementTimeoutMs) {
    throw new Error(`DB_QUERY_TIMEOUT_MS (${queryTimeoutMs}) must be longer than DB_STATEMENT_TIMEOUT_MS (${statementTimeoutMs}), or 0`);
  }
  return { connectTimeoutMs, statementTimeoutMs, queryTimeoutMs };
}

/**
 * A service's TypeORM data source: its own schema (search_path too, so raw SQL stays in it),
 * its own migrations table inside that schema, never `synchronize`, and the timeouts of
 * `databaseTimeouts` in pg's pool settings (`extra`).
 */
export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  const schema = assertServiceName(options.service);
  const t = databaseTimeouts(options.timeouts);
  const extra: ServicePoolSettings = {
    max: options.poolSize ?? 10,
    options: `-c search_path=${schema}`,
    Client: TimeoutSafeClient,
    // pg takes 0 or absent as "none" for each of these.
    ...(t.connectTimeoutMs > 0 && { connectionTimeoutMillis: t.connectTimeoutMs }),
    ...(t.statementTimeoutMs > 0 && { statement_timeout: t.statementTimeoutMs }),
    ...(t.queryTimeoutMs > 0 && { query_timeout: t.queryTimeoutMs }),
  };
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema,
    entities: options.entities ?? [],
    migrations: options.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    applicationName: schema,
    extra,
  });
}

/**
 * The timeouts of a data source made by `createServiceDataSource`, as pg client settings: spread
 * them into the config of a pg.Client built beside the data source (intake's transaction chain)
 * so that it waits no longer than the pool does. Absent: that timeout is off.
 */
export function pgTimeoutsOf(dataSource: DataSource): Pick<ServicePoolSettings, 'connectionTimeoutMillis' | 'statement_timeout' | 'query_timeout'> {
  const extra = (dataSource.options as { extra?: Partial<ServicePoolSettings> }).extra ?? {};
  const { connectionTimeoutMillis, statement_timeout, query_timeout } = extra;
  return {
    ...(connectionTimeoutMillis !== undefined && { connectionTimeoutMillis }),
    ...(statement_timeout !== undefined && { statement_timeout }),
    ...(query_timeout !== undefined && { query_timeout }),
  };
}
