import { foldCharCode } from './text.normalizer.ts';

export interface TrainingExample {
  readonly code: string;
  readonly text: string;
}

const SMOOTHING = 0.1;

function isHan(unit: number): boolean {
  return unit >= 0x4e00 && unit <= 0x9fff;
}

/**
 * Character unigram + bigram naive Bayes over Han characters (no word segmentation needed). It
 * generalises where keyword lists run out: trained on example descriptions, it scores every type
 * by the log-odds of the n-grams present in the text. Only present n-grams count, each once; an
 * n-gram never seen in training says nothing, so gibberish scores 0 for every type.
 */
export class NgramModel {
  readonly classes: readonly string[];
  private readonly index = new Map<number, number>();
  private readonly weights: Float32Array;
  private readonly seen: Uint32Array;
  private stamp = 0;

  constructor(examples: readonly TrainingExample[], classes: readonly string[]) {
    this.classes = classes;
    const classOf = new Map(classes.map((c, i) => [c, i]));
    const docs: number[] = new Array(classes.length).fill(0);
    const counts: number[][] = [];
    for (const { code, text } of examples) {
      const k = classOf.get(code);
      if (k === undefined) throw new Error(`training example for unknown type ${code}`);
      docs[k]++;
      for (const key of new Set(NgramModel.keys(text))) {
        let f = this.index.get(key);
        if (f === undefined) {
          f = counts.length;
          this.index.set(key, f);
          counts.push(new Array(classes.length).fill(0));
        }
        counts[f][k]++;
      }
    }
    const total = examples.length;
    const n = classes.length;
    this.weights = new Float32Array(counts.length * n);
    counts.forEach((perClass, f) => {
      const all = perClass.reduce((a, b) => a + b, 0);
      for (let k = 0; k < n; k++) {
        if (docs[k] === 0) continue;
        const inClass = (perClass[k] + SMOOTHING) / (docs[k] + 2 * SMOOTHING);
        const elsewhere = (all - perClass[k] + SMOOTHING) / (total - docs[k] + 2 * SMOOTHING);
        this.weights[f * n + k] = Math.log(inClass / elsewhere);
      }
    });
    this.seen = new Uint32Array(counts.length);
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
      if (han) used += this.add(unit, out, n);
      if (han && prev >= 0) used += this.add(0x10000 + prev * 0x10000 + unit, out, n);
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

  private static keys(text: string): number[] {
    const keys: number[] = [];
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      const unit = foldCharCode(text.charCodeAt(i));
      if (!isHan(unit)) {
        prev = -1;
        continue;
      }
      keys.push(unit);
      if (prev >= 0) keys.push(0x10000 + prev * 0x10000 + unit);
      prev = unit;
    }
    return keys;
  }
}
