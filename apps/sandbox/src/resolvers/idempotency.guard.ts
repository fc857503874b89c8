import { createHash } from 'node:crypto';
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
    // A digest, not the arguments themselves: a 250-line input would otherwise keep ~30 KB per key alive.
    const argsJson = JSON.stringify(args);
    const fingerprint = createHash('sha256').update(argsJson).digest('base64');
    const previous = ctx.shop.idempotency[recordKey];
    if (previous) {
      // States saved before digests were introduced hold the raw JSON.
      return previous.fingerprint === fingerprint || previous.fingerprint === argsJson ? (previous.payload as T) : mismatch();
    }
    const payload = apply();
    ctx.shop.idempotency[recordKey] = { fingerprint, payload };
    return payload;
  }
}
