import { getDirectiveValues, type GraphQLResolveInfo } from 'graphql';
import { SandboxGraphqlError } from '../graphql/sandbox-graphql.error';
import type { Args, ResolverContext } from './resolver-context';

/**
 * The `@idempotent(key:)` directive, required on inventory mutations since 2026-04: a repeated key replays
 * the first result and applies nothing twice; the same key with other arguments is refused.
 */
export class IdempotencyGuard {
  static run<T>(ctx: ResolverContext, info: GraphQLResolveInfo, args: Args, mismatch: () => T, apply: () => T): T {
    const directive = info.schema.getDirective('idempotent');
    const node = info.fieldNodes[0];
    const values = directive && node ? getDirectiveValues(directive, node, info.variableValues) : undefined;
    const key = values?.key;
    if (typeof key !== 'string') {
      throw new SandboxGraphqlError(
        `The @idempotent directive is required for the ${info.fieldName} mutation. Provide a unique key with @idempotent(key: "...").`,
        'IDEMPOTENCY_KEY_REQUIRED',
      );
    }
    if (key.trim() === '') {
      throw new SandboxGraphqlError('The idempotency key cannot be an empty string or whitespace only.', 'BAD_REQUEST');
    }
    const recordKey = `${ctx.token.staff ? 'staff' : ctx.token.apiKey}|${info.fieldName}|${key}`;
    const fingerprint = JSON.stringify(args);
    const previous = ctx.shop.idempotency[recordKey];
    if (previous) {
      return previous.fingerprint === fingerprint ? (previous.payload as T) : mismatch();
    }
    const payload = apply();
    ctx.shop.idempotency[recordKey] = { fingerprint, payload };
    return payload;
  }
}
