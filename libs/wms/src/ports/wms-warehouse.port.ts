import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  WarehousePort,
  type NewWarehouseProduct,
  type WarehouseLevel,
  type WarehouseLevelKey,
  type WarehouseOrderCancel,
  type WarehouseOrderDraft,
  type WarehouseOrderSync,
  type WarehouseProduct,
  type WarehouseReturnDraft,
  type WarehouseReturnReceipt,
  type WarehouseReturnSync,
  type WarehouseShipment,
  type WarehouseVersionRange,
} from '@gantry/core';
import { DataSource, type EntityManager } from 'typeorm';
import { ChannelOrderSyncService } from '../order/channel-order-sync.service';
import { ChannelReturnSyncService } from '../return/channel-return-sync.service';

/** The warehouse as the core's flows see it: stock reads are each one set-based query; orders and returns go to their services. */
@Injectable()
export class WmsWarehousePort extends WarehousePort {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly channelOrders: ChannelOrderSyncService,
    private readonly channelReturns: ChannelReturnSyncService,
  ) {
    super();
  }

  async levels(keys: WarehouseLevelKey[], manager?: EntityManager): Promise<WarehouseLevel[]> {
    if (keys.length === 0) {
      return [];
    }
    const rows = await this.run(manager).query<{ idx: number; available: number; version: string }[]>(
      `SELECT v.idx::int AS idx, coalesce(l.on_hand - l.reserved, 0)::int AS available, coalesce(l.version, 0)::text AS version
         FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS v(warehouse_id, product_id, idx)
         LEFT JOIN stock_level l ON l.warehouse_id = v.warehouse_id AND l.product_id = v.product_id`,
      [keys.map((k) => k.warehouseId), keys.map((k) => k.productId)],
    );
    const byIndex = new Map(rows.map((r) => [r.idx, r]));
    return keys.map((k, i) => ({ ...k, available: byIndex.get(i + 1)?.available ?? 0, version: byIndex.get(i + 1)?.version ?? '0' }));
  }

  async storeEffects(storeId: string, ranges: WarehouseVersionRange[], manager?: EntityManager): Promise<number[]> {
    if (ranges.length === 0) {
      return [];
    }
    const rows = await this.run(manager).query<{ idx: number; own: number }[]>(
      `SELECT v.idx::int AS idx, coalesce(sum(e.available_delta), 0)::int AS own
         FROM unnest($2::uuid[], $3::uuid[], $4::bigint[], $5::bigint[]) WITH ORDINALITY AS v(warehouse_id, product_id, from_version, to_version, idx)
         LEFT JOIN stock_store_effect e ON e.warehouse_id = v.warehouse_id AND e.product_id = v.product_id AND e.store_id = $1
              AND e.version > v.from_version AND e.version <= v.to_version
        GROUP BY v.idx`,
      [
        storeId,
        ranges.map((r) => r.warehouseId),
        ranges.map((r) => r.productId),
        ranges.map((r) => r.fromVersion),
        ranges.map((r) => r.toVersion),
      ],
    );
    const own = new Array<number>(ranges.length).fill(0);
    for (const row of rows) {
      own[row.idx - 1] = row.own;
    }
    return own;
  }

  findProducts(query: { skus: string[]; barcodes: string[] }, manager?: EntityManager): Promise<WarehouseProduct[]> {
    // Two indexed lookups: an OR across both columns makes PostgreSQL scan the whole product table.
    return this.run(manager).query(
      `SELECT id, sku, barcode FROM product WHERE sku = ANY($1::text[])
       UNION
       SELECT id, sku, barcode FROM product WHERE barcode = ANY($2::text[])`,
      [query.skus, query.barcodes],
    );
  }

  async createProducts(products: NewWarehouseProduct[], manager?: EntityManager): Promise<WarehouseProduct[]> {
    if (products.length === 0) {
      return [];
    }
    return this.run(manager).query(
      `INSERT INTO product (sku, barcode, name) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (sku) DO NOTHING RETURNING id, sku, barcode`,
      [products.map((p) => p.sku), products.map((p) => p.barcode), products.map((p) => p.name)],
    );
  }

  async existingWarehouses(ids: string[]): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM warehouse WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map((r) => r.id);
  }

  shippingProcesses(ids: string[]): Promise<{ id: string; warehouseId: string }[]> {
    return this.dataSource.query(`SELECT id, warehouse_id AS "warehouseId" FROM shipping_process WHERE id = ANY($1::uuid[])`, [ids]);
  }

  syncOrder(manager: EntityManager, draft: WarehouseOrderDraft, orderId: string | null): Promise<WarehouseOrderSync> {
    return this.channelOrders.sync(manager, draft, orderId);
  }

  cancelOrder(manager: EntityManager, orderId: string): Promise<WarehouseOrderCancel> {
    return this.channelOrders.cancel(manager, orderId);
  }

  holdOrder(manager: EntityManager, orderId: string, reason: string): Promise<void> {
    return this.channelOrders.hold(manager, orderId, reason);
  }

  expectReturn(manager: EntityManager, draft: WarehouseReturnDraft): Promise<WarehouseReturnSync> {
    return this.channelReturns.expect(manager, draft);
  }

  withdrawReturn(manager: EntityManager, returnId: string, reason: string): Promise<{ outcome: 'withdrawn' | 'held' }> {
    return this.channelReturns.withdraw(manager, returnId, reason);
  }

  returnReceipt(returnId: string, manager?: EntityManager): Promise<WarehouseReturnReceipt | null> {
    return this.channelReturns.receipt(this.run(manager), returnId);
  }

  async shipment(id: string, manager?: EntityManager): Promise<WarehouseShipment | null> {
    const [row] = await this.run(manager).query<
      {
        id: string;
        order_id: string;
        store_id: string | null;
        carrier: string;
        parcels: WarehouseShipment['parcels'];
        lines: { externalLineId: string | null; quantity: number }[];
      }[]
    >(
      `SELECT s.id, s.order_id, o.store_id, s.carrier, s.parcels, s.lines FROM shipment s JOIN outbound_order o ON o.id = s.order_id WHERE s.id = $1`,
      [id],
    );
    if (!row) {
      return null;
    }
    return {
      id: row.id,
      orderId: row.order_id,
      storeId: row.store_id,
      carrier: row.carrier,
      parcels: row.parcels,
      lines: row.lines.flatMap((l) => (l.externalLineId ? [{ externalLineId: l.externalLineId, quantity: l.quantity }] : [])),
    };
  }

  private run(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }
}
