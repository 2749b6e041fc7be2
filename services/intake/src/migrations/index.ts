import { IntakeTables1764310000000 } from './intake-tables.migration.ts';
import { IntakePrepareBatch1764310000001 } from './prepare-batch.migration.ts';
import { IntakeRepeatCandidates1764310000002 } from './repeat-candidates.migration.ts';
import { IntakeBatchGroundCheck1764310000003 } from './batch-ground-check.migration.ts';
import { IntakeCandidateCheck1764310000004 } from './candidate-check.migration.ts';
import { IntakeSearchIndexOnly1764310000005 } from './search-index-only.migration.ts';
import { IntakeAlertIncidentCheck1764310000006 } from './alert-incident-check.migration.ts';
import { IntakeRequestUpdates1764310000008 } from './request-updates.migration.ts';
import { IntakeLearnedExamples1764310000009 } from './learned-examples.migration.ts';
import { INTAKE_MESSAGING_MIGRATIONS, OutboxNotifyFunctionDropped1764310000007 } from './messaging/index.ts';

/** In order; `npm run migrate -- intake` applies the pending ones. */
export const migrations = [
  ...INTAKE_MESSAGING_MIGRATIONS, IntakeTables1764310000000, IntakePrepareBatch1764310000001, IntakeRepeatCandidates1764310000002, IntakeBatchGroundCheck1764310000003,
  IntakeCandidateCheck1764310000004, IntakeSearchIndexOnly1764310000005, IntakeAlertIncidentCheck1764310000006,
  OutboxNotifyFunctionDropped1764310000007, IntakeRequestUpdates1764310000008, IntakeLearnedExamples1764310000009,
];
