import { Injectable } from '@nestjs/common';
import type {
  ChannelAllocationState,
  ChannelContext,
  ChannelFulfillmentCreate,
  ChannelFulfillmentState,
  ChannelTracking,
} from '@gantry/core';
import { ShopifyGraphqlClient, type UserError } from '../graphql/shopify-graphql.client';
import { shopifyTrackingCompany } from './shopify-carrier.map';

// Requested cost per order (connections 2 + first × node, objects 1) keeps a read of several orders under 1,000.
const FO_FIRST = 5;
const FO_LINES_FIRST = 25;
const FULFILLMENTS_FIRST = 10;
const FULFILLMENT_LINES_FIRST = 25;
const ORDER_COST = 1 + (2 + FO_FIRST * (4 + 2 + FO_LINES_FIRST * 2)) + FULFILLMENTS_FIRST * (3 + 2 + FULFILLMENT_LINES_FIRST * 2);
const ORDERS_PER_QUERY = Math.max(1, Math.floor(990 / ORDER_COST));

const STATE_QUERY = `query FulfillmentState($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Order { id
    fulfillmentOrders(first: ${FO_FIRST}) { nodes { id status assignedLocation { location { id } } fulfillmentHolds { reason reasonNotes }
      lineItems(first: ${FO_LINES_FIRST}) { nodes { id remainingQuantity lineItem { id } } } } }
    fulfillments(first: ${FULFILLMENTS_FIRST}) { id status trackingInfo(first: 10) { number }
      fulfillmentLineItems(first: ${FULFILLMENT_LINES_FIRST}) { nodes { quantity lineItem { id } } } }
  } }
}`;

const CREATE_MUTATION = `mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status } userErrors { field message } }
}`;

const TRACKING_MUTATION = `mutation FulfillmentTrackingInfoUpdate($fulfillmentId: ID!, $trackingInfoInput: FulfillmentTrackingInput!, $notifyCustomer: Boolean) {
  fulfillmentTrackingInfoUpdate(fulfillmentId: $fulfillmentId, trackingInfoInput: $trackingInfoInput, notifyCustomer: $notifyCustomer) {
    fulfillment { id } userErrors { field message }
  }
}`;

interface FulfillmentOrderNode {
  id: string;
  status: string;
  assignedLocation: { location: { id: string } | null };
  fulfillmentHolds: { reason: string; reasonNotes: string | null }[];
  lineItems: { nodes: { id: string; remainingQuantity: number; lineItem: { id: string } }[] };
}

interface FulfillmentNode {
  id: string;
  status: string;
  trackingInfo: { number: string | null }[];
  fulfillmentLineItems: { nodes: { quantity: number; lineItem: { id: string } }[] };
}

interface OrderStateNode {
  id: string;
  fulfillmentOrders: { nodes: FulfillmentOrderNode[] };
  fulfillments: FulfillmentNode[];
}

/**
 * Fulfillments through the Admin GraphQL API. Only fulfillment orders the grant covers are visible (Shopify filters them
 * by the `*_merchant_managed_fulfillment_orders` scopes), so a third-party fulfillment service's are never touched.
 */
@Injectable()
export class ShopifyFulfillmentClient {
  constructor(private readonly graphql: ShopifyGraphqlClient) {}

  async read(ctx: ChannelContext, orderIds: string[]): Promise<Map<string, ChannelFulfillmentState>> {
    const out = new Map<string, ChannelFulfillmentState>();
    for (let i = 0; i < orderIds.length; i += ORDERS_PER_QUERY) {
      const { data } = await this.graphql.request<{ nodes: (OrderStateNode | null)[] }>(ctx, STATE_QUERY, {
        ids: orderIds.slice(i, i + ORDERS_PER_QUERY),
      });
      for (const node of data.nodes) {
        if (node?.id) {
          out.set(node.id, ShopifyFulfillmentClient.state(node));
        }
      }
    }
    return out;
  }

  async create(ctx: ChannelContext, request: ChannelFulfillmentCreate): Promise<{ externalId: string }> {
    const { data } = await this.graphql.request<{
      fulfillmentCreate: { fulfillment: { id: string } | null; userErrors: UserError[] };
    }>(ctx, CREATE_MUTATION, {
      fulfillment: {
        lineItemsByFulfillmentOrder: request.allocations.map((a) => ({
          fulfillmentOrderId: a.allocationId,
          fulfillmentOrderLineItems: a.lines.map((l) => ({ id: l.allocationLineId, quantity: l.quantity })),
        })),
        trackingInfo: ShopifyFulfillmentClient.trackingInput(request.tracking),
        notifyCustomer: request.notifyCustomer,
      },
    });
    ShopifyGraphqlClient.assertNoUserErrors(data.fulfillmentCreate.userErrors, 'fulfillmentCreate');
    const id = data.fulfillmentCreate.fulfillment?.id;
    if (!id) {
      ShopifyGraphqlClient.assertNoUserErrors([{ field: null, message: 'no fulfillment in the answer' }], 'fulfillmentCreate');
    }
    return { externalId: id ?? '' };
  }

  async updateTracking(ctx: ChannelContext, fulfillmentId: string, tracking: ChannelTracking, notifyCustomer: boolean): Promise<void> {
    const { data } = await this.graphql.request<{ fulfillmentTrackingInfoUpdate: { userErrors: UserError[] } }>(ctx, TRACKING_MUTATION, {
      fulfillmentId,
      trackingInfoInput: ShopifyFulfillmentClient.trackingInput(tracking),
      notifyCustomer,
    });
    ShopifyGraphqlClient.assertNoUserErrors(data.fulfillmentTrackingInfoUpdate.userErrors, 'fulfillmentTrackingInfoUpdate');
  }

  /**
   * Shopify's tracking input: `numbers` (one per parcel) and `urls` only when every parcel has one (the two lists pair
   * up); a company from Shopify's list gets its links built by Shopify.
   */
  static trackingInput(tracking: ChannelTracking): { company?: string; numbers: string[]; urls?: string[] } {
    const { company } = shopifyTrackingCompany(tracking.carrier);
    const urls = tracking.urls.every((u): u is string => typeof u === 'string' && u !== '') ? tracking.urls : null;
    return {
      ...(company ? { company } : {}),
      numbers: tracking.numbers,
      ...(urls && urls.length > 0 ? { urls } : {}),
    };
  }

  static state(node: OrderStateNode): ChannelFulfillmentState {
    return {
      orderExternalId: node.id,
      allocations: node.fulfillmentOrders.nodes.map((fo) => ShopifyFulfillmentClient.allocation(fo)),
      fulfillments: node.fulfillments.map((f) => ({
        externalId: f.id,
        cancelled: f.status === 'CANCELLED' || f.status === 'ERROR' || f.status === 'FAILURE',
        trackingNumbers: f.trackingInfo.map((t) => t.number).filter((n): n is string => !!n),
        lines: f.fulfillmentLineItems.nodes.map((l) => ({ externalLineId: l.lineItem.id, quantity: l.quantity })),
      })),
    };
  }

  private static allocation(fo: FulfillmentOrderNode): ChannelAllocationState {
    const status: ChannelAllocationState['status'] =
      fo.status === 'OPEN' || fo.status === 'IN_PROGRESS'
        ? 'open'
        : fo.status === 'ON_HOLD' || fo.status === 'SCHEDULED'
          ? 'on_hold'
          : fo.status === 'CLOSED'
            ? 'closed'
            : fo.status === 'CANCELLED'
              ? 'cancelled'
              : 'other';
    const holds = fo.fulfillmentHolds.map((h) => [h.reason.toLowerCase().replace(/_/g, ' '), h.reasonNotes].filter(Boolean).join(': '));
    return {
      externalId: fo.id,
      channelLocationId: fo.assignedLocation.location?.id ?? null,
      status,
      detail: status === 'open' ? null : holds.length > 0 ? holds.join('; ') : fo.status.toLowerCase(),
      lines: fo.lineItems.nodes.map((l) => ({ allocationLineId: l.id, externalLineId: l.lineItem.id, openQuantity: l.remainingQuantity })),
    };
  }
}
