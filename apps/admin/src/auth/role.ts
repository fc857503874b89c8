/** The API's roles, each including the ones after it: admin ⊇ integration_manager ⊇ operator ⊇ viewer. */
export type Role = 'admin' | 'integration_manager' | 'operator' | 'viewer';

const RANK: Record<Role, number> = { viewer: 0, operator: 1, integration_manager: 2, admin: 3 };

export const ROLES: Role[] = ['admin', 'integration_manager', 'operator', 'viewer'];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  integration_manager: 'Integration manager',
  operator: 'Operator',
  viewer: 'Viewer',
};

/** Whether a person with `role` may do what needs `required`; the UI hides what this refuses, the API still checks. */
export function hasRole(role: Role | undefined, required: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[required];
}
