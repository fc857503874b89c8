import type { GraphQLResolveInfo } from 'graphql';
import { Gid } from '../common/gid';
import { SandboxGraphqlError } from '../graphql/sandbox-graphql.error';
import { ADJUSTABLE_NAMES, InventoryLedger } from '../state/inventory-ledger';
import type { InventoryChangeRecord } from '../state/shop-records';
import { IdempotencyGuard } from './idempotency.guard';
import type { Args, ResolverContext, RootResolvers } from './resolver-context';
import { SandboxViews } from './sandbox-views';

interface UserError {
  field: string[];
  message: string;
  code: string;
}

interface StoredPayload {
  groupId: string | null;
  userErrors: UserError[];
}

interface QuantityLine {
  inventoryItemId: string;
  locationId: string;
  quantity?: number;
  delta?: number;
  changeFromQuantity?: number | null;
  ledgerDocumentUri?: string | null;
}

interface ValidLine {
  itemId: string;
  locationId: string;
  delta: number;
  ledgerDocumentUri: string | null;
}

// Shopify's documented reasons for inventory changes.
export const INVENTORY_REASONS = [
  'correction',
  'cycle_count_available',
  'damaged',
  'movement_created',
  'movement_updated',
  'movement_received',
  'movement_canceled',
  'other',
  'promotion',
  'quality_control',
  'received',
  'reservation_created',
  'reservation_deleted',
  'reservation_updated',
  'restock',
  'safety_stock',
  'shrinkage',
];
const LIMIT = 1_000_000_000;

/** inventorySetQuantities / inventoryAdjustQuantities with 2026-07 semantics, and inventoryActivate. */
export class InventoryResolvers {
  static register(roots: RootResolvers): void {
    roots.mutation.inventorySetQuantities = (args, ctx, info) => InventoryResolvers.mutate(args, ctx, info, 'set');
    roots.mutation.inventoryAdjustQuantities = (args, ctx, info) => InventoryResolvers.mutate(args, ctx, info, 'adjust');
    roots.mutation.inventoryActivate = (args, ctx, info) =>
      IdempotencyGuard.run(
        ctx,
        info,
        args,
        () => ({ inventoryLevel: null, userErrors: [] }),
        () => {
          const itemId = Gid.parse(args.inventoryItemId, 'InventoryItem') ?? '';
          const locationId = Gid.parse(args.locationId, 'Location') ?? '';
          if (!ctx.shop.inventoryItems[itemId] || !ctx.shop.locations[locationId]) {
            return { inventoryLevel: null, userErrors: [{ field: ['inventoryItemId'], message: 'Inventory item or location not found' }] };
          }
          const ledger = new InventoryLedger(ctx.store, ctx.shop);
          const level = ledger.activate(itemId, locationId);
          if (typeof args.available === 'number') {
            ledger.set(itemId, locationId, 'available', args.available);
          }
          return { inventoryLevel: SandboxViews.of(ctx).catalog.level(level), userErrors: [] };
        },
      );
  }

  private static mutate(args: Args, ctx: ResolverContext, info: GraphQLResolveInfo, mode: 'adjust' | 'set'): unknown {
    const stored = IdempotencyGuard.run<StoredPayload>(
      ctx,
      info,
      args,
      () => ({
        groupId: null,
        userErrors: [
          {
            field: ['input'],
            message: 'The idempotency key was already used with different parameters.',
            code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH',
          },
        ],
      }),
      () => InventoryResolvers.apply(args.input as Args, ctx, mode),
    );
    const group = stored.groupId ? ctx.shop.adjustmentGroups[stored.groupId] : undefined;
    const catalog = SandboxViews.of(ctx).catalog;
    return {
      userErrors: stored.userErrors,
      inventoryAdjustmentGroup: group
        ? {
            __typename: 'InventoryAdjustmentGroup',
            id: Gid.of('InventoryAdjustmentGroup', group.id),
            createdAt: group.createdAt,
            reason: group.reason,
            referenceDocumentUri: group.referenceDocumentUri,
            app: null,
            staffMember: null,
            changes: (a: Args) =>
              group.changes
                .filter((c) => !a.quantityNames || (a.quantityNames as string[]).includes(c.name))
                .map((c) => ({
                  __typename: 'InventoryChange',
                  name: c.name,
                  delta: c.delta,
                  quantityAfterChange: c.quantityAfterChange,
                  ledgerDocumentUri: c.ledgerDocumentUri,
                  item: () => {
                    const i = ctx.shop.inventoryItems[c.itemId];
                    return i ? catalog.inventoryItem(i) : null;
                  },
                  location: () => {
                    const l = ctx.shop.locations[c.locationId];
                    return l ? catalog.location(l) : null;
                  },
                })),
          }
        : null,
    };
  }

  /** Validates every line first; applies nothing unless all are valid, as Shopify does. */
  private static apply(input: Args, ctx: ResolverContext, mode: 'adjust' | 'set'): StoredPayload {
    const name = input.name as string;
    const reason = input.reason as string;
    const ref = (input.referenceDocumentUri as string | null | undefined) ?? null;
    const listKey = mode === 'set' ? 'quantities' : 'changes';
    const lines = input[listKey] as QuantityLine[];
    const errors: UserError[] = [];
    const err = (field: string[], message: string, code: string) => errors.push({ field, message, code });
    if (mode === 'set' && name !== 'available' && name !== 'on_hand') {
      err(['input', 'name'], "The quantity name must be either 'available' or 'on_hand'.", 'INVALID_NAME');
    }
    if (mode === 'adjust' && !ADJUSTABLE_NAMES.includes(name)) {
      err(['input', 'name'], `The quantity name '${name}' is not valid.`, 'INVALID_QUANTITY_NAME');
    }
    if (!INVENTORY_REASONS.includes(reason)) {
      err(['input', 'reason'], 'The specified reason is invalid.', 'INVALID_REASON');
    }
    if (ref !== null && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(ref)) {
      err(['input', 'referenceDocumentUri'], 'The specified reference document is invalid.', 'INVALID_REFERENCE_DOCUMENT');
    }
    const ledger = new InventoryLedger(ctx.store, ctx.shop);
    const seen = new Set<string>();
    const at = (i: number, f: string) => ['input', listKey, String(i), f];
    // Ids, amounts and current quantities are worked out once here and reused when applying.
    const valid: ValidLine[] = [];
    lines.forEach((line, i) => {
      if (!Object.prototype.hasOwnProperty.call(line, 'changeFromQuantity')) {
        throw new SandboxGraphqlError(
          `${listKey}[${i}].changeFromQuantity must be provided (pass null to skip the compare-and-swap check).`,
          'INVALID_FIELD_ARGUMENTS',
        );
      }
      const amount = mode === 'set' ? (line.quantity as number) : (line.delta as number);
      const item = ctx.shop.inventoryItems[Gid.parse(line.inventoryItemId, 'InventoryItem') ?? ''];
      if (!item) {
        err(at(i, 'inventoryItemId'), 'The specified inventory item could not be found.', 'INVALID_INVENTORY_ITEM');
        return;
      }
      const location = ctx.shop.locations[Gid.parse(line.locationId, 'Location') ?? ''];
      if (!location) {
        err(at(i, 'locationId'), 'The specified location could not be found.', 'INVALID_LOCATION');
        return;
      }
      // The records' own id strings, so the change records kept per call share them instead of holding copies.
      const itemId = item.id;
      const locationId = location.id;
      const pair = InventoryLedger.key(itemId, locationId);
      if (seen.has(pair)) {
        err(
          at(i, 'inventoryItemId'),
          'The combination of inventoryItemId and locationId must be unique.',
          'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR',
        );
      }
      seen.add(pair);
      if (mode === 'set' && amount < 0) {
        err(at(i, 'quantity'), "The quantity can't be negative.", 'INVALID_QUANTITY_NEGATIVE');
      }
      if (amount > LIMIT) {
        err(at(i, mode === 'set' ? 'quantity' : 'delta'), "The quantity can't be higher than 1,000,000,000.", 'INVALID_QUANTITY_TOO_HIGH');
      }
      if (amount < -LIMIT) {
        err(at(i, 'delta'), "The quantity can't be lower than -1,000,000,000.", 'INVALID_QUANTITY_TOO_LOW');
      }
      if (mode === 'adjust' && name === 'available' && line.ledgerDocumentUri) {
        err(at(i, 'ledgerDocumentUri'), 'A ledger document URI is not allowed when adjusting available.', 'INVALID_AVAILABLE_DOCUMENT');
      }
      const current = ledger.quantity(ctx.shop.levels[pair], name);
      if (line.changeFromQuantity !== null && line.changeFromQuantity !== undefined && line.changeFromQuantity !== current) {
        err(
          at(i, 'changeFromQuantity'),
          `The specified compare quantity does not match the current quantity (${current}).`,
          'CHANGE_FROM_QUANTITY_STALE',
        );
      }
      if (mode === 'adjust' && current + amount > LIMIT) {
        err(at(i, 'delta'), "The quantity can't be higher than 1,000,000,000.", 'INVALID_QUANTITY_TOO_HIGH');
      }
      valid.push({
        itemId,
        locationId,
        delta: mode === 'set' ? amount - current : amount,
        ledgerDocumentUri: line.ledgerDocumentUri ?? null,
      });
    });
    if (errors.length > 0) {
      return { groupId: null, userErrors: errors };
    }
    // Pairs are unique and nothing changed since validation, so each set's delta is still exact.
    const changes: InventoryChangeRecord[] = [];
    for (const line of valid) {
      changes.push(...ledger.adjust(line.itemId, line.locationId, name, line.delta, mode === 'set' ? null : line.ledgerDocumentUri));
    }
    const id = ctx.store.nextId();
    ctx.shop.adjustmentGroups[id] = { id, createdAt: ctx.store.isoNow(), reason, referenceDocumentUri: ref, changes };
    return { groupId: id, userErrors: [] };
  }
}
