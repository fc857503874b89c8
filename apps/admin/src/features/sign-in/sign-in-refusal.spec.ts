import { ApiError, toApiError } from '../../api/api-error';
import { signInRefusal } from './sign-in-refusal';

describe('signInRefusal', () => {
  it("says how long a locked account waits, from the API's Retry-After", () => {
    const locked = toApiError(429, { detail: 'Too many failed sign-ins: try again later' }, '900');
    expect(locked.retryAfterSeconds).toBe(900);
    expect(signInRefusal(locked)).toBe('Too many failed sign-ins: this account is locked. Try again in 15 minutes.');
    expect(signInRefusal(toApiError(429, { detail: 'Too many failed sign-ins: try again later' }, '30'))).toContain(
      'Try again in 1 minute.',
    );
  });

  it('tells the rate limit of an address apart from a locked account', () => {
    expect(signInRefusal(toApiError(429, { detail: 'Too many requests: try again later' }, '42'))).toBe(
      'Too many sign-in attempts from this address. Try again in 1 minute.',
    );
  });

  it("passes the API's sentence on otherwise", () => {
    expect(signInRefusal(new ApiError(401, 'The e-mail or password is wrong'))).toBe('The e-mail or password is wrong');
    expect(signInRefusal(toApiError(429, { detail: 'Slow down' }, 'Wed, 21 Oct 2026 07:28:00 GMT'))).toBe('Slow down');
  });
});
