import { Injectable } from '@nestjs/common';
import type { ChannelContext } from '@gantry/core';
import { ShopifyGraphqlClient } from '../graphql/shopify-graphql.client';
import type { FulfillmentOrderLineNode, FulfillmentOrderNode, OrderNode, PageInfo } from './shopify-order.mapper';

// What a batched order read asks of each order (requested cost 137: several orders fit in one query).
export const FO_FIRST = 3;
export const FO_LINES_FIRST = 20;
export const ALLOCATION_COST = 2 + FO_FIRST * (3 + 2 + FO_LINES_FIRST * 2);

export const ALLOCATION_FIELDS = `
  fulfillmentOrders(first: ${FO_FIRST}) {
    nodes { id status assignedLocation { location { id } }
      lineItems(first: ${FO_LINES_FIRST}) { nodes { id totalQuantity remainingQuantity lineItem { id } } pageInfo { hasNextPage endCursor } } }
    pageInfo { hasNextPage endCursor }
  }`;

const MORE_FULFILLMENT_ORDERS = `query MoreFulfillmentOrders($id: ID!, $after: String) {
  order(id: $id) { fulfillmentOrders(first: 10, after: $after) {
    nodes { id status assignedLocation { location { id } }
      lineItems(first: ${FO_LINES_FIRST}) { nodes { id totalQuantity remainingQuantity lineItem { id } } pageInfo { hasNextPage endCursor } } }
    pageInfo { hasNextPage endCursor }
  } }
}`;

const MORE_FULFILLMENT_ORDER_LINES = `query MoreFulfillmentOrderLines($id: ID!, $after: String) {
  fulfillmentOrder(id: $id) { lineItems(first: 250, after: $after) {
    nodes { id totalQuantity remainingQuantity lineItem { id } } pageInfo { hasNextPage endCursor }
  } }
}`;

/**
 * Completes an order's fulfillment orders beyond what the batched read holds (more than 3 of them, or more than 20
 * lines in one): rare, so paid for only by the orders that need it.
 */
@Injectable()
export class FulfillmentOrderReader {
  constructor(private readonly graphql: ShopifyGraphqlClient) {}

  async complete(ctx: ChannelContext, node: OrderNode): Promise<void> {
    const connection = node.fulfillmentOrders;
    if (!connection) {
      return;
    }
    let page: PageInfo | undefined = connection.pageInfo;
    while (page?.hasNextPage) {
      const { data } = await this.graphql.request<{
        order: { fulfillmentOrders: { nodes: FulfillmentOrderNode[]; pageInfo: PageInfo } } | null;
      }>(ctx, MORE_FULFILLMENT_ORDERS, { id: node.id, after: page.endCursor });
      if (!data.order) {
        break;
      }
      connection.nodes.push(...data.order.fulfillmentOrders.nodes);
      page = data.order.fulfillmentOrders.pageInfo;
    }
    for (const fo of connection.nodes) {
      let lines: PageInfo | undefined = fo.lineItems.pageInfo;
      while (lines?.hasNextPage) {
        const { data } = await this.graphql.request<{
          fulfillmentOrder: { lineItems: { nodes: FulfillmentOrderLineNode[]; pageInfo: PageInfo } } | null;
        }>(ctx, MORE_FULFILLMENT_ORDER_LINES, { id: fo.id, after: lines.endCursor });
        if (!data.fulfillmentOrder) {
          break;
        }
        fo.lineItems.nodes.push(...data.fulfillmentOrder.lineItems.nodes);
        lines = data.fulfillmentOrder.lineItems.pageInfo;
      }
    }
  }
}
