import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { OutboxTopic } from '../outbox/outbox-topic';
import { OutboxWriter } from '../outbox/outbox.writer';

/** One channel item mapped to one warehouse product. */
export interface ChannelProductMapping {
  productId: string;
  sku: string | null;
  /** The sellable unit on the channel (a Shopify variant). */
  externalId: string;
  externalProductId: string | null;
  /** The unit the channel counts stock of (a Shopify inventory item); null when it tracks none. */
  stockItemId: string | null;
}

/** A store's product mappings: written by catalog syncs, read by every flow that names a product on the channel. */
@Injectable()
export class ChannelProductMappingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditService,
  ) {}

  /**
   * The store's mappings of these channel items or products: what a catalog sync must leave alone, asked page by page
   * (two indexed lookups) so a sync of 200,000 variants never holds the store's every mapping.
   */
  mappedAmong(
    storeId: string,
    query: { externalIds: string[]; productIds: string[] },
    manager?: EntityManager,
  ): Promise<{ externalId: string; productId: string }[]> {
    return (manager ?? this.dataSource.manager).query(
      `SELECT external_id AS "externalId", product_id AS "productId"
         FROM channel_product_mapping WHERE store_id = $1 AND external_id = ANY($2::text[])
       UNION
       SELECT external_id, product_id FROM channel_product_mapping WHERE store_id = $1 AND product_id = ANY($3::uuid[])`,
      [storeId, query.externalIds, query.productIds],
    );
  }

  /** Those of these stores that map at least a channel item (one index probe per store). */
  async storesWithMappings(storeIds: string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT s.id FROM unnest($1::uuid[]) AS s(id) WHERE EXISTS (SELECT 1 FROM channel_product_mapping m WHERE m.store_id = s.id)`,
      [storeIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Adds mappings; an item or product the store maps already keeps its mapping. Returns how many it added. */
  async add(storeId: string, rows: ChannelProductMapping[], manager?: EntityManager): Promise<number> {
    if (rows.length === 0) {
      return 0;
    }
    const work = async (m: EntityManager): Promise<number> => {
      const added = await m.query<{ externalId: string; productId: string; sku: string | null }[]>(
        `INSERT INTO channel_product_mapping (store_id, product_id, sku, external_id, external_product_id, stock_item_id)
         SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) ON CONFLICT DO NOTHING
         RETURNING external_id AS "externalId", product_id AS "productId", sku`,
        [
          storeId,
          rows.map((r) => r.productId),
          rows.map((r) => r.sku),
          rows.map((r) => r.externalId),
          rows.map((r) => r.externalProductId),
          rows.map((r) => r.stockItemId),
        ],
      );
      if (added.length > 0) {
        // Stock sync gives the new pairs their first push (absolute) or baseline (delta).
        await this.outbox.append(m, [
          { topic: OutboxTopic.CHANNEL_MAPPINGS_CHANGED, aggregateKey: `store/${storeId}`, payload: { storeId } },
        ]);
      }
      // Catalog syncs on a schedule add mappings all day: only those a person or key asked for are worth an entry.
      if (added.length > 0 && this.audit.attributed()) {
        await this.audit.record(m, {
          action: 'store.product-mappings.add',
          targetType: 'store',
          targetId: storeId,
          storeId,
          before: null,
          after: { added: added.length, mappings: added.slice(0, 100) },
        });
      }
      return added.length;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  /** A page of the store's mappings; `search` matches a part of the SKU or of any id, in any case, across all of them. */
  list(storeId: string, page: { limit?: number; offset?: number; search?: string } = {}): Promise<ChannelProductMapping[]> {
    const search = page.search?.trim() ? `%${page.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    return this.dataSource.query(
      `SELECT product_id AS "productId", sku, external_id AS "externalId", external_product_id AS "externalProductId", stock_item_id AS "stockItemId"
         FROM channel_product_mapping
        WHERE store_id = $1
          AND ($4::text IS NULL OR sku ILIKE $4 OR external_id ILIKE $4 OR external_product_id ILIKE $4
               OR stock_item_id ILIKE $4 OR product_id::text ILIKE $4)
        ORDER BY id LIMIT $2 OFFSET $3`,
      [storeId, Math.min(Math.max(page.limit ?? 1000, 1), 5000), Math.max(page.offset ?? 0, 0), search],
    );
  }

  /** The store's mappings of these channel items or SKUs (order lines name one or both). */
  find(storeId: string, query: { externalIds: string[]; skus: string[] }, manager?: EntityManager): Promise<ChannelProductMapping[]> {
    // Two indexed lookups rather than an OR across both columns.
    return (manager ?? this.dataSource.manager).query(
      `SELECT product_id AS "productId", sku, external_id AS "externalId", external_product_id AS "externalProductId", stock_item_id AS "stockItemId"
         FROM channel_product_mapping WHERE store_id = $1 AND external_id = ANY($2::text[])
       UNION
       SELECT product_id, sku, external_id, external_product_id, stock_item_id
         FROM channel_product_mapping WHERE store_id = $1 AND sku = ANY($3::text[])`,
      [storeId, query.externalIds, query.skus],
    );
  }
}
