import type { DataSource } from 'typeorm';
import { createServiceDataSource, type ServiceDataSourceOptions } from './data-source.factory.ts';
import { ensureServiceSchema } from './service-database.ts';

export interface MigrateResult {
  service: string;
  applied: string[];
}

/**
 * Creates the schema and role if missing, then runs pending migrations as the service's role
 * (so it owns what they create), under an advisory lock so concurrent runs apply each once.
 */
export async function migrateService(options: ServiceDataSourceOptions & { adminUrl?: string }): Promise<MigrateResult> {
  const adminUrl = options.adminUrl ?? options.url;
  await ensureServiceSchema(adminUrl, options.service);
  // A migration may rewrite a large table: no statement or query timeout cuts it (a role's or database's own one neither).
  const timeouts = { ...options.timeouts, statementTimeoutMs: 0, queryTimeoutMs: 0 };
  const ds: DataSource = createServiceDataSource({ ...options, url: adminUrl, poolSize: 1, timeouts });
  const extra = ds.options.extra as { options: string };
  extra.options = `${extra.options} -c role=${options.service} -c statement_timeout=0`;
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock(hashtext($1))', [`jingwang:migrate:${options.service}`]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return { service: options.service, applied: applied.map((m) => m.name) };
  } finally {
    await ds.destroy();
  }
}
