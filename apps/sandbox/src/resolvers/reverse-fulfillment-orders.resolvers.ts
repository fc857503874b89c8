import { Gid } from '../common/gid';
import { InventoryLedger } from '../state/inventory-ledger';
import type { DispositionRecord, ReverseFulfillmentOrderRecord } from '../state/shop-records';
import { ReturnPayloads } from '../webhooks/return.payloads';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

type ReturnUserError = { field: string[]; message: string; code: string };
type RfoLine = ReverseFulfillmentOrderRecord['lineItems'][number];

/**
 * reverseFulfillmentOrder and reverseFulfillmentOrderDispose. Shopify's answers as captured on 2026-04: an empty input is
 * BLANK; lines of more than one reverse fulfillment order (or an unknown line) are refused as a whole; RESTOCKED needs a
 * line with a variant and an existing location. A RESTOCKED disposition adds to `available` at its location, the other
 * types leave inventory alone. Each successful call announces reverse_fulfillment_orders/dispose.
 */
export class ReverseFulfillmentOrdersResolvers {
  static register(roots: RootResolvers): void {
    roots.query.reverseFulfillmentOrder = (args, ctx) => {
      const rfo = ctx.shop.reverseFulfillmentOrders[Gid.parse(args.id, 'ReverseFulfillmentOrder') ?? ''];
      return rfo ? SandboxViews.of(ctx).returns.reverseFulfillmentOrder(rfo) : null;
    };
    roots.mutation.reverseFulfillmentOrderDispose = (args, ctx) => ReverseFulfillmentOrdersResolvers.dispose(args, ctx);
  }

  private static variantOf(ctx: ResolverContext, rfo: ReverseFulfillmentOrderRecord, line: RfoLine) {
    const fl = SandboxViews.of(ctx).returns.fulfillmentLine(line.fulfillmentLineItemId);
    const li = ctx.shop.orders[rfo.orderId]?.lineItems.find((x) => x.id === fl?.line.lineItemId);
    return li?.variantId ? ctx.shop.variants[li.variantId] : undefined;
  }

  private static dispose(args: Args, ctx: ResolverContext): unknown {
    const inputs = args.dispositionInputs as Args[];
    const fail = (errors: ReturnUserError[]) => ({ reverseFulfillmentOrderLineItems: null, userErrors: errors });
    if (inputs.length === 0) {
      return fail([{ field: ['dispositionInputs'], message: 'The array cannot be empty.', code: 'BLANK' }]);
    }
    const all = Object.values(ctx.shop.reverseFulfillmentOrders);
    const resolved = inputs.map((d) => {
      const lineId = Gid.parse(d.reverseFulfillmentOrderLineItemId, 'ReverseFulfillmentOrderLineItem') ?? '';
      const rfo = all.find((x) => x.lineItems.some((l) => l.id === lineId));
      return { d, rfo, line: rfo?.lineItems.find((l) => l.id === lineId) };
    });
    const rfos = new Set(resolved.map((x) => x.rfo?.id));
    const rfo = resolved[0]?.rfo;
    if (!rfo || rfos.size > 1 || resolved.some((x) => !x.line)) {
      return fail([
        { field: ['dispositionInputs'], message: 'Cannot dispose items from more than one reverse fulfillment order.', code: 'INVALID' },
      ]);
    }
    if (rfo.status !== 'OPEN') {
      // Sandbox wording: no capture of Shopify's answer for a closed or canceled reverse fulfillment order.
      return fail([
        {
          field: ['dispositionInputs', '0', 'reverseFulfillmentOrderLineItemId'],
          message: `Cannot dispose items of a reverse fulfillment order with status ${rfo.status}.`,
          code: 'INVALID_STATE',
        },
      ]);
    }
    const errors: ReturnUserError[] = [];
    const pending = new Map<string, number>();
    resolved.forEach(({ d, line }, i) => {
      const at = (f: string) => ['dispositionInputs', String(i), f];
      const l = line as RfoLine;
      const quantity = d.quantity as number;
      const disposed = l.dispositions.reduce((acc, x) => acc + x.quantity, 0) + (pending.get(l.id) ?? 0);
      pending.set(l.id, (pending.get(l.id) ?? 0) + quantity);
      if (quantity <= 0 || quantity > l.totalQuantity - disposed) {
        errors.push({ field: at('quantity'), message: 'Quantity exceeds the disposable quantity.', code: 'INVALID' });
      }
      if (d.dispositionType === 'RESTOCKED') {
        if (!ReverseFulfillmentOrdersResolvers.variantOf(ctx, rfo, l)) {
          errors.push({
            field: at('dispositionType'),
            message: 'RESTOCKED is an invalid disposition type for a custom line item.',
            code: 'INVALID',
          });
        }
        if (!ctx.shop.locations[Gid.parse(d.locationId, 'Location') ?? '']) {
          errors.push({ field: at('locationId'), message: 'Location not found.', code: 'NOT_FOUND' });
        }
      }
    });
    if (errors.length > 0) {
      return fail(errors);
    }
    const ledger = new InventoryLedger(ctx.store, ctx.shop);
    const now = ctx.store.isoNow();
    const made: { lineId: string; disposition: DispositionRecord }[] = [];
    for (const { d, line } of resolved) {
      const l = line as RfoLine;
      const disposition: DispositionRecord = {
        id: ctx.store.nextId(),
        type: d.dispositionType as DispositionRecord['type'],
        quantity: d.quantity as number,
        locationId: d.locationId ? Gid.parse(d.locationId, 'Location') : null,
        createdAt: now,
      };
      l.dispositions.push(disposition);
      made.push({ lineId: l.id, disposition });
      const variant = ReverseFulfillmentOrdersResolvers.variantOf(ctx, rfo, l);
      if (disposition.type === 'RESTOCKED' && variant && disposition.locationId) {
        // Back on the shelf: available (and on_hand) rise at the disposal location.
        ledger.adjust(variant.inventoryItemId, disposition.locationId, 'available', disposition.quantity);
      }
    }
    ctx.store.emit(ctx.shop.domain, 'reverse_fulfillment_orders/dispose', ReturnPayloads.dispose(rfo, made));
    const views = SandboxViews.of(ctx).returns;
    const touched = [...new Set(resolved.map((x) => x.line as RfoLine))];
    return { reverseFulfillmentOrderLineItems: touched.map((l) => views.reverseFulfillmentOrderLineItem(l)), userErrors: [] };
  }
}
