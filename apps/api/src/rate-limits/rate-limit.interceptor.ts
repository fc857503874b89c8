import { HttpException, HttpStatus, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RATE_LIMITS, type RateLimitMetadata } from '@gantry/core';
import type { Response } from 'express';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { normalizedEmail } from './rate-limit-window';
import { RateLimitService, type RateLimitHit } from './rate-limit.service';

/**
 * Applies the limits a route declares with @RateLimit. An interceptor rather than a guard: interceptors run after
 * every guard, so the principal is known and requests refused for their key or role are never counted.
 */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimitService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const declared = this.reflector.get<RateLimitMetadata | undefined>(RATE_LIMITS, context.getHandler());
    if (!declared || context.getType() !== 'http') {
      return next.handle();
    }
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const hits: RateLimitHit[] = [];
    for (const rule of declared.rules) {
      const subject = this.subject(rule.per, req);
      // A rule whose subject is absent (no e-mail in the body) does not apply: validation answers that request.
      if (subject !== null) {
        hits.push({ rule, subject });
      }
    }
    const result = await this.limits.hit(declared.name, hits);
    if (!result.allowed) {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(result.retryAfterSeconds));
      throw new HttpException('Too many requests: try again later', HttpStatus.TOO_MANY_REQUESTS);
    }
    return next.handle();
  }

  private subject(per: RateLimitMetadata['rules'][number]['per'], req: AuthenticatedRequest): string | null {
    switch (per) {
      case 'ip':
        return req.ip ?? req.socket.remoteAddress ?? 'unknown';
      case 'principal': {
        const principal = req.principal;
        return principal ? (principal.userId ? `user:${principal.userId}` : `key:${principal.keyId ?? principal.name}`) : null;
      }
      case 'email':
        return normalizedEmail(req.body);
    }
  }
}
