import { readFileSync } from 'node:fs';
import type { TrainingExample } from './ngram.model.ts';

// Example descriptions the n-gram model learns from. Kept apart from test-data/, which measures
// the classifier and must never be trained on.
const TRAINING_FILE = new URL('../data/training-alerts.json', import.meta.url);

let cached: readonly TrainingExample[] | undefined;

export function loadTrainingExamples(): readonly TrainingExample[] {
  cached ??= Object.freeze(JSON.parse(readFileSync(TRAINING_FILE, 'utf8')) as TrainingExample[]);
  return cached;
}
