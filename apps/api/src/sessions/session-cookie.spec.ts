import { SESSION_MAX_AGE_MS, sessionCookieOptions } from './session-cookie';

describe('sessionCookieOptions', () => {
  it('is httpOnly, SameSite=Lax and lasts 12 hours', () => {
    expect(sessionCookieOptions('production')).toMatchObject({ httpOnly: true, sameSite: 'lax', maxAge: 12 * 3600_000 });
    expect(SESSION_MAX_AGE_MS).toBe(12 * 3600_000);
  });

  it('is Secure in production only', () => {
    expect(sessionCookieOptions('production').secure).toBe(true);
    expect(['development', 'test', 'demo'].map((env) => sessionCookieOptions(env as 'test').secure)).toEqual([false, false, false]);
  });
});
