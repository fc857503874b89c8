import type { GraphQLResolveInfo } from 'graphql';
import type { AdminSchema } from '../graphql/admin-schema.loader';
import type { SandboxStore } from '../state/sandbox-store';
import type { ShopData, TokenRecord } from '../state/shop-records';

/** Everything a resolver needs for one Admin API request. */
export interface ResolverContext {
  store: SandboxStore;
  shop: ShopData;
  token: TokenRecord;
  admin: AdminSchema;
  // Public base URL of the sandbox, for bulk-operation result files.
  baseUrl: string;
  // Bulk operations page through whole connections without first/last.
  unbounded: boolean;
}

export type Args = Record<string, unknown>;

export type RootResolver = (args: Args, ctx: ResolverContext, info: GraphQLResolveInfo) => unknown;

/** A lazily-resolved field on a view object. */
export type LazyField = (args: Args, ctx: ResolverContext, info: GraphQLResolveInfo) => unknown;

export interface RootResolvers {
  query: Record<string, RootResolver>;
  mutation: Record<string, RootResolver>;
}
