import { hasRole } from './role';

describe('hasRole', () => {
  it('lets each role do what the roles below it do, and nothing above', () => {
    expect(hasRole('admin', 'viewer')).toBe(true);
    expect(hasRole('admin', 'admin')).toBe(true);
    expect(hasRole('integration_manager', 'operator')).toBe(true);
    expect(hasRole('integration_manager', 'admin')).toBe(false);
    expect(hasRole('operator', 'integration_manager')).toBe(false);
    expect(hasRole('viewer', 'operator')).toBe(false);
  });

  it('refuses everything when nobody is signed in', () => {
    expect(hasRole(undefined, 'viewer')).toBe(false);
  });
});
