import { DomainError } from '@jingwang/http';

/**
 * Every stable error code of dispatch, here and nowhere else. A controller that throws one answers
 * with its 4xx and `{ error: { code, message, details } }`; a consumer that throws one sends the
 * message to the dead-letter stream at once (a DomainError is permanent: retrying cannot help).
 */
export const DispatchErrors = {
  /** A path's id that is not a UUID: a 400 worded as the validation pipe words its own. */
  invalidId: () => new DomainError('REQUEST.INVALID', 'id: must be a UUID', 400, [{ field: 'id', problems: ['must be a UUID'] }]),
  missingStaffKey: () => new DomainError('AUTH.MISSING_STAFF_KEY', 'X-Staff-Key is required: the staff key', 401, [{ field: 'X-Staff-Key', problems: ['required'] }]),
  invalidStaffKey: () => new DomainError('AUTH.INVALID_STAFF_KEY', 'X-Staff-Key is not the staff key', 403, [{ field: 'X-Staff-Key', problems: ['wrong key'] }]),
  missingActor: () =>
    new DomainError('AUTH.MISSING_ACTOR', 'X-Actor-Id is required for a change: the staff member who makes it', 400, [{ field: 'X-Actor-Id', problems: ['required for changes'] }]),
  invalidActor: () =>
    new DomainError('AUTH.INVALID_ACTOR', 'X-Actor-Id must be 1 to 128 characters without control characters', 400, [{ field: 'X-Actor-Id', problems: ['1 to 128 printable characters'] }]),
};

/** The incident lifecycle's refusals. */
export const IncidentErrors = {
  notFound: (id: string) => new DomainError('DISPATCH.INCIDENT_NOT_FOUND', `no incident ${id}`, 404),
  invalidTransition: (from: string, to: string, allowed: readonly string[]) =>
    new DomainError(
      'DISPATCH.INVALID_TRANSITION',
      `an incident that is ${from} cannot be ${to}; ${allowed.length ? `allowed now: ${allowed.join(', ')}` : 'it is closed: nothing is allowed'}`,
      409,
      { from, to, allowed },
    ),
  resolutionRequired: (allowed: readonly string[]) =>
    new DomainError('REQUEST.INVALID', `resolution: required to resolve, one of ${allowed.join(', ')}`, 400, [{ field: 'resolution', problems: [`one of ${allowed.join(', ')}`] }]),
  resolutionNotNow: (status: string, resolution: string, allowed: readonly string[]) =>
    new DomainError('DISPATCH.INVALID_RESOLUTION', `an incident that is ${status} cannot be closed as ${resolution}; allowed now: ${allowed.join(', ')}`, 409, { status, resolution, allowed }),
  resolutionOnlyOnResolve: () =>
    new DomainError('REQUEST.INVALID', 'resolution: only with to=resolved', 400, [{ field: 'resolution', problems: ['only with to=resolved'] }]),
  partiesRequired: () =>
    new DomainError('REQUEST.INVALID', 'parties: a dispute referred to mediation needs at least one party (name, phone, role)', 400, [
      { field: 'parties', problems: ['at least one party for a referral to mediation'] },
    ]),
  unknownType: (code: string) =>
    new DomainError('DISPATCH.UNKNOWN_TYPE', `typeCode: "${code}" is not one of the 63 alert types (intake's GET /open311/v2/services.json lists them)`, 400, [{ field: 'typeCode', problems: ['not a known type code'] }]),
  unknownGrid: (code: string) => new DomainError('DISPATCH.UNKNOWN_GRID', `gridCode: "${code}" is not a grid of the district`, 400, [{ field: 'gridCode', problems: ['not a grid of the district'] }]),
  notInTriage: (status: string) => new DomainError('DISPATCH.NOT_IN_TRIAGE', `the incident is ${status}, not waiting for triage; use /retype to correct its type`, 409, { status }),
  inTriage: () => new DomainError('DISPATCH.IN_TRIAGE', 'the incident waits for triage: set its type and place with POST /v1/incidents/{id}/triage', 409),
  closed: () => new DomainError('DISPATCH.INCIDENT_CLOSED', 'the incident is resolved: nothing can change it', 409),
  sameType: (code: string) => new DomainError('DISPATCH.SAME_TYPE', `typeCode: the incident already is ${code}`, 409),
  unknownStaff: (codes: string[]) =>
    new DomainError('DISPATCH.UNKNOWN_STAFF', `staffCodes: ${codes.join(', ')} ${codes.length > 1 ? 'are' : 'is'} not active staff (GET /v1/staff lists them)`, 400, [
      { field: 'staffCodes', problems: codes.map((c) => `${c}: not active staff`) },
    ]),
  /** A repeat call for an incident not here yet: its alert.received may still be on the way, so retry. */
  notYetKnown: (id: string) => new Error(`incident ${id} is not known yet: retrying until its intake.alert.received.v1 is handled`),
};
