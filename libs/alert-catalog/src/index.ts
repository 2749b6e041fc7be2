// @jingwang/alert-catalog: the station's 63 alert types, their lanes and SLAs, a keyword
// classifier for free-text descriptions, and the Open311 service list. Plain TypeScript only.
export type {
  AlertCategory,
  AlertSla,
  AlertType,
  AlertTypeCode,
  AlertTypeSpec,
  DisputeFamily,
  Keyword,
  Lane,
  Priority,
} from './alert-type.model.ts';
export { CATEGORY_NAMES_ZH, LANES } from './alert-type.model.ts';
export {
  PRIORITY_SLA,
  alertTypes,
  areRelatedTypes,
  getAlertType,
  isAlertTypeCode,
  parseKeywords,
  typesByLane,
} from './catalog.registry.ts';
export type { ClassifierConfig, Classification, ClassifyOptions, Explanation, LearnedExample, RankedType } from './alert.classifier.ts';
export { AlertClassifier, DEFAULT_LIMIT, DEFAULT_THRESHOLD, classify } from './alert.classifier.ts';
export type { Open311Options, Open311Service } from './open311.mapper.ts';
export { open311Services, toOpen311Service } from './open311.mapper.ts';
export type { HeldOutItem, HeldOutMiss, HeldOutReport } from './held-out.report.ts';
export { HELD_OUT_FILE, formatHeldOutReport, heldOutReport, loadHeldOut } from './held-out.report.ts';
export type { TrainingExample } from './ngram.model.ts';
export { loadNoMatterExamples, loadTrainingExamples } from './training.data.ts';
export { normalizeText, toSimplified } from './text.normalizer.ts';
