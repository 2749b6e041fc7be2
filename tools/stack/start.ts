// `npm start`: the whole system on one machine. Finds or starts Postgres and NATS, provisions
// streams, migrates and starts every service in services/, and stops it all on Ctrl-C.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { servicePort } from '@jingwang/contracts';
import { serviceDatabaseUrl } from '@jingwang/persistence';
import { resolveNats, resolvePostgres, type Infra } from './infra.ts';
import { migrateAll } from './migrate.ts';
import { provisionBus } from './provision.ts';
import { discoverServices, ROOT } from './workspace.ts';

const forceEmbedded = process.argv.includes('--embedded') || process.env.JW_EMBEDDED === '1';
const dataDir = process.env.JW_DATA_DIR ?? join(ROOT, '.data');
const log = (msg: string) => console.log(`[stack] ${msg}`);
const infra: Infra[] = [];
const children = new Map<string, ChildProcess>();
let stopping = false;

async function main(): Promise<void> {
  // Only the default folder may move (as root, out of a checkout the OS user postgres cannot reach).
  const postgres = await resolvePostgres(dataDir, forceEmbedded, process.env.JW_DATA_DIR === undefined);
  infra.push(postgres);
  const nats = await resolveNats(dataDir, forceEmbedded);
  infra.push(nats);
  log(`Postgres: ${redact(postgres.url)} (${postgres.origin}); NATS: ${nats.url} (${nats.origin})`);

  const report = await provisionBus(nats.url);
  log(`streams: ${report.streams.map((s) => `${s.name} ${s.action}`).join(', ')}`);
  for (const r of await migrateAll(postgres.url)) log(`${r.service}: ${r.applied.length ? `migrated (${r.applied.join(', ')})` : 'schema up to date'}`);

  const services = discoverServices();
  if (services.length === 0) log('no services in services/ yet: Postgres and NATS are ready');
  // JW_BUS_PREFIX (if set) reaches the services through this environment too.
  const env = { ...process.env, DATABASE_URL: postgres.url, NATS_URL: nats.url, NODE_OPTIONS: '' };
  const table: string[] = [];
  for (const service of services) {
    const port = servicePort(service.name, env);
    const child = spawn(process.execPath, ['--import', './tools/runtime/register.mjs', service.main], {
      cwd: ROOT,
      env: { ...env, PORT: String(port), [`${service.name.toUpperCase()}_DATABASE_URL`]: serviceDatabaseUrl(service.name, env) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixLines(child, service.name);
    child.once('exit', (code, signal) => {
      children.delete(service.name);
      if (!stopping) {
        log(`${service.name} exited (${signal ?? code}); stopping the stack`);
        void shutdown(1);
      }
    });
    children.set(service.name, child);
    table.push(`  ${service.name.padEnd(10)} http://127.0.0.1:${port}  (docs: /docs, health: /health/ready)`);
  }
  if (table.length) log(`services:\n${table.join('\n')}`);
  log('running; Ctrl-C stops everything');
}

function prefixLines(child: ChildProcess, name: string): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  log('stopping services…');
  await Promise.all(
    [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
          child.once('exit', () => (clearTimeout(kill), resolve()));
          child.kill('SIGTERM');
        }),
    ),
  );
  for (const i of infra.reverse()) await i.stop().catch((err) => log(`stop failed: ${err}`));
  log('stopped');
  process.exit(code);
}

const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]+@/, '//$1:***@');

process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
main().catch(async (err: unknown) => {
  console.error(`[stack] ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(1);
});
