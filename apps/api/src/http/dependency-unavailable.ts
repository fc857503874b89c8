import { QueryFailedError } from 'typeorm';

// Socket-level failures: the server is not there (restarting, network cut) or dropped the connection.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

// pg and ioredis messages for a connection lost or never made (they carry no code).
const MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Client has encountered a connection error/,
  /^Connection is closed/,
  /^Stream isn't writeable/,
  /^Reached the max retries per request limit/,
];

/**
 * True when an error means PostgreSQL or Redis is unreachable or going away (a restart, a failover), not that the
 * request was wrong: the caller should retry shortly (503), and nothing was applied. SQLSTATE classes 08 (connection
 * exception) and 57P (operator intervention: shutdown, crash, still starting up), and 53300 (too many connections).
 */
export function isDependencyUnavailable(error: unknown): boolean {
  const driver = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  if (typeof driver !== 'object' || driver === null) {
    return false;
  }
  const { code, message, name } = driver as { code?: unknown; message?: unknown; name?: unknown };
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('08') || code.startsWith('57P') || code === '53300')) {
    return true;
  }
  // TypeORM releases a transaction's runner when its connection dies; the callback's next statement then meets this.
  if (name === 'MaxRetriesPerRequestError' || name === 'QueryRunnerAlreadyReleasedError') {
    return true;
  }
  return typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message));
}
