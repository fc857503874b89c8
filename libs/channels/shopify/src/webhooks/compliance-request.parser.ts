import type { PrivacyRequestKind } from '@gantry/core';
import { parseLossless } from '../graphql/shopify-graphql.client';

/** A Shopify compliance payload in the core's words: GIDs for the customer and the orders (the engine keys on GIDs). */
export interface ComplianceRequest {
  kind: PrivacyRequestKind;
  customer: { externalId: string | null; email: string | null; phone: string | null } | null;
  orderExternalIds: string[];
  channelRequestId: string | null;
}

const KINDS: Record<string, PrivacyRequestKind> = {
  'customers/redact': 'customer-redact',
  'shop/redact': 'shop-redact',
  'customers/data_request': 'customer-data-request',
};

const idText = (v: unknown): string | null =>
  (typeof v === 'number' && Number.isInteger(v)) || (typeof v === 'string' && /^\d+$/.test(v)) ? String(v) : null;
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * Reads customers/redact (`orders_to_redact`), customers/data_request (`orders_requested`, `data_request.id`) and
 * shop/redact. Ids exceed 2^53, so the body is read losslessly. Throws on a body that is not a JSON object.
 */
export function parseComplianceRequest(topic: string, rawBody: string): ComplianceRequest {
  const kind = KINDS[topic];
  if (!kind) {
    throw new Error(`${topic} is not a compliance topic`);
  }
  const body = parseLossless(rawBody);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error('the body is not a JSON object');
  }
  const b = body as Record<string, unknown>;
  const c = typeof b.customer === 'object' && b.customer !== null ? (b.customer as Record<string, unknown>) : null;
  const customerId = c ? idText(c.id) : null;
  const orders = kind === 'customer-redact' ? b.orders_to_redact : kind === 'customer-data-request' ? b.orders_requested : [];
  const request = typeof b.data_request === 'object' && b.data_request !== null ? (b.data_request as Record<string, unknown>) : null;
  return {
    kind,
    customer:
      kind === 'shop-redact' || !c
        ? null
        : { externalId: customerId ? `gid://shopify/Customer/${customerId}` : null, email: text(c.email), phone: text(c.phone) },
    orderExternalIds: [
      ...new Set((Array.isArray(orders) ? orders : []).flatMap((o) => (idText(o) ? [`gid://shopify/Order/${idText(o)}`] : []))),
    ],
    channelRequestId: request ? idText(request.id) : null,
  };
}
