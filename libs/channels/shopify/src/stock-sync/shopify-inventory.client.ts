import { Injectable } from '@nestjs/common';
import type { ChannelContext } from '@gantry/core';
import { ShopifyGraphqlClient, type GraphqlCost, type UserError } from '../graphql/shopify-graphql.client';

const SET_QUANTITIES = `mutation GantrySetAvailable($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id }
    userErrors { field message code }
  }
}`;

const ADJUST_QUANTITIES = `mutation GantryAdjustAvailable($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id }
    userErrors { field message code }
  }
}`;

const READ_LEVELS = `query GantryReadAvailable($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on InventoryItem { id inventoryLevels(first: 250) { nodes { location { id } quantities(names: ["available"]) { name quantity } } } }
  }
}`;

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
}

const pairKey = (p: InventoryPair): string => `${p.inventoryItemId}@${p.locationId}`;

/** Shopify's inventory quantities for one store per call (available only; Shopify owns the other states). */
@Injectable()
export class ShopifyInventoryClient {
  constructor(private readonly graphql: ShopifyGraphqlClient) {}

  async setAvailable(ctx: ChannelContext, lines: SetLine[], idempotencyKey: string, reference: string): Promise<InventoryWriteResult> {
    const { data, cost } = await this.graphql.request<{ inventorySetQuantities: { userErrors: UserError[] } }>(ctx, SET_QUANTITIES, {
      key: idempotencyKey,
      input: { name: 'available', reason: 'correction', referenceDocumentUri: reference, quantities: lines },
    });
    return ShopifyInventoryClient.result(data.inventorySetQuantities.userErrors, cost);
  }

  async adjustAvailable(ctx: ChannelContext, lines: AdjustLine[], idempotencyKey: string, reference: string): Promise<InventoryWriteResult> {
    const { data, cost } = await this.graphql.request<{ inventoryAdjustQuantities: { userErrors: UserError[] } }>(ctx, ADJUST_QUANTITIES, {
      key: idempotencyKey,
      input: {
        name: 'available',
        reason: 'correction',
        referenceDocumentUri: reference,
        changes: lines.map((l) => ({ inventoryItemId: l.inventoryItemId, locationId: l.locationId, delta: l.delta, changeFromQuantity: null })),
      },
    });
    return ShopifyInventoryClient.result(data.inventoryAdjustQuantities.userErrors, cost);
  }

  /** Shopify's available quantity per pair; a pair whose item is not stocked at the location reads as 0. */
  async readAvailable(ctx: ChannelContext, pairs: InventoryPair[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    const ids = [...new Set(pairs.map((p) => p.inventoryItemId))];
    for (let i = 0; i < ids.length; i += 100) {
      const { data } = await this.graphql.request<{
        nodes: ({ id: string; inventoryLevels: { nodes: { location: { id: string }; quantities: { name: string; quantity: number }[] }[] } } | null)[];
      }>(ctx, READ_LEVELS, { ids: ids.slice(i, i + 100) });
      for (const node of data.nodes) {
        for (const level of node?.inventoryLevels.nodes ?? []) {
          found.set(`${node?.id}@${level.location.id}`, level.quantities.find((q) => q.name === 'available')?.quantity ?? 0);
        }
      }
    }
    return new Map(pairs.map((p) => [pairKey(p), found.get(pairKey(p)) ?? 0]));
  }

  static pairKey(p: InventoryPair): string {
    return pairKey(p);
  }

  private static result(userErrors: UserError[], cost: GraphqlCost | null): InventoryWriteResult {
    const staleIndexes = userErrors
      .filter((e) => e.code === 'CHANGE_FROM_QUANTITY_STALE')
      .map((e) => Number((e.field ?? [])[2]))
      .filter((n) => Number.isInteger(n));
    return { staleIndexes, userErrors, cost };
  }
}
