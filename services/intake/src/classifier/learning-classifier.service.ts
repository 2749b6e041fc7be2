import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AlertClassifier, type Classification, type ClassifyOptions } from '@jingwang/alert-catalog';
import { DataSource, type EntityManager } from 'typeorm';
import { INTAKE_CONFIG, type IntakeConfig } from '../intake.config.ts';
import { afterCommit } from './after-commit.ts';
import { LearnedExamplesRepository } from './learned-examples.repository.ts';

/** How often a replica asks the database whether corrections were stored (by any replica). */
const POLL_MS = 15_000;
/** A rebuild trains on at most this many corrections, the newest: bounds its time and memory. */
export const LEARNED_LIMIT = 20_000;

/**
 * Intake's classifier: the catalogue's, built at start with the call-takers' corrections stored in
 * intake.learned_examples, and built again once `classifierRebuildEvery` more were stored. A
 * rebuild reads the newest LEARNED_LIMIT from the database (so every replica converges on the same
 * classifier, whoever handled the corrections), indexes them a few milliseconds at a time between
 * requests (the trained model is reused), and swaps the new classifier in at once; requests
 * meanwhile use the old one. The replica that handles a correction checks right after its commit,
 * the others when they poll.
 */
@Injectable()
export class LearningClassifier implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('intake.classifier');
  private readonly repo = new LearnedExamplesRepository();
  private current: AlertClassifier | null = null;
  /** Corrections stored when the current classifier was built (the table only grows); null: not yet built from the database. */
  private builtOn: number | null = null;
  private building: Promise<void> | null = null;
  /** A check arrived while building: check again when done. */
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private failing = false;
  private builds = 0;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(INTAKE_CONFIG) private readonly config: IntakeConfig,
  ) {}

  /** Before requests are taken: the classifier with what was learned so far (the catalogue's alone if that cannot be read). */
  async onApplicationBootstrap(): Promise<void> {
    await this.rebuild();
    this.current ??= await AlertClassifier.buildInSlices();
    this.timer = setInterval(() => void this.check(), POLL_MS).unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.building;
  }

  classify(text: string, options?: ClassifyOptions): Classification {
    this.current ??= new AlertClassifier();
    return this.current.classify(text, options);
  }

  /** Classifiers built from the database since start (1 once the first is in): for operators and tests. */
  get generation(): number {
    return this.builds;
  }

  /** Corrections the current classifier was built with. */
  get learnedCount(): number {
    return this.current?.learnedCount ?? 0;
  }

  /** Corrections stored when the current classifier was built: it rebuilds at this + `classifierRebuildEvery`. */
  get storedAtBuild(): number {
    return this.builtOn ?? 0;
  }

  /** A correction was stored in `manager`'s transaction: once it commits, see whether it is time to rebuild. */
  corrected(manager: EntityManager): void {
    afterCommit(manager, () => void this.check());
  }

  /**
   * Rebuilds when `classifierRebuildEvery` corrections were stored since the last build; resolves
   * when that rebuild (or the one under way) is done. The poll calls it; so may an operator or test.
   */
  async check(): Promise<void> {
    if (this.building) {
      this.again = true;
      return this.building;
    }
    try {
      const stored = await this.repo.count(this.db.manager);
      this.recovered();
      if (this.builtOn === null || stored - this.builtOn >= this.config.classifierRebuildEvery) await this.rebuild();
    } catch (err) {
      this.failed(err);
    }
  }

  /** Builds from the newest corrections and swaps the result in; one build at a time. */
  private rebuild(): Promise<void> {
    this.building ??= (async () => {
      try {
        const started = performance.now();
        const { rows, total } = await this.repo.newest(this.db.manager, LEARNED_LIMIT);
        const learned = rows.map((r) => ({ text: r.text, typeCode: r.to_type }));
        const next = await AlertClassifier.buildInSlices({ learned });
        this.current = next;
        this.builtOn = total;
        this.builds++;
        this.recovered();
        this.log.log(`classifier built with ${next.learnedCount} learned examples (${total} stored) in ${Math.round(performance.now() - started)} ms`);
      } catch (err) {
        this.failed(err);
      } finally {
        this.building = null;
      }
      if (this.again) {
        this.again = false;
        await this.check();
      }
    })();
    return this.building;
  }

  /** Logged once per outage: the classifier in use stays, and the poll tries again. */
  private failed(err: unknown): void {
    if (!this.failing) this.log.warn(`learned examples could not be read (classifying with what was learned before): ${(err as Error).message}`);
    this.failing = true;
  }

  private recovered(): void {
    if (this.failing) this.log.log('learned examples can be read again');
    this.failing = false;
  }
}
