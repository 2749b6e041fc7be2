import { AhoCorasickMatcher } from './aho-corasick.matcher.ts';
import type { AlertType, AlertTypeCode } from './alert-type.model.ts';
import { alertTypes } from './catalog.registry.ts';
import { MASK_PHRASES } from './masks.data.ts';
import { NgramModel, type TrainingExample } from './ngram.model.ts';
import { loadTrainingExamples } from './training.data.ts';
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
  /** The keywords that scored, `a+b` for combinations. */
  readonly matched: readonly string[];
  /** The n-gram model's share of the score. */
  readonly ngram: number;
}

export interface ClassifierConfig {
  readonly types?: readonly AlertType[];
  readonly masks?: readonly string[];
  /** Examples for the n-gram model; default: the shipped training set. Empty: keywords only. */
  readonly training?: readonly TrainingExample[];
  /** Score the n-gram model hands out, split by its probabilities (default 4). */
  readonly ngramWeight?: number;
  /** Softmax temperature over the model's log-odds (default 4). */
  readonly ngramTemperature?: number;
}

export const DEFAULT_LIMIT = 3;
export const DEFAULT_THRESHOLD = 0.3;
/** Score at which evidence reaches 1 - 1/e: about one decisive term or two usual ones. */
const EVIDENCE_SCALE = 4;
/** N-gram probabilities below this add nothing (keeps the ranking to plausible types). */
const NGRAM_FLOOR = 0.02;

interface Entry {
  readonly type: number;
  readonly weight: number;
  readonly keyword: string;
}

interface Combo extends Entry {
  readonly parts: readonly number[];
}

/**
 * Keyword scorer. Each keyword phrase is one pattern in an Aho-Corasick automaton; a type's score
 * is the sum of the weights of its keywords found in the text, each counted once. Overlaps:
 * - a phrase lying inside a longer matched keyword or mask phrase does not count on its own, so
 *   没人受伤 does not score 受伤, 电信诈骗 does not also score plain 诈骗, 打电话 does not score 打;
 * - `a+b` keywords need every part somewhere in the text, in any order; a part inside a mask
 *   phrase does not count, a part inside another keyword does (电动车被偷 still feeds 电动车+偷).
 */
export class AlertClassifier {
  private readonly types: readonly AlertType[];
  private readonly matcher: AhoCorasickMatcher;
  private readonly patternLength: Int32Array;
  private readonly entries: readonly (readonly Entry[])[];
  private readonly combosOf: readonly (readonly number[])[];
  private readonly combos: readonly Combo[];
  private readonly isMask: Uint8Array;
  private readonly model: NgramModel | null;
  private readonly ngramWeight: number;
  private readonly ngramTemperature: number;
  private readonly ngram: Float64Array;
  private readonly ngramShare: Float64Array;

  // Scratch state reused by every call (classification is synchronous, so never shared).
  private readonly score: Float64Array;
  private readonly touched: number[] = [];
  private readonly present: Uint32Array;
  private readonly counted: Uint32Array;
  private readonly comboSeen: Uint32Array;
  private stamp = 0;
  private matchStart = new Int32Array(64);
  private matchEnd = new Int32Array(64);
  private matchPattern = new Int32Array(64);
  private matchCount = 0;

  constructor(config: ClassifierConfig = {}) {
    const types = config.types ?? alertTypes;
    const masks = config.masks ?? MASK_PHRASES;
    const training = config.training ?? loadTrainingExamples();
    this.types = types;
    this.model = training.length > 0 ? new NgramModel(training, types.map((t) => t.code)) : null;
    this.ngramWeight = config.ngramWeight ?? 4;
    this.ngramTemperature = config.ngramTemperature ?? 4;
    this.ngram = new Float64Array(types.length);
    this.ngramShare = new Float64Array(types.length);
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
    types.forEach((t, type) => {
      for (const { phrase, weight } of t.keywords) {
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
    this.score = new Float64Array(types.length);
    this.present = new Uint32Array(patterns.length);
    this.counted = new Uint32Array(patterns.length);
    this.comboSeen = new Uint32Array(combos.length);
  }

  get patternCount(): number {
    return this.matcher.patterns.length;
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

  /** Scores `text` into `this.score`; returns the scoring type indexes, best first. */
  private run(text: string, matched: Map<number, string[]> | null): number[] {
    for (const t of this.touched) this.score[t] = 0;
    this.touched.length = 0;
    this.ngramShare.fill(0);
    this.matchCount = 0;
    if (++this.stamp === 0xffffffff) this.resetStamps();
    this.matcher.scan(text, this.onMatch);

    const { matchPattern, stamp } = this;
    const n = this.matchCount;
    for (let i = 0; i < n; i++) {
      const p = matchPattern[i];
      if (this.combosOf[p].length > 0 && !this.insideLonger(i, true)) this.present[p] = stamp;
      const own = this.entries[p];
      if (own.length === 0 || this.counted[p] === stamp || this.insideLonger(i, false)) continue;
      this.counted[p] = stamp;
      for (const e of own) this.add(e, matched);
    }
    for (let i = 0; i < n; i++) {
      for (const c of this.combosOf[matchPattern[i]]) {
        if (this.comboSeen[c] === stamp) continue;
        this.comboSeen[c] = stamp;
        const combo = this.combos[c];
        if (combo.parts.every((part) => this.present[part] === stamp)) this.add(combo, matched);
      }
    }

    if (this.model) this.addNgram(text);

    const types = this.types;
    return [...this.touched].sort(
      (a, b) => this.score[b] - this.score[a] || types[a].priority - types[b].priority || a - b,
    );
  }

  /** Is match `i` inside a longer match of a mask (or, unless `masksOnly`, of a keyword)? */
  private insideLonger(i: number, masksOnly: boolean): boolean {
    const { matchStart, matchEnd, matchPattern, patternLength } = this;
    const length = patternLength[matchPattern[i]];
    for (let j = 0; j < this.matchCount; j++) {
      const q = matchPattern[j];
      if (patternLength[q] <= length || matchStart[j] > matchStart[i] || matchEnd[j] < matchEnd[i]) continue;
      if (this.isMask[q] || (!masksOnly && this.entries[q].length > 0)) return true;
    }
    return false;
  }

  private readonly onMatch = (pattern: number, end: number): void => {
    if (this.matchCount === this.matchStart.length) this.grow();
    const k = this.matchCount++;
    this.matchStart[k] = end - this.patternLength[pattern];
    this.matchEnd[k] = end;
    this.matchPattern[k] = pattern;
  };

  /** Spreads `ngramWeight` over the types by the model's softmax probabilities. */
  private addNgram(text: string): void {
    const logOdds = this.ngram;
    logOdds.fill(0);
    if (this.ngramWeight <= 0 || this.model!.score(text, logOdds) === 0) return;
    let max = -Infinity;
    for (let k = 0; k < logOdds.length; k++) if (logOdds[k] > max) max = logOdds[k];
    let sum = 0;
    for (let k = 0; k < logOdds.length; k++) {
      logOdds[k] = Math.exp((logOdds[k] - max) / this.ngramTemperature);
      sum += logOdds[k];
    }
    for (let k = 0; k < logOdds.length; k++) {
      const p = logOdds[k] / sum;
      if (p < NGRAM_FLOOR) continue;
      if (this.score[k] === 0) this.touched.push(k);
      this.score[k] += this.ngramWeight * p;
      this.ngramShare[k] = this.ngramWeight * p;
    }
  }

  private add(entry: Entry, matched: Map<number, string[]> | null): void {
    if (this.score[entry.type] === 0) this.touched.push(entry.type);
    this.score[entry.type] += entry.weight;
    if (matched) {
      const list = matched.get(entry.type) ?? [];
      list.push(entry.keyword);
      matched.set(entry.type, list);
    }
  }

  private confidence(order: readonly number[], i: number): number {
    const s = this.score[order[i]];
    if (s <= 0) return 0;
    const rival = i === 0 ? (order.length > 1 ? this.score[order[1]] : 0) : this.score[order[0]];
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
