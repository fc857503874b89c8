import type { ChannelOrderCreate, ExportItemResolution, WholesaleOrder, WholesaleOrderLine } from '../../channel/channel-adapter.interface';
import type { ExportRetry } from './export-offer.decision';
import type { WholesaleExportSettings } from './export.settings';

/** Why an export was not created; each code carries when trying again can help. */
export const EXPORT_FAILURES = {
  unknown_style: 'on-change',
  insufficient_stock: 'each-run',
  customer_data: 'on-change',
  invalid_order: 'on-change',
  sink_refused: 'on-change',
  previous_not_cancelled: 'each-run',
  source_gone: 'on-change',
  unavailable: 'backoff',
} as const satisfies Record<string, ExportRetry>;

export type ExportFailureCode = keyof typeof EXPORT_FAILURES;

export interface ExportFailure {
  code: ExportFailureCode;
  reason: string;
}

export type ExportPlan = { ok: true; order: ChannelOrderCreate } | { ok: false; failure: ExportFailure };

export interface ExportNaming {
  /** The source's name for people ("JOOR"): order names, tags and attribute keys start with it. */
  sourceName: string;
  /** The sink's name for people ("Shopify"), in reasons. */
  sinkName: string;
  identity: string;
  generation: number;
}

const MAX_LISTED = 5;

/** The lines that carry units (a source may list a style with none ordered). */
export function orderedLines(order: WholesaleOrder): WholesaleOrderLine[] {
  return order.lines.filter((l) => l.quantity > 0);
}

/**
 * Decides whether a wholesale order can be exported with what the sink resolved, and builds the order to create. Pure:
 * every rule of the gate (styles known, units available unless bypassed, a customer the sink can find or create) and
 * every mapping choice (name, note, attributes, tags, tax) is here.
 */
export function planExport(
  order: WholesaleOrder,
  resolutions: ExportItemResolution[],
  settings: WholesaleExportSettings,
  naming: ExportNaming,
): ExportPlan {
  const lines = orderedLines(order);
  if (lines.length === 0) {
    return fail('invalid_order', 'the order has no units to export');
  }
  if (resolutions.length !== lines.length) {
    throw new Error(`planExport: ${resolutions.length} resolutions for ${lines.length} lines`);
  }
  const unknown = lines.filter((_, i) => !resolutions[i]?.channelItemId);
  if (unknown.length > 0) {
    return fail(
      'unknown_style',
      `${count(unknown.length, 'style')} not on ${naming.sinkName} (only styles created there can be exported): ${list(unknown.map(describeLine))}`,
    );
  }
  if (settings.inventoryBehaviour !== 'bypass') {
    const short = shortages(lines, resolutions);
    if (short.length > 0) {
      return fail('insufficient_stock', `not enough stock on ${naming.sinkName} for ${count(short.length, 'item')}: ${list(short)}`);
    }
  }
  const email = order.customer.email?.trim() || null;
  if (!email) {
    return fail('customer_data', 'the order has no e-mail address (shipping or buyer): the customer can be neither found nor created');
  }
  const billingCountry = order.billingAddress?.countryCode ?? order.shippingAddress?.countryCode ?? null;
  const tax = settings.taxByCountry.find((t) => t.countryCode === billingCountry?.toUpperCase()) ?? null;
  const prefix = naming.sourceName;
  return {
    ok: true,
    order: {
      identity: naming.identity,
      name: `${prefix}-${order.externalId}${naming.generation > 1 ? `-R${naming.generation - 1}` : ''}`,
      sourceName: prefix.toLowerCase(),
      poNumber: order.poNumber ?? order.externalId,
      currency: order.currency,
      processedAt: order.approvedAt ?? order.createdAt,
      email,
      customer: {
        email,
        firstName: order.customer.firstName,
        lastName: order.customer.lastName,
        // Not the customer's: sinks (Shopify) refuse one phone on two customers, and a retailer's switchboard is shared.
        // The addresses carry it.
        phone: null,
        company: order.customer.company,
      },
      shippingAddress: order.shippingAddress,
      billingAddress: order.billingAddress,
      lines: lines.map((l, i) => ({
        channelItemId: resolutions[i].channelItemId!,
        quantity: l.quantity,
        unitPrice: l.unitPrice,
        title: l.name,
        properties: lineProperties(prefix, l),
      })),
      shipping: shippingOf(order),
      tax: tax ? { title: tax.title, rate: tax.rate } : null,
      note: noteOf(order, settings.noteFields),
      attributes: attributesOf(prefix, order, naming.generation),
      tags: [...new Set([prefix, 'Wholesale', `${prefix}-${order.externalId}`, ...order.tags].filter((t) => t.trim() !== ''))],
      fulfilled: settings.syncAsFulfilled || settings.locationId !== null,
      channelLocationId: settings.locationId,
      inventoryBehaviour: settings.inventoryBehaviour,
    },
  };
}

/** The note: the buyer's comments, then the chosen facts, one per line ("Payment terms: Net 30"). */
export function noteOf(order: WholesaleOrder, fields: readonly string[]): string | null {
  const facts = fields.flatMap((key) => {
    const detail = order.details[key];
    return detail && detail.value.trim() !== '' ? [`${detail.label}: ${detail.value}`] : [];
  });
  const parts = [order.comments?.trim() ?? '', facts.join('\n')].filter((p) => p !== '');
  return parts.length > 0 ? parts.join('\n\n') : null;
}

function attributesOf(prefix: string, order: WholesaleOrder, generation: number): { key: string; value: string }[] {
  const key = prefix.toLowerCase();
  const attributes = [
    { key: `${key}_order_id`, value: order.externalId },
    { key: `${key}_export`, value: String(generation) },
  ];
  if (order.customer.code) {
    attributes.push({ key: `${key}_customer_code`, value: order.customer.code });
  }
  for (const detail of Object.values(order.details)) {
    if (detail.value.trim() !== '' && !attributes.some((a) => a.key === detail.label)) {
      attributes.push({ key: detail.label, value: detail.value });
    }
  }
  return attributes;
}

function lineProperties(prefix: string, line: WholesaleOrderLine): { name: string; value: string }[] {
  const props = [
    { name: `${prefix} style`, value: line.item.styleNumber },
    { name: 'Color', value: line.item.color },
    { name: 'Size', value: line.item.size },
    { name: 'Comment', value: line.comment },
  ];
  return props.filter((p): p is { name: string; value: string } => typeof p.value === 'string' && p.value.trim() !== '');
}

function shippingOf(order: WholesaleOrder): { title: string; price: string } | null {
  const total = Number(order.shippingTotal ?? '0');
  if (!Number.isFinite(total) || total <= 0) {
    return null;
  }
  return { title: order.shippingMethod ?? 'Shipping', price: order.shippingTotal! };
}

function shortages(lines: WholesaleOrderLine[], resolutions: ExportItemResolution[]): string[] {
  const needed = new Map<string, { units: number; available: number | null; line: WholesaleOrderLine }>();
  lines.forEach((l, i) => {
    const r = resolutions[i];
    const entry = needed.get(r.channelItemId!) ?? { units: 0, available: r.available, line: l };
    entry.units += l.quantity;
    needed.set(r.channelItemId!, entry);
  });
  return [...needed.values()]
    .filter((e) => e.available !== null && e.available < e.units)
    .map((e) => `${describeLine(e.line)} (${e.units} ordered, ${Math.max(0, e.available ?? 0)} available)`);
}

function describeLine(line: WholesaleOrderLine): string {
  const ref = line.item.upc
    ? `UPC ${line.item.upc}`
    : line.item.styleNumber
      ? `style ${line.item.styleNumber}`
      : `line ${line.externalLineId}`;
  return `"${line.name}" (${ref})`;
}

function list(items: string[]): string {
  return items.length <= MAX_LISTED ? items.join(', ') : `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function fail(code: ExportFailureCode, reason: string): ExportPlan {
  return { ok: false, failure: { code, reason } };
}
