import { stringify } from 'lossless-json';
import { Gid } from '../common/gid';
import { Money } from '../common/money';
import type { InventoryLedger } from '../state/inventory-ledger';
import { LineQuantities } from '../state/line-quantities';
import type { AddressRecord, FulfillmentRecord, InventoryLevelRecord, LineItemRecord, OrderRecord, ShopData } from '../state/shop-records';

// Numeric ids go out as exact JSON numbers (BigInt through lossless-json), like Shopify's REST payloads.
const num = (id: string | null | undefined): bigint | null => (id ? BigInt(id) : null);
const json = (value: unknown): string => stringify(value) ?? 'null';
const moneySet = (amount: string, currency: string) => ({
  shop_money: { amount, currency_code: currency },
  presentment_money: { amount, currency_code: currency },
});

/**
 * Webhook bodies in Shopify's REST shape, with every top-level key of Shopify's published sample payload for the topic
 * (the keys: apps/sandbox/test/fixtures/webhook-sample-keys.json; checked by apps/sandbox/test/webhook-shapes.integration-spec.ts).
 */
export class WebhookPayloads {
  static inventoryLevel(ledger: InventoryLedger, level: InventoryLevelRecord): string {
    return json({
      inventory_item_id: num(level.itemId),
      location_id: num(level.locationId),
      available: ledger.quantity(level, 'available'),
      updated_at: level.updatedAt,
      admin_graphql_api_id: ledger.gid(level),
    });
  }

  static address(a: AddressRecord | null): unknown {
    if (!a) {
      return null;
    }
    return {
      first_name: a.firstName,
      last_name: a.lastName,
      address1: a.address1,
      address2: a.address2,
      city: a.city,
      province: a.province,
      province_code: a.provinceCode,
      country: a.country,
      country_code: a.countryCode,
      zip: a.zip,
      phone: a.phone,
      company: a.company,
      name: [a.firstName, a.lastName].filter(Boolean).join(' '),
    };
  }

  static lineItem(shop: ShopData, li: LineItemRecord, fulfilled: number): unknown {
    const current = LineQuantities.current(li);
    return {
      id: num(li.id),
      admin_graphql_api_id: Gid.of('LineItem', li.id),
      variant_id: num(li.variantId),
      product_id: num(li.productId),
      sku: li.sku,
      title: li.title,
      name: li.variantTitle ? `${li.title} - ${li.variantTitle}` : li.title,
      variant_title: li.variantTitle,
      vendor: li.vendor,
      quantity: li.quantity,
      current_quantity: current,
      fulfillable_quantity: Math.max(0, current - fulfilled),
      fulfillment_status: fulfilled > 0 && fulfilled >= current ? 'fulfilled' : fulfilled > 0 ? 'partial' : null,
      price: li.price,
      price_set: moneySet(li.price, shop.currency),
      requires_shipping: li.requiresShipping,
      taxable: li.taxable,
      gift_card: false,
      properties: li.properties,
      tax_lines: li.taxLines.map((t) => ({
        title: t.title,
        rate: Number(t.rate),
        price: t.amount,
        price_set: moneySet(t.amount, shop.currency),
      })),
      product_exists: li.productId !== null,
      variant_inventory_management: li.variantId ? 'shopify' : null,
      total_discount: '0.00',
    };
  }

  static orderObject(shop: ShopData, order: OrderRecord, fulfilledByLine: Map<string, number>): Record<string, unknown> {
    const subtotal = Money.sum(order.lineItems.map((l) => Money.format(Number(l.price) * LineQuantities.current(l))));
    const tax = Money.sum([...order.taxLines, ...order.lineItems.flatMap((l) => l.taxLines)].map((t) => t.amount));
    const shipping = Money.sum(order.shippingLines.map((s) => s.price));
    const total = Money.sum([subtotal, tax, shipping]);
    const customer = order.customerId ? shop.customers[order.customerId] : undefined;
    return {
      id: num(order.id),
      admin_graphql_api_id: Gid.of('Order', order.id),
      name: order.name,
      number: order.number - 1000,
      order_number: order.number,
      email: order.email,
      contact_email: order.email,
      phone: order.phone,
      note: order.note,
      note_attributes: order.customAttributes.map((a) => ({ name: a.key, value: a.value })),
      tags: order.tags.join(', '),
      currency: order.currency,
      presentment_currency: order.currency,
      financial_status: order.financialStatus.toLowerCase(),
      fulfillment_status:
        order.fulfillmentStatus === 'FULFILLED' ? 'fulfilled' : order.fulfillmentStatus === 'PARTIALLY_FULFILLED' ? 'partial' : null,
      cancelled_at: order.cancelledAt,
      cancel_reason: order.cancelReason?.toLowerCase() ?? null,
      closed_at: order.closedAt,
      created_at: order.createdAt,
      updated_at: order.updatedAt,
      processed_at: order.processedAt,
      source_name: order.sourceName ?? 'web',
      source_identifier: order.sourceIdentifier,
      po_number: order.poNumber,
      test: order.test,
      subtotal_price: subtotal,
      subtotal_price_set: moneySet(subtotal, order.currency),
      total_tax: tax,
      total_tax_set: moneySet(tax, order.currency),
      total_price: total,
      total_price_set: moneySet(total, order.currency),
      current_total_price: total,
      total_discounts: '0.00',
      taxes_included: false,
      tax_lines: order.taxLines.map((t) => ({
        title: t.title,
        rate: Number(t.rate),
        price: t.amount,
        price_set: moneySet(t.amount, order.currency),
      })),
      customer: customer
        ? {
            id: num(customer.id),
            admin_graphql_api_id: Gid.of('Customer', customer.id),
            email: customer.email,
            first_name: customer.firstName,
            last_name: customer.lastName,
            phone: customer.phone,
          }
        : null,
      shipping_address: WebhookPayloads.address(order.shippingAddress),
      billing_address: WebhookPayloads.address(order.billingAddress),
      line_items: order.lineItems.map((li) => WebhookPayloads.lineItem(shop, li, fulfilledByLine.get(li.id) ?? 0)),
      shipping_lines: order.shippingLines.map((s) => ({
        title: s.title,
        code: s.code,
        price: s.price,
        price_set: moneySet(s.price, order.currency),
      })),
      fulfillments: Object.values(shop.fulfillments)
        .filter((f) => f.orderId === order.id)
        .map((f) => WebhookPayloads.fulfillmentObject(shop, f)),
      refunds: [],
      // The rest of the keys in Shopify's order payload (see the orders/create sample), valued for an order
      // without checkout, discounts, duties, tips or payment terms.
      app_id: null,
      browser_ip: null,
      buyer_accepts_marketing: false,
      cart_token: null,
      checkout_token: null,
      client_details: null,
      confirmation_number: null,
      confirmed: true,
      current_shipping_price_set: moneySet(shipping, order.currency),
      current_subtotal_price: subtotal,
      current_subtotal_price_set: moneySet(subtotal, order.currency),
      current_total_additional_fees_set: null,
      current_total_discounts: '0.00',
      current_total_discounts_set: moneySet('0.00', order.currency),
      current_total_duties_set: null,
      current_total_price_set: moneySet(total, order.currency),
      current_total_tax: tax,
      current_total_tax_set: moneySet(tax, order.currency),
      customer_locale: null,
      device_id: null,
      discount_applications: [],
      discount_codes: [],
      duties_included: false,
      estimated_taxes: false,
      landing_site: null,
      landing_site_ref: null,
      line_item_groups: [],
      location_id: null,
      merchant_business_entity_id: null,
      merchant_of_record_app_id: null,
      order_status_url: null,
      original_total_additional_fees_set: null,
      original_total_duties_set: null,
      payment_gateway_names: [],
      payment_terms: null,
      reference: null,
      referring_site: null,
      returns: Object.values(shop.returns)
        .filter((r) => r.orderId === order.id)
        .map((r) => ({ id: num(r.id), admin_graphql_api_id: Gid.of('Return', r.id) })),
      source_url: null,
      tax_exempt: false,
      token: null,
      total_cash_rounding_payment_adjustment_set: moneySet('0.00', order.currency),
      total_cash_rounding_refund_adjustment_set: moneySet('0.00', order.currency),
      total_discounts_set: moneySet('0.00', order.currency),
      total_line_items_price: subtotal,
      total_line_items_price_set: moneySet(subtotal, order.currency),
      total_outstanding: order.financialStatus === 'PAID' ? '0.00' : total,
      total_shipping_price_set: moneySet(shipping, order.currency),
      total_tip_received: '0.00',
      total_weight: 0,
      user_id: null,
    };
  }

  static order(shop: ShopData, order: OrderRecord, fulfilledByLine: Map<string, number>): string {
    return json(WebhookPayloads.orderObject(shop, order, fulfilledByLine));
  }

  static fulfillmentObject(shop: ShopData, f: FulfillmentRecord): Record<string, unknown> {
    const order = shop.orders[f.orderId];
    const first = f.trackingInfo[0];
    return {
      id: num(f.id),
      admin_graphql_api_id: Gid.of('Fulfillment', f.id),
      order_id: num(f.orderId),
      location_id: num(f.locationId),
      name: f.name,
      status: f.status === 'SUCCESS' ? 'success' : 'cancelled',
      created_at: f.createdAt,
      updated_at: f.updatedAt,
      service: 'manual',
      shipment_status: null,
      tracking_company: first?.company ?? null,
      tracking_number: first?.number ?? null,
      tracking_numbers: f.trackingInfo.map((t) => t.number).filter((n) => n !== null),
      tracking_url: first?.url ?? null,
      tracking_urls: f.trackingInfo.map((t) => t.url).filter((u) => u !== null),
      email: order?.email ?? null,
      destination: WebhookPayloads.address(order?.shippingAddress ?? null),
      line_items: f.lineItems.flatMap((fl) => {
        const li = order?.lineItems.find((l) => l.id === fl.lineItemId);
        return li ? [{ ...(WebhookPayloads.lineItem(shop, li, fl.quantity) as object), quantity: fl.quantity }] : [];
      }),
      origin_address: null,
      receipt: {},
    };
  }

  static fulfillment(shop: ShopData, f: FulfillmentRecord): string {
    return json(WebhookPayloads.fulfillmentObject(shop, f));
  }

  static shop(shop: ShopData): string {
    return json({
      id: num(Object.keys(shop.locations)[0] ?? '1'),
      name: shop.name,
      email: `owner@${shop.domain}`,
      domain: shop.domain,
      myshopify_domain: shop.domain,
      plan_name: shop.plan,
      currency: shop.currency,
      country: 'US',
      created_at: shop.createdAt,
    });
  }
}
