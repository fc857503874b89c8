import { Injectable } from '@nestjs/common';
import type { ChannelContext, ChannelReturn, ChannelReturnDisposal, ChannelReturnStatus } from '@gantry/core';
import { ShopifyGraphqlClient, type UserError } from '../graphql/shopify-graphql.client';

// Requested cost per return stays well under 1,000 for a few returns per query (lines and reverse lines are few).
const RETURNS_PER_QUERY = 2;
const LINES_FIRST = 25;

const RETURNS_QUERY = `query ReturnsByIds($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Return { id name status
    order { id fulfillments(first: 10) { location { id } fulfillmentLineItems(first: ${LINES_FIRST}) { nodes { id } } } }
    returnLineItems(first: ${LINES_FIRST}) { nodes { ... on ReturnLineItem { id quantity returnReason returnReasonNote customerNote
      fulfillmentLineItem { id lineItem { id sku } } } } }
    reverseFulfillmentOrders(first: 3) { nodes { id status
      lineItems(first: ${LINES_FIRST}) { nodes { id totalQuantity fulfillmentLineItem { id } dispositions { type quantity } } } } }
  } }
}`;

const OPEN_QUERY = `query OrdersWithOpenReturns($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query) {
    nodes { id returns(first: 10, query: "status:requested OR status:open") { nodes { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const DISPOSE_MUTATION = `mutation ReverseFulfillmentOrderDispose($dispositionInputs: [ReverseFulfillmentOrderDisposeInput!]!) {
  reverseFulfillmentOrderDispose(dispositionInputs: $dispositionInputs) { reverseFulfillmentOrderLineItems { id } userErrors { field message code } }
}`;

const CLOSE_MUTATION = `mutation ReturnClose($id: ID!) {
  returnClose(id: $id) { return { id status } userErrors { field message code } }
}`;

interface ReturnNode {
  id: string;
  name: string | null;
  status: string;
  order: { id: string; fulfillments: { location: { id: string } | null; fulfillmentLineItems: { nodes: { id: string }[] } }[] };
  returnLineItems: {
    nodes: {
      id?: string;
      quantity?: number;
      returnReason?: string | null;
      returnReasonNote?: string | null;
      customerNote?: string | null;
      fulfillmentLineItem?: { id: string; lineItem: { id: string; sku: string | null } };
    }[];
  };
  reverseFulfillmentOrders: {
    nodes: {
      id: string;
      status: string;
      lineItems: {
        nodes: {
          id: string;
          totalQuantity: number;
          fulfillmentLineItem: { id: string } | null;
          dispositions: { type: string; quantity: number }[];
        }[];
      };
    }[];
  };
}

const STATUS: Record<string, ChannelReturnStatus> = {
  REQUESTED: 'requested',
  OPEN: 'open',
  DECLINED: 'declined',
  CANCELED: 'cancelled',
  CLOSED: 'closed',
};

/** Returns through the Admin GraphQL API: batched reads, the returns of changed orders, dispositions and closing. */
@Injectable()
export class ShopifyReturnClient {
  constructor(private readonly graphql: ShopifyGraphqlClient) {}

  async read(ctx: ChannelContext, ids: string[]): Promise<Map<string, ChannelReturn>> {
    const out = new Map<string, ChannelReturn>();
    for (let i = 0; i < ids.length; i += RETURNS_PER_QUERY) {
      const { data } = await this.graphql.request<{ nodes: (ReturnNode | null)[] }>(ctx, RETURNS_QUERY, {
        ids: ids.slice(i, i + RETURNS_PER_QUERY),
      });
      for (const node of data.nodes) {
        if (node?.id) {
          out.set(node.id, ShopifyReturnClient.toReturn(node));
        }
      }
    }
    return out;
  }

  /**
   * Ids of the returns in progress: orders whose return status is requested or in progress, a page at a time. Shopify
   * leaves an order's updatedAt alone when a return changes, so "orders changed since" would not find them.
   */
  async *open(ctx: ChannelContext): AsyncGenerator<string[]> {
    let after: string | null = null;
    for (;;) {
      const {
        data,
      }: {
        data: {
          orders: { nodes: { returns: { nodes: { id: string }[] } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
        };
      } = await this.graphql.request(ctx, OPEN_QUERY, {
        first: 50,
        after,
        query: 'return_status:return_requested OR return_status:in_progress',
      });
      const ids = data.orders.nodes.flatMap((o) => o.returns.nodes.map((r) => r.id));
      if (ids.length > 0) {
        yield ids;
      }
      if (!data.orders.pageInfo.hasNextPage) {
        return;
      }
      after = data.orders.pageInfo.endCursor;
    }
  }

  async dispose(ctx: ChannelContext, disposal: ChannelReturnDisposal): Promise<void> {
    const { data } = await this.graphql.request<{ reverseFulfillmentOrderDispose: { userErrors: UserError[] } }>(ctx, DISPOSE_MUTATION, {
      dispositionInputs: disposal.lines.map((l) => ({
        reverseFulfillmentOrderLineItemId: l.disposalLineId,
        quantity: l.quantity,
        dispositionType: l.restock ? 'RESTOCKED' : 'NOT_RESTOCKED',
        ...(l.restock && l.channelLocationId ? { locationId: l.channelLocationId } : {}),
      })),
    });
    ShopifyGraphqlClient.assertNoUserErrors(data.reverseFulfillmentOrderDispose.userErrors, 'reverseFulfillmentOrderDispose');
  }

  async close(ctx: ChannelContext, id: string): Promise<void> {
    const { data } = await this.graphql.request<{ returnClose: { userErrors: UserError[] } }>(ctx, CLOSE_MUTATION, { id });
    ShopifyGraphqlClient.assertNoUserErrors(data.returnClose.userErrors, 'returnClose');
  }

  static toReturn(node: ReturnNode): ChannelReturn {
    // Where each fulfilled unit left from: the return goes back to that location's warehouse.
    const locationOf = new Map<string, string | null>();
    for (const f of node.order.fulfillments) {
      for (const fl of f.fulfillmentLineItems.nodes) {
        locationOf.set(fl.id, f.location?.id ?? null);
      }
    }
    const lines = node.returnLineItems.nodes
      .filter((l) => l.id && l.fulfillmentLineItem)
      .map((l) => ({
        externalLineId: l.id ?? '',
        orderLineExternalId: l.fulfillmentLineItem?.lineItem.id ?? '',
        sku: l.fulfillmentLineItem?.lineItem.sku?.trim() || null,
        quantity: l.quantity ?? 0,
        reason: l.returnReason && l.returnReason !== 'UNKNOWN' ? l.returnReason.toLowerCase().replace(/_/g, ' ') : null,
        note: [l.returnReasonNote, l.customerNote].filter((x): x is string => !!x && x.trim() !== '').join(' / ') || null,
        channelLocationId: locationOf.get(l.fulfillmentLineItem?.id ?? '') ?? null,
      }));
    // A reverse fulfillment line names the fulfilled unit it takes back; the return line does too.
    const returnLineOf = new Map<string, string>();
    for (const l of node.returnLineItems.nodes) {
      if (l.id && l.fulfillmentLineItem) {
        returnLineOf.set(l.fulfillmentLineItem.id, l.id);
      }
    }
    return {
      externalId: node.id,
      externalName: node.name,
      orderExternalId: node.order.id,
      status: STATUS[node.status] ?? 'open',
      lines,
      disposal: node.reverseFulfillmentOrders.nodes.flatMap((rfo) =>
        rfo.lineItems.nodes.map((l) => {
          const restocked = l.dispositions.filter((d) => d.type === 'RESTOCKED').reduce((n, d) => n + d.quantity, 0);
          return {
            disposalLineId: l.id,
            groupId: rfo.id,
            returnLineExternalId: returnLineOf.get(l.fulfillmentLineItem?.id ?? '') ?? '',
            totalQuantity: l.totalQuantity,
            restocked,
            notRestocked: l.dispositions.reduce((n, d) => n + d.quantity, 0) - restocked,
            open: rfo.status === 'OPEN',
          };
        }),
      ),
    };
  }
}
