import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainErrorCode, DomainException, PUBLIC_ROUTE, REQUIRED_ROLE, Role, roleSatisfies } from '@gantry/core';
import type { Request } from 'express';
import { ApiKeyService, type Principal } from './api-key.service';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** Global guard: every route needs a key with its declared role; a route that declares none is admin-only. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
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
      throw new DomainException(DomainErrorCode.FORBIDDEN, `This action needs the ${required} role; the key has ${principal.role}`);
    }
    request.principal = principal;
    return true;
  }

  async authenticate(request: Request): Promise<Principal> {
    const header = request.headers.authorization;
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    const presented = header?.startsWith('Bearer ') ? header.slice(7).trim() : cookies?.gantry_key;
    if (!presented) {
      throw new DomainException(DomainErrorCode.UNAUTHENTICATED, 'Send an API key as Authorization: Bearer <key>');
    }
    const principal = await this.keys.verify(presented);
    if (!principal) {
      throw new DomainException(DomainErrorCode.UNAUTHENTICATED, 'The API key is unknown or revoked');
    }
    return principal;
  }
}
