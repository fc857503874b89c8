import { Injectable } from '@nestjs/common';
import {
  ChannelAdapterException,
  ChannelErrorCode,
  type ChannelContext,
  type ChannelStockLineResult,
  type ChannelStockPair,
  type ChannelStockWrite,
  type ChannelStockWriteResult,
} from '@gantry/core';
import { ShopifyGraphqlClient, type GraphqlCost, type UserError } from '../graphql/shopify-graphql.client';

// The group's changes say what Shopify holds after the write: the next compare-and-set base, learned without a read.
const CHANGES = `inventoryAdjustmentGroup { id changes(quantityNames: ["available"]) { quantityAfterChange item { id } location { id } } }`;

const SET_QUANTITIES = `mutation GantrySetAvailable($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    ${CHANGES}
    userErrors { field message code }
  }
}`;

const ADJUST_QUANTITIES = `mutation GantryAdjustAvailable($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    ${CHANGES}
    userErrors { field message code }
  }
}`;

// Pairs per read: each is an aliased inventoryItem → inventoryLevel(locationId:), a few points apiece, so a read
// stays cheap instead of asking for every level of every item.
const READ_BATCH = 50;

function readLevelsQuery(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$i${i}: ID!, $l${i}: ID!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `p${i}: inventoryItem(id: $i${i}) { inventoryLevel(locationId: $l${i}) { quantities(names: ["available"]) { quantity } } }`,
  ).join('\n  ');
  return `query GantryReadAvailable(${vars}) {\n  ${fields}\n}`;
}

interface WriteAnswer {
  inventoryAdjustmentGroup: {
    changes: { quantityAfterChange: number | null; item: { id: string } | null; location: { id: string } | null }[];
  } | null;
  userErrors: UserError[];
}

const pairKey = (itemId: string, locationId: string): string => `${itemId}@${locationId}`;

/**
 * Shopify's available quantities (Shopify owns the other states): a stock write becomes one `inventorySetQuantities`
 * (absolute, `changeFromQuantity` as compare-and-set) or `inventoryAdjustQuantities` (delta), under `@idempotent`.
 */
@Injectable()
export class ShopifyInventoryClient {
  constructor(private readonly graphql: ShopifyGraphqlClient) {}

  async write(ctx: ChannelContext, write: ChannelStockWrite): Promise<ChannelStockWriteResult> {
    if (write.mode === 'absolute') {
      const { data, cost } = await this.graphql.request<{ inventorySetQuantities: WriteAnswer }>(ctx, SET_QUANTITIES, {
        key: write.idempotencyKey,
        input: {
          name: 'available',
          reason: 'correction',
          referenceDocumentUri: write.reference,
          quantities: write.lines.map((l) => ({
            inventoryItemId: l.channelItemId,
            locationId: l.channelLocationId,
            quantity: l.quantity,
            changeFromQuantity: l.expected,
          })),
        },
      });
      return ShopifyInventoryClient.answer(write, data.inventorySetQuantities, cost);
    }
    const { data, cost } = await this.graphql.request<{ inventoryAdjustQuantities: WriteAnswer }>(ctx, ADJUST_QUANTITIES, {
      key: write.idempotencyKey,
      input: {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: write.reference,
        changes: write.lines.map((l) => ({
          inventoryItemId: l.channelItemId,
          locationId: l.channelLocationId,
          delta: l.delta,
          changeFromQuantity: null,
        })),
      },
    });
    return ShopifyInventoryClient.answer(write, data.inventoryAdjustQuantities, cost);
  }

  /** Shopify's available quantity per pair, in order; a pair whose item is not stocked at the location reads as 0. */
  async read(ctx: ChannelContext, pairs: ChannelStockPair[]): Promise<number[]> {
    const found: number[] = [];
    for (let start = 0; start < pairs.length; start += READ_BATCH) {
      const batch = pairs.slice(start, start + READ_BATCH);
      const variables: Record<string, string> = {};
      batch.forEach((p, i) => {
        variables[`i${i}`] = p.channelItemId;
        variables[`l${i}`] = p.channelLocationId;
      });
      const { data } = await this.graphql.request<Record<string, { inventoryLevel: { quantities: { quantity: number }[] } | null } | null>>(
        ctx,
        readLevelsQuery(batch.length),
        variables,
      );
      batch.forEach((_, i) => found.push(data[`p${i}`]?.inventoryLevel?.quantities[0]?.quantity ?? 0));
    }
    return found;
  }

  /**
   * Shopify applies a write whole or not at all: a stale `changeFromQuantity` fails the call with
   * CHANGE_FROM_QUANTITY_STALE on those lines (their index is the field's third part) and the others are not applied.
   */
  private static answer(write: ChannelStockWrite, answer: WriteAnswer, cost: GraphqlCost | null): ChannelStockWriteResult {
    const spent = cost?.actualQueryCost ?? cost?.requestedQueryCost ?? null;
    const stale = new Set(
      answer.userErrors
        .filter((e) => e.code === 'CHANGE_FROM_QUANTITY_STALE')
        .map((e) => Number((e.field ?? [])[2]))
        .filter((n) => Number.isInteger(n)),
    );
    if (stale.size > 0) {
      return {
        cost: spent,
        lines: write.lines.map<ChannelStockLineResult>((_, i) =>
          stale.has(i)
            ? { status: 'stale', channelQuantity: null }
            : { status: 'not-applied', reason: 'Another line of the write was stale' },
        ),
      };
    }
    if (answer.userErrors.length > 0) {
      throw new ChannelAdapterException(ChannelErrorCode.INVALID_DATA, answer.userErrors.map((e) => e.message).join('; '));
    }
    const after = new Map<string, number>();
    for (const change of answer.inventoryAdjustmentGroup?.changes ?? []) {
      if (change.item && change.location && typeof change.quantityAfterChange === 'number') {
        after.set(pairKey(change.item.id, change.location.id), change.quantityAfterChange);
      }
    }
    return {
      cost: spent,
      lines: write.lines.map((l) => ({
        status: 'applied',
        channelQuantity: after.get(pairKey(l.channelItemId, l.channelLocationId)) ?? null,
      })),
    };
  }
}
