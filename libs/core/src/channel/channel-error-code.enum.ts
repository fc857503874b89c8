/** Why an adapter call failed, as the framework needs to know it; adapters translate vendor errors into one of these. */
export enum ChannelErrorCode {
  /** A network error, timeout or 5xx: the same call may succeed later. */
  TEMPORARY = 'TEMPORARY',
  /** The channel throttled us; `retryAfterMs` says for how long when the channel tells. */
  RATE_LIMITED = 'RATE_LIMITED',
  /** The credentials were revoked or expired: the store needs a new connect. */
  AUTH_REVOKED = 'AUTH_REVOKED',
  /** The referenced object does not exist on the channel. */
  NOT_FOUND = 'NOT_FOUND',
  /** The channel refused our data; retrying the same data cannot help. */
  INVALID_DATA = 'INVALID_DATA',
  /** Anything the adapter could not classify. */
  UNKNOWN = 'UNKNOWN',
}
