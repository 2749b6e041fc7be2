import { DomainError } from '@jingwang/http';
import type { StaffProblem } from './staff-file.validator.ts';

/**
 * A staff file that cannot be used stops the start: `problems` lists everything wrong with it,
 * each with its path in the file, not just the first (they are in `details` too).
 */
export class StaffFileInvalidError extends DomainError {
  constructor(
    readonly problems: readonly StaffProblem[],
    readonly source: string,
  ) {
    super(
      'DISPATCH.STAFF_FILE_INVALID',
      `staff file ${source} has ${problems.length} problem${problems.length === 1 ? '' : 's'} (fix them or point DISPATCH_STAFF_FILE at another file):\n` +
        problems.map((p) => `  ${p.path}  [${p.code}]  ${p.message}`).join('\n'),
      500,
      problems,
    );
    this.name = 'StaffFileInvalidError';
  }
}

/** Dispatch's staff-file codes; the HTTP ones live in dispatch.errors.ts. */
export const StaffErrors = {
  unreadable: (source: string, reason: string) =>
    new DomainError('DISPATCH.STAFF_FILE_UNREADABLE', `cannot read staff file ${source} (set DISPATCH_STAFF_FILE to a readable file, or unset it for the bundled sample): ${reason}`, 500),
  /** The database has this version with other content: versions name content, so an edited file needs a new one. */
  versionReused: (version: string, source: string, loadedAt: string) =>
    new DomainError(
      'DISPATCH.STAFF_FILE_VERSION_REUSED',
      `staff file ${source} is version "${version}", but a different file with that version was loaded on ${loadedAt}; give the changed file a new version (e.g. "${version}.1")`,
      500,
      { version, source, loadedAt },
    ),
};
