import { Injectable } from '@nestjs/common';
import { StockChannelEditService, type ChannelStockEdit } from '@gantry/core';
import type { EntityManager } from 'typeorm';
import { parseLossless } from '../graphql/shopify-graphql.client';

interface InventoryLevelPayload {
  inventory_item_id?: unknown;
  location_id?: unknown;
  available?: unknown;
  updated_at?: unknown;
}

/** One inventory_levels/update delivery to decide; `key` names it in the answer (the inbox row id). */
export interface LevelDelivery {
  key: string;
  storeId: string;
  rawBody: string;
}

/**
 * inventory_levels/update: Shopify's word for one quantity, translated into a channel stock edit; the stock engine
 * decides whether it is an echo of our push, a first value, or drift. A batch of deliveries is decided together.
 */
@Injectable()
export class InventoryLevelWebhookHandler {
  constructor(private readonly edits: StockChannelEditService) {}

  async handleMany(manager: EntityManager, deliveries: LevelDelivery[]): Promise<Map<string, string>> {
    const parsed: ChannelStockEdit[] = [];
    const malformed = new Map<string, string>();
    for (const delivery of deliveries) {
      const edit = InventoryLevelWebhookHandler.parse(delivery);
      if (edit) {
        parsed.push(edit);
      } else {
        malformed.set(delivery.key, 'ignored-malformed');
      }
    }
    const outcomes = await this.edits.apply(manager, parsed);
    return new Map([...malformed, ...outcomes]);
  }

  private static parse(delivery: LevelDelivery): ChannelStockEdit | null {
    let body: InventoryLevelPayload;
    try {
      body = parseLossless(delivery.rawBody) as InventoryLevelPayload;
    } catch {
      return null;
    }
    const itemId = body.inventory_item_id;
    const locationId = body.location_id;
    if (
      (typeof itemId !== 'string' && typeof itemId !== 'number') ||
      (typeof locationId !== 'string' && typeof locationId !== 'number') ||
      typeof body.available !== 'number'
    ) {
      return null;
    }
    return {
      key: delivery.key,
      storeId: delivery.storeId,
      channelItemId: `gid://shopify/InventoryItem/${String(itemId)}`,
      channelLocationId: `gid://shopify/Location/${String(locationId)}`,
      available: body.available,
      updatedAt: typeof body.updated_at === 'string' ? new Date(body.updated_at) : null,
    };
  }
}
