import { Injectable, Logger } from '@nestjs/common';
import type { ChannelContext } from '@gantry/core';
import { ShopifyApiProvider } from '../common/shopify-api.provider';
import { SHOPIFY_WEBHOOK_TOPICS } from '../common/shopify-topics';
import { ShopifyGraphqlClient, type UserError } from '../graphql/shopify-graphql.client';

const LIST_QUERY = `query Subscriptions($after: String) {
  webhookSubscriptions(first: 250, after: $after) {
    nodes { id topic uri }
    pageInfo { hasNextPage endCursor }
  }
}`;

const CREATE_MUTATION = `mutation Subscribe($topic: WebhookSubscriptionTopic!, $uri: String!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
    webhookSubscription { id topic uri }
    userErrors { field message }
  }
}`;

export interface SubscriptionReport {
  created: string[];
  existing: string[];
  failed: { topic: string; reason: string }[];
}

/** Registers the connector's webhook subscriptions idempotently: lists what exists, creates only what is missing. */
@Injectable()
export class WebhookSubscriptionService {
  private readonly logger = new Logger(WebhookSubscriptionService.name);

  constructor(
    private readonly api: ShopifyApiProvider,
    private readonly graphql: ShopifyGraphqlClient,
  ) {}

  get callbackUri(): string {
    return `${this.api.appUrl}/api/v1/webhooks/shopify`;
  }

  async ensure(ctx: ChannelContext): Promise<SubscriptionReport> {
    const uri = this.callbackUri;
    const have = new Set<string>();
    let after: string | null = null;
    do {
      const {
        data,
      }: {
        data: {
          webhookSubscriptions: { nodes: { topic: string; uri: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        };
      } = await this.graphql.request(ctx, LIST_QUERY, { after });
      for (const node of data.webhookSubscriptions.nodes) {
        if (node.uri === uri) {
          have.add(node.topic);
        }
      }
      after = data.webhookSubscriptions.pageInfo.hasNextPage ? data.webhookSubscriptions.pageInfo.endCursor : null;
    } while (after);

    const report: SubscriptionReport = { created: [], existing: [], failed: [] };
    for (const topic of SHOPIFY_WEBHOOK_TOPICS) {
      if (have.has(topic)) {
        report.existing.push(topic);
        continue;
      }
      const { data } = await this.graphql.request<{ webhookSubscriptionCreate: { userErrors: UserError[] } }>(ctx, CREATE_MUTATION, {
        topic,
        uri,
      });
      const errors = data.webhookSubscriptionCreate.userErrors;
      if (errors.length > 0) {
        // E.g. a scope not granted yet: the other topics still get registered; reconnecting adds this one.
        report.failed.push({ topic, reason: errors.map((e) => e.message).join('; ') });
      } else {
        report.created.push(topic);
      }
    }
    if (report.failed.length > 0) {
      this.logger.warn({ storeId: ctx.storeId, failed: report.failed }, 'some webhook subscriptions could not be created');
    }
    return report;
  }
}
