// Writes the staff file into dispatch.staff, dispatch.units and dispatch.leave at start, so that the
// roster and incidents can refer to people by code. Every replica runs it; a transaction-scoped
// advisory lock makes replicas starting together take turns, and a version already loaded is not
// written again.
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { StaffRole } from './staff.model.ts';
import { StaffErrors } from './staff.errors.ts';
import type { LoadedStaffFile } from './staff-file.loader.ts';

/** The staff file this process loaded, or why it could not (see staff.module.ts). */
export type StaffFileLoad = { readonly loaded: LoadedStaffFile } | { readonly error: Error };
export const STAFF_FILE_LOAD = Symbol('STAFF_FILE_LOAD');

const LOCK_KEY = 'jingwang:dispatch:staff-file';

export interface StaffSyncResult {
  /** `written`: a new version; `unchanged`: already the database's; `stale`: the database has a later version (not written). */
  readonly outcome: 'written' | 'unchanged' | 'stale';
  readonly version: string;
  /** The version loaded last, when it is not this one. */
  readonly latest?: string;
  readonly people: number;
  readonly deactivated: readonly string[];
  readonly leaveDays: number;
}

/** What `staff_files.summary` holds for a version. */
export function staffFileSummary(loaded: LoadedStaffFile): Record<string, unknown> {
  const roles: Partial<Record<StaffRole, number>> = {};
  for (const m of loaded.directory.members) roles[m.role] = (roles[m.role] ?? 0) + 1;
  return {
    hash: loaded.hash,
    description: loaded.file.description ?? null,
    districtVersion: loaded.file.districtVersion,
    squads: loaded.directory.squads.length,
    people: loaded.directory.members.length,
    roles,
    leaveEntries: loaded.file.leave?.length ?? 0,
  };
}

async function run(m: EntityManager, sql: string, params: unknown[] = []): Promise<{ records: Record<string, unknown>[]; affected: number }> {
  const r = await m.queryRunner!.query(sql, params, true);
  return { records: r.records, affected: r.affected ?? 0 };
}

/**
 * Idempotent: a version already loaded with the same content changes nothing; a new version
 * upserts its squads and people (never touching open_assignments, which routing owns), marks those
 * it no longer lists inactive (never deleted: the roster and incidents keep pointing at them),
 * adds its leave days (kept if already there: the file never removes leave) and records itself
 * in staff_files. An older version than the database's latest (a replica of the previous release
 * restarting mid-rollout) is not written.
 */
export async function syncStaffFile(db: DataSource, loaded: LoadedStaffFile): Promise<StaffSyncResult> {
  const { file, directory } = loaded;
  return db.transaction(async (m) => {
    await run(m, 'SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY]);
    const latest = (await run(m, 'SELECT version FROM dispatch.staff_files ORDER BY loaded_at DESC, version DESC LIMIT 1')).records[0]?.version as string | undefined;
    const known = (await run(m, `SELECT summary->>'hash' AS hash, loaded_at FROM dispatch.staff_files WHERE version = $1`, [file.version])).records[0];
    const base = { version: file.version, people: directory.members.length, deactivated: [], leaveDays: 0 };
    if (known) {
      if (known.hash !== loaded.hash) throw StaffErrors.versionReused(file.version, loaded.source, new Date(known.loaded_at as string).toISOString());
      return latest === file.version ? { ...base, outcome: 'unchanged' } : { ...base, outcome: 'stale', latest };
    }

    const squads = directory.squads.map((s) => ({ code: s.code, name_zh: s.nameZh, name_en: s.nameEn }));
    await run(
      m,
      `INSERT INTO dispatch.units (code, name_zh, name_en, active)
       SELECT code, name_zh, name_en, true FROM jsonb_to_recordset($1::jsonb) AS s(code text, name_zh text, name_en text)
       ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, active = true`,
      [JSON.stringify(squads)],
    );
    await run(m, 'UPDATE dispatch.units SET active = false WHERE active AND NOT (code = ANY($1::text[]))', [squads.map((s) => s.code)]);

    const people = directory.members.map((p) => ({
      code: p.code,
      name: p.name,
      role: p.role,
      unit_code: p.unitCode,
      community_code: p.communityCode,
      police_grid_code: p.policeGridCode,
      grid_code: p.gridCode,
      eligible_110: p.eligible110,
    }));
    await run(
      m,
      `INSERT INTO dispatch.staff (code, name, role, unit_code, community_code, police_grid_code, grid_code, eligible_110, active, staff_version)
       SELECT p.*, true, $2 FROM jsonb_to_recordset($1::jsonb) AS p(code text, name text, role text, unit_code text, community_code text,
         police_grid_code text, grid_code text, eligible_110 boolean)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, unit_code = EXCLUDED.unit_code,
         community_code = EXCLUDED.community_code, police_grid_code = EXCLUDED.police_grid_code, grid_code = EXCLUDED.grid_code,
         eligible_110 = EXCLUDED.eligible_110, active = true, staff_version = EXCLUDED.staff_version`,
      [JSON.stringify(people), file.version],
    );
    const deactivated = await run(m, 'UPDATE dispatch.staff SET active = false WHERE active AND NOT (code = ANY($1::text[])) RETURNING code', [people.map((p) => p.code)]);

    const leave = await run(
      m,
      `INSERT INTO dispatch.leave (staff_code, day, reason)
       SELECT l.staff_code, d::date, l.reason
       FROM jsonb_to_recordset($1::jsonb) AS l(staff_code text, "from" date, "to" date, reason text)
       CROSS JOIN LATERAL generate_series(l."from", l."to", interval '1 day') AS d
       ON CONFLICT (staff_code, day) DO NOTHING`,
      [JSON.stringify((file.leave ?? []).map((l) => ({ staff_code: l.staffCode, from: l.from, to: l.to, reason: l.reason ?? null })))],
    );
    await run(m, 'INSERT INTO dispatch.staff_files (version, sample, source, summary) VALUES ($1, $2, $3, $4::jsonb)', [
      file.version,
      file.sample,
      loaded.source,
      JSON.stringify({ ...staffFileSummary(loaded), deactivated: deactivated.records.length, leaveDays: leave.affected }),
    ]);
    return { ...base, outcome: 'written', deactivated: deactivated.records.map((r) => r.code as string).sort(), leaveDays: leave.affected };
  });
}

/**
 * At start, before any module's bootstrap: stops it on a staff file that could not be loaded
 * (named problem by problem), then writes the file into the database.
 */
@Injectable()
export class StaffSyncService implements OnModuleInit {
  private readonly log = new Logger('staff');

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(STAFF_FILE_LOAD) private readonly load: StaffFileLoad,
  ) {}

  async onModuleInit(): Promise<void> {
    if ('error' in this.load) throw this.load.error;
    const { loaded } = this.load;
    const started = Date.now();
    const r = await syncStaffFile(this.db, loaded);
    const what = `staff file ${r.version}${loaded.file.sample ? ' (SAMPLE DATA)' : ''}`;
    if (r.outcome === 'stale') {
      this.log.warn(
        `${what} was loaded before, but the database has the later version ${r.latest}: not written; this replica routes with ${r.version}. To go back to this content, give it a new version`,
      );
    } else if (r.outcome === 'unchanged') {
      this.log.log(`${what}: already in the database`);
    } else {
      const shown = r.deactivated.length > 20 ? `${r.deactivated.slice(0, 20).join(', ')}, …` : r.deactivated.join(', ');
      this.log.log(`${what} written in ${Date.now() - started} ms: ${r.people} people, ${r.deactivated.length} made inactive${shown ? ` (${shown})` : ''}, ${r.leaveDays} leave days added`);
    }
  }
}
