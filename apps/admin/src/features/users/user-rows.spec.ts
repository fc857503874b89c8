import { deactivationWarning, inviteRequest, userRows } from './user-rows';
import type { User } from './users.api';

const NOW = Date.parse('2026-07-01T12:00:00.000Z');
const user = (email: string, extra: Partial<User> = {}): User => ({
  id: email,
  email,
  role: 'operator',
  active: true,
  invited: false,
  lockedUntil: null,
  lastSignInAt: null,
  createdAt: '2026-06-01T00:00:00.000Z',
  ...extra,
});

describe('userRows', () => {
  it('tells active, invited, deactivated and locked people apart, and what can be done to each', () => {
    const rows = userRows(
      [
        user('d@example.com', { active: false }),
        user('a@example.com'),
        user('c@example.com', { active: false, invited: true }),
        user('b@example.com', { lockedUntil: '2026-07-01T12:15:00.000Z' }),
      ],
      'a@example.com',
      NOW,
    );
    expect(rows.map((r) => [r.email, r.status, r.toggle, r.canReinvite, r.isSelf])).toEqual([
      ['a@example.com', 'active', 'deactivate', false, true],
      ['b@example.com', 'locked', 'deactivate', false, false],
      ['c@example.com', 'invited', null, true, false],
      ['d@example.com', 'deactivated', 'reactivate', false, false],
    ]);
    expect(rows[1]?.lockedUntil).toBe('2026-07-01T12:15:00.000Z');
  });

  it('forgets a lock that has run out', () => {
    const [row] = userRows([user('a@example.com', { lockedUntil: '2026-07-01T11:00:00.000Z' })], undefined, NOW);
    expect(row).toMatchObject({ status: 'active', lockedUntil: null });
  });
});

describe('inviteRequest', () => {
  it('trims the e-mail and sends it with the role', () => {
    expect(inviteRequest(' ops@example.com ', 'viewer')).toEqual({ body: { email: 'ops@example.com', role: 'viewer' }, errors: null });
  });

  it('names each field it would refuse', () => {
    expect(inviteRequest('', null).errors).toEqual({ email: 'Enter the person’s e-mail', role: 'Choose a role' });
    expect(inviteRequest('not-an-email', 'admin').errors).toEqual({ email: 'Enter an e-mail address like name@example.com' });
  });
});

describe('deactivationWarning', () => {
  it('warns people who deactivate themselves', () => {
    expect(deactivationWarning({ email: 'a@example.com', isSelf: true })).toMatch(/^This is you/);
    expect(deactivationWarning({ email: 'b@example.com', isSelf: false })).toMatch(/^b@example.com can no longer sign in/);
  });
});
