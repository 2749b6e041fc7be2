// The commit probe: one durable commit every 20 ms on a connection of its own, beside the load,
// to tell a step slowed by the database server's disk from one slowed by the service under test.
// Each commit updates a one-row table, so that it writes WAL and waits for its flush as every
// write of the service does (a transaction that only takes an id, `SELECT txid_current()`,
// commits without waiting for the flush). It runs on the load generator's thread.
import pg from 'pg';
import type { StallSample } from './stall-probe.ts';

const EVERY_MS = 20;
/** In the database probed (the benchmark's scratch database). */
export const TABLE = 'public.bench_commit_probe';

export interface CommitProbeRecord {
  /** Each commit: when it was sent (epoch ms) and how long it took. */
  commits: StallSample[];
  /** The first error, if the probe's connection failed (the run goes on without it). */
  error?: string;
}

export async function startCommitProbe(url: string): Promise<{ stop(): Promise<CommitProbeRecord> }> {
  const client = new pg.Client({ connectionString: url, application_name: 'bench commit probe' });
  await client.connect();
  await client.query(`CREATE TABLE IF NOT EXISTS ${TABLE} (id int PRIMARY KEY, commits bigint NOT NULL)`);
  await client.query(`INSERT INTO ${TABLE} VALUES (1, 0) ON CONFLICT DO NOTHING`);
  const record: CommitProbeRecord = { commits: [] };
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      try {
        await client.query(`UPDATE ${TABLE} SET commits = commits + 1 WHERE id = 1`);
      } catch (err) {
        record.error = String(err);
        return;
      }
      const ms = performance.now() - t0;
      record.commits.push({ at: performance.timeOrigin + t0, ms });
      await new Promise((r) => setTimeout(r, Math.max(0, EVERY_MS - ms)));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      await client.end().catch(() => undefined);
      return record;
    },
  };
}

/** The slowest commit of a run, ms (NaN when the probe took none). */
export function slowestCommit(r: CommitProbeRecord | undefined): number {
  return r && r.commits.length ? Math.max(...r.commits.map((c) => c.ms)) : NaN;
}
