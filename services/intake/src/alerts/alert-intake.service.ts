import { Inject, Injectable } from '@nestjs/common';
import type { District } from '@jingwang/district';
import { AlertLinked, AlertReceived, createEvent, type AlertLinkedV1, type AlertReceivedV1, type EventActor } from '@jingwang/contracts';
import { OutboxPublisher } from '@jingwang/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { INTAKE_CONFIG, type IntakeConfig } from '../intake.config.ts';
import { checkReportedAt, locate, typeOf } from './alert-enrichment.ts';
import { jobKey, lockKeys, planBatch, traitsOf, type AlertJob, type PlannedAlert } from './alert-batch.plan.ts';
import { AlertRepository } from './alert.repository.ts';
import type { AlertAccepted, AlertInput } from './alert.types.ts';

export const DISTRICT = Symbol('DISTRICT');

/**
 * Another transaction changed what the batch was planned on (it stored one of the alerts, or
 * closed an incident being linked to); the batch is planned and written again.
 */
class ConcurrentChange extends Error {}

interface Pending extends AlertJob {
  resolve: (a: AlertAccepted) => void;
  reject: (err: unknown) => void;
}


/**
 * The one door for alerts: validate, locate, classify, link repeat calls to their open incident,
 * and store the alert with its event in one transaction. Requests that arrive while a write is in
 * flight are written together (group commit): one transaction and a handful of statements for
 * the whole batch, because every round trip to Postgres costs more than the work it carries.
 */
@Injectable()
export class AlertIntakeService {
  private readonly repo = new AlertRepository();
  private readonly queue: Pending[] = [];
  private writing = 0;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(OutboxPublisher) private readonly outbox: OutboxPublisher,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
    @Inject(DISTRICT) private readonly district: District,
  ) {}

  /**
   * Records an alert, or returns the first answer for a (channel, externalId) seen before. With a
   * `manager` (a NATS handler's inbox transaction) it works inside that transaction.
   */
  async receive(input: AlertInput, actor: EventActor, manager?: EntityManager): Promise<AlertAccepted> {
    checkReportedAt(input.reportedAt, new Date(), this.config.clockSkewMinutes);
    const job: AlertJob = { input, actor, typed: typeOf(input), located: locate(this.district, input.location) };
    if (manager) {
      const [accepted] = await this.write(manager, [job]);
      return accepted;
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ ...job, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.writing < this.config.writers && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.config.maxBatch);
      this.writing += 1;
      void this.writeBatch(batch).finally(() => {
        this.writing -= 1;
        this.drain();
      });
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    try {
      const answers = await this.inTransaction(batch);
      batch.forEach((p, i) => p.resolve(answers[i]));
    } catch {
      // One alert must not fail the others: each is written alone, and fails alone.
      for (const p of batch) await this.inTransaction([p]).then(([a]) => p.resolve(a), p.reject);
    }
  }

  /** A batch in its own transaction, redone once if a concurrent transaction changed its ground. */
  private async inTransaction(jobs: AlertJob[]): Promise<AlertAccepted[]> {
    try {
      return await this.db.transaction((m) => this.write(m, jobs));
    } catch (err) {
      if (!(err instanceof ConcurrentChange)) throw err;
      return this.db.transaction((m) => this.write(m, jobs));
    }
  }

  private async write(m: EntityManager, jobs: AlertJob[]): Promise<AlertAccepted[]> {
    const stored = await this.repo.storedResponses(m, jobs.map((j) => j.input));
    // The first of several jobs with one (channel, externalId) is written; the others get its answer.
    const leaders = new Map<string, AlertJob>();
    for (const j of jobs) if (!stored.has(jobKey(j.input)) && !leaders.has(jobKey(j.input))) leaders.set(jobKey(j.input), j);
    const todo = [...leaders.values()].map((job) => ({ job, traits: traitsOf(job, this.config.repeatWindowMinutes[job.input.channel], this.config.repeatRadiusMetres) }));
    if (todo.length > 0) {
      // Calls about one matter arriving together must not both open an incident.
      await this.repo.lock(m, todo.flatMap((t) => lockKeys(t.traits, t.job.located.gridCode)));
      const linkable = todo.filter((t) => t.traits.typeCodes.length > 0);
      const found = await this.repo.repeatCandidates(m, {
        since: new Date(Math.min(...linkable.map((t) => t.traits.since.getTime()), Date.now())),
        phones: linkable.flatMap((t) => (t.traits.phone ? [t.traits.phone] : [])),
        buildingKeys: linkable.flatMap((t) => (t.traits.buildingKey ? [t.traits.buildingKey] : [])),
        boxes: linkable.flatMap((t) => (t.traits.box ? [t.traits.box] : [])),
      });
      const plan = planBatch(todo, found, this.config.repeatRadiusMetres);
      await this.repo.openIncidents(m, plan.newIncidents);
      const counts = await this.repo.addRepeats(m, plan.repeats);
      if (counts.size < plan.repeats.size) throw new ConcurrentChange(); // closed since the search: link no call to it
      if ((await this.repo.insertAlerts(m, plan.alerts.map((a) => a.row))) < plan.alerts.length) throw new ConcurrentChange();
      // A linked alert's repeat count: the incident's count before this batch, plus its place in it.
      const repeatCount = (a: PlannedAlert) => counts.get(a.accepted.incidentId)! - plan.repeats.get(a.accepted.incidentId)!.added + a.link!.position;
      await this.outbox.publish(m, plan.alerts.map((a) => this.eventOf(a, a.link ? repeatCount(a) : 0)));
      for (const a of plan.alerts) stored.set(jobKey(a.job.input), a.accepted);
    }
    return jobs.map((j) => stored.get(jobKey(j.input))!);
  }

  private eventOf(a: PlannedAlert, repeatCount: number) {
    const { input, actor } = a.job;
    const r = a.accepted;
    if (a.link) {
      const data: AlertLinkedV1 = { alertId: r.alertId, incidentId: r.incidentId, linkedTo: r.linkedTo!, channel: input.channel, typeCode: r.typeCode!, repeatCount, reason: a.link.reason };
      return createEvent(AlertLinked.subject, data, { actor });
    }
    const data: AlertReceivedV1 = {
      alertId: r.alertId,
      incidentId: r.incidentId,
      channel: input.channel,
      externalId: input.externalId,
      reportedAt: input.reportedAt,
      typeCode: r.typeCode,
      typeConfidence: r.typeConfidence,
      needsTriage: r.needsTriage,
      gridCode: r.gridCode,
      policeGridCode: r.policeGridCode,
      communityCode: r.communityCode,
      description: input.description,
    };
    return createEvent(AlertReceived.subject, data, { actor });
  }
}
