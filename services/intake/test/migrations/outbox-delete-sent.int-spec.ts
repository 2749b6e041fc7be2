import { scratchDatabase } from '@jingwang/testing';
import { createServiceDataSource, migrateService } from '@jingwang/persistence';
import { INTAKE_MESSAGING_MIGRATIONS, OutboxDeleteSent1764300000003 } from '../../src/migrations/messaging/index.ts';

const scratch = scratchDatabase('outbox_delete_sent');

describe('OutboxDeleteSent migration', () => {
  it('on an existing outbox drops the sent rows and keeps the unsent ones with their lease, attempts and error; down brings the column back', async () => {
    await migrateService({ service: 'legacy', url: scratch.db.url, migrations: INTAKE_MESSAGING_MIGRATIONS.filter((m) => m !== OutboxDeleteSent1764300000003) });
    await scratch.sql.query(`
      INSERT INTO legacy.outbox (id, subject, envelope, sent_at, attempts, next_attempt_at, last_error) VALUES
        ('00000000-0000-7000-8000-000000000001', 'legacy.thing.done.v1', '{"n":1}', now(), 1, now(), NULL),
        ('00000000-0000-7000-8000-000000000002', 'legacy.thing.done.v1', '{"n":2}', NULL, 3, now() + interval '8 seconds', 'NATS down'),
        ('00000000-0000-7000-8000-000000000003', 'legacy.thing.done.v1', '{"n":3}', NULL, 0, now(), NULL)`);

    const { applied } = await migrateService({ service: 'legacy', url: scratch.db.url, migrations: INTAKE_MESSAGING_MIGRATIONS });
    expect(applied).toEqual(['OutboxDeleteSent1764300000003']);
    const left = await scratch.sql.query(`SELECT envelope, attempts, last_error, next_attempt_at > now() AS leased FROM legacy.outbox ORDER BY seq`);
    expect(left.rows).toEqual([
      { envelope: '{"n":2}', attempts: 3, last_error: 'NATS down', leased: true },
      { envelope: '{"n":3}', attempts: 0, last_error: null, leased: false },
    ]);
    const sentAt = await scratch.sql.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = 'legacy' AND table_name = 'outbox' AND column_name = 'sent_at'`);
    expect(sentAt.rowCount).toBe(0);
    const options = await scratch.sql.query(`SELECT reloptions FROM pg_class WHERE oid = 'legacy.outbox'::regclass`);
    expect(options.rows[0].reloptions).toEqual(['vacuum_truncate=false']); // a VACUUM never takes the table's ACCESS EXCLUSIVE lock

    const ds = createServiceDataSource({ service: 'legacy', url: scratch.db.url });
    await ds.initialize();
    const q = ds.createQueryRunner();
    try {
      await new OutboxDeleteSent1764300000003().down(q);
    } finally {
      await q.release();
      await ds.destroy();
    }
    const restored = await scratch.sql.query(`SELECT count(*)::int AS unsent FROM legacy.outbox WHERE sent_at IS NULL`);
    expect(restored.rows[0].unsent).toBe(2);
    const index = await scratch.sql.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = 'legacy' AND indexname = 'outbox_pending'`);
    expect(index.rows[0].indexdef).toContain('WHERE (sent_at IS NULL)');
  });
});
