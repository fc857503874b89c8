/** API roles; each includes every role after it. */
export enum Role {
  ADMIN = 'admin',
  INTEGRATION_MANAGER = 'integration_manager',
  OPERATOR = 'operator',
  VIEWER = 'viewer',
}

const RANK: Record<Role, number> = {
  [Role.ADMIN]: 3,
  [Role.INTEGRATION_MANAGER]: 2,
  [Role.OPERATOR]: 1,
  [Role.VIEWER]: 0,
};

export function roleSatisfies(held: Role, required: Role): boolean {
  return RANK[held] >= RANK[required];
}
