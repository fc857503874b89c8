import { QueryFailedError } from 'typeorm';
import { isConcurrencyConflict } from './pg-error.util';

describe('isConcurrencyConflict', () => {
  const driverError = (code: string): Error => Object.assign(new Error('pg'), { code });

  it("knows PostgreSQL's deadlock and serialization failure, as TypeORM wraps them", () => {
    expect(isConcurrencyConflict(new QueryFailedError('UPDATE …', [], driverError('40P01')))).toBe(true);
    expect(isConcurrencyConflict(new QueryFailedError('UPDATE …', [], driverError('40001')))).toBe(true);
    expect(isConcurrencyConflict(driverError('40P01'))).toBe(true);
  });

  it('leaves every other failure to the caller', () => {
    expect(isConcurrencyConflict(new QueryFailedError('INSERT …', [], driverError('23505')))).toBe(false);
    expect(isConcurrencyConflict(new Error('store x: lifecycle event 2 must be applied before 3'))).toBe(false);
    expect(isConcurrencyConflict(null)).toBe(false);
    expect(isConcurrencyConflict('deadlock')).toBe(false);
  });
});
