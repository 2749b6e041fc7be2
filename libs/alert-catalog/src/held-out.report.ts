import { readFileSync } from 'node:fs';
import type { AlertTypeCode } from './alert-type.model.ts';
import type { Classification } from './alert.classifier.ts';
import { getAlertType, isAlertTypeCode } from './catalog.registry.ts';

// The held-out set measures the classifier on descriptions no keyword or training sentence was
// ever tuned on. Only this report and its specs read it: see held-out/README.md.
export const HELD_OUT_FILE = new URL('../held-out/held-out.jsonl', import.meta.url);

export interface HeldOutItem {
  readonly text: string;
  /** null: vague or no matter for the station, must go to triage. */
  readonly typeCode: AlertTypeCode | null;
}

export interface HeldOutMiss {
  readonly expected: AlertTypeCode | null;
  /** What intake would store: the top type, or null when it goes to triage. */
  readonly got: AlertTypeCode | null;
  readonly text: string;
}

export interface HeldOutReport {
  /** Typed texts (the expected type is one of the 63). */
  readonly typed: number;
  /** Share of typed texts given the right type without triage: what intake stores. */
  readonly top1: number;
  /** Share of typed texts whose right type is ranked first, triage or not. */
  readonly top1Ranked: number;
  /** Share of typed texts routed to the right lane without triage. */
  readonly lane: number;
  /** Share of typed texts given a type of the other lane: officers of the wrong team. */
  readonly wrongLane: number;
  /** Share of typed texts sent to triage. */
  readonly typedTriaged: number;
  /** Vague or no-matter texts. */
  readonly noMatter: number;
  /** Share of them sent to triage. */
  readonly noMatterTriaged: number;
  /** Every typed text not given its type, and every no-matter text given one. */
  readonly misses: readonly HeldOutMiss[];
}

export function loadHeldOut(file: URL = HELD_OUT_FILE): HeldOutItem[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const item = JSON.parse(line) as HeldOutItem;
      if (typeof item.text !== 'string' || (item.typeCode !== null && !isAlertTypeCode(item.typeCode))) {
        throw new Error(`held-out line ${i + 1}: needs { text, typeCode: one of the 63 or null }`);
      }
      return item;
    });
}

/** Runs `classify` over the items (intake's view: a triaged text has no type). */
export function heldOutReport(
  classify: (text: string) => Classification,
  items: readonly HeldOutItem[] = loadHeldOut(),
): HeldOutReport {
  let typed = 0;
  let right = 0;
  let ranked = 0;
  let laneRight = 0;
  let laneWrong = 0;
  let triaged = 0;
  let noMatter = 0;
  let noMatterTriaged = 0;
  const misses: HeldOutMiss[] = [];
  for (const { text, typeCode } of items) {
    const result = classify(text);
    const top = result.ranked[0]?.code ?? null;
    const got = result.needsTriage ? null : top;
    if (typeCode === null) {
      noMatter++;
      if (got === null) noMatterTriaged++;
      else misses.push({ expected: null, got, text });
      continue;
    }
    typed++;
    if (top === typeCode) ranked++;
    if (got === null) triaged++;
    if (got === typeCode) right++;
    else misses.push({ expected: typeCode, got, text });
    if (got !== null) {
      if (getAlertType(got)!.lane === getAlertType(typeCode)!.lane) laneRight++;
      else laneWrong++;
    }
  }
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  return {
    typed,
    top1: share(right, typed),
    top1Ranked: share(ranked, typed),
    lane: share(laneRight, typed),
    wrongLane: share(laneWrong, typed),
    typedTriaged: share(triaged, typed),
    noMatter,
    noMatterTriaged: share(noMatterTriaged, noMatter),
    misses,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function formatHeldOutReport(report: HeldOutReport, { misses = true } = {}): string {
  const lines = [
    `held-out: ${report.typed} typed descriptions, ${report.noMatter} vague or no matter`,
    `  top-1 (typed right, not triaged)  ${pct(report.top1)}   (ranked first: ${pct(report.top1Ranked)})`,
    `  lane right                        ${pct(report.lane)}   (wrong lane: ${pct(report.wrongLane)}, triaged: ${pct(report.typedTriaged)})`,
    `  no matter -> triage               ${pct(report.noMatterTriaged)}`,
  ];
  if (misses && report.misses.length > 0) {
    lines.push('misses (expected -> got):');
    const byType = new Map<string, HeldOutMiss[]>();
    for (const m of report.misses) {
      const key = m.expected ?? '(no matter)';
      byType.set(key, [...(byType.get(key) ?? []), m]);
    }
    for (const [key, list] of [...byType].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))) {
      for (const m of list) lines.push(`  ${key} -> ${m.got ?? 'triage'}: ${m.text}`);
    }
  }
  return lines.join('\n');
}
