import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';

export const RATE_LIMITS = Symbol('gantry:rate-limits');

/**
 * Whom a limit counts: the client's address (`req.ip`: the forwarded one when the request came through a proxy that TRUST_PROXY trusts), the signed-in
 * person or key, or the e-mail in the body (sign-in: guessing one account's password from many addresses).
 */
export type RateLimitSubject = 'ip' | 'principal' | 'email';

export interface RateLimitRule {
  per: RateLimitSubject;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitMetadata {
  /** Names the counters in the shared store: routes that share a name share their counts. */
  name: string;
  rules: RateLimitRule[];
}

function describe(rule: RateLimitRule): string {
  const window =
    rule.windowSeconds % 3600 === 0
      ? `${rule.windowSeconds / 3600} h`
      : rule.windowSeconds % 60 === 0
        ? `${rule.windowSeconds / 60} min`
        : `${rule.windowSeconds} s`;
  const subject = { ip: 'client address', principal: 'key or signed-in person', email: 'e-mail' }[rule.per];
  return `${rule.limit} per ${window} per ${subject}`;
}

/**
 * A route's rate limits, counted by the API in a store shared by every process; over any of them the route answers
 * 429 with Retry-After. Declared here (not in the API) so channel routes such as OAuth start can carry it too.
 */
export const RateLimit = (name: string, ...rules: RateLimitRule[]): MethodDecorator =>
  applyDecorators(
    SetMetadata(RATE_LIMITS, { name, rules } satisfies RateLimitMetadata),
    ApiTooManyRequestsResponse({
      description: `Rate limited (${rules.map(describe).join('; ')}); Retry-After says for how many seconds`,
      headers: { 'Retry-After': { description: 'Seconds until the limit lets this request through again', schema: { type: 'integer' } } },
    }),
  );
