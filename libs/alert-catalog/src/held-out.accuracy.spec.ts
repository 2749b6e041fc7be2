import { readFileSync } from 'node:fs';
import { AlertClassifier } from './alert.classifier.ts';
import { alertTypes } from './catalog.registry.ts';
import { formatHeldOutReport, heldOutReport, loadHeldOut } from './held-out.report.ts';
import { NO_MATTER_CUES } from './no-matter.data.ts';
import { normalizeText } from './text.normalizer.ts';
import { loadNoMatterExamples, loadTrainingExamples } from './training.data.ts';

// The held-out set (held-out/README.md): descriptions no keyword or training sentence was tuned
// on. This spec is, with the report, the only reader of it.
const items = loadHeldOut();
/** What makes two descriptions the same: folded Han characters, letters and digits only. */
const same = (text: string) => normalizeText(text).replace(/[^\u4e00-\u9fffa-z0-9]/g, '');
const heldOut = new Set(items.map((x) => same(x.text)));
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

describe('held-out set', () => {
  it('has at least 4 descriptions of every type and 40 that go to triage, each once', () => {
    const perType = new Map<string, number>();
    for (const { typeCode } of items) perType.set(typeCode ?? 'null', (perType.get(typeCode ?? 'null') ?? 0) + 1);
    expect(alertTypes.filter((t) => (perType.get(t.code) ?? 0) < 4).map((t) => t.code)).toEqual([]);
    expect(perType.size).toBe(64);
    expect(perType.get('null')).toBeGreaterThanOrEqual(40);
    expect(heldOut.size).toBe(items.length);
  });

  it('is kept apart: in no training, no-matter, test or dev set, no keyword or cue is one of its sentences', () => {
    const elsewhere = [
      ...loadTrainingExamples().map((x) => x.text),
      ...loadNoMatterExamples(),
      ...(JSON.parse(read('../test-data/labelled-alerts.json')) as { text: string }[]).map((x) => x.text),
      ...(JSON.parse(read('../test-data/dev-alerts.json')) as { text: string }[]).map((x) => x.text),
    ];
    expect(elsewhere.filter((t) => heldOut.has(same(t)))).toEqual([]);
    const phrases = [...alertTypes.flatMap((t) => t.keywords.map((k) => k.phrase)), ...NO_MATTER_CUES.split(/\s+/).map((k) => k.split(':')[0])];
    expect(phrases.flatMap((p) => p.split('+')).filter((p) => heldOut.has(same(p)))).toEqual([]);
  });

  it('is read by nothing that builds or tunes the classifier', () => {
    for (const file of ['alert.classifier.ts', 'ngram.model.ts', 'learned.memory.ts', 'training.data.ts', 'case-team.data.ts', 'community.data.ts', 'masks.data.ts', 'no-matter.data.ts', 'catalog.registry.ts', 'text.normalizer.ts']) {
      expect([file, /held-out\.(jsonl|report)/.test(read(`./${file}`))]).toEqual([file, false]);
    }
  });

  it('is classified well: top-1 >= 90 %, lane >= 95 %, no matter -> triage >= 90 %', () => {
    const classifier = new AlertClassifier();
    const report = heldOutReport((text) => classifier.classify(text), items);
    console.log(formatHeldOutReport(report, { misses: false }));
    expect(report.top1).toBeGreaterThanOrEqual(0.9);
    expect(report.lane).toBeGreaterThanOrEqual(0.95);
    expect(report.noMatterTriaged).toBeGreaterThanOrEqual(0.9);
  });
});
