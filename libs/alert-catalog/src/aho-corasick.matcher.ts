import { foldCharCode } from './text.normalizer.ts';

/**
 * Aho-Corasick automaton over UTF-16 units: one pass over the text finds every occurrence of
 * every pattern, whatever their number. Text is folded (traditional -> simplified, case, width)
 * unit by unit while scanning, so no normalised copy is allocated.
 */
export class AhoCorasickMatcher {
  readonly patterns: readonly string[];
  // Edge (state, unit) -> state, keyed state * 0x10000 + unit: one flat Map beats a Map per node.
  private readonly edges = new Map<number, number>();
  private readonly fail: Int32Array;
  // Patterns ending at each state (own and inherited through fail links), as CSR slices.
  private readonly outStart: Int32Array;
  private readonly outIds: Int32Array;

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    const own: number[][] = [[]];
    let states = 1;
    patterns.forEach((pattern, id) => {
      if (!pattern) throw new Error('empty pattern');
      let s = 0;
      for (let i = 0; i < pattern.length; i++) {
        const key = s * 0x10000 + pattern.charCodeAt(i);
        let next = this.edges.get(key);
        if (next === undefined) {
          next = states++;
          this.edges.set(key, next);
          own.push([]);
        }
        s = next;
      }
      own[s].push(id);
    });

    const children: number[][] = Array.from({ length: states }, () => []);
    for (const [key, to] of this.edges) children[Math.floor(key / 0x10000)].push(key % 0x10000, to);

    // Breadth-first, so a state's fail target is finished before the state itself.
    this.fail = new Int32Array(states);
    const outputs: number[][] = own.map((ids) => [...ids]);
    const queue: number[] = [];
    for (let k = 0; k < children[0].length; k += 2) queue.push(children[0][k + 1]);
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head];
      const kids = children[s];
      for (let k = 0; k < kids.length; k += 2) {
        const unit = kids[k];
        const child = kids[k + 1];
        let f = this.fail[s];
        let target = this.edges.get(f * 0x10000 + unit);
        while (target === undefined && f !== 0) {
          f = this.fail[f];
          target = this.edges.get(f * 0x10000 + unit);
        }
        this.fail[child] = target ?? 0;
        outputs[child].push(...outputs[this.fail[child]]);
        queue.push(child);
      }
    }

    this.outStart = new Int32Array(states + 1);
    const flat: number[] = [];
    outputs.forEach((ids, s) => {
      this.outStart[s] = flat.length;
      flat.push(...ids);
    });
    this.outStart[states] = flat.length;
    this.outIds = Int32Array.from(flat);
  }

  /** Calls `onMatch(patternId, end)` for each occurrence; `end` is exclusive. */
  scan(text: string, onMatch: (pattern: number, end: number) => void): void {
    const { edges, fail, outStart, outIds } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = foldCharCode(text.charCodeAt(i));
      let next = edges.get(s * 0x10000 + unit);
      while (next === undefined && s !== 0) {
        s = fail[s];
        next = edges.get(s * 0x10000 + unit);
      }
      s = next ?? 0;
      for (let k = outStart[s]; k < outStart[s + 1]; k++) onMatch(outIds[k], i + 1);
    }
  }
}
