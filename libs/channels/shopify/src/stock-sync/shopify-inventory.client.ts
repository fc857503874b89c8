import { Injectable } from '@nestjs/common';
import type { ChannelContext } from '@gantry/core';
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

/** One quantity on Shopify: an inventory item at a location. */
export interface InventoryPair {
  inventoryItemId: string;
  locationId: string;
}

export interface SetLine extends InventoryPair {
  quantity: number;
  /** Compare-and-set base: what we believe Shopify holds; a mismatch fails the call with CHANGE_FROM_QUANTITY_STALE. */
  changeFromQuantity: number | null;
}

export interface AdjustLine extends InventoryPair {
  delta: number;
}

export interface InventoryWriteResult {
  /** Indexes of lines whose changeFromQuantity was stale; nothing was applied when there are any. */
  staleIndexes: number[];
  userErrors: UserError[];
  cost: GraphqlCost | null;
  /** Shopify's available quantity per pair after the write (pairKey → quantity), where it said so. */
  after: Map<string, number>;
}

interface WriteAnswer {
  inventoryAdjustmentGroup: {
    changes: { quantityAfterChange: number | null; item: { id: string } | null; location: { id: string } | null }[];
  } | null;
  userErrors: UserError[];
}

const pairKey = (p: InventoryPair): string => `${p.inventoryItemId}@${p.locationId}`;

/** Shopify's inventory quantities for one store per call (available only; Shopify owns the other states). */
@Injectable()
export class ShopifyInventoryClient {
  constructor(private readonly graphql: ShopifyGraphqlClient) {}

  async setAvailable(ctx: ChannelContext, lines: SetLine[], idempotencyKey: string, reference: string): Promise<InventoryWriteResult> {
    const { data, cost } = await this.graphql.request<{ inventorySetQuantities: WriteAnswer }>(ctx, SET_QUANTITIES, {
      key: idempotencyKey,
      input: { name: 'available', reason: 'correction', referenceDocumentUri: reference, quantities: lines },
    });
    return ShopifyInventoryClient.result(data.inventorySetQuantities, cost);
  }

  async adjustAvailable(
    ctx: ChannelContext,
    lines: AdjustLine[],
    idempotencyKey: string,
    reference: string,
  ): Promise<InventoryWriteResult> {
    const { data, cost } = await this.graphql.request<{ inventoryAdjustQuantities: WriteAnswer }>(ctx, ADJUST_QUANTITIES, {
      key: idempotencyKey,
      input: {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: reference,
        changes: lines.map((l) => ({
          inventoryItemId: l.inventoryItemId,
          locationId: l.locationId,
          delta: l.delta,
          changeFromQuantity: null,
        })),
      },
    });
    return ShopifyInventoryClient.result(data.inventoryAdjustQuantities, cost);
  }

  /** Shopify's available quantity per pair; a pair whose item is not stocked at the location reads as 0. */
  async readAvailable(ctx: ChannelContext, pairs: InventoryPair[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (let start = 0; start < pairs.length; start += READ_BATCH) {
      const batch = pairs.slice(start, start + READ_BATCH);
      const variables: Record<string, string> = {};
      batch.forEach((p, i) => {
        variables[`i${i}`] = p.inventoryItemId;
        variables[`l${i}`] = p.locationId;
      });
      const { data } = await this.graphql.request<Record<string, { inventoryLevel: { quantities: { quantity: number }[] } | null } | null>>(
        ctx,
        readLevelsQuery(batch.length),
        variables,
      );
      batch.forEach((p, i) => {
        found.set(pairKey(p), data[`p${i}`]?.inventoryLevel?.quantities[0]?.quantity ?? 0);
      });
    }
    return found;
  }

  static pairKey(p: InventoryPair): string {
    return pairKey(p);
  }

  private static result(answer: WriteAnswer, cost: GraphqlCost | null): InventoryWriteResult {
    const staleIndexes = answer.userErrors
      .filter((e) => e.code === 'CHANGE_FROM_QUANTITY_STALE')
      .map((e) => Number((e.field ?? [])[2]))
      .filter((n) => Number.isInteger(n));
    const after = new Map<string, number>();
    for (const change of answer.inventoryAdjustmentGroup?.changes ?? []) {
      if (change.item && change.location && typeof change.quantityAfterChange === 'number') {
        after.set(pairKey({ inventoryItemId: change.item.id, locationId: change.location.id }), change.quantityAfterChange);
      }
    }
    return { staleIndexes, userErrors: answer.userErrors, cost, after };
  }
}
