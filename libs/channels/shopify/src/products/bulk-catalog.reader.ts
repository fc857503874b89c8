import { Injectable } from '@nestjs/common';
import type { ChannelContext } from '@gantry/core';
import { ShopifyBulkOperationClient } from '../graphql/shopify-bulk-operation.client';
import { CATALOG_PAGE_SIZE, toCatalogItem, type ShopifyCatalogItem, type VariantNode } from '../shopify-channel.adapter';

const VARIANT_GID = 'gid://shopify/ProductVariant/';

/** Large catalogs through a bulk export of the variants, read in batches of a catalog page. */
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

  /** The exported variants with an id above `afterId`, in batches of a catalog page. */
  async *read(url: string, afterId: string | null): AsyncGenerator<ShopifyCatalogItem[]> {
    let batch: ShopifyCatalogItem[] = [];
    for await (const lines of this.bulk.lines(url)) {
      for (const line of lines) {
        const item = BulkCatalogReader.item(line, afterId);
        if (item && batch.push(item) >= CATALOG_PAGE_SIZE) {
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
