import { QueryFailedError } from 'typeorm';

/** True when PostgreSQL refused a write for a unique constraint (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) {
    return false;
  }
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}

/** True when PostgreSQL refused a write because a referenced row is gone (SQLSTATE 23503). */
export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23503';
}

// "Another transaction got in the way", not "this work is wrong": deadlock_detected and serialization_failure. The
// transaction applied nothing and may simply run again.
const CONFLICT_CODES = new Set(['40P01', '40001']);

/** True for a deadlock or a serialization failure, wrapped by TypeORM (QueryFailedError) or straight from pg. */
export function isConcurrencyConflict(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) {
    return false;
  }
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: unknown }) : (error as { code?: unknown });
  return typeof driverError.code === 'string' && CONFLICT_CODES.has(driverError.code);
}
