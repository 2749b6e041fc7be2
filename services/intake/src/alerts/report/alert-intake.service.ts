import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { District } from '@jingwang/district';
import { AlertLinked, AlertReceived, createEvent, type AlertLinkedV1, type AlertReceivedV1, type EventActor } from '@jingwang/contracts';
import { databaseUnavailableReason } from '@jingwang/http';
import { OutboxPublisher } from '@jingwang/messaging';
import { PacedVacuum, preparedQuery } from '@jingwang/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { INTAKE_CONFIG, type IntakeConfig } from '../../intake.config.ts';
import { LearningClassifier } from '../../classifier/learning-classifier.service.ts';
import { transactionBetween, type LastStatement } from '../write-path/pipelined.transaction.ts';
import { clientConfigOf, TransactionChain, type ChainLink, type OneTripLink } from '../write-path/transaction.chain.ts';
import { checkReportedAt, locate, typeOf } from './alert-enrichment.rules.ts';
import { jobKey, lockKeys, planBatch, traitsOf, type AlertJob, type JobTraits, type PlannedAlert } from './alert-batch.plan.ts';
import { AlertBatchStatements, type BatchWrite, type Prepared, type PreparedRow, type PrepareQuery } from '../write-path/alert-batch.statements.ts';
import { OpenIncidentsCache } from './open-incidents.cache.ts';
import type { AlertAccepted, AlertInput } from '../alert.types.ts';

export const DISTRICT = Symbol('DISTRICT');

/**
 * Another transaction changed what the batch was planned on: it closed or repeated an incident
 * being linked to (the write statement raised a serialization failure), or stored one of the
 * alerts first (a unique violation of the alert's (channel, external_id)). The batch is planned
 * on a search and written again; the search finds the stored alert's answer.
 */
const isConcurrentChange = (err: unknown): boolean => {
  const { code, constraint } = err as { code?: unknown; constraint?: unknown };
  return code === '40001' || (code === '23505' && constraint === 'alerts_channel_external_id_key');
};

/** The last statement of a batch with nothing new to store. */
const NOTHING = { text: 'SELECT 1', values: [] };

type TracedJob = { job: AlertJob; traits: JobTraits };

/** The view of the open incidents could not plan the batch (it looks back further than the view holds). */
class ViewCannotTell extends Error {}

/**
 * This often the view drops what has aged out of every repeat window (or, if it could not be read
 * at start-up, is read again). It is not read again otherwise: what it gets wrong, a check finds.
 */
const VIEW_UPKEEP_MS = 5 * 60_000;
/** The view holds alerts reported this much longer ago than the longest repeat window. */
const VIEW_SLACK_MS = 60 * 60_000;

/** Batches by how they were planned, for the benchmark and operators. */
export interface BatchCounts {
  /** Planned on the service's view, checked and written in one round trip. */
  onView: number;
  /** Planned on a search (view not loaded, a late report, or a retry). */
  searched: number;
  /** Planned on the view, but the check found other incidents or counts: searched again. */
  viewWrong: number;
}

interface Pending extends AlertJob {
  resolve: (a: AlertAccepted) => void;
  reject: (err: unknown) => void;
}

/**
 * The one door for alerts: validate, locate, classify, link repeat calls to their open incident,
 * and store the alert with its event in one transaction. Requests that arrive while a write is in
 * flight are written together (group commit), because every round trip to Postgres costs more
 * than the work it carries. A batch is planned on the service's view of the open incidents and
 * goes with a check of that view in one round trip (`batchOnView`), or is planned on a search in
 * two (`searchedBatch`); both through a `TransactionChain`.
 */
@Injectable()
export class AlertIntakeService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('intake');
  private readonly repo = new AlertBatchStatements();
  private readonly queue: Pending[] = [];
  /** Batches whose ground moved under them (see `isConcurrentChange`): planned on a search and written, first. */
  private readonly retries: { batch: Pending[]; retried: boolean }[] = [];
  private readonly chains: TransactionChain<PreparedRow, unknown, AlertAccepted[]>[];
  private readonly view = new OpenIncidentsCache();
  private viewTimer: NodeJS.Timeout | null = null;
  /** How far back the view holds alerts: the longest repeat window and some slack. */
  private readonly viewSpanMs: number;
  private readonly vacuum: PacedVacuum;
  readonly batches: BatchCounts = { onView: 0, searched: 0, viewWrong: 0 };

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(OutboxPublisher) private readonly outbox: OutboxPublisher,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
    @Inject(DISTRICT) private readonly district: District,
    @Inject(LearningClassifier) private readonly classifier: LearningClassifier,
  ) {
    // One generic plan for the batch's statements: planned afresh for every batch (the default for
    // a statement whose custom plans look cheaper), they cost Postgres 6-13 % more CPU per alert.
    const connection = clientConfigOf(db, { plan_cache_mode: 'force_generic_plan' });
    this.viewSpanMs = Math.max(...Object.values(config.repeatWindowMinutes)) * 60_000 + VIEW_SLACK_MS;
    this.vacuum = new PacedVacuum(db, 'intake.alerts, intake.incidents', config.vacuumEveryAlerts, (m) => this.log.warn(m));
    this.chains = Array.from({ length: config.writers }, () => new TransactionChain(connection, (inFlight) => this.nextBatch(inFlight), 10_000, config.batchesInFlight));
  }

  /** Before the service takes requests: read the open incidents. Should that fail, batches are planned on searches until a read works. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.planOnView) return;
    await this.reloadView();
    this.viewTimer = setInterval(() => void this.viewUpkeep(), VIEW_UPKEEP_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.viewTimer) clearInterval(this.viewTimer);
    await Promise.all(this.chains.map((c) => c.close()));
    await this.vacuum.settled();
  }

  /** Dispatch closed the incident (in a transaction not yet committed: should it roll back, the next check finds the incident and it is read again). */
  incidentClosed(incidentId: string): void {
    this.view.closed(incidentId);
  }

  private viewSince(): Date {
    return new Date(Date.now() - this.viewSpanMs);
  }

  private async viewUpkeep(): Promise<void> {
    if (this.view.ready) this.view.prune(this.viewSince());
    else await this.reloadView();
  }

  private async reloadView(): Promise<void> {
    const started = performance.now();
    try {
      await this.view.load(this.viewSince(), (since) => this.repo.openIncidentAlerts(this.db.manager, since));
      const { incidents, traits } = this.view.size;
      this.log.log(`open incidents read: ${incidents}, with ${traits} phones, buildings and points, in ${Math.round(performance.now() - started)} ms`);
    } catch (err) {
      this.log.warn(`open incidents could not be read (batches are planned on searches meanwhile): ${(err as Error).message}`);
    }
  }

  /** Incidents a search showed the view had wrong, read again beside the chain. */
  private async refreshView(ids: string[]): Promise<void> {
    const since = this.view.horizon;
    if (!since) return;
    try {
      this.view.refresh(ids, await this.repo.openIncidentAlerts(this.db.manager, since, ids));
    } catch (err) {
      this.log.warn(`incidents ${ids.join(', ')} could not be read again: ${(err as Error).message}`);
    }
  }

  /**
   * Records an alert, or returns the first answer for a (channel, externalId) seen before. With a
   * `manager` (a NATS handler's inbox transaction) it works inside that transaction.
   */
  async receive(input: AlertInput, actor: EventActor, manager?: EntityManager): Promise<AlertAccepted> {
    checkReportedAt(input.reportedAt, new Date(), this.config.clockSkewMinutes);
    const job: AlertJob = { input, actor, typed: typeOf(input, this.classifier), located: locate(this.district, input.location) };
    if (manager) {
      const traced = this.traced([job]);
      const query = this.prepareQuery(traced);
      const first = this.repo.prepareStatement(query);
      const { last, write } = this.lastStatement(traced, query, await preparedQuery<PreparedRow>(manager, first.name, first.text, first.values));
      await manager.query(last.text, last.values);
      if (write) {
        this.outbox.written(manager, write.outbox);
        // Stored, with the commit up to the NATS handler: should that roll back, the next check finds the view wrong.
        this.sentToView(write);
      }
      return last.result([])[0];
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ ...job, resolve, reject });
      for (const c of this.chains) c.kick();
    });
  }

  private nextBatch(inFlight: number): ChainLink<PreparedRow, unknown, AlertAccepted[]> | OneTripLink<AlertAccepted[]> | null {
    const retry = this.retries.shift();
    if (retry) return this.searchedBatch(retry.batch, retry.retried);
    // Another batch beside one in flight only with enough to carry: each costs Postgres a fixed share.
    if (inFlight > 0 && this.queue.length < this.config.maxBatch / 4) return null;
    const batch = this.queue.splice(0, this.config.maxBatch);
    if (!batch.length) return null;
    return this.view.ready ? this.batchOnView(batch) : this.searchedBatch(batch, false);
  }

  /**
   * A batch planned on the view of the open incidents, in one round trip: its check (the same
   * locks and search, which must find what the plan used), then the writes with their own check,
   * and COMMIT. Planned when it is sent, on everything committed or sent before it (see
   * `sentToView`).
   */
  private batchOnView(batch: Pending[]): OneTripLink<AlertAccepted[]> {
    const traced = this.traced(batch);
    const query = this.prepareQuery(traced);
    let write: BatchWrite | null = null;
    return {
      statements: () => {
        const found = this.view.candidates(query);
        if (!found) throw new ViewCannotTell();
        const planned = this.plan(traced, { stored: new Map(), candidates: found });
        write = this.sentToView(planned.write);
        return { before: [this.repo.checkCandidatesStatement(query, found)], last: this.lastOf(planned) };
      },
      committed: (answers) => {
        this.batches.onView++;
        this.written(batch, answers, write);
      },
      failed: (err, committed) => {
        this.failedToView(write);
        if (committed === false && (isConcurrentChange(err) || err instanceof ViewCannotTell)) {
          if (!(err instanceof ViewCannotTell)) this.batches.viewWrong++;
          this.retries.push({ batch, retried: false });
        } else void this.oneByOne(batch);
      },
    };
  }

  /** A batch as one transaction: the locks and search, then the writes with their check. */
  private searchedBatch(batch: Pending[], retried: boolean): ChainLink<PreparedRow, unknown, AlertAccepted[]> {
    const traced = this.traced(batch);
    const query = this.prepareQuery(traced);
    let write: BatchWrite | null = null;
    return {
      first: this.repo.prepareStatement(query),
      work: (rows) => {
        const planned = this.lastStatement(traced, query, rows);
        write = this.sentToView(planned.write);
        return planned.last;
      },
      committed: (answers) => {
        this.batches.searched++;
        this.written(batch, answers, write);
      },
      failed: (err, committed) => {
        this.failedToView(write);
        if (committed === false && isConcurrentChange(err) && !retried) this.retries.push({ batch, retried: true });
        else void this.oneByOne(batch);
      },
    };
  }

  private written(batch: Pending[], answers: AlertAccepted[], write: BatchWrite | null): void {
    if (write) this.outbox.committed(this.db, write.outbox);
    batch.forEach((p, i) => p.resolve(answers[i]));
  }

  /**
   * The view takes a write when it is sent, so that the batch sent behind it is planned on it; should
   * the write fail, the incidents it touched are forgotten (`failedToView`), and a batch planned on
   * them fails its check and is searched. Whatever the path: on the view, searched, or alone. The
   * paced VACUUM counts its alerts too.
   */
  private sentToView(write: BatchWrite | null): BatchWrite | null {
    if (write) {
      this.view.wrote(write);
      this.vacuum.wrote(write.alerts.length); // written or rolled back, each leaves work for VACUUM
    }
    return write;
  }

  private failedToView(write: BatchWrite | null): void {
    if (write) this.view.unwrote(write);
  }

  /**
   * One alert must not fail the others, and a batch whose COMMIT went unanswered may have
   * committed: each is written alone, and `prepare_batch` gives the stored answer of one that was.
   * Once one fails because the database does not answer, the rest are refused with it at once
   * (a 503): each would wait out the same timeouts in turn. Their callers retry, and a retry of
   * an alert that did commit gets its stored answer (its event goes out when its lease ends).
   */
  private async oneByOne(batch: Pending[]): Promise<void> {
    for (const [i, p] of batch.entries()) {
      try {
        p.resolve((await this.inTransaction([p]))[0]);
      } catch (err) {
        p.reject(err);
        if (databaseUnavailableReason(err) === undefined) continue;
        for (const rest of batch.slice(i + 1)) rest.reject(err);
        return;
      }
    }
  }

  /**
   * Alerts in a transaction of their own, redone once if a concurrent transaction changed its
   * ground. Two round trips: BEGIN with the locks and the search; the writes with their check and
   * COMMIT.
   */
  private async inTransaction(jobs: AlertJob[]): Promise<AlertAccepted[]> {
    const traced = this.traced(jobs);
    const query = this.prepareQuery(traced);
    const attempt = async () => {
      let write: BatchWrite | null = null;
      try {
        return await transactionBetween(this.db, this.repo.prepareStatement(query), async (m, rows: PreparedRow[]) => {
          const planned = this.lastStatement(traced, query, rows);
          write = this.sentToView(planned.write);
          if (write) this.outbox.written(m, write.outbox);
          return planned.last;
        });
      } catch (err) {
        this.failedToView(write);
        throw err;
      }
    };
    try {
      return await attempt();
    } catch (err) {
      if (!isConcurrentChange(err)) throw err;
      return attempt();
    }
  }

  /**
   * What the search found decides the batch's answers, and the statement that stores them with the
   * events it queues. Where the view would have answered otherwise, it is put right.
   */
  private lastStatement(traced: TracedJob[], query: PrepareQuery, rows: PreparedRow[]): { last: LastStatement<unknown, AlertAccepted[]>; write: BatchWrite | null } {
    const prepared = this.repo.prepared(rows);
    const stale = this.view.reconcile(query, prepared.candidates);
    if (stale.length) void this.refreshView(stale);
    const planned = this.plan(traced, prepared);
    return { last: this.lastOf(planned), write: planned.write };
  }

  private lastOf({ answers, write }: { answers: AlertAccepted[]; write: BatchWrite | null }): LastStatement<unknown, AlertAccepted[]> {
    return { ...(write ? this.repo.writeStatement(write) : NOTHING), result: () => answers };
  }

  private traced(jobs: AlertJob[]): TracedJob[] {
    return jobs.map((job) => ({ job, traits: traitsOf(job, this.config.repeatWindowMinutes[job.input.channel], this.config.repeatRadiusMetres) }));
  }

  /** Calls about one matter arriving together must not both open an incident: the locks come before the search. */
  private prepareQuery(all: TracedJob[]): PrepareQuery {
    const linkable = all.filter((t) => t.traits.typeCodes.length > 0);
    return {
      lockKeys: all.flatMap((t) => lockKeys(t.traits)),
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
