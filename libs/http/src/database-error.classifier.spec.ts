import { QueryFailedError } from 'typeorm';
import { databaseDataException, databaseUnavailableReason } from './database-error.classifier.ts';

const pgError = (code: string, message = 'server says so') => Object.assign(new Error(message), { code, severity: 'ERROR' });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect', address: '127.0.0.1', port: 5432 });
const wrapped = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

describe('databaseUnavailableReason', () => {
  it.each([
    ['a refused connect', socketError('ECONNREFUSED')],
    ['a reset', socketError('ECONNRESET')],
    ['a socket timeout', socketError('ETIMEDOUT')],
    ['a DNS lookup that may work later', socketError('EAI_AGAIN')],
    ['a connect to several addresses, all refused', Object.assign(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]), { code: 'ECONNREFUSED' })],
    ['the same without a code of its own', new AggregateError([socketError('ECONNREFUSED')])],
    ['pg: connection terminated', new Error('Connection terminated unexpectedly')],
    ['pg: connect timeout', new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') })],
    ['pg-pool: no free client in time', new Error('timeout exceeded when trying to connect')],
    ['pg: query_timeout', new Error('Query read timeout')],
    ['class 08', pgError('08006', 'connection failure')],
    ['08P01 protocol violation', pgError('08P01')],
    ['admin shutdown', pgError('57P01', 'terminating connection due to administrator command')],
    ['crash shutdown', pgError('57P02')],
    ['starting up', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['statement_timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['wrapped by TypeORM', wrapped(pgError('57P01'))],
    ['wrapped by TypeORM, a query timeout', wrapped(new Error('Query read timeout'))],
    ['as a cause', new Error('saving the alert failed', { cause: socketError('ECONNREFUSED') })],
  ])('%s is the database being unavailable', (_name, err) => {
    expect(databaseUnavailableReason(err)).toEqual(expect.any(String));
  });

  it.each([
    ['a unique violation', pgError('23505')],
    ['a data exception', pgError('22P02')],
    ['a syntax error (our bug)', wrapped(pgError('42601'))],
    ['a serialization failure', pgError('40001')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['the HTTP client going away mid-body', Object.assign(new Error('aborted'), { code: 'ECONNRESET' })],
    ['nothing at all', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('%s is not', (_name, err) => {
    expect(databaseUnavailableReason(err)).toBeUndefined();
  });

  it('says why, for the log', () => {
    expect(databaseUnavailableReason(wrapped(pgError('57P01', 'terminating connection due to administrator command')))).toBe('57P01 terminating connection due to administrator command');
    expect(databaseUnavailableReason(socketError('ECONNREFUSED'))).toBe('connect ECONNREFUSED 127.0.0.1:5432');
  });

  it('stops at a cause chain that loops', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    a.cause = a;
    expect(databaseUnavailableReason(a)).toBeUndefined();
  });
});

describe('databaseDataException', () => {
  it.each(['22P02', '22007', '22008', '22021', '22001', '22003', '22P05', '22999'])('%s is the caller’s bad value', (code) => {
    const found = databaseDataException(wrapped(pgError(code, 'invalid input syntax for type uuid: "secret value"')));
    expect(found).toMatchObject({ state: code, problem: expect.any(String) });
    expect(found!.problem).not.toContain('secret');
  });

  it.each(['23505', '57P01', '42P01'])('%s is not', (code) => {
    expect(databaseDataException(wrapped(pgError(code)))).toBeUndefined();
  });
});
