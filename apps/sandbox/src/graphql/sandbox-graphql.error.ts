import { GraphQLError } from 'graphql';

/** A GraphQL error with a Shopify-style `extensions.code`. */
export class SandboxGraphqlError extends GraphQLError {
  constructor(message: string, code: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}
