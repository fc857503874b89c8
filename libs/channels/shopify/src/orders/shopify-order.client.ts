import { Injectable } from '@nestjs/common';
import type { ChannelContext, ChannelOrder, ChannelOrderQuery, ChannelOrderRead, ChannelPage } from '@gantry/core';
import { ShopifyBulkOperationClient } from '../graphql/shopify-bulk-operation.client';
import { ShopifyGraphqlClient } from '../graphql/shopify-graphql.client';
import { ALLOCATION_COST, ALLOCATION_FIELDS, FulfillmentOrderReader } from './fulfillment-order.reader';
import { ShopifyOrderMapper, type LineItemNode, type OrderNode } from './shopify-order.mapper';

// Requested cost (Shopify: connections 2 + first × node; objects 1) must stay under 1,000 per query.
const LINES_FIRST = 50;
const ORDER_COST = 2 + LINES_FIRST * 2 + 2;
const MAX_QUERY_COST = 990;
const PAGE_SIZE = Math.floor((MAX_QUERY_COST - 2) / ORDER_COST);

const ORDER_FIELDS = `
  id name createdAt updatedAt cancelledAt closedAt displayFinancialStatus displayFulfillmentStatus tags
  shippingAddress { firstName lastName company address1 address2 city province provinceCode zip country countryCodeV2 phone }
  lineItems(first: ${LINES_FIRST}) { nodes { id sku title currentQuantity requiresShipping variant { id } } pageInfo { hasNextPage endCursor } }`;

const ORDERS_QUERY = `query OrdersPage($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ${ORDER_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

const nodesQuery = (allocations: boolean): string => `query OrdersByIds($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Order { ${ORDER_FIELDS} ${allocations ? ALLOCATION_FIELDS : ''} } }
}`;

// Past this many pages a reconciliation switches to a bulk export: one query cost however many orders changed.
const PAGES_BEFORE_BULK = 3;
const BULK_BATCH = 250;
const ORDER_GID = 'gid://shopify/Order/';
const LINE_GID = 'gid://shopify/LineItem/';

const bulkOrdersQuery = (since: string): string => `{
  orders(query: ${JSON.stringify(`updated_at:>='${since}'`)}) { edges { node {
    id name createdAt updatedAt cancelledAt closedAt displayFinancialStatus displayFulfillmentStatus tags
    shippingAddress { firstName lastName company address1 address2 city province provinceCode zip country countryCodeV2 phone }
    lineItems { edges { node { id sku title currentQuantity requiresShipping variant { id } } } }
  } } }
}`;

const MORE_LINES_QUERY = `query MoreLines($id: ID!, $after: String) {
  order(id: $id) { lineItems(first: 250, after: $after) { nodes { id sku title currentQuantity requiresShipping variant { id } } pageInfo { hasNextPage endCursor } } }
}`;

/** Orders through the Admin GraphQL API: pages for reconciliation and previews, batched reads by id for decisions. */
@Injectable()
export class ShopifyOrderClient {
  constructor(
    private readonly graphql: ShopifyGraphqlClient,
    private readonly bulk: ShopifyBulkOperationClient,
    private readonly fulfillmentOrders: FulfillmentOrderReader,
  ) {}

  /** Orders changed since `since`: pages (oldest change first) while they are few, then a bulk export of the rest. */
  async *changedSince(ctx: ChannelContext, since: Date): AsyncGenerator<ChannelOrder[]> {
    let cursor: string | null = null;
    let from = since;
    for (let pages = 0; ; pages++) {
      if (pages === PAGES_BEFORE_BULK) {
        yield* this.bulkChangedSince(ctx, from);
        return;
      }
      const page = await this.page(ctx, { updatedSince: since, cursor });
      if (page.items.length > 0) {
        yield page.items;
        from = new Date(page.items[page.items.length - 1]?.updatedAt ?? since);
      }
      cursor = page.nextCursor;
      if (!cursor) {
        return;
      }
    }
  }

  /**
   * A bulk export: each order's line is followed by its line items' lines (__parentId). A line item whose order was
   * already handed on (the file did not keep them together) marks that order to be read again by id at the end.
   */
  private async *bulkChangedSince(ctx: ChannelContext, since: Date): AsyncGenerator<ChannelOrder[]> {
    const operation = await this.bulk.start(ctx, bulkOrdersQuery(since.toISOString()));
    const url = await this.bulk.waitFor(ctx, operation);
    if (!url) {
      return;
    }
    let current: OrderNode | null = null;
    const handedOn = new Set<string>();
    const late = new Set<string>();
    let batch: ChannelOrder[] = [];
    const finish = (): ChannelOrder[] | null => {
      if (current) {
        batch.push(ShopifyOrderMapper.fromNode(current));
        handedOn.add(current.id);
        current = null;
      }
      if (batch.length < BULK_BATCH) {
        return null;
      }
      const full = batch;
      batch = [];
      return full;
    };
    for await (const lines of this.bulk.lines(url)) {
      for (const line of lines) {
        const node = line as Record<string, unknown> & { id?: unknown; __parentId?: unknown };
        if (typeof node.id !== 'string') {
          continue;
        }
        if (node.id.startsWith(ORDER_GID)) {
          const full = finish();
          if (full) {
            yield full;
          }
          current = { ...(node as unknown as OrderNode), lineItems: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } };
        } else if (node.id.startsWith(LINE_GID) && typeof node.__parentId === 'string') {
          if (current?.id === node.__parentId) {
            current.lineItems.nodes.push(node as unknown as LineItemNode);
          } else if (handedOn.has(node.__parentId)) {
            late.add(node.__parentId);
          }
        }
      }
    }
    // The last order may fill the batch: what finish() hands back is yielded like any full batch.
    const full = finish();
    if (full) {
      yield full;
    }
    if (batch.length > 0) {
      yield batch;
    }
    const again = [...late];
    for (let i = 0; i < again.length; i += BULK_BATCH) {
      const read = await this.read(ctx, again.slice(i, i + BULK_BATCH), false);
      yield [...read.values()].map((r) => r.order);
    }
  }

  async page(ctx: ChannelContext, query: ChannelOrderQuery): Promise<ChannelPage<ChannelOrder>> {
    const search = [
      query.updatedSince ? `updated_at:>='${query.updatedSince.toISOString()}'` : null,
      query.createdSince ? `created_at:>='${query.createdSince.toISOString()}'` : null,
    ]
      .filter(Boolean)
      .join(' AND ');
    const { data } = await this.graphql.request<{
      orders: { nodes: OrderNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    }>(ctx, ORDERS_QUERY, { first: PAGE_SIZE, after: query.cursor ?? null, query: search || null });
    const nodes = await this.withAllLines(ctx, data.orders.nodes);
    return {
      items: nodes.map((n) => ShopifyOrderMapper.fromNode(n)),
      nextCursor: data.orders.pageInfo.hasNextPage ? data.orders.pageInfo.endCursor : null,
    };
  }

  async read(ctx: ChannelContext, ids: string[], allocations: boolean): Promise<Map<string, ChannelOrderRead>> {
    const perQuery = Math.max(1, Math.floor(MAX_QUERY_COST / (ORDER_COST + (allocations ? ALLOCATION_COST : 0))));
    const found = new Map<string, ChannelOrderRead>();
    for (let i = 0; i < ids.length; i += perQuery) {
      const { data } = await this.graphql.request<{ nodes: (OrderNode | null)[] }>(ctx, nodesQuery(allocations), {
        ids: ids.slice(i, i + perQuery),
      });
      const nodes = await this.withAllLines(
        ctx,
        data.nodes.filter((n): n is OrderNode => n !== null && typeof n.id === 'string' && n.id.startsWith('gid://shopify/Order/')),
      );
      for (const node of nodes) {
        if (allocations) {
          await this.fulfillmentOrders.complete(ctx, node);
        }
        found.set(node.id, {
          order: ShopifyOrderMapper.fromNode(node),
          allocations: allocations ? ShopifyOrderMapper.allocations(node) : null,
        });
      }
    }
    return found;
  }

  /** Orders with more lines than a page holds get the rest read (rare: few orders have more than 50 lines). */
  private async withAllLines(ctx: ChannelContext, nodes: OrderNode[]): Promise<OrderNode[]> {
    for (const node of nodes) {
      let pageInfo = node.lineItems.pageInfo;
      while (pageInfo.hasNextPage) {
        const { data } = await this.graphql.request<{
          order: { lineItems: { nodes: LineItemNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
        }>(ctx, MORE_LINES_QUERY, { id: node.id, after: pageInfo.endCursor });
        node.lineItems.nodes.push(...data.order.lineItems.nodes);
        pageInfo = data.order.lineItems.pageInfo;
      }
    }
    return nodes;
  }
}
