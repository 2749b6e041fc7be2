import type { DistrictProblem } from './district.validator.ts';

/** A district file that cannot be used; `problems` lists everything wrong with it, not just the first. */
export class DistrictValidationError extends Error {
  readonly code = 'DISTRICT.INVALID_FILE';

  constructor(
    readonly problems: readonly DistrictProblem[],
    readonly source?: string,
  ) {
    super(
      `district file ${source ?? '(in memory)'} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'DistrictValidationError';
  }
}
