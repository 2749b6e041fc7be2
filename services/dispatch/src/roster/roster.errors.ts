import { DomainError, type FieldProblem } from '@jingwang/http';

/** One wrong field of a roster change: its code, and the problem with the fix. */
export interface RosterProblem extends FieldProblem {
  readonly code: string;
}

const one = (code: string, field: string, problem: string, status = 400) => new DomainError(code, `${field}: ${problem}`, status, [{ field, problems: [problem] }]);

/**
 * The roster's refusals (a 4xx, nothing changed). A manual change is checked whole: its refusal
 * lists every wrong field in `details`, under the first problem's code.
 */
export const RosterErrors = {
  invalidDay: (field: string) => one('REQUEST.INVALID', field, 'must be a date written YYYY-MM-DD, e.g. 2031-03-03'),
  rangeBackwards: (field: string) => one('REQUEST.INVALID', field, 'must not be before from'),
  rangeTooLong: (field: string, max: number) => one('REQUEST.INVALID', field, `at most ${max} days after from (ask for the rest in another request)`),
  noStaff: () => new DomainError('DISPATCH.NO_STAFF', 'nobody to roster: dispatch.staff has no active people (is the staff file loaded? see DISPATCH_STAFF_FILE)', 409),

  unknownShift: (field: string, shift: string, known: readonly string[]): RosterProblem => ({
    code: 'DISPATCH.UNKNOWN_SHIFT',
    field,
    problems: [`"${shift}" is not a shift; the shifts are ${known.join(', ')} (DISPATCH_SHIFTS)`],
  }),
  postTwice: (field: string, shift: string, post: string): RosterProblem => ({
    code: 'REQUEST.INVALID',
    field,
    problems: [`shift ${shift}, post ${post} is given twice: list each post of a shift once, with all its people`],
  }),
  unknownStaff: (field: string, code: string): RosterProblem => ({ code: 'DISPATCH.UNKNOWN_STAFF', field, problems: [`${code} is not a staff code (GET /v1/staff lists them)`] }),
  inactiveStaff: (field: string, code: string): RosterProblem => ({
    code: 'DISPATCH.STAFF_INACTIVE',
    field,
    problems: [`${code} is no longer in the staff file: choose someone active (GET /v1/staff)`],
  }),
  notRostered: (field: string, code: string, role: string): RosterProblem => ({
    code: 'DISPATCH.NOT_ROSTERED_ROLE',
    field,
    problems: [`${code} is a ${role}: grid chiefs and grid workers are not rostered (they are on call in their grid unless on leave)`],
  }),
  onLeave: (field: string, code: string, day: string): RosterProblem => ({
    code: 'DISPATCH.STAFF_ON_LEAVE',
    field,
    problems: [`${code} is on leave on ${day}: choose someone else, or cancel the leave first (DELETE /v1/roster/leave)`],
  }),
  twiceInShift: (field: string, code: string, shift: string): RosterProblem => ({
    code: 'DISPATCH.ROSTER_CONFLICT',
    field,
    problems: [`${code} is already on another post of the ${shift} shift: one post per person per shift`],
  }),

  /** Every problem of a manual change, under the first one's code. */
  refused: (problems: readonly RosterProblem[]) =>
    new DomainError(
      problems[0].code,
      problems.map((p) => `${p.field}: ${p.problems.join('; ')}`).join(' | '),
      400,
      problems.map((p) => ({ field: p.field, problems: p.problems, code: p.code })),
    ),
};
