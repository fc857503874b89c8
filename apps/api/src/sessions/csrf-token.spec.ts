import { CsrfToken } from './csrf-token';

describe('CsrfToken', () => {
  it('creates distinct, unguessable tokens', () => {
    const a = CsrfToken.create();
    expect(a.length).toBeGreaterThanOrEqual(43);
    expect(CsrfToken.create()).not.toBe(a);
  });

  it('matches only the same token', () => {
    const token = CsrfToken.create();
    expect(CsrfToken.matches(token, token)).toBe(true);
    expect(CsrfToken.matches(token, `${token}x`)).toBe(false);
    expect(
      CsrfToken.matches(
        token,
        token.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a')),
      ),
    ).toBe(false);
    expect(CsrfToken.matches(token, undefined)).toBe(false);
    expect(CsrfToken.matches(token, [token])).toBe(false);
    expect(CsrfToken.matches(undefined, token)).toBe(false);
  });

  it('is needed on every method that changes state', () => {
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'post'].map(CsrfToken.needed)).toEqual([true, true, true, true, true]);
    expect(['GET', 'HEAD', 'OPTIONS'].map(CsrfToken.needed)).toEqual([false, false, false]);
  });
});
