import {
  ChannelAdapterException,
  ChannelErrorCode,
  type ChannelAddress,
  type ChannelOrderCreate,
  type ExportedOrderRef,
  type ExportInventoryBehaviour,
} from '@gantry/core';

/** An order as the export reads it back (orderCreate's answer, nodes, orders search). */
export interface ExportedOrderNode {
  id: string;
  name: string | null;
  cancelledAt: string | null;
  sourceIdentifier: string | null;
}

export const ORDER_GID = 'gid://shopify/Order/';
const LOCATION_GID = 'gid://shopify/Location/';

const INVENTORY_BEHAVIOUR: Record<ExportInventoryBehaviour, string> = {
  decrement_obeying_policy: 'DECREMENT_OBEYING_POLICY',
  decrement_ignoring_policy: 'DECREMENT_IGNORING_POLICY',
  bypass: 'BYPASS',
};

// The source's own Shopify integration syncs back only customers tagged this way (research §5, S12).
const CUSTOMER_TAGS = ['JOOR', 'Wholesale'];

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Drops null and undefined values: Shopify reads an explicit null as "clear", an absent field as "not given". */
function compact(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
}

function text(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** A non-negative decimal string as an integer and its scale, exactly (no float rounding of money). */
function parseDecimal(value: string, what: string): { units: bigint; scale: number } {
  const match = DECIMAL.exec(value.trim());
  if (!match) {
    throw new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, `${what} "${value}" is not a non-negative decimal`);
  }
  const fraction = match[2] ?? '';
  return { units: BigInt(`${match[1]}${fraction}`), scale: fraction.length };
}

/** JOOR order → Shopify `orderCreate` input, and Shopify's order back as the export's reference. Pure. */
export class OrderExportMapper {
  /**
   * A location id as the settings may hold it, GID or numeric, as a Location GID. Anything else goes as given, so that
   * Shopify refuses it in its own words rather than the order going out without its location.
   */
  static locationGid(id: string | null): string | null {
    const value = text(id);
    if (!value) {
      return null;
    }
    return /^\d+$/.test(value) ? `${LOCATION_GID}${value}` : value;
  }

  /** An order id as Order GID (the export keeps GIDs, as the order source does); null when neither GID nor numeric. */
  static orderGid(id: string): string | null {
    if (/^\d+$/.test(id)) {
      return `${ORDER_GID}${id}`;
    }
    return id.startsWith(ORDER_GID) ? id : null;
  }

  /** price × quantity × rate, rounded half up to cents, computed exactly. */
  static taxAmount(unitPrice: string, quantity: number, rate: string): string {
    const price = parseDecimal(unitPrice, 'unit price');
    const r = parseDecimal(rate, 'tax rate');
    const scale = price.scale + r.scale;
    const exact = price.units * BigInt(quantity) * r.units;
    const cents = scale >= 2 ? (exact * 2n + 10n ** BigInt(scale - 2)) / (2n * 10n ** BigInt(scale - 2)) : exact * 10n ** BigInt(2 - scale);
    const digits = cents.toString().padStart(3, '0');
    return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
  }

  /** "Ada Lovelace" → Ada / Lovelace; a single word (often a store's name) is the first name. */
  static splitName(name: string | null): { firstName: string | null; lastName: string | null } {
    const parts = (name ?? '').trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) {
      return { firstName: null, lastName: null };
    }
    return { firstName: parts[0] ?? null, lastName: parts.length > 1 ? parts.slice(1).join(' ') : null };
  }

  static address(a: ChannelAddress | null): Record<string, unknown> | null {
    if (!a) {
      return null;
    }
    const province = text(a.province);
    const countryCode = text(a.countryCode)?.toUpperCase() ?? null;
    // A short code (CA, NSW, 06) goes as provinceCode; a name only fits the older `province` field.
    const isCode = province !== null && /^[A-Z0-9]{1,3}$/.test(province);
    return compact({
      ...OrderExportMapper.splitName(a.name),
      company: text(a.company),
      address1: text(a.address1),
      address2: text(a.address2),
      city: text(a.city),
      provinceCode: isCode ? province : null,
      province: isCode ? null : province,
      zip: text(a.zip),
      countryCode: countryCode && /^[A-Z]{2}$/.test(countryCode) ? countryCode : null,
      // Without a code, the name: Shopify still reads the deprecated field.
      country: countryCode && /^[A-Z]{2}$/.test(countryCode) ? null : text(a.country),
      phone: text(a.phone),
    });
  }

  /** The variables of `orderCreate(order:, options:)`. */
  static orderCreateInput(order: ChannelOrderCreate): { order: Record<string, unknown>; options: Record<string, unknown> } {
    const money = (amount: string) => ({ shopMoney: { amount, currencyCode: order.currency } });
    const lineItems = order.lines.map((l) =>
      compact({
        variantId: l.channelItemId,
        quantity: l.quantity,
        priceSet: money(l.unitPrice),
        // orderCreate defaults this to false; wholesale lines are goods the warehouse ships (and the order import
        // leaves lines that need no shipping out).
        requiresShipping: true,
        properties: l.properties.length > 0 ? l.properties : null,
        // Shopify refuses tax lines on both the order and its lines: per line, so each carries its own amount.
        taxLines: order.tax
          ? [
              {
                title: order.tax.title,
                rate: order.tax.rate,
                priceSet: money(OrderExportMapper.taxAmount(l.unitPrice, l.quantity, order.tax.rate)),
              },
            ]
          : null,
      }),
    );
    const location = OrderExportMapper.locationGid(order.channelLocationId);
    const customer = order.customer
      ? {
          toUpsert: compact({
            // Shopify finds the customer by email, or creates one.
            email: order.customer.email,
            firstName: text(order.customer.firstName),
            lastName: text(order.customer.lastName),
            phone: text(order.customer.phone),
            tags: CUSTOMER_TAGS,
          }),
        }
      : null;
    return {
      order: compact({
        currency: order.currency,
        email: text(order.email),
        customer,
        shippingAddress: OrderExportMapper.address(order.shippingAddress),
        billingAddress: OrderExportMapper.address(order.billingAddress),
        lineItems,
        shippingLines: order.shipping ? [{ title: order.shipping.title, priceSet: money(order.shipping.price) }] : null,
        poNumber: text(order.poNumber),
        name: text(order.name),
        sourceName: order.sourceName,
        // What findByIdentity searches: Shopify has no idempotency key for orderCreate.
        sourceIdentifier: order.identity,
        processedAt: order.processedAt,
        note: text(order.note),
        customAttributes: order.attributes.length > 0 ? order.attributes : null,
        tags: order.tags.length > 0 ? order.tags : null,
        // Wholesale terms: the retailer pays later.
        financialStatus: 'PENDING',
        // With a location, a real fulfillment from there; without, only the status (Shopify picks the locations).
        fulfillment: order.fulfilled && location ? { locationId: location, notifyCustomer: false } : null,
        fulfillmentStatus: order.fulfilled && !location ? 'FULFILLED' : null,
      }),
      options: {
        inventoryBehaviour: INVENTORY_BEHAVIOUR[order.inventoryBehaviour],
        sendReceipt: false,
        sendFulfillmentReceipt: false,
      },
    };
  }

  static toRef(node: ExportedOrderNode): ExportedOrderRef {
    return {
      externalId: node.id,
      name: node.name,
      cancelled: node.cancelledAt !== null,
      identity: node.sourceIdentifier,
    };
  }

  /** Shopify's search syntax: a quoted value with backslash and quote escaped. */
  static searchValue(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  }
}
