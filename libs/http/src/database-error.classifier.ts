/**
 * Which database failures are the database's (the service cannot answer now: 503) and which are
 * the caller's (a value Postgres cannot take: 400). pg's errors reach the HTTP layer bare (a
 * refused connect) or wrapped (TypeORM's QueryFailedError keeps it as `driverError`; Node's
 * AggregateError of a connect to several addresses holds them in `errors`).
 */

/**
 * Node socket codes of a server that is down, unreachable or cut us off; only on an error with a
 * `syscall` (connect, read, write, getaddrinfo): the HTTP request's own `aborted` (a client that
 * went away mid-body) has ECONNRESET without one, and is no database outage.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'ECONNABORTED', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is going away, refusing connections or cut a statement short:
 * admin/crash shutdown, starting up, too many connections, out of resources, statement_timeout
 * (57014, also a cancel when the server was asked to). Class 08 is matched whole.
 */
const UNAVAILABLE_STATES = new Map([
  ['57P01', 'the server is shutting down'],
  ['57P02', 'the server crashed'],
  ['57P03', 'the server is not accepting connections yet'],
  ['57014', 'a statement was cancelled (statement timeout)'],
  ['53000', 'the server is out of resources'],
  ['53100', 'the server is out of disk space'],
  ['53200', 'the server is out of memory'],
  ['53300', 'the server has too many connections'],
]);

/** pg's and pg-pool's own messages for a connection that never came or broke. */
const CLIENT_MESSAGES: [RegExp, string][] = [
  [/^timeout exceeded when trying to connect/, 'no connection within the connect timeout'],
  [/^Connection terminated due to connection timeout/, 'no connection within the connect timeout'],
  [/^Connection terminated/, 'the connection was cut'],
  [/^Query read timeout/, 'no answer within the query timeout'],
  [/^Client has encountered a connection error and is not queryable/, 'the connection was cut'],
  [/^Connection ended unexpectedly/, 'the connection was cut'],
  [/^timeout expired/, 'no connection within the connect timeout'],
];

interface ErrorLike {
  code?: unknown;
  syscall?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/** The error and what it wraps, outermost first; bounded, as a cause chain may loop. */
function* layers(err: unknown, depth = 0): Generator<ErrorLike> {
  if (depth > 5 || typeof err !== 'object' || err === null) return;
  const e = err as ErrorLike;
  yield e;
  yield* layers(e.driverError, depth + 1);
  yield* layers(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors.slice(0, 4)) yield* layers(inner, depth + 1);
}

const sqlState = (e: ErrorLike): string | undefined => (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && !SOCKET_CODES.has(e.code) ? e.code : undefined);

/**
 * Why the database cannot answer, as a short phrase for the log (`connect ECONNREFUSED
 * 127.0.0.1:5432`), or undefined when `err` is not such a failure.
 */
export function databaseUnavailableReason(err: unknown): string | undefined {
  for (const e of layers(err)) {
    const message = typeof e.message === 'string' ? e.message : '';
    if (typeof e.code === 'string' && SOCKET_CODES.has(e.code) && typeof e.syscall === 'string') return message || e.code;
    const state = sqlState(e);
    if (state?.startsWith('08')) return `${state} ${message || 'connection exception'}`;
    if (state && UNAVAILABLE_STATES.has(state)) return `${state} ${message || UNAVAILABLE_STATES.get(state)}`;
    for (const [pattern, phrase] of CLIENT_MESSAGES) if (pattern.test(message)) return `${phrase} (${message})`;
  }
  return undefined;
}

/** The names of class 22's conditions, for a message that names the problem without the value. */
const DATA_EXCEPTIONS: Record<string, string> = {
  '22000': 'data exception',
  '22001': 'a text is longer than its column allows',
  '22003': 'a number is out of range',
  '22007': 'a date or time has an invalid format',
  '22008': 'a date or time is out of range',
  '22012': 'a division by zero',
  '22021': 'a text holds a byte sequence that is not valid UTF-8 (or a NUL character)',
  '22023': 'a parameter has an invalid value',
  '22P02': 'a value has an invalid format for its type',
  '22P05': 'a text holds a character Postgres cannot store',
  '22030': 'a JSON value is duplicated',
  '22032': 'a JSON text is invalid',
};

export interface DataException {
  /** The SQLSTATE, e.g. 22P02. */
  state: string;
  /** What is wrong, without the value (`a value has an invalid format for its type`). */
  problem: string;
  /** Postgres's own message, for the log only: it may quote the caller's value. */
  serverMessage: string;
}

/** A Postgres data exception (SQLSTATE class 22): a value the caller sent that validation let through. */
export function databaseDataException(err: unknown): DataException | undefined {
  for (const e of layers(err)) {
    const state = sqlState(e);
    if (state?.startsWith('22')) {
      return { state, problem: DATA_EXCEPTIONS[state] ?? 'a value does not fit its column', serverMessage: typeof e.message === 'string' ? e.message : '' };
    }
  }
  return undefined;
}
