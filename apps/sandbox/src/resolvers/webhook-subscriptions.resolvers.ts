import { isEnumType, type GraphQLSchema } from 'graphql';
import { Gid } from '../common/gid';
import { ConnectionBuilder } from '../graphql/connection.builder';
import type { WebhookSubscriptionRecord } from '../state/shop-records';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

const topicCache = new WeakMap<GraphQLSchema, Map<string, string>>();

/** webhookSubscriptionCreate/Update/Delete and webhookSubscriptions (2026-07: `uri`, `callbackUrl` deprecated). */
export class WebhookSubscriptionsResolvers {
  /** ORDERS_CREATE → orders/create, read from the enum descriptions of the schema itself. */
  static topicName(schema: GraphQLSchema, value: string): string {
    let map = topicCache.get(schema);
    if (!map) {
      map = new Map();
      const type = schema.getType('WebhookSubscriptionTopic');
      for (const v of isEnumType(type) ? type.getValues() : []) {
        const match = /`([a-z_]+\/[a-z_]+)`/.exec(v.description ?? '');
        map.set(v.name, match?.[1] ?? v.name.toLowerCase());
      }
      topicCache.set(schema, map);
    }
    return map.get(value) ?? value.toLowerCase();
  }

  static view(w: WebhookSubscriptionRecord): Record<string, unknown> {
    return {
      __typename: 'WebhookSubscription',
      id: Gid.of('WebhookSubscription', w.id),
      legacyResourceId: w.id,
      topic: w.topic,
      uri: w.uri,
      callbackUrl: w.uri,
      endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: w.uri },
      format: w.format,
      filter: w.filter,
      includeFields: w.includeFields,
      metafieldNamespaces: [],
      metafields: [],
      name: w.name,
      apiVersion: { __typename: 'ApiVersion', handle: w.apiVersion, displayName: w.apiVersion, supported: true },
      createdAt: w.createdAt,
      updatedAt: w.updatedAt,
    };
  }

  private static mine(ctx: ResolverContext): WebhookSubscriptionRecord[] {
    return ConnectionBuilder.byId(Object.values(ctx.shop.webhookSubscriptions)).filter((w) => w.apiKey === ctx.token.apiKey);
  }

  static register(roots: RootResolvers): void {
    roots.query.webhookSubscriptions = (args, ctx) => {
      const topics = args.topics as string[] | undefined;
      const uri = (args.uri ?? args.callbackUrl) as string | undefined;
      const list = WebhookSubscriptionsResolvers.mine(ctx).filter((w) => (!topics || topics.includes(w.topic)) && (!uri || w.uri === uri));
      return SandboxViews.of(ctx).catalog.connection(list, args, (w) => WebhookSubscriptionsResolvers.view(w));
    };
    roots.query.webhookSubscription = (args, ctx) => {
      const w = ctx.shop.webhookSubscriptions[Gid.parse(args.id, 'WebhookSubscription') ?? ''];
      return w && w.apiKey === ctx.token.apiKey ? WebhookSubscriptionsResolvers.view(w) : null;
    };
    roots.mutation.webhookSubscriptionCreate = (args, ctx) => {
      const input = args.webhookSubscription as Args;
      const uri = (input.uri ?? input.callbackUrl) as string | undefined;
      const topic = args.topic as string;
      const invalid = WebhookSubscriptionsResolvers.validate(uri);
      if (invalid) {
        return { webhookSubscription: null, userErrors: [invalid] };
      }
      if (WebhookSubscriptionsResolvers.mine(ctx).some((w) => w.topic === topic && w.uri === uri)) {
        return {
          webhookSubscription: null,
          userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address for this topic has already been taken' }],
        };
      }
      const now = ctx.store.isoNow();
      const record: WebhookSubscriptionRecord = {
        id: ctx.store.nextId(),
        apiKey: ctx.token.apiKey,
        topic,
        uri: uri as string,
        format: (input.format as string | undefined) ?? 'JSON',
        filter: (input.filter as string | undefined) ?? null,
        includeFields: (input.includeFields as string[] | undefined) ?? [],
        name: (input.name as string | undefined) ?? null,
        apiVersion: ctx.admin.version,
        createdAt: now,
        updatedAt: now,
      };
      ctx.shop.webhookSubscriptions[record.id] = record;
      return { webhookSubscription: WebhookSubscriptionsResolvers.view(record), userErrors: [] };
    };
    roots.mutation.webhookSubscriptionUpdate = (args, ctx) => {
      const w = ctx.shop.webhookSubscriptions[Gid.parse(args.id, 'WebhookSubscription') ?? ''];
      if (!w || w.apiKey !== ctx.token.apiKey) {
        return { webhookSubscription: null, userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }] };
      }
      const input = args.webhookSubscription as Args;
      const uri = (input.uri ?? input.callbackUrl) as string | undefined;
      if (uri !== undefined) {
        const invalid = WebhookSubscriptionsResolvers.validate(uri);
        if (invalid) {
          return { webhookSubscription: null, userErrors: [invalid] };
        }
        w.uri = uri;
      }
      w.filter = input.filter !== undefined ? ((input.filter as string | null) ?? null) : w.filter;
      w.includeFields = (input.includeFields as string[] | undefined) ?? w.includeFields;
      w.name = input.name !== undefined ? ((input.name as string | null) ?? null) : w.name;
      w.updatedAt = ctx.store.isoNow();
      return { webhookSubscription: WebhookSubscriptionsResolvers.view(w), userErrors: [] };
    };
    roots.mutation.webhookSubscriptionDelete = (args, ctx) => {
      const id = Gid.parse(args.id, 'WebhookSubscription') ?? '';
      const w = ctx.shop.webhookSubscriptions[id];
      if (!w || w.apiKey !== ctx.token.apiKey) {
        return { deletedWebhookSubscriptionId: null, userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }] };
      }
      delete ctx.shop.webhookSubscriptions[id];
      return { deletedWebhookSubscriptionId: Gid.of('WebhookSubscription', id), userErrors: [] };
    };
  }

  // The sandbox also accepts http:// so local receivers work without TLS.
  private static validate(uri: string | undefined): { field: string[]; message: string } | null {
    if (!uri) {
      return { field: ['webhookSubscription', 'uri'], message: "Address can't be blank" };
    }
    try {
      const url = new URL(uri);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return { field: ['webhookSubscription', 'uri'], message: 'Address protocol is not supported by the sandbox' };
      }
    } catch {
      return { field: ['webhookSubscription', 'uri'], message: 'Address is invalid' };
    }
    return null;
  }
}
