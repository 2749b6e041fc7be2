import { foldCharCode } from './text.normalizer.ts';

/** A learned description counts for a text whose character bigrams overlap it this much (Dice). */
export const MIN_SIMILARITY = 0.5;
/** Bigrams in more learned descriptions than this say little and cost much: not looked up. */
const MAX_POSTINGS = 64;
/** Descriptions indexed between two pauses of a sliced build (a few milliseconds). */
const SLICE = 100;

/** Han characters, Latin letters and digits, folded, in a small range (< FOLDED_RANGE). */
const FOLDED_RANGE = 128 + 0x5200;
function folded(unit: number): number {
  const u = foldCharCode(unit);
  if (u >= 0x4e00 && u <= 0x9fff) return 128 + u - 0x4e00;
  if ((u >= 0x61 && u <= 0x7a) || (u >= 0x30 && u <= 0x39)) return u;
  return -1;
}

/** Distinct bigrams of the text's folded characters (punctuation, spaces and symbols left out), and its folded key. */
function bigramsOf(text: string): { key: string; bigrams: number[] } {
  const codes: number[] = [];
  const bigrams: number[] = [];
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const f = folded(text.charCodeAt(i));
    if (f < 0) continue;
    codes.push(f);
    if (prev >= 0) bigrams.push(prev * FOLDED_RANGE + f);
    prev = f;
  }
  bigrams.sort((a, b) => a - b);
  let distinct = 0;
  for (let i = 0; i < bigrams.length; i++) if (i === 0 || bigrams[i] !== bigrams[i - 1]) bigrams[distinct++] = bigrams[i];
  bigrams.length = distinct;
  // The key only has to tell descriptions apart: folded values, not characters.
  let key = '';
  for (let i = 0; i < codes.length; i += 4096) key += String.fromCharCode(...codes.slice(i, i + 4096));
  return { key, bigrams };
}

export interface Learned {
  readonly text: string;
  /** Index of the type in the classifier's catalogue. */
  readonly type: number;
}


interface Index {
  /** Per distinct description (entry): its distinct bigram count. */
  readonly sizes: Int32Array;
  /** Per entry: [type, corrections, type, corrections, ...] (the same description corrected more than once). */
  readonly votes: readonly number[][];
  readonly exact: Map<string, number>;
  readonly postings: Map<number, number[]>;
}

function* index(learned: readonly Learned[]): Generator<void, Index> {
  const sizes: number[] = [];
  const votes: number[][] = [];
  const exact = new Map<string, number>();
  const postings = new Map<number, number[]>();
  for (let i = 0; i < learned.length; i++) {
    const { key, bigrams } = bigramsOf(learned[i].text);
    let e = exact.get(key);
    if (e === undefined) {
      e = sizes.length;
      exact.set(key, e);
      sizes.push(bigrams.length);
      votes.push([]);
      for (const b of bigrams) {
        const list = postings.get(b);
        if (list) list.push(e);
        else postings.set(b, [e]);
      }
    }
    const v = votes[e];
    const at = v.findIndex((type, k) => k % 2 === 0 && type === learned[i].type);
    if (at >= 0) v[at + 1]++;
    else v.push(learned[i].type, 1);
    if ((i + 1) % SLICE === 0) yield;
  }
  return { sizes: Int32Array.from(sizes), votes, exact, postings };
}

/**
 * Call-takers' corrections, recalled for descriptions like them: the same description (whatever
 * its punctuation, spaces, script or case) or one sharing most of its character bigrams. A
 * correction changes the classification of its own and similar wording only, never the
 * statistics every other classification rests on: one wrong correction cannot make the
 * classifier worse elsewhere, and several right ones outvote it.
 */
export class LearnedMemory {
  /** Corrections it holds. */
  readonly size: number;
  private readonly ix: Index;
  private readonly overlap: Int32Array;
  private readonly stampOf: Uint32Array;
  private readonly hits: number[] = [];
  private readonly byType = new Map<number, number>();
  private stamp = 0;

  constructor(learned: readonly Learned[], built?: Index) {
    if (!built) {
      const steps = index(learned);
      let step = steps.next();
      while (!step.done) step = steps.next();
      built = step.value;
    }
    this.ix = built;
    this.size = learned.length;
    this.overlap = new Int32Array(built.sizes.length);
    this.stampOf = new Uint32Array(built.sizes.length);
  }

  /** The same memory, indexed a slice at a time with `pause()` awaited in between. */
  static async buildInSlices(learned: readonly Learned[], pause: () => Promise<void>): Promise<LearnedMemory> {
    const steps = index(learned);
    let step = steps.next();
    while (!step.done) {
      await pause();
      step = steps.next();
    }
    return new LearnedMemory(learned, step.value);
  }

  /**
   * Calls `recall(type, share)` for each type that descriptions like `text` were corrected to:
   * `share` is the type's part of the similarity-weighted votes times the best similarity (0..1).
   */
  recall(text: string, recall: (type: number, share: number) => void): void {
    if (this.size === 0) return;
    if (++this.stamp === 0xffffffff) {
      this.stampOf.fill(0);
      this.stamp = 1;
    }
    const { key, bigrams } = bigramsOf(text);
    const { sizes, votes, exact, postings } = this.ix;
    const { overlap, stampOf, hits, stamp, byType } = this;
    hits.length = 0;
    for (const b of bigrams) {
      const list = postings.get(b);
      if (!list || list.length > MAX_POSTINGS) continue;
      for (const e of list) {
        if (stampOf[e] !== stamp) {
          stampOf[e] = stamp;
          overlap[e] = 0;
          hits.push(e);
        }
        overlap[e]++;
      }
    }
    byType.clear();
    let best = 0;
    let all = 0;
    const same = key ? exact.get(key) : undefined;
    const vote = (e: number, similarity: number) => {
      const v = votes[e];
      for (let k = 0; k < v.length; k += 2) {
        byType.set(v[k], (byType.get(v[k]) ?? 0) + similarity * v[k + 1]);
        all += similarity * v[k + 1];
      }
      if (similarity > best) best = similarity;
    };
    if (same !== undefined) vote(same, 1);
    for (const e of hits) {
      if (e === same) continue;
      const dice = (2 * overlap[e]) / (sizes[e] + bigrams.length);
      if (dice >= MIN_SIMILARITY) vote(e, dice);
    }
    if (all === 0) return;
    for (const [type, v] of byType) recall(type, (v / all) * best);
  }
}
