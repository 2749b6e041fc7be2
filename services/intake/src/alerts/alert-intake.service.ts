import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { District } from '@jingwang/district';
import { AlertLinked, AlertReceived, createEvent, type AlertLinkedV1, type AlertReceivedV1, type EventActor } from '@jingwang/contracts';
import { OutboxPublisher, type OutboxRows } from '@jingwang/messaging';
import { clientConfigOf, preparedQuery, TransactionChain, transactionBetween, type ChainLink, type LastStatement } from '@jingwang/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { INTAKE_CONFIG, type IntakeConfig } from '../intake.config.ts';
import { checkReportedAt, locate, typeOf } from './alert-enrichment.ts';
import { jobKey, lockKeys, planBatch, traitsOf, type AlertJob, type JobTraits, type PlannedAlert } from './alert-batch.plan.ts';
import { AlertRepository, type BatchWrite, type Prepared, type PreparedRow, type PrepareQuery } from './alert.repository.ts';
import type { AlertAccepted, AlertInput } from './alert.types.ts';

export const DISTRICT = Symbol('DISTRICT');

/**
 * Another transaction changed what the batch was planned on (it stored one of the alerts, or
 * closed or repeated an incident being linked to): the write statement raised a serialization
 * failure, and the batch is planned and written again.
 */
const isConcurrentChange = (err: unknown): boolean => (err as { code?: unknown }).code === '40001';

/** The last statement of a batch with nothing new to store. */
const NOTHING = { text: 'SELECT 1', values: [] };

type TracedJob = { job: AlertJob; traits: JobTraits };

interface Pending extends AlertJob {
  resolve: (a: AlertAccepted) => void;
  reject: (err: unknown) => void;
}


/**
 * The one door for alerts: validate, locate, classify, link repeat calls to their open incident,
 * and store the alert with its event in one transaction. Requests that arrive while a write is in
 * flight are written together (group commit): one transaction and two statements for the whole
 * batch, because every round trip to Postgres costs more than the work it carries. Batches go
 * through a `TransactionChain`: while more wait, the COMMIT of one travels with the BEGIN and
 * search of the next, one round trip per batch.
 */
@Injectable()
export class AlertIntakeService implements OnApplicationShutdown {
  private readonly repo = new AlertRepository();
  private readonly queue: Pending[] = [];
  /** Batches whose ground moved under them (see `isConcurrentChange`): planned and written once more, first. */
  private readonly retries: Pending[][] = [];
  private readonly chains: TransactionChain<PreparedRow, unknown, AlertAccepted[]>[];

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(OutboxPublisher) private readonly outbox: OutboxPublisher,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
    @Inject(DISTRICT) private readonly district: District,
  ) {
    // One generic plan for the batch's statements: planned afresh for every batch (the default for
    // a statement whose custom plans look cheaper), they cost Postgres 6-13 % more CPU per alert.
    const connection = clientConfigOf(db, { plan_cache_mode: 'force_generic_plan' });
    this.chains = Array.from({ length: config.writers }, () => new TransactionChain(connection, () => this.nextBatch()));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.chains.map((c) => c.close()));
  }

  /**
   * Records an alert, or returns the first answer for a (channel, externalId) seen before. With a
   * `manager` (a NATS handler's inbox transaction) it works inside that transaction.
   */
  async receive(input: AlertInput, actor: EventActor, manager?: EntityManager): Promise<AlertAccepted> {
    checkReportedAt(input.reportedAt, new Date(), this.config.clockSkewMinutes);
    const job: AlertJob = { input, actor, typed: typeOf(input), located: locate(this.district, input.location) };
    if (manager) {
      const traced = this.traced([job]);
      const first = this.repo.prepareStatement(this.prepareQuery(traced));
      const { last, queued } = this.lastStatement(traced, await preparedQuery<PreparedRow>(manager, first.name, first.text, first.values));
      await manager.query(last.text, last.values);
      if (queued) this.outbox.written(manager, queued);
      return last.result([])[0];
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ ...job, resolve, reject });
      for (const c of this.chains) c.kick();
    });
  }

  private nextBatch(): ChainLink<PreparedRow, unknown, AlertAccepted[]> | null {
    const retry = this.retries.shift();
    const batch = retry ?? this.queue.splice(0, this.config.maxBatch);
    return batch.length ? this.batchTransaction(batch, retry !== undefined) : null;
  }

  /** A batch as one transaction: the locks and search, then the writes with their check. */
  private batchTransaction(batch: Pending[], retried: boolean): ChainLink<PreparedRow, unknown, AlertAccepted[]> {
    const traced = this.traced(batch);
    let events: OutboxRows | null = null;
    return {
      first: this.repo.prepareStatement(this.prepareQuery(traced)),
      work: (rows) => {
        const { last, queued } = this.lastStatement(traced, rows);
        events = queued;
        return last;
      },
      committed: (answers) => {
        if (events) this.outbox.committed(this.db, events);
        batch.forEach((p, i) => p.resolve(answers[i]));
      },
      failed: (err, committed) => {
        if (committed === false && isConcurrentChange(err) && !retried) this.retries.push(batch);
        else void this.oneByOne(batch);
      },
    };
  }

  /**
   * One alert must not fail the others, and a batch whose COMMIT went unanswered may have
   * committed: each is written alone, and `prepare_batch` gives the stored answer of one that was.
   */
  private async oneByOne(batch: Pending[]): Promise<void> {
    for (const p of batch) await this.inTransaction([p]).then(([a]) => p.resolve(a), p.reject);
  }

  /**
   * Alerts in a transaction of their own, redone once if a concurrent transaction changed its
   * ground. Two round trips: BEGIN with the locks and the search; the writes with their check and
   * COMMIT.
   */
  private async inTransaction(jobs: AlertJob[]): Promise<AlertAccepted[]> {
    const traced = this.traced(jobs);
    const attempt = () =>
      transactionBetween(this.db, this.repo.prepareStatement(this.prepareQuery(traced)), async (m, rows: PreparedRow[]) => {
        const { last, queued } = this.lastStatement(traced, rows);
        if (queued) this.outbox.written(m, queued);
        return last;
      });
    try {
      return await attempt();
    } catch (err) {
      if (!isConcurrentChange(err)) throw err;
      return attempt();
    }
  }

  /** What the search found decides the batch's answers, and the statement that stores them with the events it queues. */
  private lastStatement(traced: TracedJob[], rows: PreparedRow[]): { last: LastStatement<unknown, AlertAccepted[]>; queued: OutboxRows | null } {
    const { answers, write } = this.plan(traced, this.repo.prepared(rows));
    return { last: { ...(write ? this.repo.writeStatement(write) : NOTHING), result: () => answers }, queued: write?.outbox ?? null };
  }

  private traced(jobs: AlertJob[]): TracedJob[] {
    return jobs.map((job) => ({ job, traits: traitsOf(job, this.config.repeatWindowMinutes[job.input.channel], this.config.repeatRadiusMetres) }));
  }

  /** Calls about one matter arriving together must not both open an incident: the locks come before the search. */
  private prepareQuery(all: TracedJob[]): PrepareQuery {
    const linkable = all.filter((t) => t.traits.typeCodes.length > 0);
    return {
      lockKeys: all.flatMap((t) => lockKeys(t.traits, t.job.located.gridCode)),
      keys: all.map((t) => t.job.input),
      since: new Date(Math.min(...linkable.map((t) => t.traits.since.getTime()), Date.now())),
      typeCodes: linkable.flatMap((t) => t.traits.typeCodes),
      phones: linkable.flatMap((t) => (t.traits.phone ? [t.traits.phone] : [])),
      buildingKeys: linkable.flatMap((t) => (t.traits.buildingKey ? [t.traits.buildingKey] : [])),
      boxes: linkable.flatMap((t) => (t.traits.box ? [t.traits.box] : [])),
    };
  }

  /** Each job's answer, and what the batch must store for them (null when every one was stored before). */
  private plan(all: TracedJob[], { stored, candidates: found }: Prepared): { answers: AlertAccepted[]; write: BatchWrite | null } {
    // The first of several jobs with one (channel, externalId) is written; the others get its answer.
    const leaders = new Set<string>();
    const todo = all.filter(({ job }) => !stored.has(jobKey(job.input)) && !leaders.has(jobKey(job.input)) && leaders.add(jobKey(job.input)));
    const answer = (answers: Map<string, AlertAccepted>) => all.map((t) => answers.get(jobKey(t.job.input))!);
    if (todo.length === 0) return { answers: answer(stored), write: null };
    const plan = planBatch(todo, found, this.config.repeatRadiusMetres);
    // A linked alert's repeat count: the incident's count when found (0 if this batch opens it), plus its place in the batch.
    const countWhenFound = new Map(found.map((c) => [c.incidentId, c.repeatCount]));
    const repeatCount = (a: PlannedAlert) => (countWhenFound.get(a.accepted.incidentId) ?? 0) + a.link!.position;
    const opened = new Set(plan.newIncidents.map((i) => i.id));
    const earlier = [...plan.repeats].filter(([id]) => !opened.has(id)).map(([id, r]) => ({ id, ...r, expectedCount: countWhenFound.get(id)! + r.added }));
    for (const a of plan.alerts) stored.set(jobKey(a.job.input), a.accepted);
    return {
      answers: answer(stored),
      write: {
        newIncidents: plan.newIncidents.map((i) => {
          const r = plan.repeats.get(i.id);
          return { ...i, repeatCount: r?.added ?? 0, lastAlertAt: r?.lastReportedAt ?? i.reportedAt };
        }),
        repeats: earlier,
        alerts: plan.alerts.map((a) => a.row),
        outbox: this.outbox.rows(plan.alerts.map((a) => this.eventOf(a, a.link ? repeatCount(a) : 0)), this.db),
      },
    };
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
