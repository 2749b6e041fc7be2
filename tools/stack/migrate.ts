// `npm run migrate [-- <service>...]` (also `nx run <service>:migrate`): creates each service's
// schema and role if missing, then runs its pending migrations. Needs DATABASE_URL (admin).
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { migrateService, type MigrateResult } from '@jingwang/persistence';
import { discoverServices, type ServiceProject } from './workspace.ts';

export async function migrateAll(adminUrl: string, only: string[] = []): Promise<MigrateResult[]> {
  const services = discoverServices().filter((s) => only.length === 0 || only.includes(s.name));
  const unknown = only.filter((n) => !services.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown service(s): ${unknown.join(', ')}; known: ${discoverServices().map((s) => s.name).join(', ') || 'none'}`);
  const results: MigrateResult[] = [];
  for (const service of services) results.push(await migrateOne(adminUrl, service));
  return results;
}

async function migrateOne(adminUrl: string, service: ServiceProject): Promise<MigrateResult> {
  if (!existsSync(service.migrations)) throw new Error(`${service.name} has no ${service.migrations}: export its migrations there`);
  const { migrations } = (await import(pathToFileURL(service.migrations).href)) as { migrations: (new () => unknown)[] };
  return migrateService({ service: service.name, url: adminUrl, migrations });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set: point it at the database as a user that may create schemas and roles, e.g. postgres://postgres@127.0.0.1:5432/jingwang');
    process.exit(2);
  }
  for (const r of await migrateAll(url, process.argv.slice(2))) {
    console.log(`${r.service}: ${r.applied.length ? `applied ${r.applied.join(', ')}` : 'up to date'}`);
  }
}
