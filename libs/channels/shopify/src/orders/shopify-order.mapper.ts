import type { ChannelOrder, ChannelOrderAllocation, ChannelOrderLine } from '@gantry/core';

/** An order as the GraphQL queries of this folder select it. */
export interface OrderNode {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  closedAt: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  tags: string[];
  shippingAddress: Record<string, string | null> | null;
  lineItems: { nodes: LineItemNode[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  fulfillmentOrders?: { nodes: FulfillmentOrderNode[]; pageInfo?: PageInfo };
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface LineItemNode {
  id: string;
  sku: string | null;
  title: string;
  currentQuantity: number;
  requiresShipping: boolean;
  variant: { id: string } | null;
}

export interface FulfillmentOrderNode {
  id: string;
  status: string;
  assignedLocation: { location: { id: string } | null };
  lineItems: { nodes: FulfillmentOrderLineNode[]; pageInfo?: PageInfo };
}

export interface FulfillmentOrderLineNode {
  id?: string;
  totalQuantity: number;
  remainingQuantity: number;
  lineItem: { id: string };
}

/** The order webhook payload (REST shape) as far as orders in read it. */
interface OrderPayload {
  admin_graphql_api_id?: unknown;
  name?: unknown;
  created_at?: unknown;
  updated_at?: unknown;
  cancelled_at?: unknown;
  closed_at?: unknown;
  financial_status?: unknown;
  fulfillment_status?: unknown;
  tags?: unknown;
  shipping_address?: unknown;
  line_items?: unknown;
}

const REST_FULFILLMENT: Record<string, string> = {
  fulfilled: 'FULFILLED',
  partial: 'PARTIALLY_FULFILLED',
  restocked: 'RESTOCKED',
};

// Allocations still to be worked on; CLOSED ones count what was fulfilled there, CANCELLED ones nothing.
const OPEN_FULFILLMENT_ORDER = new Set(['OPEN', 'IN_PROGRESS', 'SCHEDULED', 'ON_HOLD', 'INCOMPLETE']);

const iso = (value: string): string => new Date(value).toISOString();
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const idText = (value: unknown): string | null => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);

/** Shopify's order in the channel-neutral words of the order engine; one shape from webhooks and from GraphQL. */
export class ShopifyOrderMapper {
  static status(cancelledAt: string | null, closedAt: string | null): string {
    return cancelledAt ? 'CANCELLED' : closedAt ? 'CLOSED' : 'OPEN';
  }

  static fromNode(node: OrderNode): ChannelOrder {
    return {
      externalId: node.id,
      externalNumber: node.name,
      createdAt: iso(node.createdAt),
      updatedAt: iso(node.updatedAt),
      cancelledAt: node.cancelledAt ? iso(node.cancelledAt) : null,
      status: ShopifyOrderMapper.status(node.cancelledAt, node.closedAt),
      financialStatus: node.displayFinancialStatus,
      fulfillmentStatus: node.displayFulfillmentStatus,
      tags: node.tags.map((t) => t.trim()).filter(Boolean),
      // Lines that need no shipping (gift cards, services, tips) are not the warehouse's.
      lines: node.lineItems.nodes
        .filter((l) => l.requiresShipping)
        .map((l) => ({
          externalLineId: l.id,
          channelItemId: l.variant?.id ?? null,
          sku: text(l.sku)?.trim() ?? null,
          quantity: l.currentQuantity,
          title: l.title,
        })),
      shippingAddress: node.shippingAddress ? ShopifyOrderMapper.address(node.shippingAddress, 'graphql') : null,
    };
  }

  static allocations(node: OrderNode): ChannelOrderAllocation[] {
    return (node.fulfillmentOrders?.nodes ?? []).map((fo) => {
      const open = OPEN_FULFILLMENT_ORDER.has(fo.status);
      return {
        externalId: fo.id,
        channelLocationId: fo.assignedLocation.location?.id ?? null,
        open,
        lines:
          fo.status === 'CANCELLED'
            ? []
            : fo.lineItems.nodes.map((l) => ({
                externalLineId: l.lineItem.id,
                quantity: open ? l.totalQuantity : l.totalQuantity - l.remainingQuantity,
                // What a fulfillment of it names; absent from reads made before line ids were asked for.
                ...(l.id ? { allocationLineId: l.id } : {}),
                openQuantity: open ? l.remainingQuantity : 0,
              })),
      };
    });
  }

  /**
   * An order webhook's body; null with the reason when it is not an order (missing or mistyped fields). Ids are read
   * from the GraphQL ids the payload carries, never from its numeric ids (they exceed 2^53).
   */
  static fromPayload(body: unknown): { order: ChannelOrder } | { invalid: string } {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { invalid: 'the body is not a JSON object' };
    }
    const p = body as OrderPayload;
    const id = text(p.admin_graphql_api_id);
    if (!id || !id.startsWith('gid://shopify/Order/')) {
      return { invalid: 'admin_graphql_api_id is not an order id' };
    }
    for (const key of ['created_at', 'updated_at'] as const) {
      if (typeof p[key] !== 'string' || Number.isNaN(Date.parse(p[key]))) {
        return { invalid: `${key} is not a date` };
      }
    }
    // cancelled_at may be null, but a text that is no date would make iso() throw (RangeError) and fail the whole batch
    // of deliveries instead of answering this one as invalid.
    const cancelled = text(p.cancelled_at);
    if (cancelled !== null && Number.isNaN(Date.parse(cancelled))) {
      return { invalid: 'cancelled_at is not a date' };
    }
    if (!Array.isArray(p.line_items)) {
      return { invalid: 'line_items is not a list' };
    }
    const lines: ChannelOrderLine[] = [];
    for (const [i, raw] of (p.line_items as unknown[]).entries()) {
      const line = ShopifyOrderMapper.payloadLine(raw);
      if ('invalid' in line) {
        return { invalid: `line_items[${i}]: ${line.invalid}` };
      }
      if (line.line) {
        lines.push(line.line);
      }
    }
    const cancelledAt = text(p.cancelled_at);
    const financial = text(p.financial_status);
    return {
      order: {
        externalId: id,
        externalNumber: text(p.name),
        createdAt: iso(p.created_at as string),
        updatedAt: iso(p.updated_at as string),
        cancelledAt: cancelledAt ? iso(cancelledAt) : null,
        status: ShopifyOrderMapper.status(cancelledAt, text(p.closed_at)),
        financialStatus: financial ? financial.toUpperCase() : null,
        fulfillmentStatus: REST_FULFILLMENT[text(p.fulfillment_status) ?? ''] ?? 'UNFULFILLED',
        tags:
          typeof p.tags === 'string'
            ? p.tags
                .split(',')
                .map((t) => t.trim())
                .filter(Boolean)
            : [],
        lines,
        shippingAddress:
          typeof p.shipping_address === 'object' && p.shipping_address !== null
            ? ShopifyOrderMapper.address(p.shipping_address as Record<string, unknown>, 'rest')
            : null,
      },
    };
  }

  private static payloadLine(raw: unknown): { line: ChannelOrderLine | null } | { invalid: string } {
    if (typeof raw !== 'object' || raw === null) {
      return { invalid: 'not an object' };
    }
    const l = raw as Record<string, unknown>;
    const id = text(l.admin_graphql_api_id);
    if (!id) {
      return { invalid: 'admin_graphql_api_id is missing' };
    }
    const quantity = typeof l.current_quantity === 'number' ? l.current_quantity : l.quantity;
    if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 0) {
      return { invalid: 'quantity is not a whole number' };
    }
    if (l.requires_shipping === false) {
      return { line: null };
    }
    const variant = idText(l.variant_id);
    return {
      line: {
        externalLineId: id,
        channelItemId: variant ? `gid://shopify/ProductVariant/${variant}` : null,
        sku: text(l.sku)?.trim() ?? null,
        quantity,
        title: text(l.title),
      },
    };
  }

  /** One address shape from both APIs. */
  private static address(a: Record<string, unknown>, from: 'rest' | 'graphql'): Record<string, unknown> {
    const pick = (rest: string, graphql: string): string | null => text(a[from === 'rest' ? rest : graphql]);
    return {
      firstName: pick('first_name', 'firstName'),
      lastName: pick('last_name', 'lastName'),
      company: pick('company', 'company'),
      address1: pick('address1', 'address1'),
      address2: pick('address2', 'address2'),
      city: pick('city', 'city'),
      province: pick('province', 'province'),
      provinceCode: pick('province_code', 'provinceCode'),
      zip: pick('zip', 'zip'),
      country: pick('country', 'country'),
      countryCode: pick('country_code', 'countryCodeV2'),
      phone: pick('phone', 'phone'),
    };
  }
}
