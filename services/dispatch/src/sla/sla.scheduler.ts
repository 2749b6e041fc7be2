import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { createEvent, IncidentEscalated, IncidentSlaBreached, SLA_KINDS, type AssigneeV1, type EventEnvelope, type LaneName, type SlaKind } from '@jingwang/contracts';
import { OutboxPublisher } from '@jingwang/messaging';
import { DISPATCH_CONFIG, type DispatchConfig } from '../dispatch.config.ts';
import { DUTY_ROSTER, type DutyRoster } from '../roster/duty.model.ts';
import { IncidentRepository } from '../incidents/incident.repository.ts';

/** Which open statuses each deadline runs in (the partial indexes of the migration match these). */
const RUNNING: Record<SlaKind, string> = {
  accept: `status = 'assigned'`,
  arrive: `status IN ('assigned', 'accepted', 'en-route')`,
  resolve: `status IN ('assigned', 'accepted', 'en-route', 'on-scene')`,
};
const BATCH = 200;

interface Breach {
  id: string;
  due_at: Date;
  lane: LaneName;
  type_code: string;
  assignees: AssigneeV1[];
  priority: number;
  repeat_count: number;
}

/**
 * Finds missed deadlines. The deadlines live in the incidents, so a restart loses none; a breach
 * is marked on the incident in the transaction that reports it, and rows are claimed with SKIP
 * LOCKED, so with any number of replicas each breach is reported once.
 */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('sla');
  private readonly incidents = new IncidentRepository();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private failing = false;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(OutboxPublisher) private readonly outbox: OutboxPublisher,
    @Inject(DUTY_ROSTER) private readonly roster: DutyRoster,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.slaScanSeconds * 1000);
    this.timer.unref();
    void this.tick(); // breaches missed while no replica ran are reported at once
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One scan of every kind now; answers how many breaches it reported. */
  scanNow(): Promise<number> {
    const scan = this.running.then(async () => {
      let total = 0;
      for (const kind of SLA_KINDS) {
        for (let n = BATCH; n === BATCH; total += n) n = await this.dataSource.transaction((m) => this.scan(m, kind));
      }
      return total;
    });
    this.running = scan.catch(() => undefined);
    return scan;
  }

  private async tick(): Promise<void> {
    try {
      const n = await this.scanNow();
      if (this.failing) this.log.log('SLA scans work again');
      this.failing = false;
      if (n) this.log.log(`${n} SLA breach(es) reported`);
    } catch (err) {
      if (!this.failing) this.log.warn(`SLA scan failed, retrying every ${this.config.slaScanSeconds} s: ${(err as Error).message}`);
      this.failing = true;
    }
  }

  private async scan(m: EntityManager, kind: SlaKind): Promise<number> {
    const [rows] = (await m.query(
      `WITH due AS (
         SELECT id FROM dispatch.incidents
          WHERE ${RUNNING[kind]} AND ${kind}_breached_at IS NULL AND ${kind}_by < now()
          ORDER BY ${kind}_by LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       UPDATE dispatch.incidents i SET ${kind}_breached_at = now() FROM due WHERE i.id = due.id
       RETURNING i.id, i.${kind}_by AS due_at, i.lane, i.type_code, i.assignees, i.priority, i.repeat_count`,
    )) as [Breach[], number];
    if (rows.length === 0) return 0;
    const now = new Date();
    const commander = (await this.roster.dutyAt(now)).dutyCommander;
    await m.query(
      `INSERT INTO dispatch.sla_breaches (incident_id, kind, due_at, detected_at, escalated_to)
       SELECT id, $2, due, $3, $4 FROM unnest($1::uuid[], $5::timestamptz[]) AS t(id, due) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r.id), kind, now, commander, rows.map((r) => r.due_at)],
    );
    await this.incidents.appendTimeline(
      m,
      rows.map((r) => ({ incidentId: r.id, what: `sla-breached`, actorId: 'dispatch', fromStatus: null, toStatus: null, note: `${kind} 超时 / ${kind} deadline missed`, detail: { kind, dueAt: r.due_at.toISOString(), escalatedTo: commander } })),
    );
    const events: EventEnvelope[] = [];
    for (const r of rows) {
      events.push(createEvent(IncidentSlaBreached.subject, {
        incidentId: r.id, kind, dueAt: r.due_at.toISOString(), detectedAt: now.toISOString(), lane: r.lane, typeCode: r.type_code, assignees: r.assignees.map((a) => a.code), escalatedTo: commander,
      }));
      // The duty commander is called in; the priority stays (a missed deadline is not a new danger).
      events.push(createEvent(IncidentEscalated.subject, {
        incidentId: r.id, reason: 'sla-breach', previousPriority: r.priority, priority: r.priority, repeatCount: r.repeat_count, notify: commander ? [commander] : [], escalatedAt: now.toISOString(),
      }));
    }
    await this.outbox.publish(m, events);
    return rows.length;
  }
}
