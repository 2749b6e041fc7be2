import { DomainError } from '@jingwang/http';

/** A 400 `REQUEST.INVALID` that names one field, as the validation pipe words its own. */
const invalid = (field: string, message: string, problem: string) => new DomainError('REQUEST.INVALID', `${field}: ${message}`, 400, [{ field, problems: [problem] }]);

/**
 * Every stable error code intake answers with (README, Intake). A controller turns them into their
 * 4xx; in a NATS handler a DomainError is permanent: the message goes to the dead-letter stream
 * with the message as its reason.
 */
export const IntakeErrors = {
  unknownType: (typeCode: string) =>
    new DomainError('INTAKE.UNKNOWN_TYPE', `typeCode: ${typeCode} is not one of the 63 alert types (GET /open311/v2/services.json lists them)`, 400, [
      { field: 'typeCode', problems: ['unknown alert type code'] },
    ]),
  unknownGrid: (gridCode: string) =>
    new DomainError('INTAKE.UNKNOWN_GRID', `location.gridCode: ${gridCode} is not a grid of this district`, 400, [{ field: 'location.gridCode', problems: ['unknown grid code'] }]),
  reportedAtInvalid: () => invalid('reportedAt', 'not a date-time', 'not a date-time'),
  reportedInFuture: (reportedAt: string, skewMinutes: number) =>
    new DomainError('INTAKE.REPORTED_IN_FUTURE', `reportedAt: ${reportedAt} is more than ${skewMinutes} minutes in the future; send the time the report was made`, 400, [
      { field: 'reportedAt', problems: [`more than ${skewMinutes} minutes in the future`] },
    ]),
  alertNotFound: (id: string) => new DomainError('INTAKE.ALERT_NOT_FOUND', `no alert ${id}`, 404),
  incidentNotFound: (id: string) => new DomainError('INTAKE.INCIDENT_NOT_FOUND', `no incident ${id}`, 404),
  invalidId: () => invalid('id', 'must be a UUID', 'must be a UUID'),
  /** dispatch.incident.resolved.v1 or status-changed.v1 for an incident intake never opened: dead-lettered. */
  unknownIncident: (incidentId: string) => new DomainError('INTAKE.UNKNOWN_INCIDENT', `incident ${incidentId} does not exist in intake`, 422),
  /** A channel.<channel>.alert message whose body names another channel: dead-lettered. */
  channelMismatch: (bodyChannel: string, subject: string) => new DomainError('INTAKE.CHANNEL_MISMATCH', `body.channel ${bodyChannel} arrived on ${subject}`, 422),
  unknownChannel: (channel: string) => new DomainError('AUTH.UNKNOWN_CHANNEL', `unknown channel ${channel}`, 400),
  missingChannelKey: (channel: string, keyName: string) => new DomainError('AUTH.MISSING_CHANNEL_KEY', `X-Channel-Key is required for channel ${channel} (the ${keyName} key)`, 401),
  invalidChannelKey: (keyName: string) => new DomainError('AUTH.INVALID_CHANNEL_KEY', `X-Channel-Key is not the ${keyName} key`, 403),
  /** Open311 clients send their key as the api_key field, never X-Channel-Key: the messages say so. */
  missingApiKey: () => new DomainError('AUTH.MISSING_API_KEY', 'api_key: missing; send the API key issued to your application as the api_key field', 401),
  invalidApiKey: () => new DomainError('AUTH.INVALID_API_KEY', 'api_key: not the key issued for Open311; check the api_key your application sends', 403),
  missingActor: (channel: string) =>
    new DomainError('AUTH.MISSING_ACTOR', `X-Actor-Id is required for channel ${channel}: the staff member who entered the alert`, 400, [
      { field: 'X-Actor-Id', problems: ['required for staff channels'] },
    ]),
};
