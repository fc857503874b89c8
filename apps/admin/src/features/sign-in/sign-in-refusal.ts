import type { ApiError } from '../../api/api-error';

/** What the sign-in page says when the API refuses: the lock's remaining time when it gives one. */
export function signInRefusal(error: ApiError): string {
  if (error.status === 429 && error.retryAfterSeconds !== null) {
    const minutes = Math.ceil(error.retryAfterSeconds / 60);
    return `Too many failed sign-ins: this account is locked. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  }
  return error.message;
}
