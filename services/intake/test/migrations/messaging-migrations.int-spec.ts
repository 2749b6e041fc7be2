import { MESSAGING_MIGRATIONS, migrateService } from '@jingwang/persistence';
import { scratchDatabase } from '@jingwang/testing';
import { INTAKE_MESSAGING_MIGRATIONS, OutboxNotifyFunctionDropped1764310000007 } from '../../src/migrations/messaging/index.ts';

const scratch = scratchDatabase('messaging_migrations');

/** Everything a schema's outbox and inbox are made of, with the schema's own name taken out. */
async function shapeOf(schema: string) {
  const q = async (sql: string) => JSON.parse(JSON.stringify((await scratch.sql.query(sql, [schema])).rows).replaceAll(`${schema}.`, '<schema>.'));
  return {
    columns: await q(`SELECT table_name, column_name, ordinal_position, data_type, is_nullable, column_default
                        FROM information_schema.columns WHERE table_schema = $1 AND table_name IN ('outbox', 'inbox') ORDER BY 1, 3`),
    constraints: await q(`SELECT c.conrelid::regclass::text AS table, c.conname, pg_get_constraintdef(c.oid) AS def
                            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 ORDER BY 2`),
    indexes: await q(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 ORDER BY 1`),
    options: await q(`SELECT relname, reloptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND relkind = 'r' AND relname <> 'migrations' ORDER BY 1`),
    functions: await q(`SELECT proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 ORDER BY 1`),
    triggers: await q(`SELECT tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND NOT t.tgisinternal`),
  };
}

describe('messaging migrations', () => {
  it("give a new schema, in one migration, the outbox and inbox that intake's schemas reach through their history", async () => {
    const fresh = await migrateService({ service: 'fresh', url: scratch.db.url, migrations: MESSAGING_MIGRATIONS });
    expect(fresh.applied).toEqual(['OutboxAndInbox1764300000100']);
    const upgraded = await migrateService({ service: 'upgraded', url: scratch.db.url, migrations: [...INTAKE_MESSAGING_MIGRATIONS, OutboxNotifyFunctionDropped1764310000007] });
    expect(upgraded.applied).toHaveLength(5);
    const [a, b] = [await shapeOf('fresh'), await shapeOf('upgraded')];
    expect(a.columns.map((c: { column_name: string }) => c.column_name)).toContain('next_attempt_at');
    expect(a.options).toEqual([
      { relname: 'inbox', reloptions: null },
      { relname: 'outbox', reloptions: ['vacuum_truncate=false'] },
    ]);
    expect(a).toEqual(b);
  });
});
