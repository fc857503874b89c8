import {
  ChannelAdapterException,
  ChannelErrorCode,
  type ChannelAddress,
  type EXPORT_NOTE_FIELDS,
  type WholesaleOrder,
  type WholesaleOrderDetail,
  type WholesaleOrderLine,
} from '@gantry/core';
import { formatCents, sumToCents } from './joor-decimal';

/** A JOOR v2 order as the API sends it: flat snake_case, numbers usually as strings (research §4). */
export type JoorOrderPayload = Readonly<Record<string, unknown>>;

type DetailKey = (typeof EXPORT_NOTE_FIELDS)[number];

// The labels people read in the exported order's note; keys are the core's note fields.
const DETAIL_LABELS: Record<DetailKey, string> = {
  paymentTerms: 'Payment terms',
  shippingMethod: 'Shipping method',
  linesheet: 'Linesheet',
  shipWindow: 'Ship window',
  season: 'Season',
  salesRep: 'Sales rep',
  customerPo: 'Customer PO',
  warehouse: 'Warehouse',
  customerCode: 'Customer code',
};

// JOOR's Shopify mapping says the price currency "default is $": symbols occur. Only unambiguous ones are read
// ("kr" could be SEK, NOK or DKK; "$" is taken as US dollars as JOOR's own integration takes it).
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = {
  $: 'USD',
  US$: 'USD',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  C$: 'CAD',
  CA$: 'CAD',
  A$: 'AUD',
  AU$: 'AUD',
  NZ$: 'NZD',
  HK$: 'HKD',
};

const WHOLE_NUMBER = /^\+?\d+(\.0+)?$/;
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?/;

/** A value as trimmed text: strings and numbers (JOOR sends both), else null; empty text is null. */
function text(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return null;
}

function invalid(orderId: string | null, field: string, message: string): ChannelAdapterException {
  const which = orderId ? `JOOR order ${orderId}` : 'A JOOR order';
  return new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, `${which}: ${field} ${message}`, {
    details: { orderId, field },
  });
}

/**
 * JOOR's v2 order in the channel-neutral words of the export engine (research §8). Pure: throws
 * `ChannelAdapterException(INVALID_DATA)` naming the field when the order cannot be exported as it is.
 */
export class JoorOrderMapper {
  static toWholesaleOrder(raw: unknown): WholesaleOrder {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw invalid(null, 'order', 'is not a JSON object');
    }
    const o = raw as JoorOrderPayload;
    const id = text(o.order_id);
    if (!id) {
      throw invalid(null, 'order_id', 'is missing');
    }
    const get = (key: string): string | null => text(o[key]);
    // JOOR bumps date_modified on every change; older payloads without it fall back to approval, then creation.
    const modifiedAt = JoorOrderMapper.timestamp(get('date_modified') ?? get('date_approved') ?? get('date_created'));
    if (!modifiedAt) {
      throw invalid(id, 'date_modified', `is missing or not a date (${JSON.stringify(o.date_modified ?? null)})`);
    }
    const shippingTotal = JoorOrderMapper.money(id, 'order_shipping_total', get('order_shipping_total'));
    return {
      externalId: id,
      modifiedAt,
      approvedAt: JoorOrderMapper.timestamp(get('date_approved')),
      createdAt: JoorOrderMapper.timestamp(get('date_created')),
      poNumber: get('customer_purchase_order'),
      currency: JoorOrderMapper.currency(id, o.order_currency),
      customer: {
        code: get('customer_code'),
        email: get('shipping_email') ?? get('created_by_email'),
        ...JoorOrderMapper.splitName(get('customer_buyer_name')),
        company: get('company_name') ?? get('customer_name'),
        phone: get('shipping_phone'),
      },
      shippingAddress: JoorOrderMapper.address(o, 'shipping'),
      billingAddress: JoorOrderMapper.address(o, 'billing'),
      // Free shipping reads as null: the sink adds a shipping line only for a charge.
      shippingTotal: shippingTotal === '0.00' ? null : shippingTotal,
      shippingMethod: get('shipping_method_name'),
      comments: get('order_comments'),
      details: JoorOrderMapper.details(o),
      tags: [...new Set([get('order_season_code'), get('order_delivery_code')].filter((t): t is string => t !== null))],
      lines: JoorOrderMapper.lines(id, o.line_items),
    };
  }

  /** ISO 4217 from an ISO code in any case or an unambiguous symbol; INVALID_DATA otherwise. */
  static currency(orderId: string, value: unknown): string {
    const raw = text(value);
    if (!raw) {
      throw invalid(orderId, 'order_currency', 'is missing');
    }
    const compact = raw.replace(/\s+/g, '');
    const symbol = CURRENCY_SYMBOLS[compact.toUpperCase()] ?? CURRENCY_SYMBOLS[compact];
    if (symbol) {
      return symbol;
    }
    if (/^[A-Za-z]{3}$/.test(compact)) {
      return compact.toUpperCase();
    }
    throw invalid(orderId, 'order_currency', `"${raw}" is neither an ISO 4217 code nor a currency symbol we can read`);
  }

  /**
   * JOOR's timestamps as ISO 8601 UTC. The response format is not documented (research §9.3); the filters speak UTC,
   * so a time without a zone is read as UTC. null when absent or unreadable.
   */
  static timestamp(value: string | null): string | null {
    if (!value) {
      return null;
    }
    const match = DATE_TIME.exec(value);
    if (!match) {
      return null;
    }
    const candidate = ZONED.test(value) ? value.replace(' ', 'T') : `${match[1]}T${match[2] ?? '00:00:00'}Z`;
    const time = Date.parse(candidate);
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }

  // JOOR has one buyer name; the first word is the first name, the rest the last name.
  private static splitName(name: string | null): { firstName: string | null; lastName: string | null } {
    if (!name) {
      return { firstName: null, lastName: null };
    }
    const [first, ...rest] = name.split(/\s+/);
    return { firstName: first ?? null, lastName: rest.length > 0 ? rest.join(' ') : null };
  }

  private static address(o: JoorOrderPayload, prefix: 'shipping' | 'billing'): ChannelAddress | null {
    const get = (key: string): string | null => text(o[`${prefix}_${key}`]);
    const countryCode = get('country_iso_two')?.toUpperCase() ?? null;
    const address: ChannelAddress = {
      name: get('name'),
      company: text(o.company_name) ?? text(o.customer_name),
      address1: get('address_1'),
      address2: get('address_2'),
      city: get('city'),
      province: get('region'),
      zip: get('postal_code'),
      country: get('country'),
      countryCode: countryCode && /^[A-Z]{2}$/.test(countryCode) ? countryCode : null,
      phone: get('phone'),
    };
    // Only the company (the retailer's, shared by both) is known: JOOR sent no address of this kind.
    const { company: _company, ...own } = address;
    return Object.values(own).some((v) => v !== null) ? address : null;
  }

  private static details(o: JoorOrderPayload): Record<string, WholesaleOrderDetail> {
    const get = (key: string): string | null => text(o[key]);
    const values: Record<DetailKey, string | null> = {
      paymentTerms: get('payment_method_name'),
      shippingMethod: get('shipping_method_name'),
      linesheet: get('order_delivery_name'),
      shipWindow: JoorOrderMapper.shipWindow(get('date_ship_start'), get('date_ship_end')),
      season: get('order_season_code'),
      salesRep: get('sales_representative'),
      customerPo: get('customer_purchase_order'),
      warehouse: get('warehouse_name'),
      customerCode: get('customer_code'),
    };
    const details: Record<string, WholesaleOrderDetail> = {};
    for (const [key, value] of Object.entries(values) as [DetailKey, string | null][]) {
      if (value !== null) {
        details[key] = { label: DETAIL_LABELS[key], value };
      }
    }
    return details;
  }

  // Ship dates are calendar dates (start ship, complete ship); a time part, if JOOR sends one, says nothing more.
  private static shipWindow(start: string | null, end: string | null): string | null {
    const day = (value: string | null): string | null => (value ? (DATE_TIME.exec(value)?.[1] ?? value) : null);
    const [from, to] = [day(start), day(end)];
    if (from && to) {
      return from === to ? from : `${from} – ${to}`;
    }
    return from ? `from ${from}` : to ? `until ${to}` : null;
  }

  private static lines(orderId: string, value: unknown): WholesaleOrderLine[] {
    if (!Array.isArray(value)) {
      throw invalid(orderId, 'line_items', 'is not a list');
    }
    const lines: WholesaleOrderLine[] = [];
    for (const [index, raw] of (value as unknown[]).entries()) {
      const line = JoorOrderMapper.line(orderId, index, raw);
      if (line) {
        lines.push(line);
      }
    }
    return lines;
  }

  /** One line; null for a line of 0 units (a size of a grid nobody ordered: nothing to export). */
  private static line(orderId: string, index: number, raw: unknown): WholesaleOrderLine | null {
    const path = `line_items[${index}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw invalid(orderId, path, 'is not an object');
    }
    const l = raw as JoorOrderPayload;
    const get = (key: string): string | null => text(l[key]);
    const quantityText = get('item_quantity');
    if (!quantityText || !WHOLE_NUMBER.test(quantityText)) {
      throw invalid(orderId, `${path}.item_quantity`, `is not a whole number of units (${JSON.stringify(l.item_quantity ?? null)})`);
    }
    // item_quantity counts priced units: JOOR's item_price_extended is (price + adjustment) × item_quantity, so the
    // case-pack item_multiplier is already in it and is not applied again.
    const quantity = Number(quantityText.replace(/\.0+$/, ''));
    if (!Number.isSafeInteger(quantity)) {
      throw invalid(orderId, `${path}.item_quantity`, `is too large (${quantityText})`);
    }
    if (quantity === 0) {
      return null;
    }
    const unitPrice = JoorOrderMapper.unitPrice(orderId, path, get('item_price'), get('item_price_adjustment'));
    const styleNumber = get('item_number');
    const color = get('item_color');
    const size = get('item_size');
    const baseName = get('item_name') ?? styleNumber ?? `JOOR item ${index + 1}`;
    const variant = [color, size].filter((v): v is string => v !== null).join(' / ');
    return {
      // JOOR's lines have no id: their position is stable within one order.
      externalLineId: String(index + 1),
      item: { upc: get('item_upc'), styleIdentifier: get('item_style_identifier'), styleNumber, sku: styleNumber, color, size },
      name: variant ? `${baseName} - ${variant}` : baseName,
      quantity,
      unitPrice,
      comment: get('item_comment'),
    };
  }

  // item_price already holds the style-level discount; item_price_adjustment (±) is added on top, exactly.
  private static unitPrice(orderId: string, path: string, price: string | null, adjustment: string | null): string {
    if (price === null) {
      throw invalid(orderId, `${path}.item_price`, 'is missing');
    }
    const cents = sumToCents([price, adjustment ?? '0']);
    if (cents === null) {
      const bad = sumToCents([price]) === null ? ['item_price', price] : ['item_price_adjustment', adjustment];
      throw invalid(orderId, `${path}.${bad[0]}`, `is not a decimal number (${JSON.stringify(bad[1])})`);
    }
    if (cents < 0n) {
      throw invalid(orderId, `${path}.item_price_adjustment`, `makes the unit price negative (${price} + ${adjustment ?? '0'})`);
    }
    return formatCents(cents);
  }

  private static money(orderId: string, field: string, value: string | null): string | null {
    if (value === null) {
      return null;
    }
    const cents = sumToCents([value]);
    if (cents === null) {
      throw invalid(orderId, field, `is not a decimal number (${JSON.stringify(value)})`);
    }
    return formatCents(cents);
  }
}
