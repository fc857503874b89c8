import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainErrorCode, DomainException, PUBLIC_ROUTE, REQUIRED_ROLE, Role, roleSatisfies } from '@gantry/core';
import type { Request } from 'express';
import { CSRF_HEADER } from '../sessions/session-cookie';
import { CsrfToken } from '../sessions/csrf-token';
import '../sessions/session-data';
import { UserService } from '../users/user.service';
import { ApiKeyService, type Principal } from './api-key.service';

export type AuthenticatedRequest = Request & { principal?: Principal };

/**
 * Global guard: every route needs an API key or a signed-in person with its declared role; a route that declares none
 * is admin-only. A session (cookie) must also send its CSRF token on every state-changing request.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    private readonly users: UserService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, targets)) {
      return true;
    }
    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets) ?? Role.ADMIN;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = await this.authenticate(request);
    if (!roleSatisfies(principal.role, required)) {
      throw new DomainException(
        DomainErrorCode.FORBIDDEN,
        `This action needs the ${required} role; the ${principal.userId ? 'user' : 'key'} has ${principal.role}`,
      );
    }
    request.principal = principal;
    return true;
  }

  /**
   * `sameOriginWrites`: a page we serve that cannot send our token (Bull Board) may change state when the browser
   * says the request came from our own origin; the cookie key and the session then count for writes too.
   */
  async authenticate(request: Request, options: { sameOriginWrites?: boolean } = {}): Promise<Principal> {
    const trusted = options.sameOriginWrites === true && CsrfToken.fromSameOrigin(request.headers);
    const header = request.headers.authorization;
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    // A key in a cookie rides along on any request a browser makes, so it only reads: a change needs the header
    // (or a session with its CSRF token).
    const cookieKey = CsrfToken.needed(request.method) && !trusted ? undefined : cookies?.gantry_key;
    const presented = header?.startsWith('Bearer ') ? header.slice(7).trim() : cookieKey;
    if (presented) {
      const check = await this.keys.verify(presented);
      if ('principal' in check) {
        return check.principal;
      }
      throw new DomainException(
        DomainErrorCode.UNAUTHENTICATED,
        check.refused === 'expired'
          ? `API key expired at ${check.expiredAt.toISOString()}: an admin can create a new one (POST /api/v1/api-keys)`
          : 'The API key is unknown or revoked',
      );
    }
    const principal = await this.sessionPrincipal(request, trusted);
    if (!principal) {
      throw new DomainException(DomainErrorCode.UNAUTHENTICATED, 'Sign in, or send an API key as Authorization: Bearer <key>');
    }
    return principal;
  }

  /** The signed-in person of the request's session, if any; refuses a state-changing request without its CSRF token. */
  async sessionPrincipal(request: Request, sameOriginTrusted = false): Promise<Principal | null> {
    const userId = request.session?.userId;
    if (!userId) {
      return null;
    }
    const user = await this.users.findActive(userId);
    if (!user) {
      return null;
    }
    if (
      CsrfToken.needed(request.method) &&
      !sameOriginTrusted &&
      !CsrfToken.matches(request.session.csrfToken, request.headers[CSRF_HEADER])
    ) {
      throw new DomainException(DomainErrorCode.FORBIDDEN, "Send the session's CSRF token as X-CSRF-Token (GET /api/v1/auth/session)");
    }
    return { userId: user.id, name: user.email, role: user.role };
  }
}
