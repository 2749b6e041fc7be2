import pg from 'pg';
import { assertServiceName, quoteIdent } from './identifiers.ts';

/** Local default only; every real deployment sets <SERVICE>_DB_PASSWORD (see README, Configuration). */
const devPassword = (service: string) => `${service}-local`;

export function servicePassword(service: string, env: NodeJS.ProcessEnv = process.env): string {
  return env[`${service.toUpperCase()}_DB_PASSWORD`] ?? devPassword(service);
}

/**
 * The URL a service runs with: `<SERVICE>_DATABASE_URL` if set, else `DATABASE_URL` with the
 * service's own login role, which owns its schema and nothing else.
 */
export function serviceDatabaseUrl(service: string, env: NodeJS.ProcessEnv = process.env): string {
  const own = env[`${service.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  const admin = env.DATABASE_URL;
  if (!admin) throw new Error(`set DATABASE_URL or ${service.toUpperCase()}_DATABASE_URL`);
  const url = new URL(admin);
  url.username = service;
  url.password = servicePassword(service, env);
  return url.toString();
}

/** Creates (idempotently) the service's login role and its schema, owned by that role. */
export async function ensureServiceSchema(adminUrl: string, service: string, password = servicePassword(service)): Promise<void> {
  const name = quoteIdent(assertServiceName(service));
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Serialises concurrent migrate jobs (two replicas, two CI workers) on the same database.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`jingwang:schema:${service}`]);
    const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [service]);
    const literal = (await client.query('SELECT quote_literal($1) AS l', [password])).rows[0].l as string;
    // Roles are cluster-wide: another database's migrate may create it between our check and CREATE.
    if (role.rowCount === 0) await client.query(`CREATE ROLE ${name} LOGIN PASSWORD ${literal}`).catch(ignoreCode('42710', '23505'));
    await client.query(`ALTER ROLE ${name} LOGIN PASSWORD ${literal}`);
    await client.query(`GRANT ${name} TO CURRENT_USER`).catch(() => undefined); // superusers need no grant
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${name} AUTHORIZATION ${name}`);
    await client.query(`ALTER ROLE ${name} SET search_path = ${name}`);
  } finally {
    await client.end();
  }
}

const ignoreCode =
  (...codes: string[]) =>
  (err: { code?: string }): void => {
    if (!codes.includes(err.code ?? '')) throw err;
  };
