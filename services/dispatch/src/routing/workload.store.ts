import type { EntityManager } from 'typeorm';
import type { AssigneeV1 } from '@jingwang/contracts';
import type { Loads } from './assignment.planner.ts';

/** Changes of open-assignment counts, by staff code and by squad. */
export class WorkloadDelta {
  readonly staff = new Map<string, number>();
  readonly units = new Map<string, number>();

  add(assignees: readonly AssigneeV1[], unitCode: string | null, by: 1 | -1): this {
    for (const a of assignees) this.staff.set(a.code, (this.staff.get(a.code) ?? 0) + by);
    if (unitCode) this.units.set(unitCode, (this.units.get(unitCode) ?? 0) + by);
    return this;
  }
}

/**
 * The open-assignment counters (busy = at least one): read without locks when planning (the
 * planner's "least loaded" is advice, not a promise), then changed in code order so that two
 * transactions that touch the same people always lock them in the same order and never deadlock.
 */
export class WorkloadStore {
  async read(m: EntityManager): Promise<Loads> {
    const rows = (await m.query(
      `SELECT 's' AS t, code, open_assignments FROM dispatch.staff WHERE open_assignments > 0
       UNION ALL SELECT 'u', code, open_assignments FROM dispatch.units`,
    )) as { t: 's' | 'u'; code: string; open_assignments: number }[];
    const loads: Loads = { staff: new Map(), units: new Map() };
    for (const r of rows) (r.t === 's' ? loads.staff : loads.units).set(r.code, r.open_assignments);
    return loads;
  }

  async apply(m: EntityManager, delta: WorkloadDelta): Promise<void> {
    await this.change(m, 'staff', delta.staff);
    await this.change(m, 'units', delta.units);
  }

  private async change(m: EntityManager, table: 'staff' | 'units', deltas: Map<string, number>): Promise<void> {
    const entries = [...deltas].filter(([, d]) => d !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.length === 0) return;
    const codes = entries.map(([c]) => c);
    await m.query(`SELECT 1 FROM dispatch.${table} WHERE code = ANY($1::text[]) ORDER BY code FOR NO KEY UPDATE`, [codes]);
    await m.query(
      `UPDATE dispatch.${table} t SET open_assignments = greatest(0, t.open_assignments + d.delta)
         FROM unnest($1::text[], $2::int[]) AS d(code, delta) WHERE t.code = d.code`,
      [codes, entries.map(([, d]) => d)],
    );
  }
}
