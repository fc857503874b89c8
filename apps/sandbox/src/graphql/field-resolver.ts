import { getNamedType, OperationTypeNode, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLTypeResolver } from 'graphql';
import type { Args, ResolverContext, RootResolvers } from '../resolvers/resolver-context';
import { InputSizeGuard } from './input-size.guard';
import { SandboxGraphqlError } from './sandbox-graphql.error';

/** Any write scope grants the matching read scope, as on Shopify. */
export function hasAnyScope(granted: string[], required: string[]): boolean {
  return required.some((scope) => granted.includes(scope) || (scope.startsWith('read_') && granted.includes(`write_${scope.slice(5)}`)));
}

/**
 * Resolves every field: root fields through the registry, nested fields from the view object's own keys
 * (values or lazy functions). A key the view does not carry is an error naming the field, never a silent null.
 */
export class SandboxFieldResolver {
  constructor(private readonly roots: RootResolvers) {}

  readonly resolve: GraphQLFieldResolver<unknown, ResolverContext> = (source, args, ctx, info) => {
    this.checkAccess(ctx, info);
    const parent = info.parentType.name;
    if (parent === info.schema.getQueryType()?.name || parent === info.schema.getMutationType()?.name) {
      const table = info.operation.operation === OperationTypeNode.MUTATION ? this.roots.mutation : this.roots.query;
      const root = table[info.fieldName];
      if (!root) {
        throw this.notImplemented(info);
      }
      const rootArgs = args as Args;
      InputSizeGuard.check(rootArgs);
      return root(rootArgs, ctx, info);
    }
    if (source !== null && typeof source === 'object' && Object.prototype.hasOwnProperty.call(source, info.fieldName)) {
      const value = (source as Record<string, unknown>)[info.fieldName];
      return typeof value === 'function' ? (value as (a: unknown, c: unknown, i: unknown) => unknown)(args, ctx, info) : value;
    }
    throw this.notImplemented(info);
  };

  readonly resolveType: GraphQLTypeResolver<unknown, ResolverContext> = (value) => {
    const typename = (value as { __typename?: unknown } | null)?.__typename;
    return typeof typename === 'string' ? typename : undefined;
  };

  private notImplemented(info: GraphQLResolveInfo): SandboxGraphqlError {
    return new SandboxGraphqlError(
      `Field '${info.parentType.name}.${info.fieldName}' is not implemented by the Gantry sandbox`,
      'NOT_IMPLEMENTED',
    );
  }

  private checkAccess(ctx: ResolverContext, info: GraphQLResolveInfo): void {
    if (ctx.token.staff) {
      return;
    }
    const fieldRule = ctx.admin.access.get(`${info.parentType.name}.${info.fieldName}`);
    const typeName = getNamedType(info.returnType).name;
    const typeRule = ctx.admin.access.get(typeName);
    for (const rule of [fieldRule, typeRule]) {
      if (rule && !hasAnyScope(ctx.token.scopes, rule.scopes)) {
        throw new SandboxGraphqlError(`Access denied for ${info.fieldName} field. Required access: ${rule.text}`, 'ACCESS_DENIED', {
          documentation: 'https://shopify.dev/api/usage/access-scopes',
          requiredAccess: rule.text,
        });
      }
    }
  }
}
