import type { ApiError } from '../../api/api-error';

/** The API's sentence for an account locked after failed sign-ins (the other 429 is the per-address rate limit). */
const LOCKED = /failed sign-ins/i;

/** What the sign-in page says when the API refuses: who is held back (the account or this address) and for how long. */
export function signInRefusal(error: ApiError): string {
  if (error.status !== 429 || error.retryAfterSeconds === null) {
    return error.message;
  }
  const minutes = Math.ceil(error.retryAfterSeconds / 60);
  const wait = `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  return LOCKED.test(error.message)
    ? `Too many failed sign-ins: this account is locked. ${wait}`
    : `Too many sign-in attempts from this address. ${wait}`;
}
