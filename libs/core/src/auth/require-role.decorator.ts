import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Role } from './role.enum';

export const REQUIRED_ROLE = Symbol('gantry:required-role');
export const PUBLIC_ROUTE = Symbol('gantry:public-route');

/** Every route declares the least role it needs; the global guard denies routes that declare nothing. */
export const RequireRole = (role: Role): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLE, role),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No API key or session, or an unknown, revoked or expired API key' }),
    ApiForbiddenResponse({ description: `Requires role ${role} or higher` }),
  );

/** For health, OAuth callbacks and webhooks, which authenticate by other means or not at all. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
