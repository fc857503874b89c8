import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainException } from '../errors/domain.exception';
import { OutboxTopic } from '../outbox/outbox-topic';
import { OutboxWriter } from '../outbox/outbox.writer';
import { WarehousePort } from '../ports/warehouse.port';

/** Which warehouse (and shipping process) backs one channel location of a store. */
export interface ChannelLocationMapping {
  channelLocationId: string;
  warehouseId: string;
  shippingProcessId: string;
  /** The location new orders without one go to; exactly one per store. */
  isDefault: boolean;
}

/** A store's location mappings: checked against the warehouse (through its port) and replaced as a whole. */
@Injectable()
export class ChannelLocationMappingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly warehouse: WarehousePort,
    private readonly outbox: OutboxWriter,
    private readonly audit: AuditService,
  ) {}

  list(storeId: string): Promise<ChannelLocationMapping[]> {
    return this.dataSource.query(
      `SELECT channel_location_id AS "channelLocationId", warehouse_id AS "warehouseId", shipping_process_id AS "shippingProcessId",
              is_default AS "isDefault"
         FROM channel_location_mapping WHERE store_id = $1 ORDER BY is_default DESC, channel_location_id`,
      [storeId],
    );
  }

  /** Those of these stores that map at least a location (one index probe per store). */
  async storesWithMappings(storeIds: string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT s.id FROM unnest($1::uuid[]) AS s(id) WHERE EXISTS (SELECT 1 FROM channel_location_mapping m WHERE m.store_id = s.id)`,
      [storeIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Replaces the store's mappings after checking every rule (errors name the item as `[i].field`); nothing changes
   * when one fails. The caller has checked that the locations exist on the channel.
   */
  async replace(storeId: string, mappings: ChannelLocationMapping[]): Promise<ChannelLocationMapping[]> {
    await this.check(mappings);
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.query<ChannelLocationMapping[]>(
        `DELETE FROM channel_location_mapping WHERE store_id = $1
         RETURNING channel_location_id AS "channelLocationId", warehouse_id AS "warehouseId", shipping_process_id AS "shippingProcessId", is_default AS "isDefault"`,
        [storeId],
      );
      await manager.query(
        `INSERT INTO channel_location_mapping (store_id, channel_location_id, warehouse_id, shipping_process_id, is_default)
         SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::uuid[], $5::boolean[])`,
        [
          storeId,
          mappings.map((m) => m.channelLocationId),
          mappings.map((m) => m.warehouseId),
          mappings.map((m) => m.shippingProcessId),
          mappings.map((m) => m.isDefault),
        ],
      );
      // Stock sync starts (or stops) tracking the pairs this adds or removes.
      await this.outbox.append(manager, [
        { topic: OutboxTopic.CHANNEL_MAPPINGS_CHANGED, aggregateKey: `store/${storeId}`, payload: { storeId } },
      ]);
      await this.audit.record(manager, {
        action: 'store.location-mappings.replace',
        targetType: 'store',
        targetId: storeId,
        storeId,
        before: returnedRows(before),
        after: mappings,
      });
    });
    return this.list(storeId);
  }

  private async check(mappings: ChannelLocationMapping[]): Promise<void> {
    const defaults = mappings.filter((m) => m.isDefault).length;
    if (defaults !== 1) {
      throw DomainException.invalid(`Exactly one mapping must be the default for new orders (found ${defaults})`, [
        { field: 'isDefault', message: 'exactly one must be true' },
      ]);
    }
    const seen = new Set<string>();
    mappings.forEach((m, i) => {
      if (seen.has(m.channelLocationId)) {
        throw DomainException.invalid(`Location ${m.channelLocationId} is mapped twice`, [
          { field: `[${i}].locationId`, message: 'is mapped twice' },
        ]);
      }
      seen.add(m.channelLocationId);
    });
    const warehouses = new Set(await this.warehouse.existingWarehouses(mappings.map((m) => m.warehouseId)));
    const processWarehouse = new Map(
      (await this.warehouse.shippingProcesses(mappings.map((m) => m.shippingProcessId))).map((p) => [p.id, p.warehouseId]),
    );
    mappings.forEach((m, i) => {
      if (!warehouses.has(m.warehouseId)) {
        throw DomainException.notFound(`No warehouse ${m.warehouseId}`, `[${i}].warehouseId`);
      }
      const owner = processWarehouse.get(m.shippingProcessId);
      if (!owner) {
        throw DomainException.notFound(`No shipping process ${m.shippingProcessId}`, `[${i}].shippingProcessId`);
      }
      if (owner !== m.warehouseId) {
        throw DomainException.invalid(`Shipping process ${m.shippingProcessId} belongs to another warehouse`, [
          { field: `[${i}].shippingProcessId`, message: 'must be a shipping process of the mapped warehouse' },
        ]);
      }
    });
    const byWarehouse = new Map<string, string>();
    for (const m of mappings) {
      const other = byWarehouse.get(m.warehouseId);
      if (other) {
        throw DomainException.conflict(
          `Warehouse ${m.warehouseId} would back both ${other} and ${m.channelLocationId}: that would sell the same stock twice`,
          'warehouseId',
        );
      }
      byWarehouse.set(m.warehouseId, m.channelLocationId);
    }
  }
}

// TypeORM's postgres driver answers a DELETE … RETURNING as [rows, affected].
function returnedRows(result: unknown): unknown[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as unknown[]) : (result as unknown[]);
}
