import { Injectable } from '@nestjs/common';
import type { ChannelContext } from '@gantry/core';
import { ShopifyBulkOperationClient } from '../graphql/shopify-bulk-operation.client';
import { toCatalogItem, type ShopifyCatalogItem, type VariantNode } from '../shopify-channel.adapter';

const VARIANT_GID = 'gid://shopify/ProductVariant/';
/**
 * Variants per batch of an export. Each batch costs the sync a fixed number of statements in one transaction, so
 * larger batches cut round trips (a 200,000-variant catalog in 200 batches, not 800); 1,000 still fits one SQL array
 * per column and a few hundred KB of memory.
 */
export const BULK_BATCH_SIZE = 1000;

/** Large catalogs through a bulk export of the variants, read in batches of BULK_BATCH_SIZE. */
@Injectable()
export class BulkCatalogReader {
  constructor(private readonly bulk: ShopifyBulkOperationClient) {}

  /**
   * Starts an export of the variants from `fromId` on (variants come in id order). `>=` and not `>`: ids exceed 2^53,
   * and a search that compares them as doubles could drop the next id; `read` drops the ones already seen instead.
   */
  start(ctx: ChannelContext, fromId: string | null): Promise<string> {
    const filter = fromId ? `(query: ${JSON.stringify(`id:>=${fromId}`)})` : '';
    return this.bulk.start(
      ctx,
      `{ productVariants${filter} { edges { node { id sku barcode title product { id title } inventoryItem { id } } } } }`,
    );
  }

  /** Waits for the export; the file's URL, or null when it exported nothing. */
  waitFor(ctx: ChannelContext, id: string): Promise<string | null> {
    return this.bulk.waitFor(ctx, id);
  }

  /** The exported variants with an id above `afterId`, in batches of `size`. */
  async *read(url: string, afterId: string | null, size = BULK_BATCH_SIZE): AsyncGenerator<ShopifyCatalogItem[]> {
    let batch: ShopifyCatalogItem[] = [];
    for await (const lines of this.bulk.lines(url)) {
      for (const line of lines) {
        const item = BulkCatalogReader.item(line, afterId);
        if (item && batch.push(item) >= size) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) {
      yield batch;
    }
  }

  /** A JSONL line as a catalog item (see `item`). */
  static parseLine(line: string, afterId: string | null): ShopifyCatalogItem | null {
    return BulkCatalogReader.item(ShopifyBulkOperationClient.parseLine(line), afterId);
  }

  /** A line of the export as a catalog item; null when it is not a variant or at/below `afterId`. */
  static item(line: unknown, afterId: string | null): ShopifyCatalogItem | null {
    const node = line as VariantNode | null;
    if (typeof node?.id !== 'string' || !node.id.startsWith(VARIANT_GID)) {
      return null;
    }
    return afterId && !idAbove(node.id.slice(VARIANT_GID.length), afterId) ? null : toCatalogItem(node);
  }
}

/** Decimal ids compared as strings (no leading zeros): longer is larger; BigInt per line costs more. */
function idAbove(id: string, floor: string): boolean {
  return id.length !== floor.length ? id.length > floor.length : id > floor;
}
