/**
 * An error with a stable code (`INTAKE.UNKNOWN_TYPE`) that the HTTP layer turns into a 4xx
 * `{ error: { code, message, details } }` and a consumer into a dead letter.
 */
export class DomainError extends Error {
  readonly permanent = true;

  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export const errorBody = (code: string, message: string, details?: unknown): ErrorBody => ({
  error: details === undefined ? { code, message } : { code, message, details },
});
