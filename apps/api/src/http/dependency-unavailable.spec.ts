import { QueryFailedError } from 'typeorm';
import { isDependencyUnavailable } from './dependency-unavailable';

const withCode = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error): QueryFailedError => new QueryFailedError('SELECT 1', [], driverError);

describe('isDependencyUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', withCode('ECONNRESET', 'read ECONNRESET')],
    ['PostgreSQL shutting down (57P01)', queryFailed(withCode('57P01', 'terminating connection due to administrator command'))],
    ['PostgreSQL crashed (57P02)', queryFailed(withCode('57P02'))],
    ['PostgreSQL starting up (57P03)', withCode('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', queryFailed(withCode('08006'))],
    ['too many connections (53300)', withCode('53300')],
    ['a connection lost mid-query', queryFailed(new Error('Connection terminated unexpectedly'))],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect')],
    ['Redis closed', new Error('Connection is closed.')],
    [
      "a transaction's next statement after its connection died",
      Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' }),
    ],
    [
      'Redis retries exhausted',
      Object.assign(new Error('Reached the max retries per request limit (which is 2).'), { name: 'MaxRetriesPerRequestError' }),
    ],
  ])('%s: yes', (_what, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', queryFailed(withCode('23505'))],
    ['a syntax error', queryFailed(withCode('42601'))],
    ['a plain error', new Error('boom')],
    ['a string', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s: no', (_what, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});
