import { Injectable } from '@nestjs/common';
import {
  ChannelAdapterException,
  ChannelErrorCode,
  type ChannelContext,
  type ChannelOrderCreate,
  type ExportedOrderRef,
  type ExportItemResolution,
  type WholesaleItemRef,
} from '@gantry/core';
import { ShopifyGraphqlClient, type UserError } from '../graphql/shopify-graphql.client';
import { ExportItemReader } from './export-item.reader';
import { OrderExportMapper, type ExportedOrderNode } from './order-export.mapper';

const ORDER_FIELDS = 'id name cancelledAt sourceIdentifier';
// Shopify's cap on nodes(ids:); an order's fields cost 1 each, so 250 stay far under 1,000.
const ORDERS_PER_QUERY = 250;
// An identity is unique per export: more than a few hits would mean someone copied it by hand.
const IDENTITY_FIRST = 5;

const CREATE_MUTATION = `mutation ExportOrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) { order { ${ORDER_FIELDS} } userErrors { field message code } }
}`;

const BY_IDENTITY_QUERY = `query ExportOrdersByIdentity($first: Int!, $query: String!) {
  orders(first: $first, query: $query) { nodes { ${ORDER_FIELDS} } }
}`;

const BY_IDS_QUERY = `query ExportOrdersByIds($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Order { ${ORDER_FIELDS} } }
}`;

/**
 * Wholesale orders as Shopify orders (OrderSink): variants resolved through `ExportItemReader`, `orderCreate` with the
 * export identity as `sourceIdentifier` (Shopify has no idempotency key for it), lookups by identity and by id.
 */
@Injectable()
export class ShopifyOrderExportClient {
  constructor(
    private readonly graphql: ShopifyGraphqlClient,
    private readonly items: ExportItemReader,
  ) {}

  resolveItems(ctx: ChannelContext, refs: WholesaleItemRef[], channelLocationId: string | null): Promise<ExportItemResolution[]> {
    return this.items.resolve(ctx, refs, channelLocationId);
  }

  async create(ctx: ChannelContext, order: ChannelOrderCreate): Promise<ExportedOrderRef> {
    const { data } = await this.graphql.request<{ orderCreate: { order: ExportedOrderNode | null; userErrors: UserError[] } }>(
      ctx,
      CREATE_MUTATION,
      OrderExportMapper.orderCreateInput(order),
    );
    ShopifyGraphqlClient.assertNoUserErrors(data.orderCreate.userErrors, 'orderCreate');
    const created = data.orderCreate.order;
    if (!created) {
      // Neither an order nor a refusal: the engine settles it through findByIdentity.
      throw new ChannelAdapterException(ChannelErrorCode.UNKNOWN, 'orderCreate answered without an order or userErrors');
    }
    return OrderExportMapper.toRef(created);
  }

  async findByIdentity(ctx: ChannelContext, identity: string): Promise<ExportedOrderRef[]> {
    const { data } = await this.graphql.request<{ orders: { nodes: ExportedOrderNode[] } }>(ctx, BY_IDENTITY_QUERY, {
      first: IDENTITY_FIRST,
      query: `source_identifier:${OrderExportMapper.searchValue(identity)}`,
    });
    // The search may match loosely (tokens, case): only the exact identity counts.
    return data.orders.nodes.filter((n) => n.sourceIdentifier === identity).map((n) => OrderExportMapper.toRef(n));
  }

  async readExported(ctx: ChannelContext, externalIds: string[]): Promise<Map<string, ExportedOrderRef>> {
    const asked = new Map<string, string>();
    for (const id of externalIds) {
      const gid = OrderExportMapper.orderGid(id);
      if (gid) {
        asked.set(gid, id);
      }
    }
    const gids = [...asked.keys()];
    const out = new Map<string, ExportedOrderRef>();
    for (let i = 0; i < gids.length; i += ORDERS_PER_QUERY) {
      const { data } = await this.graphql.request<{ nodes: (Partial<ExportedOrderNode> | null)[] }>(ctx, BY_IDS_QUERY, {
        ids: gids.slice(i, i + ORDERS_PER_QUERY),
      });
      for (const node of data.nodes) {
        if (node?.id && asked.has(node.id)) {
          out.set(asked.get(node.id) ?? node.id, OrderExportMapper.toRef(node as ExportedOrderNode));
        }
      }
    }
    return out;
  }
}
