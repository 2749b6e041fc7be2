import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { createTestDatabase, withClient, adminDatabaseUrl } from './test-database.ts';
import { natsTestUrl, sweepStaleTestStreams } from './test-namespace.ts';

const minutesAgo = (m: number) => (Math.floor(Date.now() / 60_000) - m).toString(36).toUpperCase();

it('removes test streams and databases that a killed run left behind, and only those', async () => {
  const nc = await connect({ servers: natsTestUrl() });
  const jsm = await jetstreamManager(nc);
  const old = `T${minutesAgo(300)}XABCDEF_PROBE`;
  const fresh = `T${minutesAgo(5)}XABCDEF_PROBE`;
  for (const name of [old, fresh]) await jsm.streams.add({ name, subjects: [`zz.${name}.>`], max_bytes: 1024 * 1024 });
  const swept = await sweepStaleTestStreams(nc);
  expect(swept).toContain(old);
  expect(swept).not.toContain(fresh);
  await jsm.streams.delete(fresh);
  await nc.close();

  const stale = `test_left_${minutesAgo(300).toLowerCase()}xabcdef`;
  await withClient(adminDatabaseUrl(), (c) => c.query(`CREATE DATABASE ${stale}`));
  const db = await createTestDatabase('sweeper');
  const left = await withClient(adminDatabaseUrl(), (c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [stale]));
  expect(left.rowCount).toBe(0);
  await db.drop();
});
