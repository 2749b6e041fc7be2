import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '@jingwang/testing';
import { createServiceDataSource, MESSAGING_MIGRATIONS, migrateService, OutboxPendingTable1764300000003 } from '../src/index.ts';

let db: TestDatabase;
let sql: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase('outbox_pending');
  sql = new pg.Pool({ connectionString: db.url, max: 1 });
});

afterAll(async () => {
  await sql?.end();
  await db?.drop();
});

const columns = async (table: string) =>
  (await sql.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'legacy' AND table_name = $1 ORDER BY ordinal_position`, [table])).rows.map((r) => r.column_name);

describe('OutboxPendingTable migration', () => {
  it('moves what is unsent (lease, attempts, last error) to outbox_pending on an existing outbox, and back down', async () => {
    const before = MESSAGING_MIGRATIONS.filter((m) => m !== OutboxPendingTable1764300000003);
    await migrateService({ service: 'legacy', url: db.url, migrations: before });
    await sql.query(`
      INSERT INTO legacy.outbox (id, subject, envelope, sent_at, attempts, next_attempt_at, last_error) VALUES
        ('00000000-0000-7000-8000-000000000001', 'legacy.thing.done.v1', '{"n":1}', now(), 1, now(), NULL),
        ('00000000-0000-7000-8000-000000000002', 'legacy.thing.done.v1', '{"n":2}', NULL, 3, now() + interval '8 seconds', 'NATS down'),
        ('00000000-0000-7000-8000-000000000003', 'legacy.thing.done.v1', '{"n":3}', NULL, 0, now(), NULL)`);

    const { applied } = await migrateService({ service: 'legacy', url: db.url, migrations: MESSAGING_MIGRATIONS });
    expect(applied).toEqual(['OutboxPendingTable1764300000003']);
    expect(await columns('outbox')).toEqual(['seq', 'id', 'subject', 'envelope', 'headers', 'created_at']);
    const pending = await sql.query(
      `SELECT o.envelope, p.attempts, p.last_error, p.next_attempt_at > now() AS leased FROM legacy.outbox_pending p JOIN legacy.outbox o USING (seq) ORDER BY o.seq`,
    );
    expect(pending.rows).toEqual([
      { envelope: '{"n":2}', attempts: 3, last_error: 'NATS down', leased: true },
      { envelope: '{"n":3}', attempts: 0, last_error: null, leased: false },
    ]);

    const ds = createServiceDataSource({ service: 'legacy', url: db.url });
    await ds.initialize();
    const q = ds.createQueryRunner();
    try {
      await new OutboxPendingTable1764300000003().down(q);
    } finally {
      await q.release();
      await ds.destroy();
    }
    const restored = await sql.query(`SELECT envelope, sent_at IS NOT NULL AS sent, attempts, last_error FROM legacy.outbox ORDER BY seq`);
    expect(restored.rows).toEqual([
      { envelope: '{"n":1}', sent: true, attempts: 0, last_error: null },
      { envelope: '{"n":2}', sent: false, attempts: 3, last_error: 'NATS down' },
      { envelope: '{"n":3}', sent: false, attempts: 0, last_error: null },
    ]);
    const index = await sql.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'legacy' AND indexname = 'outbox_pending'`);
    expect(index.rows[0].indexdef).toContain('WHERE (sent_at IS NULL)');
  });
});
