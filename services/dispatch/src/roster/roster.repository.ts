import type { EntityManager } from 'typeorm';
import type { StaffRole } from '../staff/staff.model.ts';
import type { Post } from './duty.model.ts';
import type { LeaveDay, PlannerPerson, RosterEntry } from './rotation.planner.ts';

export interface StaffRow extends PlannerPerson {
  readonly name: string;
  readonly active: boolean;
}

export interface NamedEntry extends RosterEntry {
  readonly name: string;
  readonly role: StaffRole;
}

export interface LeaveRow extends LeaveDay {
  readonly name: string;
  readonly reason: string | null;
}

export interface ChangeRow {
  id: string;
  day: string | null;
  kind: string;
  changed_by: string;
  reason: string;
  detail: Record<string, unknown>;
  changed_at: Date;
}

/** Roster writers take turns: a generation and a manual change of the same days never interleave. */
const LOCK_KEY = 'jingwang:dispatch:roster';

const STAFF_COLUMNS = `code, name, role, unit_code AS "unitCode", community_code AS "communityCode", eligible_110 AS "eligible110", active`;

/** The SQL of the roster, leave and their audit trail (dates travel as YYYY-MM-DD text). */
export class RosterRepository {
  async lock(m: EntityManager): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY]);
  }

  activeStaff(m: EntityManager): Promise<StaffRow[]> {
    return m.query(`SELECT ${STAFF_COLUMNS} FROM dispatch.staff WHERE active ORDER BY code`);
  }

  async staffByCode(m: EntityManager, codes: readonly string[]): Promise<Map<string, StaffRow>> {
    const rows = (await m.query(`SELECT ${STAFF_COLUMNS} FROM dispatch.staff WHERE code = ANY($1::text[])`, [codes])) as StaffRow[];
    return new Map(rows.map((r) => [r.code, r]));
  }

  /** Entries of the days from..to (both included), with names. */
  entries(m: EntityManager, from: string, to: string): Promise<NamedEntry[]> {
    return m.query(
      `SELECT to_char(r.day, 'YYYY-MM-DD') AS day, r.shift, r.post, r.staff_code AS "staffCode", s.name, s.role
         FROM dispatch.roster r JOIN dispatch.staff s ON s.code = r.staff_code
        WHERE r.day BETWEEN $1::date AND $2::date ORDER BY r.day, r.shift, r.post, r.staff_code`,
      [from, to],
    );
  }

  leave(m: EntityManager, from: string, to: string, staffCode?: string): Promise<LeaveRow[]> {
    return m.query(
      `SELECT to_char(l.day, 'YYYY-MM-DD') AS day, l.staff_code AS "staffCode", s.name, l.reason
         FROM dispatch.leave l JOIN dispatch.staff s ON s.code = l.staff_code
        WHERE l.day BETWEEN $1::date AND $2::date AND ($3::text IS NULL OR l.staff_code = $3) ORDER BY l.day, l.staff_code`,
      [from, to, staffCode ?? null],
    );
  }

  /** Deletes the days' entries and writes `entries` instead; answers how many were deleted. */
  async replace(m: EntityManager, from: string, to: string, entries: readonly RosterEntry[]): Promise<number> {
    const [, deleted] = (await m.query('DELETE FROM dispatch.roster WHERE day BETWEEN $1::date AND $2::date', [from, to])) as [unknown, number];
    if (entries.length) {
      await m.query(
        `INSERT INTO dispatch.roster (day, shift, post, staff_code)
         SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[])`,
        [entries.map((e) => e.day), entries.map((e) => e.shift), entries.map((e) => e.post), entries.map((e) => e.staffCode)],
      );
    }
    return deleted;
  }

  /** Adds (or re-words) a person's leave days, and takes them off the roster of those days. */
  async addLeave(m: EntityManager, staffCode: string, days: readonly string[], reason: string): Promise<{ day: string; shift: string; post: Post }[]> {
    await m.query(
      `INSERT INTO dispatch.leave (staff_code, day, reason) SELECT $1, d, $3 FROM unnest($2::date[]) AS d
       ON CONFLICT (staff_code, day) DO UPDATE SET reason = EXCLUDED.reason`,
      [staffCode, days, reason],
    );
    const [removed] = (await m.query(
      `DELETE FROM dispatch.roster WHERE staff_code = $1 AND day = ANY($2::date[])
       RETURNING to_char(day, 'YYYY-MM-DD') AS day, shift, post`,
      [staffCode, days],
    )) as [{ day: string; shift: string; post: Post }[], number];
    return removed.sort((a, b) => (a.day + a.shift < b.day + b.shift ? -1 : 1));
  }

  async cancelLeave(m: EntityManager, staffCode: string, from: string, to: string): Promise<string[]> {
    const [rows] = (await m.query(
      `DELETE FROM dispatch.leave WHERE staff_code = $1 AND day BETWEEN $2::date AND $3::date RETURNING to_char(day, 'YYYY-MM-DD') AS day`,
      [staffCode, from, to],
    )) as [{ day: string }[], number];
    return rows.map((r) => r.day).sort();
  }

  async audit(m: EntityManager, change: { day: string; kind: string; actor: string; reason: string; detail: Record<string, unknown> }): Promise<string> {
    const [row] = (await m.query(
      `INSERT INTO dispatch.roster_changes (day, kind, changed_by, reason, detail) VALUES ($1::date, $2, $3, $4, $5::jsonb) RETURNING id::text`,
      [change.day, change.kind, change.actor, change.reason, JSON.stringify(change.detail)],
    )) as { id: string }[];
    return row.id;
  }

  /** Changes touching any day of from..to (a change's days: detail.from..detail.to, else its day), newest first. */
  changes(m: EntityManager, from: string, to: string, limit: number): Promise<ChangeRow[]> {
    return m.query(
      `SELECT c.id::text AS id, to_char(c.day, 'YYYY-MM-DD') AS day, c.kind, c.changed_by, c.reason, c.detail, c.changed_at
         FROM dispatch.roster_changes c
        WHERE c.day <= $2::date AND coalesce((c.detail->>'to')::date, c.day) >= $1::date
        ORDER BY c.id DESC LIMIT $3`, // c.id: "id" alone would be the text column above
      [from, to, limit],
    );
  }
}
