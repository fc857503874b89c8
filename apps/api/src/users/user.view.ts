import type { AppUser } from './app-user.entity';
import type { UserResponse } from './dtos/user.response';

/** A person as the API answers it. */
export function toUserView(user: AppUser): UserResponse {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    active: user.active,
    invited: user.passwordHash === null,
    lockedUntil: user.lockedUntil && user.lockedUntil.getTime() > Date.now() ? user.lockedUntil : null,
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
  };
}
