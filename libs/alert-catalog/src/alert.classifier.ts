import { AhoCorasickMatcher } from './aho-corasick.matcher.ts';
import type { AlertType, AlertTypeCode, Keyword } from './alert-type.model.ts';
import { alertTypes, parseKeywords } from './catalog.registry.ts';
import { LearnedMemory } from './learned.memory.ts';
import { MASK_PHRASES } from './masks.data.ts';
import { NO_MATTER_CUES } from './no-matter.data.ts';
import { NgramModel, type TrainingExample } from './ngram.model.ts';
import { loadNoMatterExamples, loadTrainingExamples } from './training.data.ts';
import { normalizeText } from './text.normalizer.ts';

export interface ClassifyOptions {
  /** How many ranked types to return (default 3). */
  readonly limit?: number;
  /** Below this top confidence the alert goes to a person for triage (default 0.3). */
  readonly threshold?: number;
}

export interface RankedType {
  readonly code: AlertTypeCode;
  /** 0..1: evidence strength times the margin over the strongest rival. */
  readonly confidence: number;
}

export interface Classification {
  readonly ranked: readonly RankedType[];
  readonly needsTriage: boolean;
}

export interface Explanation {
  readonly code: AlertTypeCode;
  readonly score: number;
  readonly confidence: number;
  /** The keywords that scored, `a+b` for combinations; `(corrected before)` for a learned text. */
  readonly matched: readonly string[];
  /** The n-gram model's share of the score. */
  readonly ngram: number;
}

/** A call-taker's correction: this description is of this type. */
export interface LearnedExample {
  readonly text: string;
  readonly typeCode: string;
}

export interface ClassifierConfig {
  readonly types?: readonly AlertType[];
  readonly masks?: readonly string[];
  /** Cues that a text is no matter for the station (`no-matter.data.ts`); they only feed the "no matter" rival. */
  readonly noMatterCues?: readonly Keyword[];
  /** Examples for the n-gram model; default: the shipped training set. Empty: keywords only. */
  readonly training?: readonly TrainingExample[];
  /**
   * Texts that are no matter for the station or too vague to type, the model's "no matter" class:
   * default the shipped set (none when `training` is empty); empty: no such class.
   */
  readonly noMatter?: readonly string[];
  /**
   * Call-takers' corrections (`learned.memory.ts`): the same description, or one sharing most of
   * its wording, gets the type it was corrected to. Examples of a type not in `types` (a retired
   * one) are left out.
   */
  readonly learned?: readonly LearnedExample[];
  /** Score the n-gram model hands out, split by its probabilities (default 5). */
  readonly ngramWeight?: number;
  /** Softmax temperature over the model's log-odds (default 6). */
  readonly ngramTemperature?: number;
  /** The n-gram part of the "no matter" rival: this times the model's probability that the text is no matter (default 8). */
  readonly noMatterWeight?: number;
}

export const DEFAULT_LIMIT = 3;
export const DEFAULT_THRESHOLD = 0.3;
/** Score at which evidence reaches 1 - 1/e: about one decisive term or two usual ones. */
const EVIDENCE_SCALE = 4;
/** N-gram probabilities below this add nothing (keeps the ranking to plausible types). */
const NGRAM_FLOOR = 0.02;
/** The n-gram model's class for texts that are no matter for the station (never ranked). */
const NO_MATTER = '(no matter)';
/** Score for the type a description like this one was corrected to (times similarity and vote share). */
const RECALL_SCORE = 8;

interface Entry {
  readonly type: number;
  readonly weight: number;
  readonly keyword: string;
}

interface Combo extends Entry {
  readonly parts: readonly number[];
}

/** The keyword automaton and its entries for one catalogue: immutable, shared by every classifier built on it. */
class KeywordIndex {
  readonly matcher: AhoCorasickMatcher;
  readonly patternLength: Int32Array;
  readonly entries: readonly (readonly Entry[])[];
  readonly combosOf: readonly (readonly number[])[];
  readonly combos: readonly Combo[];
  readonly isMask: Uint8Array;

  /** The entries' type index of a no-matter cue (one past the catalogue's types). */
  readonly noMatter: number;

  constructor(types: readonly AlertType[], masks: readonly string[], noMatterCues: readonly Keyword[]) {
    const ids = new Map<string, number>();
    const entries: Entry[][] = [];
    const combosOf: number[][] = [];
    const combos: Combo[] = [];
    const pattern = (phrase: string): number => {
      if (normalizeText(phrase) !== phrase) throw new Error(`keyword "${phrase}" is not simplified lower case`);
      let id = ids.get(phrase);
      if (id === undefined) {
        id = ids.size;
        ids.set(phrase, id);
        entries.push([]);
        combosOf.push([]);
      }
      return id;
    };
    this.noMatter = types.length;
    [...types.map((t) => t.keywords), noMatterCues].forEach((keywords, type) => {
      for (const { phrase, weight } of keywords) {
        const parts = phrase.split('+');
        if (parts.length === 1) {
          entries[pattern(phrase)].push({ type, weight, keyword: phrase });
        } else {
          const partIds = parts.map(pattern);
          for (const p of new Set(partIds)) combosOf[p].push(combos.length);
          combos.push({ type, weight, keyword: phrase, parts: partIds });
        }
      }
    });
    const maskIds = new Set(masks.map(pattern));
    const patterns = [...ids.keys()];
    this.matcher = new AhoCorasickMatcher(patterns);
    this.patternLength = Int32Array.from(patterns, (p) => p.length);
    this.entries = entries;
    this.combosOf = combosOf;
    this.combos = combos;
    this.isMask = Uint8Array.from(patterns, (_, id) => (maskIds.has(id) ? 1 : 0));
  }
}

const DEFAULT_NO_MATTER_CUES: readonly Keyword[] = Object.freeze(parseKeywords(NO_MATTER_CUES));
const keywordIndexes = new WeakMap<readonly AlertType[], WeakMap<readonly string[], WeakMap<readonly Keyword[], KeywordIndex>>>();

/** A rebuilt classifier (new learned examples) reuses its catalogue's automaton. */
function keywordIndex(config: ClassifierConfig): KeywordIndex {
  const types = config.types ?? alertTypes;
  const masks = config.masks ?? MASK_PHRASES;
  const cues = config.noMatterCues ?? DEFAULT_NO_MATTER_CUES;
  let byMasks = keywordIndexes.get(types);
  if (!byMasks) keywordIndexes.set(types, (byMasks = new WeakMap()));
  let byCues = byMasks.get(masks);
  if (!byCues) byMasks.set(masks, (byCues = new WeakMap()));
  let index = byCues.get(cues);
  if (!index) byCues.set(cues, (index = new KeywordIndex(types, masks, cues)));
  return index;
}

interface ModelInput {
  readonly types: readonly AlertType[];
  readonly training: readonly TrainingExample[];
  readonly noMatter: readonly string[];
}

function modelInput(config: ClassifierConfig): ModelInput {
  const training = config.training ?? loadTrainingExamples();
  return { types: config.types ?? alertTypes, training, noMatter: config.noMatter ?? (training.length === 0 ? [] : loadNoMatterExamples()) };
}

/** The n-gram model's classes and examples. */
function trainingSet({ types, training, noMatter }: ModelInput): { examples: TrainingExample[]; classes: string[] } {
  const classes = [...types.map((t) => t.code), ...(noMatter.length > 0 ? [NO_MATTER] : [])];
  return { examples: [...training, ...noMatter.map((text) => ({ code: NO_MATTER, text }))], classes };
}

// Trained models by catalogue, training set and no-matter set: a classifier rebuilt with new
// corrections reuses its model (classification is synchronous, so instances can share one).
const models = new WeakMap<readonly AlertType[], WeakMap<readonly TrainingExample[], WeakMap<readonly string[], NgramModel | null>>>();

function cachedModel(input: ModelInput): NgramModel | null | undefined {
  return models.get(input.types)?.get(input.training)?.get(input.noMatter);
}

function cacheModel(input: ModelInput, model: NgramModel | null): NgramModel | null {
  let byTraining = models.get(input.types);
  if (!byTraining) models.set(input.types, (byTraining = new WeakMap()));
  let byNoMatter = byTraining.get(input.training);
  if (!byNoMatter) byTraining.set(input.training, (byNoMatter = new WeakMap()));
  byNoMatter.set(input.noMatter, model);
  return model;
}

/** The input's model, trained once. */
function modelFor(input: ModelInput): NgramModel | null {
  const cached = cachedModel(input);
  if (cached !== undefined) return cached;
  const { examples, classes } = trainingSet(input);
  return cacheModel(input, examples.length > 0 ? new NgramModel(examples, classes) : null);
}

/** The corrections of types in the catalogue, by type index. */
function learnedOf(config: ClassifierConfig, types: readonly AlertType[]): { text: string; type: number }[] {
  const typeOf = new Map<string, number>(types.map((t, i) => [t.code, i]));
  return (config.learned ?? []).flatMap(({ text, typeCode }) => {
    const type = typeOf.get(typeCode);
    return type === undefined ? [] : [{ text, type }];
  });
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Keyword scorer. Each keyword phrase is one pattern in an Aho-Corasick automaton; a type's score
 * is the sum of the weights of its keywords found in the text, each counted once. Overlaps:
 * - a phrase lying inside a longer matched keyword or mask phrase does not count on its own, so
 *   没人受伤 does not score 受伤, 电信诈骗 does not also score plain 诈骗, 打电话 does not score 打;
 * - `a+b` keywords need every part somewhere in the text, in any order; a part inside a mask
 *   phrase does not count, a part inside another keyword does (电动车被偷 still feeds 电动车+偷).
 * The n-gram model adds its share to each type; its "no matter" share is a rival every type must
 * beat, so that chit-chat and vague calls go to triage rather than to the type of a stray word.
 */
export class AlertClassifier {
  private readonly types: readonly AlertType[];
  private readonly kw: KeywordIndex;
  private readonly model: NgramModel | null;
  private readonly noMatterClass: number;
  private readonly ngramWeight: number;
  private readonly ngramTemperature: number;
  private readonly noMatterWeight: number;
  private readonly ngram: Float64Array;
  private readonly ngramShare: Float64Array;
  private readonly memory: LearnedMemory;

  // Scratch state reused by every call (classification is synchronous, so never shared).
  private readonly score: Float64Array;
  private noMatterScore = 0;
  private readonly touched: number[] = [];
  private readonly present: Uint32Array;
  private readonly counted: Uint32Array;
  private readonly comboSeen: Uint32Array;
  private stamp = 0;
  private matchStart = new Int32Array(64);
  private matchEnd = new Int32Array(64);
  private matchPattern = new Int32Array(64);
  private matchCount = 0;

  /** `built`: internal, what `buildInSlices` trained and indexed a slice at a time. */
  constructor(config: ClassifierConfig = {}, built?: { model: NgramModel | null; memory: LearnedMemory }) {
    const input = modelInput(config);
    const types = input.types;
    this.types = types;
    this.kw = keywordIndex(config);
    const model = built ? built.model : modelFor(input);
    this.model = model;
    this.noMatterClass = model ? model.classes.indexOf(NO_MATTER) : -1;
    // Tuned on the training set (cross-validated) and test-data/dev-alerts.json, never on held-out/.
    this.ngramWeight = config.ngramWeight ?? 5;
    this.ngramTemperature = config.ngramTemperature ?? 6;
    this.noMatterWeight = config.noMatterWeight ?? 8;
    this.ngram = new Float64Array(model ? model.classes.length : 0);
    this.ngramShare = new Float64Array(types.length);
    this.memory = built?.memory ?? new LearnedMemory(learnedOf(config, types));
    this.score = new Float64Array(types.length);
    this.present = new Uint32Array(this.kw.matcher.patterns.length);
    this.counted = new Uint32Array(this.kw.matcher.patterns.length);
    this.comboSeen = new Uint32Array(this.kw.combos.length);
  }

  /** A classifier from the catalogue, its training set and `config.learned` (what `new` does). */
  static build(config: ClassifierConfig = {}): AlertClassifier {
    return new AlertClassifier(config);
  }

  /**
   * The same classifier, its n-gram model trained a few milliseconds at a time with `pause()`
   * awaited in between (default: the next turn of the event loop), so that a service rebuilding
   * it keeps answering requests meanwhile.
   */
  static async buildInSlices(config: ClassifierConfig = {}, pause: () => Promise<void> = nextTurn): Promise<AlertClassifier> {
    keywordIndex(config); // built once per catalogue, before the slices
    const input = modelInput(config);
    let model = cachedModel(input);
    if (model === undefined) {
      const { examples, classes } = trainingSet(input);
      model = cacheModel(input, examples.length > 0 ? await NgramModel.trainInSlices(examples, classes, pause) : null);
    }
    const memory = await LearnedMemory.buildInSlices(learnedOf(config, input.types), pause);
    return new AlertClassifier(config, { model, memory });
  }

  /** Corrections this classifier was built with (of types in its catalogue). */
  get learnedCount(): number {
    return this.memory.size;
  }

  get patternCount(): number {
    return this.kw.matcher.patterns.length;
  }

  classify(text: string, options: ClassifyOptions = {}): Classification {
    const limit = options.limit ?? DEFAULT_LIMIT;
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    const order = this.run(text, null);
    const ranked: RankedType[] = [];
    for (let i = 0; i < order.length && i < limit; i++) {
      ranked.push({ code: this.types[order[i]].code, confidence: this.confidence(order, i) });
    }
    return { ranked, needsTriage: ranked.length === 0 || ranked[0].confidence < threshold };
  }

  /** Every type that scored, with the keywords behind its score: for operators and tuning. */
  explain(text: string): Explanation[] {
    const matched = new Map<number, string[]>();
    const order = this.run(text, matched);
    return order.map((type, i) => ({
      code: this.types[type].code,
      score: Math.round(this.score[type] * 100) / 100,
      confidence: this.confidence(order, i),
      matched: matched.get(type) ?? [],
      ngram: Math.round(this.ngramShare[type] * 100) / 100,
    }));
  }

  /** The n-gram model's "no matter" share for `text`: the rival score every type has to beat. */
  noMatter(text: string): number {
    this.run(text, null);
    return Math.round(this.noMatterScore * 100) / 100;
  }

  /** Scores `text` into `this.score`; returns the scoring type indexes, best first. */
  private run(text: string, matched: Map<number, string[]> | null): number[] {
    for (const t of this.touched) this.score[t] = 0;
    this.touched.length = 0;
    this.ngramShare.fill(0);
    this.noMatterScore = 0;
    this.matchCount = 0;
    if (++this.stamp === 0xffffffff) this.resetStamps();
    this.kw.matcher.scan(text, this.onMatch);

    const { matchPattern, stamp } = this;
    const { combosOf, entries, combos } = this.kw;
    const n = this.matchCount;
    for (let i = 0; i < n; i++) {
      const p = matchPattern[i];
      if (combosOf[p].length > 0 && !this.insideLonger(i, true)) this.present[p] = stamp;
      const own = entries[p];
      if (own.length === 0 || this.counted[p] === stamp || this.insideLonger(i, false)) continue;
      this.counted[p] = stamp;
      for (const e of own) this.add(e.type, e.weight, e.keyword, matched);
    }
    for (let i = 0; i < n; i++) {
      for (const c of combosOf[matchPattern[i]]) {
        if (this.comboSeen[c] === stamp) continue;
        this.comboSeen[c] = stamp;
        const combo = combos[c];
        if (combo.parts.every((part) => this.present[part] === stamp)) this.add(combo.type, combo.weight, combo.keyword, matched);
      }
    }

    if (this.model) this.addNgram(text);
    this.memory.recall(text, (type, share) => this.add(type, RECALL_SCORE * share, '(corrected before)', matched));

    const types = this.types;
    return [...this.touched].sort(
      (a, b) => this.score[b] - this.score[a] || types[a].priority - types[b].priority || a - b,
    );
  }

  /** Is match `i` inside a longer match of a mask (or, unless `masksOnly`, of a keyword)? */
  private insideLonger(i: number, masksOnly: boolean): boolean {
    const { matchStart, matchEnd, matchPattern } = this;
    const { patternLength, isMask, entries } = this.kw;
    const length = patternLength[matchPattern[i]];
    for (let j = 0; j < this.matchCount; j++) {
      const q = matchPattern[j];
      if (patternLength[q] <= length || matchStart[j] > matchStart[i] || matchEnd[j] < matchEnd[i]) continue;
      if (isMask[q] || (!masksOnly && entries[q].length > 0)) return true;
    }
    return false;
  }

  private readonly onMatch = (pattern: number, end: number): void => {
    if (this.matchCount === this.matchStart.length) this.grow();
    const k = this.matchCount++;
    this.matchStart[k] = end - this.kw.patternLength[pattern];
    this.matchEnd[k] = end;
    this.matchPattern[k] = pattern;
  };

  /** Spreads `ngramWeight` over the classes by the model's softmax probabilities. */
  private addNgram(text: string): void {
    const logOdds = this.ngram;
    logOdds.fill(0);
    if (this.ngramWeight <= 0 || this.model!.score(text, logOdds) === 0) return;
    let max = -Infinity;
    for (let k = 0; k < logOdds.length; k++) if (logOdds[k] > max) max = logOdds[k];
    // Classes this far below the best get a probability under e^-20: counted as 0, no exp.
    const cut = max - 20 * this.ngramTemperature;
    let sum = 0;
    for (let k = 0; k < logOdds.length; k++) {
      logOdds[k] = logOdds[k] > cut ? Math.exp((logOdds[k] - max) / this.ngramTemperature) : 0;
      sum += logOdds[k];
    }
    for (let k = 0; k < logOdds.length; k++) {
      const p = logOdds[k] / sum;
      if (k === this.noMatterClass) {
        this.noMatterScore += this.noMatterWeight * p;
        continue;
      }
      if (p < NGRAM_FLOOR) continue;
      if (this.score[k] === 0) this.touched.push(k);
      this.score[k] += this.ngramWeight * p;
      this.ngramShare[k] = this.ngramWeight * p;
    }
  }

  private add(type: number, weight: number, keyword: string, matched: Map<number, string[]> | null): void {
    if (type === this.kw.noMatter) {
      this.noMatterScore += weight;
      return;
    }
    if (this.score[type] === 0) this.touched.push(type);
    this.score[type] += weight;
    if (matched) {
      const list = matched.get(type) ?? [];
      list.push(keyword);
      matched.set(type, list);
    }
  }

  private confidence(order: readonly number[], i: number): number {
    const s = this.score[order[i]];
    if (s <= 0) return 0;
    // Every type's rival is the strongest other: for the top one the next type or "no matter", for
    // the others the top one or "no matter" (so confidences fall with the rank).
    const rival = Math.max(i === 0 ? (order.length > 1 ? this.score[order[1]] : 0) : this.score[order[0]], this.noMatterScore);
    const evidence = 1 - Math.exp(-s / EVIDENCE_SCALE);
    return Math.round(evidence * (s / (s + rival)) * 1000) / 1000;
  }

  private grow(): void {
    const size = this.matchStart.length * 2;
    const copy = (from: Int32Array) => {
      const to = new Int32Array(size);
      to.set(from);
      return to;
    };
    this.matchStart = copy(this.matchStart);
    this.matchEnd = copy(this.matchEnd);
    this.matchPattern = copy(this.matchPattern);
  }

  private resetStamps(): void {
    this.present.fill(0);
    this.counted.fill(0);
    this.comboSeen.fill(0);
    this.stamp = 1;
  }
}

let shared: AlertClassifier | undefined;

/** Classifies with the built-in catalogue and training set; built on first use. */
export function classify(text: string, options?: ClassifyOptions): Classification {
  shared ??= new AlertClassifier();
  return shared.classify(text, options);
}
