import { readFileSync } from 'node:fs';
import type { TrainingExample } from './ngram.model.ts';

// Example descriptions the n-gram model learns from. Kept apart from test-data/, which measures
// the classifier and must never be trained on, and from held-out/, which nothing is tuned on.
const TRAINING_FILE = new URL('../data/training-alerts.json', import.meta.url);
// What callers say that is no matter for the station, or too vague to type: the model's "no
// matter" class, the rival that sends such texts to triage.
const NO_MATTER_FILE = new URL('../data/no-matter.json', import.meta.url);

let cached: readonly TrainingExample[] | undefined;
let noMatter: readonly string[] | undefined;

export function loadTrainingExamples(): readonly TrainingExample[] {
  cached ??= Object.freeze(JSON.parse(readFileSync(TRAINING_FILE, 'utf8')) as TrainingExample[]);
  return cached;
}

export function loadNoMatterExamples(): readonly string[] {
  noMatter ??= Object.freeze(JSON.parse(readFileSync(NO_MATTER_FILE, 'utf8')) as string[]);
  return noMatter;
}
