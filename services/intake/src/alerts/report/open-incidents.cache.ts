import type { BatchWrite, Candidate, OpenIncidentAlertRow, PrepareQuery } from '../write-path/alert-batch.statements.ts';
import { boxCells, cellOf } from './repeat-call.matcher.ts';

interface KnownAlert {
  phone: string | null;
  buildingKey: string | null;
  lat: number | null;
  lng: number | null;
  reportedAt: number;
}

/** One value of a trait (a phone, a building, a point) among an incident's alerts, with its latest report. */
interface Trait {
  incident: KnownIncident;
  phone: string | null;
  buildingKey: string | null;
  lat: number | null;
  lng: number | null;
  /** The latest report with this value (ms): the search's max(reported_at) over the alerts since its window, when that is at or after it. */
  at: number;
}

interface KnownIncident {
  id: string;
  firstAlertId: string;
  typeCode: string;
  repeatCount: number;
  /** Every value among the incident's alerts reported since `completeSince`. */
  traits: Map<string, Trait>;
}

/** Grid cells of the point index, in degrees: a 100 m search box touches at most four. */
const CELL = 0.005;

/**
 * The service's own view of the open incidents and their alerts, to plan a batch without asking
 * Postgres first. `candidates` gives exactly the rows `intake.repeat_candidates` would, provided
 * the view holds every alert of each incident it knows; `intake.check_batch_candidates` verifies
 * that (the same incidents at the same repeat counts) under the batch's locks, so a view gone
 * stale (another replica wrote, an incident closed) costs a search, never a wrong link.
 *
 * Filled by `load` (all open incidents' alerts reported within the horizon), kept up by
 * `wrote` (what this service wrote), `closed`, and `refresh` (incidents a search showed the
 * view had wrong); `prune` moves the horizon on. Incidents without a type are left out: no alert
 * can repeat them.
 */
export class OpenIncidentsCache {
  private incidents = new Map<string, KnownIncident>();
  private byPhone = new Map<string, Set<Trait>>();
  private byBuilding = new Map<string, Set<Trait>>();
  private byCell = new Map<string, Set<Trait>>();
  /** Alerts reported before this (ms) may be missing; null until loaded. */
  private completeSince: number | null = null;
  /** Writes taken while a load was running, replayed on what it read. */
  private duringLoad: BatchWrite[] | null = null;

  get ready(): boolean {
    return this.completeSince !== null;
  }

  get size(): { incidents: number; traits: number } {
    let traits = 0;
    for (const i of this.incidents.values()) traits += i.traits.size;
    return { incidents: this.incidents.size, traits };
  }

  /** Alerts reported before this may be missing from the view; null until loaded. */
  get horizon(): Date | null {
    return this.completeSince === null ? null : new Date(this.completeSince);
  }

  /**
   * Replaces the view with what `read` returns (the alerts reported since `since`), then replays
   * the writes committed while it read. Should `read` fail, the view stays as it was.
   */
  async load(since: Date, read: (since: Date) => Promise<OpenIncidentAlertRow[]>): Promise<void> {
    if (this.duringLoad) return; // one load at a time
    const replay: BatchWrite[] = [];
    this.duringLoad = replay;
    let rows: OpenIncidentAlertRow[];
    try {
      rows = await read(since);
    } finally {
      this.duringLoad = null;
    }
    this.incidents = new Map();
    this.byPhone = new Map();
    this.byBuilding = new Map();
    this.byCell = new Map();
    for (const r of rows) this.addRow(r);
    this.completeSince = since.getTime();
    for (const w of replay) this.wrote(w);
  }

  /**
   * Drops what was reported before `since` (a phone, building or point whose latest report is
   * older, and incidents left with none): no search from then on looks back that far.
   */
  prune(since: Date): void {
    const t = since.getTime();
    if (this.completeSince === null || t <= this.completeSince) return;
    for (const inc of this.incidents.values()) {
      for (const [key, trait] of inc.traits) {
        if (trait.at >= t) continue;
        inc.traits.delete(key);
        this.unindex(trait);
      }
      if (inc.traits.size === 0) this.incidents.delete(inc.id);
    }
    this.completeSince = t;
  }

  /**
   * The rows `intake.repeat_candidates` would return for the query, or null when the view cannot
   * tell (not loaded, or the query looks back further than the view holds).
   */
  candidates(q: PrepareQuery): Candidate[] | null {
    if (this.completeSince === null || q.since.getTime() < this.completeSince) return null;
    const since = q.since.getTime();
    const types = new Set(q.typeCodes);
    const rows = new Map<Trait, Candidate>();
    const add = (t: Trait) => {
      const inc = t.incident;
      if (t.at < since || !types.has(inc.typeCode) || rows.has(t)) return;
      rows.set(t, { incidentId: inc.id, firstAlertId: inc.firstAlertId, typeCode: inc.typeCode, repeatCount: inc.repeatCount, phone: t.phone, buildingKey: t.buildingKey, lat: t.lat, lng: t.lng, reportedAt: new Date(t.at) });
    };
    for (const phone of q.phones) for (const t of this.byPhone.get(phone) ?? []) add(t);
    for (const building of q.buildingKeys) for (const t of this.byBuilding.get(building) ?? []) add(t);
    for (const box of q.boxes) {
      for (const cell of boxCells(box, CELL)) {
        for (const t of this.byCell.get(cell) ?? []) if (t.lat! >= box.minLat && t.lat! <= box.maxLat && t.lng! >= box.minLng && t.lng! <= box.maxLng) add(t);
      }
    }
    return [...rows.values()];
  }

  /**
   * What a batch wrote: committed, or on its way to Postgres ahead of the batches planned on it
   * (`unwrote` if it fails). An incident repeated from a count the view did not have is dropped:
   * its alerts are not all known.
   */
  wrote(w: BatchWrite): void {
    this.duringLoad?.push(w);
    for (const i of w.newIncidents) {
      if (i.typeCode !== null && !this.incidents.has(i.id)) this.incidents.set(i.id, { id: i.id, firstAlertId: i.firstAlertId, typeCode: i.typeCode, repeatCount: i.repeatCount, traits: new Map() });
    }
    for (const r of w.repeats) {
      const inc = this.incidents.get(r.id);
      if (!inc || inc.repeatCount === r.expectedCount) continue; // unknown, or already counted (a replay)
      if (inc.repeatCount === r.expectedCount - r.added) inc.repeatCount = r.expectedCount;
      else this.forget(inc);
    }
    for (const a of w.alerts) {
      const inc = this.incidents.get(a.incidentId);
      if (inc) this.addAlert(inc, { phone: a.callerPhone, buildingKey: a.buildingKey, lat: a.lat, lng: a.lng, reportedAt: Date.parse(a.reportedAt) });
    }
  }

  /** A write taken by `wrote` failed: the incidents it opened or repeated are forgotten (read again when a search finds them). */
  unwrote(w: BatchWrite): void {
    if (this.duringLoad) this.duringLoad = this.duringLoad.filter((d) => d !== w);
    for (const id of [...w.newIncidents.map((i) => i.id), ...w.repeats.map((r) => r.id)]) this.closed(id);
  }

  closed(incidentId: string): void {
    const inc = this.incidents.get(incidentId);
    if (inc) this.forget(inc);
  }

  /**
   * The incidents a search found (`found`, for the query `q`) against the view's own answer: those
   * the view has but the search did not find are dropped (closed, or never committed); the ids it
   * misses or has at another count are returned, to be read again (`refresh`).
   */
  reconcile(q: PrepareQuery, found: Candidate[]): string[] {
    const mine = this.candidates(q);
    if (!mine) return [];
    const counts = new Map(found.map((c) => [c.incidentId, c.repeatCount]));
    for (const c of mine) if (!counts.has(c.incidentId)) this.closed(c.incidentId);
    return [...counts].filter(([id, count]) => this.incidents.get(id)?.repeatCount !== count).map(([id]) => id);
  }

  /** The incidents `ids` as read again: replaced by what was read if it is at least as recent, dropped if none was (closed or gone). */
  refresh(ids: string[], rows: OpenIncidentAlertRow[]): void {
    const read = Map.groupBy(rows, (r) => r.incident_id);
    for (const id of ids) {
      const known = this.incidents.get(id);
      const fresh = read.get(id);
      if (known && fresh && fresh[0].repeat_count < known.repeatCount) continue; // read before a write the view has since taken
      if (known) this.forget(known);
      for (const r of fresh ?? []) this.addRow(r);
    }
  }

  private addRow(r: OpenIncidentAlertRow): void {
    let inc = this.incidents.get(r.incident_id);
    if (!inc) {
      inc = { id: r.incident_id, firstAlertId: r.first_alert_id, typeCode: r.type_code, repeatCount: r.repeat_count, traits: new Map() };
      this.incidents.set(inc.id, inc);
    }
    this.addAlert(inc, { phone: r.caller_phone, buildingKey: r.building_key, lat: r.lat, lng: r.lng, reportedAt: r.reported_at.getTime() });
  }

  private addAlert(inc: KnownIncident, a: KnownAlert): void {
    const none = { phone: null, buildingKey: null, lat: null, lng: null };
    if (a.phone !== null) this.addTrait(inc, this.byPhone, a.phone, { ...none, phone: a.phone }, a.reportedAt);
    if (a.buildingKey !== null) this.addTrait(inc, this.byBuilding, a.buildingKey, { ...none, buildingKey: a.buildingKey }, a.reportedAt);
    if (a.lat !== null && a.lng !== null) this.addTrait(inc, this.byCell, cellOf(a.lat, a.lng, CELL), { ...none, lat: a.lat, lng: a.lng }, a.reportedAt);
  }

  private addTrait(inc: KnownIncident, index: Map<string, Set<Trait>>, indexKey: string, value: Omit<Trait, 'incident' | 'at'>, at: number): void {
    const key = `${value.phone ?? ''}\u0000${value.buildingKey ?? ''}\u0000${value.lat ?? ''},${value.lng ?? ''}`;
    const known = inc.traits.get(key);
    if (known) {
      known.at = Math.max(known.at, at);
      return;
    }
    const trait: Trait = { incident: inc, ...value, at };
    inc.traits.set(key, trait);
    let set = index.get(indexKey);
    if (!set) index.set(indexKey, (set = new Set()));
    set.add(trait);
  }

  private forget(inc: KnownIncident): void {
    this.incidents.delete(inc.id);
    for (const t of inc.traits.values()) this.unindex(t);
  }

  private unindex(t: Trait): void {
    const [index, key] = t.phone !== null ? [this.byPhone, t.phone] : t.buildingKey !== null ? [this.byBuilding, t.buildingKey] : [this.byCell, cellOf(t.lat!, t.lng!, CELL)];
    const set = index.get(key);
    set?.delete(t);
    if (set?.size === 0) index.delete(key);
  }
}
