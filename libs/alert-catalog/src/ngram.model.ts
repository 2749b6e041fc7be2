import { foldCharCode } from './text.normalizer.ts';

export interface TrainingExample {
  readonly code: string;
  readonly text: string;
}

const SMOOTHING = 0.1;
/**
 * Bound on one n-gram's log-odds: an n-gram seen once in a type and nowhere else would otherwise
 * decide a text on its own (羽绒服 once in a theft makes a weather question a theft).
 */
const MAX_LOG_ODDS = 4;
/** Work units (an example, or a feature's row of weights) between two pauses of a sliced training. */
const SLICE = 1500;

const HAN_FIRST = 0x4e00;
const HAN_COUNT = 0x9fff - HAN_FIRST + 1;

function isHan(unit: number): boolean {
  return unit >= HAN_FIRST && unit <= 0x9fff;
}

/**
 * Feature keys: a character is its offset in the CJK block (< HAN_COUNT), a bigram HAN_COUNT
 * past the pair's offset, so every key stays a small integer (fast Map keys in V8).
 */
const unigramKey = (unit: number): number => unit - HAN_FIRST;
const bigramKey = (prev: number, unit: number): number => HAN_COUNT + (prev - HAN_FIRST) * HAN_COUNT + (unit - HAN_FIRST);

interface Trained {
  readonly index: Map<number, number>;
  readonly weights: Float32Array;
}

/**
 * Trains the model, yielding after every SLICE units of work so that a caller on a busy event loop
 * (intake rebuilding its classifier) can pause between slices; `new NgramModel` runs it through.
 */
function* train(examples: readonly TrainingExample[], classes: readonly string[]): Generator<void, Trained> {
  const classOf = new Map(classes.map((c, i) => [c, i]));
  const n = classes.length;
  const docs = new Float64Array(n);
  const index = new Map<number, number>();
  const counts: Float64Array[] = [];
  let work = 0;
  for (const { code, text } of examples) {
    const k = classOf.get(code);
    if (k === undefined) throw new Error(`training example for unknown type ${code}`);
    docs[k]++;
    for (const key of new Set(NgramModel.keys(text))) {
      let f = index.get(key);
      if (f === undefined) {
        f = counts.length;
        index.set(key, f);
        counts.push(new Float64Array(n));
      }
      counts[f][k]++;
    }
    if (++work % SLICE === 0) yield;
  }
  let total = 0;
  for (let k = 0; k < n; k++) total += docs[k];
  const weights = new Float32Array(counts.length * n);
  for (let f = 0; f < counts.length; f++) {
    const perClass = counts[f];
    let all = 0;
    for (let k = 0; k < n; k++) all += perClass[k];
    for (let k = 0; k < n; k++) {
      if (docs[k] === 0) continue;
      const inClass = (perClass[k] + SMOOTHING) / (docs[k] + 2 * SMOOTHING);
      const elsewhere = (all - perClass[k] + SMOOTHING) / (total - docs[k] + 2 * SMOOTHING);
      weights[f * n + k] = Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, Math.log(inClass / elsewhere)));
    }
    if (++work % SLICE === 0) yield;
  }
  return { index, weights };
}

/**
 * Character unigram + bigram naive Bayes over Han characters (no word segmentation needed). It
 * generalises where keyword lists run out: trained on example descriptions, it scores every type
 * by the log-odds of the n-grams present in the text. Only present n-grams count, each once; an
 * n-gram never seen in training says nothing, so gibberish scores 0 for every type.
 */
export class NgramModel {
  readonly classes: readonly string[];
  private readonly index: Map<number, number>;
  private readonly weights: Float32Array;
  private readonly seen: Uint32Array;
  private stamp = 0;

  /** `trained`: internal, the result of a sliced training (see `trainInSlices`). */
  constructor(examples: readonly TrainingExample[], classes: readonly string[], trained?: Trained) {
    this.classes = classes;
    if (!trained) {
      const steps = train(examples, classes);
      let step = steps.next();
      while (!step.done) step = steps.next();
      trained = step.value;
    }
    this.index = trained.index;
    this.weights = trained.weights;
    this.seen = new Uint32Array(trained.index.size);
  }

  /** The same model, trained in slices with `pause()` awaited between them (a few ms of work each). */
  static async trainInSlices(examples: readonly TrainingExample[], classes: readonly string[], pause: () => Promise<void>): Promise<NgramModel> {
    const steps = train(examples, classes);
    let step = steps.next();
    while (!step.done) {
      await pause();
      step = steps.next();
    }
    return new NgramModel(examples, classes, step.value);
  }

  get featureCount(): number {
    return this.index.size;
  }

  /** Adds each class's log-odds for `text` into `out` (length = classes). Returns n-grams used. */
  score(text: string, out: Float64Array): number {
    if (++this.stamp === 0xffffffff) {
      this.seen.fill(0);
      this.stamp = 1;
    }
    const n = this.classes.length;
    let used = 0;
    let prev = -1;
    for (let i = 0; i <= text.length; i++) {
      const unit = i < text.length ? foldCharCode(text.charCodeAt(i)) : 0;
      const han = isHan(unit);
      if (han) used += this.add(unigramKey(unit), out, n);
      if (han && prev >= 0) used += this.add(bigramKey(prev, unit), out, n);
      prev = han ? unit : -1;
    }
    return used;
  }

  private add(key: number, out: Float64Array, n: number): number {
    const f = this.index.get(key);
    if (f === undefined || this.seen[f] === this.stamp) return 0;
    this.seen[f] = this.stamp;
    for (let k = 0, base = f * n; k < n; k++) out[k] += this.weights[base + k];
    return 1;
  }

  static keys(text: string): number[] {
    const keys: number[] = [];
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const unit = foldCharCode(text.charCodeAt(i));
      if (!isHan(unit)) {
        prev = -1;
        continue;
      }
      keys.push(unigramKey(unit));
      if (prev >= 0) keys.push(bigramKey(prev, unit));
      prev = unit;
    }
    return keys;
  }
}
