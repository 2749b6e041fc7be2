import { DomainError } from './domain.error.ts';

/** The stable codes the HTTP layer itself answers with (a service's own live in its `<service>.errors.ts`). */
export const HTTP_ERRORS = {
  /** 503: a dependency (the database) does not answer, or the request ran out of time; Retry-After says when to try again. */
  UNAVAILABLE: 'SERVICE.UNAVAILABLE',
  /** 400: a field breaks the DTO's rules, holds NUL, or Postgres refused its value. */
  INVALID: 'REQUEST.INVALID',
  INVALID_JSON: 'REQUEST.INVALID_JSON',
  /** 400: not UTF-8, malformed percent-encoding, a lone surrogate, raw non-ASCII in a query. */
  INVALID_ENCODING: 'REQUEST.INVALID_ENCODING',
  /** 400: JSON nested deeper than `maxBodyDepth`. */
  TOO_DEEP: 'REQUEST.TOO_DEEP',
  EMPTY_BODY: 'REQUEST.EMPTY_BODY',
  TOO_LARGE: 'REQUEST.TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  MISSING_CONTENT_TYPE: 'REQUEST.MISSING_CONTENT_TYPE',
  INVALID_CONTENT_LENGTH: 'REQUEST.INVALID_CONTENT_LENGTH',
  /** 400: the path is not a valid URL (a malformed percent-encoding in it). */
  INVALID_URL: 'REQUEST.INVALID_URL',
  /** 414: a path parameter longer than the router takes. */
  URL_TOO_LONG: 'REQUEST.URL_TOO_LONG',
  /** 400: not HTTP/1.1 the server can read (answered on the socket). */
  MALFORMED: 'REQUEST.MALFORMED',
  /** 400: the client cut the request off mid-body (never seen by it; not logged). */
  ABORTED: 'REQUEST.ABORTED',
  /** 408: the request did not arrive in time. */
  TIMEOUT: 'REQUEST.TIMEOUT',
  /** 431: the request's headers are too large. */
  HEADERS_TOO_LARGE: 'REQUEST.HEADERS_TOO_LARGE',
  NOT_FOUND: 'HTTP.NOT_FOUND',
  INTERNAL: 'INTERNAL',
} as const;

/**
 * A field's name as it may appear in a message: plain names as they are, anything else quoted
 * with its control characters escaped and cut short, so that an error never carries raw input.
 */
export function fieldName(name: string): string {
  if (/^[\p{L}\p{N}_$\-[\]]{1,64}$/u.test(name)) return name;
  const cut = name.length > 32 ? `${name.slice(0, 32)}…` : name;
  return JSON.stringify(cut);
}

/** A dotted path of field names (`attributes.note`, `items.0.name`), as the validation pipe names them. */
export const fieldPath = (segments: readonly (string | number)[]): string => segments.map((s) => (typeof s === 'number' ? String(s) : fieldName(s))).join('.') || 'body';

/** A 400 naming one field, with details like the validation pipe's (`[{ field, problems }]`). */
export function fieldError(code: string, field: string, problem: string, fix: string): DomainError {
  return new DomainError(code, `${field}: ${problem}; ${fix}`, 400, [{ field, problems: [problem] }]);
}
