import { spawn, type ChildProcess } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './nats-server.process.ts';

/** The server's binaries: PG_BIN_DIR, else the newest /usr/lib/postgresql/<version>/bin. */
function binDir(): string {
  const candidates = process.env.PG_BIN_DIR
    ? [process.env.PG_BIN_DIR]
    : existsSync('/usr/lib/postgresql')
      ? readdirSync('/usr/lib/postgresql')
          .filter((v) => /^\d+$/.test(v))
          .sort((a, b) => Number(b) - Number(a))
          .map((v) => `/usr/lib/postgresql/${v}/bin`)
      : [];
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres')));
  if (!found) throw new Error(`PostgresProcess: no initdb and postgres in ${process.env.PG_BIN_DIR ? `PG_BIN_DIR (${process.env.PG_BIN_DIR})` : '/usr/lib/postgresql/<version>/bin'}; install the Postgres server or set PG_BIN_DIR`);
  return found;
}

/** initdb and postgres refuse to run as root: as root, they run as the `postgres` user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('PostgresProcess: running as root, but there is no postgres user to run the server as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** The processes whose parent is `pid` (Linux /proc), e.g. the backends of a postmaster. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may hold spaces and parentheses: read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const signal = (pid: number, sig: NodeJS.Signals) => {
  try {
    process.kill(pid, sig);
  } catch {
    // gone already
  }
};

/**
 * A throwaway Postgres cluster on a spare port (initdb into a temp folder, trust auth, fsync off)
 * for tests that stop, restart or hang the database: the machine's shared server is never touched.
 * `pause()` stops every process of the cluster with SIGSTOP, so that it hangs instead of refusing.
 */
export class PostgresProcess {
  private child: ChildProcess | null = null;
  private paused = false;
  private readonly dataDir: string;
  private readonly logFile: string;
  private readonly onExit = () => this.kill();

  private constructor(
    readonly port: number,
    private readonly root: string,
    private readonly bin: string,
    private readonly user: { uid: number; gid: number } | undefined,
  ) {
    this.dataDir = join(root, 'data');
    this.logFile = join(root, 'postgres.log');
  }

  /** initdb and start; the data folder and port stay the same across `stop()` and `start()`. */
  static async start(): Promise<PostgresProcess> {
    const bin = binDir();
    const user = runAs();
    const root = mkdtempSync(join(tmpdir(), 'jw-pg-'));
    if (user) chownSync(root, user.uid, user.gid);
    const server = new PostgresProcess(await freePort(), root, bin, user);
    try {
      await server.run('initdb', ['-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
      await server.start();
    } catch (err) {
      await server.destroy();
      throw err;
    }
    return server;
  }

  /** Admin URL of the cluster's `postgres` database. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const log = openSync(this.logFile, 'a');
    const args = ['-D', this.dataDir, '-p', String(this.port), '-h', '127.0.0.1', '-k', this.root, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'shared_buffers=16MB', '-c', 'max_connections=60'];
    const child = spawn(join(this.bin, 'postgres'), args, { stdio: ['ignore', log, log], ...this.user });
    closeSync(log);
    this.child = child;
    process.once('exit', this.onExit);
    const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`postgres exited (${code}) while starting: ${this.logTail()}`))));
    exited.catch(() => undefined);
    await Promise.race([this.ready(), exited]);
  }

  /** Fast shutdown (SIGINT: sessions are ended with 57P01), or another signal. */
  async stop(sig: NodeJS.Signals = 'SIGINT'): Promise<void> {
    const child = this.child;
    this.child = null;
    process.removeListener('exit', this.onExit);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    if (this.paused) this.resume();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(sig);
    });
  }

  /** SIGSTOP to the postmaster and every backend: connections are accepted by the kernel and then nothing answers. */
  pause(): void {
    const pid = this.child?.pid;
    if (!pid) throw new Error('PostgresProcess.pause: not running');
    signal(pid, 'SIGSTOP');
    for (const c of childrenOf(pid)) signal(c, 'SIGSTOP');
    this.paused = true;
  }

  resume(): void {
    const pid = this.child?.pid;
    if (!pid) return;
    for (const c of childrenOf(pid)) signal(c, 'SIGCONT');
    signal(pid, 'SIGCONT');
    this.paused = false;
  }

  /** Stops the cluster (immediate shutdown) and deletes its folder. */
  async destroy(): Promise<void> {
    await this.stop('SIGQUIT');
    rmSync(this.root, { recursive: true, force: true });
  }

  /** On the test process's exit: no cluster outlives it, not even a paused one. */
  private kill(): void {
    const pid = this.child?.pid;
    if (!pid) return;
    for (const c of childrenOf(pid)) {
      signal(c, 'SIGCONT');
      signal(c, 'SIGKILL');
    }
    signal(pid, 'SIGCONT');
    signal(pid, 'SIGKILL');
  }

  private async ready(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 2000 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        await client.query('SELECT 1');
        return;
      } catch (err) {
        if (Date.now() > deadline) throw new Error(`postgres on port ${this.port} not ready after ${timeoutMs} ms (${(err as Error).message}): ${this.logTail()}`);
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }

  private run(tool: string, args: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const log = openSync(this.logFile, 'a');
      const child = spawn(join(this.bin, tool), args, { stdio: ['ignore', log, log], ...this.user });
      closeSync(log);
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${tool} failed (${code}): ${this.logTail()}`))));
    });
  }

  private logTail(): string {
    try {
      return readFileSync(this.logFile, 'utf8').trim().split('\n').slice(-5).join(' | ');
    } catch {
      return '(no log)';
    }
  }
}
